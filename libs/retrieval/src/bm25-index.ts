import { topK } from '@magpie/math';
import { BM25_DEFAULTS, DEFAULT_BM25_FIELDS, type Bm25Options } from './bm25-options';
import type { FieldTerms, KeywordHit, KeywordIndex, KeywordSearchOptions, KeywordSearchResult, TermCount } from './keyword-index';
import { expandQuery, type QueryClause, type QueryExpansionOptions } from './query-expansion';
import { TermDictionary } from './term-dictionary';

/** Documents containing one term: their slots and, per slot, the term frequency in each field. */
interface Posting {
  slots: number[];
  /** Flattened: `tf[i * fieldCount + f]` = occurrences in field f of the document at `slots[i]`. */
  tf: number[];
}

/**
 * In-memory BM25F keyword index with incremental add/update/remove, typo tolerance and prefix search.
 *
 * Per document d and term t, field-weighted term frequency with per-field length normalisation:
 *   tf̃(t,d) = Σ_f w_f · tf(t,d,f) / (1 − b_f + b_f · len_f(d) / avglen_f)
 *   score(q,d) = Σ_{t∈q} idf(t) · tf̃(t,d) · (k1 + 1) / (k1 + tf̃(t,d))
 *   idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
 * A query term expanded to alternatives (typo corrections, prefix completions) scores the best
 * alternative per document, times that alternative's discount.
 */
export class Bm25Index implements KeywordIndex {
  private readonly k1: number;
  private readonly fieldNames: string[];
  private readonly fieldWeights: Float64Array;
  private readonly fieldB: Float64Array;
  private readonly expansion: QueryExpansionOptions;
  private readonly dictionary: TermDictionary;
  private readonly postings = new Map<string, Posting>();
  private readonly slotOfId = new Map<number, number>();
  /** slot → document id (−1 for a free slot). */
  private readonly ids: number[] = [];
  private readonly freeSlots: number[] = [];
  /** field → slot → length in terms. */
  private readonly lengths: number[][];
  private readonly lengthSums: Float64Array;
  /** slot → the document's distinct terms (to remove it and to report matched terms). */
  private readonly docTerms: (string[] | null)[] = [];
  // Scratch buffers reused by every search (searches are synchronous, so never shared).
  private totals = new Float64Array(0);
  private best = new Float64Array(0);
  private state = new Uint8Array(0);

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? BM25_DEFAULTS.k1;
    const b = options.b ?? BM25_DEFAULTS.b;
    const fields = Object.entries(options.fields ?? DEFAULT_BM25_FIELDS).map(([name, f]) =>
      typeof f === 'number' ? { name, weight: f, b } : { name, weight: f.weight, b: f.b ?? b },
    );
    if (fields.length === 0) throw new Error('Bm25Index needs at least one field');
    this.fieldNames = fields.map((f) => f.name);
    this.fieldWeights = Float64Array.from(fields, (f) => f.weight);
    this.fieldB = Float64Array.from(fields, (f) => f.b);
    this.lengths = fields.map(() => []);
    this.lengthSums = new Float64Array(fields.length);
    this.dictionary = new TermDictionary(options.dictionary);
    this.expansion = {
      typoTolerance: true,
      prefixLast: false,
      rareDocumentFrequency: options.rareDocumentFrequency ?? BM25_DEFAULTS.rareDocumentFrequency,
      typoDiscount: options.typoDiscount ?? BM25_DEFAULTS.typoDiscount,
      maxCorrections: options.maxCorrections ?? BM25_DEFAULTS.maxCorrections,
      prefixDiscount: options.prefixDiscount ?? BM25_DEFAULTS.prefixDiscount,
      maxCompletions: options.maxCompletions ?? BM25_DEFAULTS.maxCompletions,
    };
  }

  get size(): number {
    return this.slotOfId.size;
  }

  has(id: number): boolean {
    return this.slotOfId.has(id);
  }

  documentFrequency(term: string): number {
    return this.dictionary.documentFrequency(term);
  }

  completions(prefix: string, limit: number): TermCount[] {
    return this.dictionary.completions(prefix, limit);
  }

  add(id: number, fields: FieldTerms): void {
    if (this.slotOfId.has(id)) throw new Error(`document ${id} is already indexed`);
    const fieldCount = this.fieldNames.length;
    const frequencies = new Map<string, number[]>();
    const fieldLengths = this.fieldNames.map(() => 0);
    for (const [name, terms] of Object.entries(fields)) {
      const f = this.fieldNames.indexOf(name);
      if (f < 0) throw new Error(`unknown field "${name}" (known: ${this.fieldNames.join(', ')})`);
      fieldLengths[f] += terms.length;
      for (const term of terms) {
        let tf = frequencies.get(term);
        if (!tf) frequencies.set(term, (tf = new Array<number>(fieldCount).fill(0)));
        tf[f]++;
      }
    }
    const slot = this.freeSlots.pop() ?? this.ids.length;
    this.ids[slot] = id;
    this.slotOfId.set(id, slot);
    fieldLengths.forEach((length, f) => {
      this.lengths[f][slot] = length;
      this.lengthSums[f] += length;
    });
    for (const [term, tf] of frequencies) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = { slots: [], tf: [] }));
      posting.slots.push(slot);
      for (let f = 0; f < fieldCount; f++) posting.tf.push(tf[f]);
      this.dictionary.increment(term);
    }
    this.docTerms[slot] = [...frequencies.keys()];
  }

  update(id: number, fields: FieldTerms): void {
    this.remove(id);
    this.add(id, fields);
  }

  remove(id: number): boolean {
    const slot = this.slotOfId.get(id);
    if (slot === undefined) return false;
    const fieldCount = this.fieldNames.length;
    for (const term of this.docTerms[slot] ?? []) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const at = posting.slots.lastIndexOf(slot);
      const last = posting.slots.length - 1;
      posting.slots[at] = posting.slots[last];
      posting.slots.pop();
      for (let f = 0; f < fieldCount; f++) posting.tf[at * fieldCount + f] = posting.tf[last * fieldCount + f];
      posting.tf.length = last * fieldCount;
      if (posting.slots.length === 0) this.postings.delete(term);
      this.dictionary.decrement(term);
    }
    for (let f = 0; f < fieldCount; f++) this.lengthSums[f] -= this.lengths[f][slot];
    this.docTerms[slot] = null;
    this.ids[slot] = -1;
    this.freeSlots.push(slot);
    this.slotOfId.delete(id);
    return true;
  }

  search(terms: readonly string[], options: KeywordSearchOptions = {}): KeywordSearchResult {
    const limit = Math.max(0, Math.floor(options.limit ?? 10));
    const clauses = expandQuery(terms, this.dictionary, {
      ...this.expansion,
      typoTolerance: options.typoTolerance ?? true,
      prefixLast: options.prefixLast ?? false,
    });
    const matched = this.scoreClauses(clauses, options.filter);
    const hits: KeywordHit[] = this.bestSlots(matched, limit).map((slot) => ({
      id: this.ids[slot],
      score: this.totals[slot],
      matchedTerms: this.matchedTerms(slot, clauses),
    }));
    const matchedIds = matched.map((slot) => this.ids[slot]);
    for (const slot of matched) this.totals[slot] = 0;
    return { hits, matchedIds };
  }

  /** Accumulates clause scores into `totals`; returns the matched slots that passed the filter. */
  private scoreClauses(clauses: QueryClause[], filter?: (id: number) => boolean): number[] {
    this.ensureScratch();
    const n = this.size;
    const fieldCount = this.fieldNames.length;
    const averages = Float64Array.from(this.lengthSums, (sum) => (n > 0 && sum > 0 ? sum / n : 1));
    const matched: number[] = [];
    const visited: number[] = [];
    for (const clause of clauses) {
      const clauseSlots: number[] = [];
      for (const { term, weight } of clause.alternatives) {
        const posting = this.postings.get(term);
        if (!posting) continue;
        const df = posting.slots.length;
        const scale = weight * Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (this.k1 + 1);
        for (let i = 0; i < posting.slots.length; i++) {
          const slot = posting.slots[i];
          let state = this.state[slot];
          if (state === 0) {
            state = !filter || filter(this.ids[slot]) ? 1 : 2;
            this.state[slot] = state;
            visited.push(slot);
            if (state === 1) matched.push(slot);
          }
          if (state === 2) continue;
          let tf = 0;
          for (let f = 0; f < fieldCount; f++) {
            const raw = posting.tf[i * fieldCount + f];
            if (raw === 0) continue;
            const b = this.fieldB[f];
            tf += (this.fieldWeights[f] * raw) / (1 - b + (b * this.lengths[f][slot]) / averages[f]);
          }
          const score = (scale * tf) / (this.k1 + tf);
          if (this.best[slot] === 0) clauseSlots.push(slot);
          if (score > this.best[slot]) this.best[slot] = score;
        }
      }
      for (const slot of clauseSlots) {
        this.totals[slot] += this.best[slot] * clause.multiplicity;
        this.best[slot] = 0;
      }
    }
    for (const slot of visited) this.state[slot] = 0;
    return matched;
  }

  /** The `limit` best slots by total score; equal scores at the cut-off are settled by lower id. */
  private bestSlots(matched: number[], limit: number): number[] {
    const scores = Float64Array.from(matched, (slot) => this.totals[slot]);
    let chosen = topK(scores, limit).map((i) => matched[i]);
    if (chosen.length === limit && limit > 0) {
      const cutoff = this.totals[chosen[chosen.length - 1]];
      const above = chosen.filter((slot) => this.totals[slot] > cutoff);
      const tied = matched.filter((slot) => this.totals[slot] === cutoff).sort((a, b) => this.ids[a] - this.ids[b]);
      chosen = above.concat(tied.slice(0, limit - above.length));
    }
    return chosen.sort((a, b) => this.totals[b] - this.totals[a] || this.ids[a] - this.ids[b]);
  }

  private matchedTerms(slot: number, clauses: QueryClause[]): string[] {
    const terms = this.docTerms[slot] ?? [];
    const found = new Set<string>();
    for (const clause of clauses) {
      for (const alternative of clause.alternatives) if (terms.includes(alternative.term)) found.add(alternative.term);
    }
    return [...found];
  }

  private ensureScratch(): void {
    const capacity = this.ids.length;
    if (this.totals.length >= capacity) return;
    const size = Math.max(capacity, this.totals.length * 2, 1024);
    this.totals = new Float64Array(size);
    this.best = new Float64Array(size);
    this.state = new Uint8Array(size);
  }
}
