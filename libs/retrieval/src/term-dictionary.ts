import { damerauLevenshtein } from './damerau-levenshtein';
import type { TermCount } from './keyword-index';

/** A vocabulary term within the allowed edit distance of a query term. */
export interface TermCorrection extends TermCount {
  distance: number;
}

export interface TermDictionaryOptions {
  /** Query terms shorter than this are never corrected (default 4: short words have too many neighbours). */
  minCorrectionLength?: number;
  /** Query terms at least this long may be corrected by 2 edits instead of 1 (default 8). */
  twoEditLength?: number;
  /** Deletions are generated from this many leading characters only (SymSpell's prefix length, default 7). */
  prefixLength?: number;
  /** Keep the deletion index that `corrections` needs (default true; false saves time and memory). */
  typoCorrection?: boolean;
}

// Digits (sizes, model numbers) and Han characters (one edit changes the word) are never corrected.
const uncorrectable = /[\d\p{Script=Han}]/u;

/**
 * Vocabulary with document frequencies, prefix completion and typo correction.
 *
 * Corrections use a SymSpell-style deletion neighbourhood: every term is stored under each string
 * obtained by deleting up to two characters from its first `prefixLength` characters. Two terms within
 * Damerau–Levenshtein distance d share such a key with at most d deletions on each side, so a lookup
 * generates the query's deletions, collects the terms stored under them and verifies the true distance.
 * Terms containing digits (sizes, model numbers) or Han characters are never corrected nor offered as
 * corrections.
 */
export class TermDictionary {
  private readonly counts = new Map<string, number>();
  private readonly deletions = new Map<string, string[]>();
  private sorted: string[] | null = null;
  private readonly minCorrectionLength: number;
  private readonly twoEditLength: number;
  private readonly prefixLength: number;
  private readonly typoCorrection: boolean;

  constructor(options: TermDictionaryOptions = {}) {
    this.typoCorrection = options.typoCorrection ?? true;
    this.minCorrectionLength = options.minCorrectionLength ?? 4;
    this.twoEditLength = options.twoEditLength ?? 8;
    this.prefixLength = options.prefixLength ?? 7;
  }

  /** Number of distinct terms. */
  get size(): number {
    return this.counts.size;
  }

  documentFrequency(term: string): number {
    return this.counts.get(term) ?? 0;
  }

  /** Counts one more document containing `term`. */
  increment(term: string): void {
    const count = this.counts.get(term) ?? 0;
    this.counts.set(term, count + 1);
    if (count > 0) return;
    this.sorted = null;
    for (const key of this.deletionKeys(term, this.indexedEdits(term))) {
      const terms = this.deletions.get(key);
      if (terms) terms.push(term);
      else this.deletions.set(key, [term]);
    }
  }

  /** Counts one document fewer containing `term`; the term leaves the vocabulary at zero. */
  decrement(term: string): void {
    const count = this.counts.get(term) ?? 0;
    if (count > 1) {
      this.counts.set(term, count - 1);
      return;
    }
    if (count === 0) return;
    this.counts.delete(term);
    this.sorted = null;
    for (const key of this.deletionKeys(term, this.indexedEdits(term))) {
      const terms = this.deletions.get(key);
      if (!terms) continue;
      const at = terms.indexOf(term);
      if (at >= 0) terms.splice(at, 1);
      if (terms.length === 0) this.deletions.delete(key);
    }
  }

  /** Terms starting with `prefix`, by document frequency descending, then term ascending. */
  completions(prefix: string, limit: number): TermCount[] {
    if (limit <= 0) return [];
    const sorted = this.sortedTerms();
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid] < prefix) low = mid + 1;
      else high = mid;
    }
    const found: TermCount[] = [];
    for (let i = low; i < sorted.length && sorted[i].startsWith(prefix); i++) {
      found.push({ term: sorted[i], documentFrequency: this.documentFrequency(sorted[i]) });
    }
    return found.sort(byFrequency).slice(0, limit);
  }

  /**
   * Vocabulary terms within the allowed distance of `term` (1 edit, or 2 for terms of `twoEditLength`+
   * characters), excluding `term` itself; nearest first, then by document frequency.
   */
  corrections(term: string): TermCorrection[] {
    const maxEdits = this.typoCorrection ? this.allowedEdits(term) : 0;
    if (maxEdits === 0) return [];
    const seen = new Set<string>([term]);
    const found: TermCorrection[] = [];
    for (const key of this.deletionKeys(term, maxEdits)) {
      for (const candidate of this.deletions.get(key) ?? []) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const distance = damerauLevenshtein(term, candidate, maxEdits);
        if (distance <= maxEdits) {
          found.push({ term: candidate, documentFrequency: this.documentFrequency(candidate), distance });
        }
      }
    }
    return found.sort((a, b) => a.distance - b.distance || byFrequency(a, b));
  }

  /** Edits a query term may be corrected by. */
  private allowedEdits(term: string): number {
    if (term.length < this.minCorrectionLength || uncorrectable.test(term)) return 0;
    return term.length >= this.twoEditLength ? 2 : 1;
  }

  /** Deletions stored for a vocabulary term: enough to meet any query term allowed to reach it. */
  private indexedEdits(term: string): number {
    if (!this.typoCorrection) return 0;
    if (term.length < this.minCorrectionLength - 1 || uncorrectable.test(term)) return 0;
    return term.length >= this.twoEditLength - 2 ? 2 : 1;
  }

  /** The term's prefix and every string made by deleting up to `edits` characters from it. */
  private deletionKeys(term: string, edits: number): Set<string> {
    const keys = new Set<string>();
    if (edits === 0) return keys;
    let level = [term.slice(0, this.prefixLength)];
    keys.add(level[0]);
    for (let e = 0; e < edits; e++) {
      const next: string[] = [];
      for (const word of level) {
        if (word.length <= 1) continue;
        for (let i = 0; i < word.length; i++) {
          const key = word.slice(0, i) + word.slice(i + 1);
          if (!keys.has(key)) {
            keys.add(key);
            next.push(key);
          }
        }
      }
      level = next;
    }
    return keys;
  }

  private sortedTerms(): string[] {
    if (!this.sorted) this.sorted = [...this.counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.sorted;
  }
}

const byFrequency = (a: TermCount, b: TermCount) =>
  b.documentFrequency - a.documentFrequency || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
