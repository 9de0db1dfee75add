import { ProductSlots } from './product-slots';

/**
 * Sums contributions per product over one pass and remembers what made each product's largest
 * contribution (the candidate or anchor its reason names): the accumulation of blending and of
 * co-occurrence scoring, in parallel arrays by slot (one slot per product, in order of first sight).
 * Reused across passes: `begin()` starts one (synchronous use only, see ProductSlots).
 */
export class ProductTally<T> {
  private readonly slots = new ProductSlots();
  readonly ids: number[] = [];
  readonly totals: number[] = [];
  readonly bests: number[] = [];
  readonly winners: T[] = [];

  begin(): void {
    this.slots.begin();
    this.ids.length = 0;
    this.totals.length = 0;
    this.bests.length = 0;
    this.winners.length = 0;
  }

  add(id: number, contribution: number, source: T): void {
    const slot = this.slots.get(id);
    if (slot < 0) {
      this.slots.set(id, this.ids.length);
      this.ids.push(id);
      this.totals.push(contribution);
      this.bests.push(contribution);
      this.winners.push(source);
    } else {
      this.totals[slot] += contribution;
      if (contribution > this.bests[slot]) {
        this.bests[slot] = contribution;
        this.winners[slot] = source;
      }
    }
  }
}
