/**
 * The documents containing one term: their slots, their per-field term frequencies, and a cache of
 * the saturated, field-weighted, length-normalised term frequency BM25F scores with. Typed arrays that grow by
 * doubling, so a search walks two flat arrays instead of one object or nested array per posting.
 */
export class PostingList {
  /** Number of documents (the term's document frequency). */
  length = 0;
  /** slot of the i-th document (0 ≤ i < length). */
  slots: Int32Array;
  /** `tf[i * fieldCount + f]` = occurrences in field f of the i-th document. */
  tf: Uint32Array;
  /** tf̃ / (k1 + tf̃) of the i-th document, valid while `epoch` equals the index's norm epoch (see `saturate`). */
  saturated: Float64Array;
  /** Norm epoch `saturated` was computed for; −1 = never. */
  epoch = -1;

  /** `k1`: the index's term-frequency saturation, fixed for the list's life (the cache depends on it). */
  constructor(
    private readonly fieldCount: number,
    private readonly k1: number,
  ) {
    this.slots = new Int32Array(2);
    this.tf = new Uint32Array(2 * fieldCount);
    this.saturated = new Float64Array(0);
  }

  push(slot: number, tf: readonly number[]): void {
    if (this.length === this.slots.length) this.grow();
    const at = this.length++;
    this.slots[at] = slot;
    for (let f = 0; f < this.fieldCount; f++) this.tf[at * this.fieldCount + f] = tf[f];
    this.epoch = -1;
  }

  /** Removes a slot by moving the last document into its place; false when absent. */
  remove(slot: number): boolean {
    const { slots, tf, fieldCount } = this;
    let at = this.length - 1;
    while (at >= 0 && slots[at] !== slot) at--;
    if (at < 0) return false;
    const last = --this.length;
    slots[at] = slots[last];
    tf.copyWithin(at * fieldCount, last * fieldCount, (last + 1) * fieldCount);
    this.epoch = -1;
    return true;
  }

  /**
   * Fills `saturated` for the norm epoch `epoch`, unless it already is: tf̃(i) / (k1 + tf̃(i)) with
   *   tf̃(i) = Σ_f weights[f] · tf(i, f) / norms[slot(i) · fieldCount + f]
   * (fields in order, zero frequencies skipped), so a search multiplies one cached number per posting by
   * the term's idf instead of dividing.
   */
  saturate(epoch: number, weights: Float64Array, norms: Float64Array): Float64Array {
    if (this.epoch === epoch) return this.saturated;
    const { slots, tf, fieldCount, length, k1 } = this;
    if (this.saturated.length < length) this.saturated = new Float64Array(this.slots.length);
    const saturated = this.saturated;
    for (let i = 0; i < length; i++) {
      let sum = 0;
      for (let f = 0, at = i * fieldCount, norm = slots[i] * fieldCount; f < fieldCount; f++, at++, norm++) {
        const raw = tf[at];
        if (raw !== 0) sum += (weights[f] * raw) / norms[norm];
      }
      saturated[i] = sum / (k1 + sum);
    }
    this.epoch = epoch;
    return saturated;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    slots.set(this.slots);
    const tf = new Uint32Array(this.tf.length * 2);
    tf.set(this.tf);
    this.slots = slots;
    this.tf = tf;
  }
}
