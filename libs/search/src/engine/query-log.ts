import { normalizeTyped, type Suggestion } from './suggester';

export interface QueryLogOptions {
  /** Distinct queries kept; past it the least recently issued is forgotten (default 10,000). */
  maxQueries?: number;
  /** Longer queries (after normalisation) are not recorded (default 80 characters). */
  maxQueryLength?: number;
  /**
   * Distinct shoppers who must have issued a query before it is suggested to anyone (default 2).
   * Searches without a shopper id all count as one shopper, "anonymous".
   */
  minShoppers?: number;
  /** Half-life of a query's weight: what was popular last month fades (default 7 days). */
  halfLifeMs?: number;
  /** Clock (for tests). */
  now?: () => number;
}

interface Entry {
  text: string;
  /** Times issued. */
  count: number;
  /** Exponentially decayed count as of `at`. */
  weight: number;
  at: number;
  /** Shoppers seen so far, until there are `minShoppers` of them; then null (the query is public). */
  shoppers: Set<string> | null;
}

const ANONYMOUS = '\u0000anonymous';
const HAS_WORD = /[\p{L}\p{N}]/u;
const DAY_MS = 86_400_000;

/**
 * Past queries that found products, for autocomplete. In memory, per process (each gateway replica
 * learns from the searches it serves; nothing is stored, a restart starts empty) and bounded: at most
 * `maxQueries` distinct queries of at most `maxQueryLength` characters, the least recently issued
 * forgotten first, and per query at most `minShoppers` shopper ids, dropped once reached.
 *
 * Privacy: a query is only suggested once `minShoppers` different shoppers have issued it, so what
 * one shopper typed (a name, an address, a health condition) is never shown to others, however often
 * that shopper repeats it. Ranking: most issued first, with counts halving every `halfLifeMs`.
 */
export class QueryLog {
  private readonly maxQueries: number;
  private readonly maxQueryLength: number;
  private readonly minShoppers: number;
  private readonly decayPerMs: number;
  private readonly now: () => number;
  /** Insertion order = recency of the last issue (an entry is re-inserted when issued). */
  private readonly entries = new Map<string, Entry>();

  constructor(options: QueryLogOptions = {}) {
    this.maxQueries = options.maxQueries ?? 10_000;
    this.maxQueryLength = options.maxQueryLength ?? 80;
    this.minShoppers = options.minShoppers ?? 2;
    this.decayPerMs = Math.LN2 / (options.halfLifeMs ?? 7 * DAY_MS);
    this.now = options.now ?? Date.now;
  }

  /** Distinct queries held. */
  get size(): number {
    return this.entries.size;
  }

  /** Counts one issue of `query` by `shopper` (an external user id; absent = anonymous). */
  record(query: string, shopper?: string | null): void {
    const text = normalizeTyped(query).trimEnd();
    if (text.length === 0 || text.length > this.maxQueryLength || !HAS_WORD.test(text)) return;
    const now = this.now();
    let entry = this.entries.get(text);
    if (entry) {
      this.entries.delete(text);
      entry.weight = this.decayed(entry, now) + 1;
      entry.at = now;
      entry.count++;
    } else {
      entry = { text, count: 1, weight: 1, at: now, shoppers: new Set() };
    }
    if (entry.shoppers) {
      entry.shoppers.add(shopper ?? ANONYMOUS);
      if (entry.shoppers.size >= this.minShoppers) entry.shoppers = null;
    }
    this.entries.set(text, entry);
    if (this.entries.size > this.maxQueries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /**
   * Whole past queries that start with the typed prefix (compared after NFKC, lower case and single
   * spaces), issued by enough shoppers, highest decayed count first. A linear scan: ≤ `maxQueries`
   * prefix checks, well under a millisecond at the default cap.
   */
  completions(prefix: string, first: number): Suggestion[] {
    const typed = normalizeTyped(prefix);
    if (typed.length === 0 || first <= 0) return [];
    const now = this.now();
    const found: { entry: Entry; weight: number }[] = [];
    for (const entry of this.entries.values()) {
      if (entry.shoppers === null && entry.text.startsWith(typed)) found.push({ entry, weight: this.decayed(entry, now) });
    }
    return found
      .sort((a, b) => b.weight - a.weight || (a.entry.text < b.entry.text ? -1 : a.entry.text > b.entry.text ? 1 : 0))
      .slice(0, first)
      .map(({ entry }) => ({ text: entry.text, count: entry.count }));
  }

  private decayed(entry: Entry, now: number): number {
    // w(t) = w(t₀) · e^(−λ(t − t₀)), λ = ln 2 / half-life
    return entry.weight * Math.exp(-this.decayPerMs * Math.max(0, now - entry.at));
  }
}
