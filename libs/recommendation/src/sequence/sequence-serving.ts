import type { HistoryEntry } from '@magpie/contracts';
import { MicroBatcher } from '@magpie/retrieval';
import type { ItemVocabulary } from './item-vocabulary';
import { LruCache } from './lru-cache';
import type { SequenceEncoder } from './ml-contract';
import { SequenceScorer, type ScoredHistory, type SequenceScorerOptions, type SequenceScoring } from './sequence-scorer';

/** What the sequence model proposes for one history. */
export interface SequenceRanking {
  /** Products best first (the history's own items left out). */
  productIds: Int32Array;
  /** Relative probability under the model's softmax: exp(s_i − s_best) ∈ (0, 1]. */
  scores: Float32Array;
  /** History products that weighed most in the encoding (explain weights summed per product), heaviest first. */
  anchors: Array<{ productId: number; weight: number }>;
  /**
   * For the proposal at `index`, the history product that best explains it: the largest
   * (weight_h + 1/n) · max(0, cos(e_h, e_item)) over the 8 heaviest distinct history items, so the reason names one
   * that both weighed in the encoding and resembles the proposal; the heaviest anchor when none resembles it.
   * Worked out on first call and remembered with the ranking: only the proposals shown or ranked need it.
   */
  anchorOf(index: number): number;
}

export interface SequenceServingOptions extends SequenceScorerOptions {
  /** Candidates proposed per history (default 100). */
  candidates?: number;
  /** Distinct histories whose ranking is remembered (default 5000). */
  cacheSize?: number;
}

/** History items a reason may name per proposal (the heaviest distinct ones): bounds the per-proposal work. */
const ANCHOR_POSITIONS = 8;

/**
 * A sequence model ready to serve: histories mapped through the training vocabulary (unknown products
 * are skipped), and the requests of one event-loop turn scored together (`SequenceScoring`: in this
 * thread, or in a serving thread while this one goes on serving). The ranking of a history depends on
 * nothing else, so it is remembered per history (LRU): a shopper's next event changes the history and
 * with it the key.
 */
export class SequenceServing {
  /**
   * Two batches in flight when scoring is asynchronous (a serving thread): the request thread prepares and
   * finishes the requests of one while the serving thread computes the other. Measured with
   * bench:recommendations (after-event p50, the serving thread on): one in flight 18.7–26.4 ms, two 15.9–16.9 ms,
   * three 17.2–18.5 ms (a slow day of this machine).
   */
  private readonly batcher = new MicroBatcher<EncodedHistory, SequenceRankingInternal>((batch) => this.rankBatch(batch), 2);
  private readonly cache: LruCache<string, SequenceRankingInternal>;
  private readonly candidates: number;
  /** Item embeddings normalised to unit length (row k = model index k), for per-item reasons. */
  private readonly unitEmbeddings: Float32Array;

  constructor(
    readonly scoring: SequenceScoring,
    readonly vocabulary: ItemVocabulary,
    options: Pick<SequenceServingOptions, 'candidates' | 'cacheSize'> = {},
  ) {
    if (scoring.config.numItems !== vocabulary.size) throw new Error(`model has ${scoring.config.numItems} items, vocabulary ${vocabulary.size}`);
    this.candidates = options.candidates ?? 100;
    this.cache = new LruCache(options.cacheSize ?? 5000);
    this.unitEmbeddings = unitRows(scoring.itemEmbeddings(), scoring.config.dim);
  }

  /** Serving that scores in this thread (`SequenceScorer`). */
  static create(encoder: SequenceEncoder, vocabulary: ItemVocabulary, options: SequenceServingOptions): SequenceServing {
    return new SequenceServing(SequenceScorer.create(encoder, options), vocabulary, options);
  }

  /** The model's proposals for this history, or null when none of its products is known to the model (the same object while the ranking is remembered). */
  async rank(history: readonly HistoryEntry[]): Promise<SequenceRanking | null> {
    const { indices, productIds } = this.vocabulary.encode(history, this.scoring.config.maxLen);
    if (indices.length === 0) return null;
    const key = indices.join(',');
    const ranked = this.cache.get(key) ?? (await this.rankNew(indices, key));
    // One public view per remembered ranking (the same history maps to the same products): anchors sorted once.
    if (!ranked.view) {
      const anchors = anchorsOf(productIds, ranked.weights);
      const anchorOf = (index: number) => {
        const position = this.anchorPosition(ranked, index);
        return position >= 0 ? productIds[position] : anchors[0].productId;
      };
      ranked.view = { productIds: ranked.productIds, scores: ranked.scores, anchors, anchorOf };
    }
    return ranked.view;
  }

  /**
   * How much the model expects this history to lead to each product: the user vector's dot product
   * with the product's unit-length embedding (NaN for products the model does not know), or null when
   * no product of the history is known. Shares the ranking's cache and micro-batches.
   */
  async affinities(history: readonly HistoryEntry[], productIds: readonly number[]): Promise<Float32Array | null> {
    const { indices } = this.vocabulary.encode(history, this.scoring.config.maxLen);
    if (indices.length === 0) return null;
    const key = indices.join(',');
    const ranked = this.cache.get(key) ?? (await this.rankNew(indices, key));
    const d = this.scoring.config.dim;
    return Float32Array.from(productIds, (id) => {
      const index = this.vocabulary.index(id);
      if (index === undefined) return Number.NaN;
      let dot = 0;
      for (let k = 0; k < d; k++) dot += ranked.vector[k] * this.unitEmbeddings[index * d + k];
      return dot;
    });
  }

  dispose(): void {
    this.scoring.dispose();
  }

  /** The ranking of a history not remembered (`key`: its indices joined), from the next micro-batch, then remembered. */
  private async rankNew(indices: Int32Array, key: string): Promise<SequenceRankingInternal> {
    const ranked = await this.batcher.submit({ indices, key });
    this.cache.set(key, ranked);
    return ranked;
  }

  /** One scoring call (one forward pass and one index search) for every distinct history of the batch. */
  private rankBatch(batch: EncodedHistory[]): Promise<SequenceRankingInternal[]> | SequenceRankingInternal[] {
    const distinct = new Map<string, Int32Array>();
    for (const { key, indices } of batch) distinct.set(key, indices);
    const keys = [...distinct.keys()];
    const histories = [...distinct.values()];
    const longest = histories.reduce((m, h) => Math.max(m, h.length), 0);
    const toRankings = (scored: ScoredHistory[]) => {
      const byKey = new Map(keys.map((key, i) => [key, this.ranking(histories[i], scored[i])]));
      return batch.map(({ key }) => byKey.get(key) as SequenceRankingInternal);
    };
    const scored = this.scoring.score(histories, this.candidates + longest, keys);
    return Array.isArray(scored) ? toRankings(scored) : scored.then(toRankings);
  }

  /** The ranking of one scored history: its nearest items that are neither in it nor outside the vocabulary, as products. */
  private ranking(history: Int32Array, { vector, weights, found, scores }: ScoredHistory): SequenceRankingInternal {
    const seen = new Set(history);
    const size = Math.min(this.candidates, found.length);
    const productIds = new Int32Array(size);
    const itemIndices = new Int32Array(size);
    const relative = new Float32Array(size);
    let n = 0;
    for (let j = 0; j < found.length && n < size; j++) {
      if (seen.has(found[j])) continue;
      const product = this.vocabulary.product(found[j]);
      if (product === undefined) continue;
      productIds[n] = product;
      itemIndices[n] = found[j];
      relative[n++] = Math.exp(scores[j] - scores[0]);
    }
    return {
      history, productIds: productIds.subarray(0, n), itemIndices: itemIndices.subarray(0, n), scores: relative.subarray(0, n), weights,
      namable: anchorPositions(history, weights), anchorPositions: new Int32Array(n).fill(UNKNOWN_POSITION), vector,
    };
  }

  /**
   * The history position that best explains proposal `index` (see SequenceRanking.anchorOf) among the
   * positions worth naming (see anchorPositions); −1 when none resembles it. Remembered in the ranking.
   */
  private anchorPosition(ranked: SequenceRankingInternal, index: number): number {
    const known = ranked.anchorPositions[index];
    if (known !== UNKNOWN_POSITION) return known;
    const { history, weights } = ranked;
    const item = ranked.itemIndices[index];
    const d = this.scoring.config.dim;
    const e = this.unitEmbeddings;
    let best = -1;
    let bestScore = 0;
    for (const p of ranked.namable) {
      let cos = 0;
      for (let k = 0; k < d; k++) cos += e[history[p] * d + k] * e[item * d + k];
      const score = ((weights[p] ?? 0) + 1 / history.length) * cos;
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    }
    ranked.anchorPositions[index] = best;
    return best;
  }
}

/** History positions a reason may name: the newest position of each distinct item, the `ANCHOR_POSITIONS` heaviest. */
function anchorPositions(history: Int32Array, weights: Float32Array): number[] {
  const newest = new Map<number, number>();
  history.forEach((item, p) => newest.set(item, p));
  return [...newest.values()].sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || b - a).slice(0, ANCHOR_POSITIONS);
}

/** A history as model indices and its cache key (the indices joined by commas). */
interface EncodedHistory {
  indices: Int32Array;
  key: string;
}

/** `anchorPositions` entry not worked out yet. */
const UNKNOWN_POSITION = -2;

interface SequenceRankingInternal {
  /** The history as model indices. */
  history: Int32Array;
  productIds: Int32Array;
  /** The proposals as model indices. */
  itemIndices: Int32Array;
  scores: Float32Array;
  /** explain() weights per history position. */
  weights: Float32Array;
  /** History positions a reason may name (see anchorPositions). */
  namable: number[];
  /** Per proposed product, the history position that explains it best (−1: none resembles it; UNKNOWN_POSITION: not asked yet). */
  anchorPositions: Int32Array;
  /** The history's encoding (the user vector). */
  vector: Float32Array;
  /** What `rank` returns for this history, made on its first call. */
  view?: SequenceRanking;
}

/** Rows scaled to unit length (zero rows stay zero). */
function unitRows(matrix: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(matrix.length);
  for (let r = 0; r < matrix.length / dim; r++) {
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += matrix[r * dim + k] ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < dim; k++) out[r * dim + k] = matrix[r * dim + k] * scale;
  }
  return out;
}

/** Weights summed per product, heaviest first (ties: the more recent product first). */
function anchorsOf(productIds: Int32Array, weights: Float32Array): Array<{ productId: number; weight: number }> {
  const sum = new Map<number, { weight: number; last: number }>();
  productIds.forEach((id, i) => {
    const acc = sum.get(id) ?? { weight: 0, last: i };
    acc.weight += weights[i] ?? 0;
    acc.last = i;
    sum.set(id, acc);
  });
  return [...sum]
    .sort((a, b) => b[1].weight - a[1].weight || b[1].last - a[1].last)
    .map(([productId, { weight }]) => ({ productId, weight }));
}
