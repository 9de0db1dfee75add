import type { Product } from '@magpie/contracts';
import { TermDictionary } from '@magpie/retrieval';
import type { Analyzer } from '../analyzer';

/** A query completion. */
export interface Suggestion {
  text: string;
  /** Number of products whose title contains the completed word. */
  count: number;
}

const LAST_WORD = /[\p{L}\p{M}\p{N}]+$/u;

/**
 * Completes the last word of a typed prefix from the words of product titles (surface forms, not
 * stems), most frequent first. Past queries will be a second source later.
 */
export class TitleSuggester {
  private readonly dictionary = new TermDictionary({ typoCorrection: false });
  private readonly wordsOf = new Map<number, string[]>();

  constructor(private readonly analyzer: Analyzer) {}

  upsert(product: Product): void {
    this.remove(product.id);
    const words = [...new Set(this.analyzer.words(product.title))];
    for (const word of words) this.dictionary.increment(word);
    this.wordsOf.set(product.id, words);
  }

  remove(productId: number): void {
    for (const word of this.wordsOf.get(productId) ?? []) this.dictionary.decrement(word);
    this.wordsOf.delete(productId);
  }

  /** "Cordless dr" → ["cordless drill", "cordless driver", …]; nothing when the prefix ends in a space. */
  suggest(prefix: string, first: number): Suggestion[] {
    const typed = prefix.normalize('NFKC').toLowerCase();
    const partial = typed.match(LAST_WORD)?.[0];
    if (!partial) return [];
    const head = typed.slice(0, typed.length - partial.length).replace(/\s+/g, ' ').trimStart();
    return this.dictionary
      .completions(partial, first)
      .map((c) => ({ text: head + c.term, count: c.documentFrequency }));
  }
}
