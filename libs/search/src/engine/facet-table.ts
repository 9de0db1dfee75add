import type { IdList } from '@magpie/retrieval';

/** Ids below this are stored in typed arrays indexed by id (catalogue ids are small serial integers). */
const DENSE_LIMIT = 1 << 24;

/** One product's interned facet values. */
export interface ProductFacets {
  /** [key, spelling, key, spelling, …]: each category level once per product, with its first spelling. */
  categories: readonly number[];
  /** Brand key, or −1 when the product has no brand. */
  brand: number;
  brandSpelling: number;
}

/** Receives the facet values of each distinct matched product. */
export interface FacetSink {
  category(key: number, spelling: number): void;
  brand(key: number, spelling: number): void;
}

const isDense = (id: number) => Number.isInteger(id) && id >= 0 && id < DENSE_LIMIT;

/**
 * Interned facet values per product id, and one fast pass over the distinct known ids of several id
 * lists. Small non-negative integer ids live in typed arrays indexed by id, and duplicates are
 * recognised by a per-id stamp, so a match costs a few array reads; other ids fall back to a Map and
 * a Set.
 */
export class FacetTable {
  private known = new Uint8Array(0);
  private brandKey = new Int32Array(0);
  private brandSpelling = new Int32Array(0);
  private stamps = new Uint32Array(0);
  private stamp = 0;
  /** id → categories, only for products that have some. */
  private readonly categories: Array<readonly number[] | undefined> = [];
  private readonly sparse = new Map<number, ProductFacets>();

  set(id: number, facets: ProductFacets): void {
    if (!isDense(id)) {
      this.sparse.set(id, facets);
      return;
    }
    if (id >= this.known.length) this.grow(id + 1);
    this.known[id] = 1;
    this.brandKey[id] = facets.brand;
    this.brandSpelling[id] = facets.brandSpelling;
    if (facets.categories.length > 0) this.categories[id] = facets.categories;
    else if (id < this.categories.length) this.categories[id] = undefined;
  }

  delete(id: number): void {
    if (!isDense(id)) this.sparse.delete(id);
    else if (id < this.known.length) {
      this.known[id] = 0;
      if (id < this.categories.length) this.categories[id] = undefined;
    }
  }

  /** Feeds `sink` the facets of each distinct known id of `lists`, in the order first met; returns how many. */
  countDistinct(lists: readonly IdList[], sink: FacetSink): number {
    const stamp = this.nextStamp();
    const { known, stamps, brandKey, brandSpelling, categories } = this;
    const limit = known.length;
    let total = 0;
    let others: Set<number> | null = null;
    for (const ids of lists) {
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id >= 0 && id < limit && (id | 0) === id) {
          if (stamps[id] === stamp || known[id] === 0) continue;
          stamps[id] = stamp;
          total++;
          if (brandKey[id] >= 0) sink.brand(brandKey[id], brandSpelling[id]);
          const levels = categories[id];
          if (levels !== undefined) for (let c = 0; c < levels.length; c += 2) sink.category(levels[c], levels[c + 1]);
        } else if (!isDense(id)) {
          const facets = this.sparse.get(id);
          if (facets === undefined || (others ??= new Set()).has(id)) continue;
          others.add(id);
          total++;
          if (facets.brand >= 0) sink.brand(facets.brand, facets.brandSpelling);
          for (let c = 0; c < facets.categories.length; c += 2) sink.category(facets.categories[c], facets.categories[c + 1]);
        }
        // A dense id at or beyond `limit` was never stored.
      }
    }
    return total;
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  private grow(needed: number): void {
    const size = Math.max(needed, this.known.length * 2, 1024);
    const resize = <A extends Uint8Array | Int32Array | Uint32Array>(from: A, to: A) => (to.set(from), to);
    this.known = resize(this.known, new Uint8Array(size));
    this.brandKey = resize(this.brandKey, new Int32Array(size));
    this.brandSpelling = resize(this.brandSpelling, new Int32Array(size));
    this.stamps = resize(this.stamps, new Uint32Array(size));
  }
}
