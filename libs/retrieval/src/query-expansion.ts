import type { TermDictionary } from './term-dictionary';

/** One query term and the vocabulary terms that may stand in for it, each with a score weight. */
export interface QueryClause {
  term: string;
  /** How often the term occurs in the query (its score is multiplied by this). */
  multiplicity: number;
  alternatives: { term: string; weight: number }[];
}

export interface QueryExpansionOptions {
  typoTolerance: boolean;
  prefixLast: boolean;
  /** Terms with a document frequency below this are also expanded to more frequent near spellings. */
  rareDocumentFrequency: number;
  /** Score factor per edit of a corrected term: weight = typoDiscount^distance. */
  typoDiscount: number;
  maxCorrections: number;
  /** Score factor of a completion of the last term (the exact term keeps 1). */
  prefixDiscount: number;
  maxCompletions: number;
}

/**
 * Turns analysed query terms into clauses: the term itself when it is in the vocabulary; for an
 * unknown or rare term, its nearest corrections (only those more frequent than the term itself);
 * for the last term in prefix mode, its most frequent completions.
 */
export function expandQuery(terms: readonly string[], dictionary: TermDictionary, options: QueryExpansionOptions): QueryClause[] {
  const clauses = new Map<string, QueryClause>();
  terms.forEach((term, position) => {
    const existing = clauses.get(term);
    if (existing) {
      existing.multiplicity++;
      return;
    }
    const df = dictionary.documentFrequency(term);
    const alternatives = df > 0 ? [{ term, weight: 1 }] : [];
    if (options.typoTolerance && df < options.rareDocumentFrequency) {
      const corrections = dictionary.corrections(term).filter((c) => c.documentFrequency > df);
      const nearest = corrections.length > 0 ? corrections[0].distance : 0;
      for (const c of corrections.filter((c) => c.distance === nearest).slice(0, options.maxCorrections)) {
        alternatives.push({ term: c.term, weight: Math.pow(options.typoDiscount, c.distance) });
      }
    }
    if (options.prefixLast && position === terms.length - 1) {
      for (const c of dictionary.completions(term, options.maxCompletions + 1)) {
        if (c.term !== term && alternatives.length <= options.maxCompletions) {
          alternatives.push({ term: c.term, weight: options.prefixDiscount });
        }
      }
    }
    clauses.set(term, { term, multiplicity: 1, alternatives });
  });
  return [...clauses.values()];
}
