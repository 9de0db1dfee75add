import type { Product } from '@magpie/contracts';
import { TermDictionary } from '@magpie/retrieval';
import type { Analyzer } from '../analyzer';

/** A query completion. */
export interface Suggestion {
  text: string;
  /** Title completions: number of products whose title contains the completed word; past queries: times issued. */
  count: number;
}

// The last run of one script: a Chinese run ("蓝牙耳") or a run of other letters/digits ("iph").
// Chinese runs are split from Latin ones because "苹果iph" completes "iph", not "苹果iph".
const LAST_RUN = /(?:\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+)$/u;
const HAN = /\p{Script=Han}/u;
/** Longest Chinese tail tried as the partial word (words in titles are rarely longer). */
const MAX_HAN_PARTIAL = 6;

/** Lower case, NFKC (full-width → ASCII), runs of spaces as one, no leading space: how typed text is compared. */
export const normalizeTyped = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trimStart();

/**
 * Completes the last word of a typed prefix from the words of product titles (surface forms, not
 * stems), most frequent first. Chinese has no spaces, so for a Chinese tail the longest tail that
 * starts a title word is completed ("蓝牙耳" → "蓝牙" + "耳机"). Past queries are merged in by
 * `mergeSuggestions` (see `QueryLog`).
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

  /**
   * "Cordless dr" → ["cordless drill", "cordless driver", …]; "蓝牙耳" → ["蓝牙耳机"]; nothing when
   * the prefix ends in a space.
   */
  suggest(prefix: string, first: number): Suggestion[] {
    const typed = normalizeTyped(prefix);
    const run = typed.match(LAST_RUN)?.[0];
    if (!run || first === 0) return [];
    const partials = HAN.test(run) ? hanTails(run) : [run];
    for (const partial of partials) {
      const head = typed.slice(0, typed.length - partial.length);
      const found = this.dictionary
        .completions(partial, first + 1)
        .map((c) => ({ text: head + c.term, count: c.documentFrequency }))
        // A shorter Chinese tail that only repeats what was typed ("智能手" → "能手") completes nothing.
        .filter((s) => partial === run || s.text !== typed)
        .slice(0, first);
      if (found.length > 0) return found;
    }
    return [];
  }
}

/** Tails of a Chinese run, longest first: "蓝牙耳" → ["蓝牙耳", "牙耳", "耳"]. */
function hanTails(run: string): string[] {
  const chars = [...run];
  const tails: string[] = [];
  for (let start = Math.max(0, chars.length - MAX_HAN_PARTIAL); start < chars.length; start++) tails.push(chars.slice(start).join(''));
  return tails;
}

/**
 * Past-query completions first (they are whole queries that found something), then title-word
 * completions not already there, at most `first` in all.
 */
export function mergeSuggestions(pastQueries: Suggestion[], titleWords: Suggestion[], first: number): Suggestion[] {
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  for (const suggestion of [...pastQueries, ...titleWords]) {
    if (out.length >= first) break;
    const key = suggestion.text.trimEnd();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(suggestion);
  }
  return out;
}
