/** Ids up to this bound live in the typed arrays (16M products: 128 MB at most); larger ones in a Map. */
const DENSE_LIMIT = 1 << 24;

/**
 * Product id → slot number for one pass of a hot loop (blending, co-occurrence scoring), without a Map
 * entry or an object per product: typed arrays indexed by product id, reused across passes. A generation
 * stamp says which entries belong to the current pass, so nothing is cleared between passes.
 * Product ids are the catalogue's internal ids (small non-negative integers); others fall back to a Map.
 * One pass at a time: `begin()` starts a pass and forgets the previous one, so a pass must not span an
 * `await` (the functions that keep a module-level instance are synchronous).
 */
export class ProductSlots {
  private stamps = new Uint32Array(1024);
  private slots = new Int32Array(1024);
  private generation = 0;
  private readonly overflow = new Map<number, number>();

  /** Starts a pass: every id is unassigned again. */
  begin(): void {
    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    if (this.overflow.size > 0) this.overflow.clear();
  }

  /** The slot given to `id` in this pass, or −1. */
  get(id: number): number {
    if (isDense(id)) return id < this.stamps.length && this.stamps[id] === this.generation ? this.slots[id] : -1;
    return this.overflow.get(id) ?? -1;
  }

  set(id: number, slot: number): void {
    if (!isDense(id)) {
      this.overflow.set(id, slot);
      return;
    }
    if (id >= this.stamps.length) this.grow(id);
    this.stamps[id] = this.generation;
    this.slots[id] = slot;
  }

  private grow(id: number): void {
    const size = Math.min(DENSE_LIMIT, Math.max(id + 1, this.stamps.length * 2));
    const stamps = new Uint32Array(size);
    stamps.set(this.stamps);
    const slots = new Int32Array(size);
    slots.set(this.slots);
    this.stamps = stamps;
    this.slots = slots;
  }
}

const isDense = (id: number) => (id | 0) === id && id >= 0 && id < DENSE_LIMIT;
