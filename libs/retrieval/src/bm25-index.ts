import { topKByScore } from '@magpie/math';
import { BM25_DEFAULTS, DEFAULT_BM25_FIELDS, type Bm25Options } from './bm25-options';
import type { FieldTerms, IdList, KeywordHit, KeywordIndex, KeywordSearchOptions, KeywordSearchResult, TermCount } from './keyword-index';
import { expandQuery, type QueryClause, type QueryExpansionOptions } from './query-expansion';
import { PostingList } from './posting-list';
import { TermDictionary } from './term-dictionary';

/** Recycled matched-id buffers kept at most (about the searches in flight at once). */
const MAX_POOLED_ID_BUFFERS = 32;

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
  private readonly postings = new Map<string, PostingList>();
  private readonly slotOfId = new Map<number, number>();
  /** slot → document id (−1 for a free slot). */
  private readonly ids: number[] = [];
  private readonly freeSlots: number[] = [];
  /** field → slot → length in terms. */
  private readonly lengths: number[][];
  private readonly lengthSums: Float64Array;
  /** slot → the document's distinct terms (to remove it and to report matched terms). */
  private readonly docTerms: (string[] | null)[] = [];
  /**
   * slot × field → the BM25F length norm 1 − b_f + b_f · len_f(d) / avglen_f, computed once after the
   * index changes instead of once per posting per search.
   */
  private norms = new Float64Array(0);
  private normsValid = false;
  /** Counts norm recomputations; a posting list's cached tf̃ is valid for one epoch. */
  private normEpoch = 0;
  // Scratch buffers reused by every search (searches are synchronous, so never shared), one entry per slot.
  private totals = new Float64Array(0);
  private best = new Float64Array(0);
  /** 0 = not met yet in this search, 1 = matched, 2 = refused by the filter. */
  private state = new Uint8Array(0);
  private matched = new Int32Array(0);
  private visited = new Int32Array(0);
  private clauseSlots = new Int32Array(0);
  /** Per matched slot: bit i set when the query's i-th alternative term (in clause order, i < 32) is in it. */
  private termMask = new Uint32Array(0);
  /** Scores of `matched[0..count)` in that order, for the top-k selection. */
  private matchScores = new Float64Array(0);
  /**
   * Buffers of matched ids given back by `recycle`, for the next searches' `matchedIds`. A fresh typed array of
   * tens of thousands of ids per search (its zeroed backing store, and the GC work its external memory
   * brings on) cost ~100 µs, a third of a Home Depot keyword search (tools/bench/search-stages.ts).
   */
  private readonly idBuffers: Float64Array[] = [];
  /** The buffers this index handed out, so `recycle` takes back only its own. */
  private readonly ownBuffers = new WeakSet<ArrayBufferLike>();

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
      if (!posting) this.postings.set(term, (posting = new PostingList(fieldCount, this.k1)));
      posting.push(slot, tf);
      this.dictionary.increment(term);
    }
    this.docTerms[slot] = [...frequencies.keys()];
    this.normsValid = false;
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
      posting.remove(slot);
      if (posting.length === 0) this.postings.delete(term);
      this.dictionary.decrement(term);
    }
    for (let f = 0; f < fieldCount; f++) this.lengthSums[f] -= this.lengths[f][slot];
    this.docTerms[slot] = null;
    this.ids[slot] = -1;
    this.freeSlots.push(slot);
    this.slotOfId.delete(id);
    this.normsValid = false;
    return true;
  }

  search(terms: readonly string[], options: KeywordSearchOptions = {}): KeywordSearchResult {
    const limit = Math.max(0, Math.floor(options.limit ?? 10));
    const clauses = expandQuery(terms, this.dictionary, {
      ...this.expansion,
      typoTolerance: options.typoTolerance ?? true,
      prefixLast: options.prefixLast ?? false,
    });
    const count = this.scoreClauses(clauses, options.filter);
    const { matched, totals, ids, matchScores } = this;
    // A typed array: a JS array of 30,000 numbers lands in V8's large-object space, which costs
    // milliseconds per search to allocate and collect. Storage given back by `recycle` is reused.
    const matchedIds = this.idBuffer(count);
    for (let i = 0; i < count; i++) {
      matchedIds[i] = ids[matched[i]];
      matchScores[i] = totals[matched[i]];
    }
    // Best first: higher score, then lower id (a total order: the page does not depend on match order).
    const hits: KeywordHit[] = Array.from(topKByScore(matchScores, count, limit, matchedIds), (n) => {
      const slot = matched[n];
      return { id: ids[slot], score: totals[slot], matchedTerms: this.matchedTerms(slot, clauses) };
    });
    return { hits, matchedIds };
  }

  recycle(matchedIds: IdList): void {
    if (!(matchedIds instanceof Float64Array) || !this.ownBuffers.has(matchedIds.buffer) || this.idBuffers.length >= MAX_POOLED_ID_BUFFERS) return;
    const whole = new Float64Array(matchedIds.buffer);
    if (!this.idBuffers.some((b) => b.buffer === whole.buffer)) this.idBuffers.push(whole); // given back twice: kept once
  }

  /** `count` slots for matched ids: a view of a recycled buffer large enough, else new storage (with room to grow). */
  private idBuffer(count: number): Float64Array {
    for (let i = this.idBuffers.length - 1; i >= 0; i--) {
      const buffer = this.idBuffers[i];
      if (buffer.length >= count) {
        this.idBuffers.splice(i, 1);
        return buffer.subarray(0, count);
      }
    }
    const buffer = new Float64Array(Math.max(1024, Math.ceil(count * 1.25)));
    this.ownBuffers.add(buffer.buffer);
    return buffer.subarray(0, count);
  }

  /**
   * Accumulates clause scores into `totals`; leaves the matched slots that passed the filter in
   * `matched[0..count)`, in the order first met, and returns their count.
   */
  private scoreClauses(clauses: QueryClause[], filter?: (id: number) => boolean): number {
    this.prepare();
    const n = this.size;
    const { k1, fieldWeights, norms, totals, best, state, matched, clauseSlots, ids, termMask } = this;
    // Without a filter every visited slot matches, so one list serves both.
    const visited = filter ? this.visited : matched;
    let matchedCount = 0;
    let visitedCount = 0;
    let alternative = -1;
    for (const clause of clauses) {
      // One alternative (no typo or prefix expansion): its score is the clause's best, add it directly.
      const direct = clause.alternatives.length === 1;
      const multiplicity = clause.multiplicity;
      let clauseCount = 0;
      for (const { term, weight } of clause.alternatives) {
        alternative++;
        const posting = this.postings.get(term);
        if (!posting) continue;
        const bit = alternative < 32 ? 1 << alternative : 0;
        const { slots, length: df } = posting;
        const saturated = posting.saturate(this.normEpoch, fieldWeights, norms);
        const scale = weight * Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (k1 + 1);
        for (let i = 0; i < df; i++) {
          const slot = slots[i];
          let seen = state[slot];
          if (seen === 0) {
            seen = !filter || filter(ids[slot]) ? 1 : 2;
            state[slot] = seen;
            if (filter) visited[visitedCount++] = slot;
            if (seen === 1) {
              matched[matchedCount++] = slot;
              // Cleared when first met, not after the search: no pass over every match to reset them.
              totals[slot] = 0;
              termMask[slot] = 0;
            }
          }
          if (seen === 2) continue;
          termMask[slot] |= bit;
          const score = scale * saturated[i];
          if (direct) {
            totals[slot] += score * multiplicity;
          } else {
            if (best[slot] === 0) clauseSlots[clauseCount++] = slot;
            if (score > best[slot]) best[slot] = score;
          }
        }
      }
      for (let i = 0; i < clauseCount; i++) {
        const slot = clauseSlots[i];
        totals[slot] += best[slot] * multiplicity;
        best[slot] = 0;
      }
    }
    const reset = filter ? visitedCount : matchedCount;
    for (let i = 0; i < reset; i++) state[visited[i]] = 0;
    return matchedCount;
  }

  /** The query's alternative terms the slot holds, in clause order: from the bits scoring set (the document's terms past 32 alternatives). */
  private matchedTerms(slot: number, clauses: QueryClause[]): string[] {
    const mask = this.termMask[slot];
    const found = new Set<string>();
    let alternative = 0;
    for (const clause of clauses) {
      for (const { term } of clause.alternatives) {
        const holds = alternative < 32 ? (mask & (1 << alternative)) !== 0 : (this.docTerms[slot] ?? []).includes(term);
        if (holds) found.add(term);
        alternative++;
      }
    }
    return [...found];
  }

  /** Sizes the scratch buffers to the slots, and recomputes the length norms after a change. */
  private prepare(): void {
    const capacity = this.ids.length;
    if (this.totals.length < capacity) {
      const size = Math.max(capacity, this.totals.length * 2, 1024);
      this.totals = new Float64Array(size);
      this.best = new Float64Array(size);
      this.state = new Uint8Array(size);
      this.matched = new Int32Array(size);
      this.visited = new Int32Array(size);
      this.clauseSlots = new Int32Array(size);
      this.termMask = new Uint32Array(size);
      this.matchScores = new Float64Array(size);
    }
    if (this.normsValid) return;
    const fieldCount = this.fieldNames.length;
    if (this.norms.length < capacity * fieldCount) this.norms = new Float64Array(this.totals.length * fieldCount);
    const n = this.size;
    for (let f = 0; f < fieldCount; f++) {
      const sum = this.lengthSums[f];
      const average = n > 0 && sum > 0 ? sum / n : 1;
      const b = this.fieldB[f];
      const lengths = this.lengths[f];
      for (let slot = 0; slot < capacity; slot++) this.norms[slot * fieldCount + f] = 1 - b + (b * (lengths[slot] ?? 0)) / average;
    }
    this.normsValid = true;
    this.normEpoch++;
  }
}
