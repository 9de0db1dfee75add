/** Ids below this live in the packed array (4M: the database's serial ids); larger ones in a Map. */
export const PACKED_IDS = 1 << 22;

/**
 * Values by non-negative integer id for hot lookups: small ids index a packed array (no holes, so V8
 * keeps it a fast elements array; ~10× a Map's lookup speed), other ids fall back to a Map.
 */
export class ById<T> {
  private readonly packed: Array<T | undefined> = [];
  private readonly other = new Map<number, T>();

  get(id: number): T | undefined {
    return isPacked(id) ? this.packed[id] : this.other.get(id);
  }

  set(id: number, value: T): void {
    if (!isPacked(id)) {
      this.other.set(id, value);
      return;
    }
    while (this.packed.length < id) this.packed.push(undefined); // no holes: the array stays packed
    this.packed[id] = value;
  }

  delete(id: number): void {
    if (!isPacked(id)) this.other.delete(id);
    else if (id < this.packed.length) this.packed[id] = undefined;
  }
}

/** Whether `id` is kept in the packed array (`ById`, and dense typed arrays indexed alike). */
export const isPacked = (id: number): boolean => Number.isInteger(id) && id >= 0 && id < PACKED_IDS;
