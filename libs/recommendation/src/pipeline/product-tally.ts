import { ProductSlots } from './product-slots';

/**
 * Sums contributions per product over one pass and remembers what made each product's largest
 * contribution (the candidate or anchor its reason names): the accumulation of blending and of
 * co-occurrence scoring, in parallel arrays by slot (one slot per product, in order of first sight):
 * `ids`, `totals`, `bests` and `winners` hold the pass's products at `[0, size)`.
 * Reused across passes: `begin()` starts one (synchronous use only, see ProductSlots). The arrays keep
 * their capacity between passes (truncating a JS array frees its storage, and each request's passes grew
 * four arrays again: blending and co-occurrence allocated ~73 KB per request, now ~21 KB).
 */
export class ProductTally<T> {
  private readonly slots = new ProductSlots();
  size = 0;
  ids = new Int32Array(256);
  totals = new Float64Array(256);
  bests = new Float64Array(256);
  readonly winners: Array<T | undefined> = [];

  begin(): void {
    this.slots.begin();
    this.winners.fill(undefined, 0, this.size); // the previous pass's candidates are not kept alive
    this.size = 0;
  }

  add(id: number, contribution: number, source: T): void {
    const slot = this.slots.get(id);
    if (slot < 0) {
      if (this.size === this.ids.length) this.grow();
      const at = this.size++;
      this.slots.set(id, at);
      this.ids[at] = id;
      this.totals[at] = contribution;
      this.bests[at] = contribution;
      this.winners[at] = source;
    } else {
      this.totals[slot] += contribution;
      if (contribution > this.bests[slot]) {
        this.bests[slot] = contribution;
        this.winners[slot] = source;
      }
    }
  }

  /** The source of the largest contribution to slot `slot` (< size). */
  winner(slot: number): T {
    return this.winners[slot] as T;
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const grown = <A extends Int32Array | Float64Array>(from: A, to: A) => (to.set(from), to);
    this.ids = grown(this.ids, new Int32Array(capacity));
    this.totals = grown(this.totals, new Float64Array(capacity));
    this.bests = grown(this.bests, new Float64Array(capacity));
  }
}
