/**
 * The `limit` best of `slots[0..count)`, best first, where a slot ranks before another by higher
 * `scores[slot]`, then by lower `ids[slot]` (a total order, so the answer does not depend on the
 * order of `slots`).
 *
 * A bounded min-heap of size `limit` over typed arrays: O(count log limit) time, no allocation per
 * candidate. Search scores every matching document but returns a page, so count ≫ limit.
 */
export function topSlots(slots: Int32Array, count: number, limit: number, scores: Float64Array, ids: readonly number[]): number[] {
  const size = Math.min(Math.max(0, Math.floor(limit)), count);
  if (size === 0) return [];
  // heap[0] is the worst kept slot.
  const heap = new Int32Array(size);
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && ids[a] > ids[b]);
  let length = 0;
  for (let n = 0; n < count; n++) {
    const slot = slots[n];
    if (length < size) {
      let i = length++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(slot, heap[parent])) break;
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = slot;
    } else if (worse(heap[0], slot)) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= size) break;
        const right = left + 1;
        const child = right < size && worse(heap[right], heap[left]) ? right : left;
        if (!worse(heap[child], slot)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = slot;
    }
  }
  return Array.from(heap).sort((a, b) => scores[b] - scores[a] || ids[a] - ids[b]);
}
