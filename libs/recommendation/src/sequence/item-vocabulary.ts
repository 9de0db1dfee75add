import type { EventType } from '@magpie/contracts';

/** Event types that say nothing about what a shopper wants next (never part of a sequence). */
const NOT_INTEREST: ReadonlySet<EventType> = new Set(['dislike', 'impression']);

/** A history as the model reads it: model indices, and the product id behind each position. */
export interface IndexedHistory {
  /** Model indices 1..N, oldest first, at most `maxLen`. */
  indices: Int32Array;
  /** The product id at each position of `indices`. */
  productIds: Int32Array;
}

/**
 * The mapping between product ids and a sequence model's item indices 1..N (0 is padding).
 * Training and serving turn event histories into index sequences through the same `encode`, so
 * both see the same preprocessing: interest events only, consecutive repeats of one item (view →
 * click → cart) collapsed, products outside the vocabulary skipped, the most recent `maxLen` kept.
 */
export class ItemVocabulary {
  private readonly indexOf = new Map<number, number>();

  /** `productIds[i]` is the product of model index i + 1. */
  constructor(readonly productIds: Int32Array) {
    productIds.forEach((id, i) => {
      if (this.indexOf.has(id)) throw new Error(`product ${id} appears twice in the vocabulary`);
      this.indexOf.set(id, i + 1);
    });
  }

  /** Indices in order of ascending product id, so the same catalogue gives the same mapping. */
  static fromProductIds(ids: Iterable<number>): ItemVocabulary {
    return new ItemVocabulary(Int32Array.from(new Set(ids)).sort());
  }

  get size(): number {
    return this.productIds.length;
  }

  index(productId: number): number | undefined {
    return this.indexOf.get(productId);
  }

  product(index: number): number | undefined {
    return index >= 1 && index <= this.productIds.length ? this.productIds[index - 1] : undefined;
  }

  encode(events: ReadonlyArray<{ productId: number; type: EventType }>, maxLen = Number.POSITIVE_INFINITY): IndexedHistory {
    const indices: number[] = [];
    const products: number[] = [];
    for (const e of events) {
      if (NOT_INTEREST.has(e.type)) continue;
      const index = this.indexOf.get(e.productId);
      if (index === undefined || indices[indices.length - 1] === index) continue;
      indices.push(index);
      products.push(e.productId);
    }
    const from = Math.max(0, indices.length - maxLen);
    return { indices: Int32Array.from(indices.slice(from)), productIds: Int32Array.from(products.slice(from)) };
  }
}
