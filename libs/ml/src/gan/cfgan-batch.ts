import type { Random } from '@magpie/math';

/**
 * One mini-batch of shoppers in the padded index form CFGAN trains on. Row r's interaction vector c_r
 * is 1 exactly at `items` (its distinct items), so every product with it is a sum of table rows at
 * those indices; the partial-masking sample k_r (`masked`) and the zero-reconstruction sample
 * (`zero`) are other items drawn from the row's non-items. Each block is rows × width, padded with
 * index 0 and weight 0.
 */
export interface CfganBatch {
  rows: number;
  items: PaddedIndices;
  /**
   * The condition c_u the generator and the discriminator see: the items themselves, or with condition
   * dropout a random subset of them, weighted 1 / (1 − dropout) (inverted dropout: the same expected
   * input as the full history at scoring time), so the generator must also score items it was not given.
   */
  condition: PaddedIndices;
  masked: PaddedIndices;
  zero: PaddedIndices;
}

export interface PaddedIndices {
  width: number;
  /** rows × width item indices (padding: 0). */
  indices: Int32Array;
  /** rows × width: 1 where the index is real, 0 for padding. */
  weights: Float32Array;
}

/** How many of a shopper's non-items each sample takes: `share` of them, at most `cap`. */
export const sampleSize = (nonItems: number, share: number, cap: number): number => Math.min(cap, Math.round(share * nonItems));

function pad(lists: readonly ArrayLike<number>[]): PaddedIndices {
  const width = Math.max(1, ...lists.map((l) => l.length));
  const indices = new Int32Array(lists.length * width);
  const weights = new Float32Array(lists.length * width);
  lists.forEach((list, r) => {
    for (let j = 0; j < list.length; j++) {
      indices[r * width + j] = list[j];
      weights[r * width + j] = 1;
    }
  });
  return { width, indices, weights };
}

/** `count` distinct items drawn uniformly from 0..numItems−1 outside `taken` (rejection sampling; count ≤ numItems − |taken|). */
function sampleOutside(taken: ReadonlySet<number>, count: number, numItems: number, random: Random): number[] {
  const chosen = new Set<number>();
  // Dense case (a large share of the catalogue): a partial Fisher–Yates over the complement is cheaper than rejections.
  if (count > (numItems - taken.size) / 2) {
    const pool: number[] = [];
    for (let i = 0; i < numItems; i++) if (!taken.has(i)) pool.push(i);
    for (let j = 0; j < count; j++) {
      const k = j + random.int(pool.length - j);
      [pool[j], pool[k]] = [pool[k], pool[j]];
    }
    return pool.slice(0, count);
  }
  while (chosen.size < count) {
    const item = random.int(numItems);
    if (!taken.has(item)) chosen.add(item);
  }
  return [...chosen];
}

/**
 * The batch of these shoppers' histories (item indices outside 0..numItems−1 are ignored): distinct
 * items, a partial-masking sample of `maskShare` of the non-items and a zero-reconstruction sample of
 * `zeroShare`, each at most `cap` items per shopper, drawn independently; with `conditionDropout` > 0,
 * a condition of the kept items (see `CfganBatch.condition`).
 */
export function cfganBatch(
  histories: readonly Int32Array[],
  numItems: number,
  sampling: { maskShare: number; zeroShare: number; cap: number; conditionDropout?: number },
  random: Random,
): CfganBatch {
  const items = histories.map((h) => [...new Set(Array.from(h).filter((i) => i >= 0 && i < numItems))]);
  const dropout = sampling.conditionDropout ?? 0;
  let condition: PaddedIndices | undefined;
  if (dropout > 0) {
    // each item kept with probability 1 − dropout, at least one per shopper
    const kept = items.map((list) => {
      const keep = list.filter(() => random.next() >= dropout);
      return keep.length > 0 || list.length === 0 ? keep : [list[random.int(list.length)]];
    });
    condition = pad(kept);
    for (let i = 0; i < condition.weights.length; i++) condition.weights[i] /= 1 - dropout;
  }
  const masked: number[][] = [];
  const zero: number[][] = [];
  for (const list of items) {
    const taken = new Set(list);
    const nonItems = numItems - taken.size;
    masked.push(sampleOutside(taken, sampleSize(nonItems, sampling.maskShare, sampling.cap), numItems, random));
    zero.push(sampleOutside(taken, sampleSize(nonItems, sampling.zeroShare, sampling.cap), numItems, random));
  }
  const padded = pad(items);
  return { rows: histories.length, items: padded, condition: condition ?? padded, masked: pad(masked), zero: pad(zero) };
}
