/**
 * The `k` best of the indices 0..count-1 under `better` (negative when a ranks before b; it must be a
 * total order), best first, skipping indices `accept` refuses.
 *
 * Uses a bounded heap of size k: O(count log k) time, O(k) memory, so it stays cheap when count is a
 * whole catalogue and k is a page.
 */
export function topKBy(count: number, k: number, better: (a: number, b: number) => number, accept?: (i: number) => boolean): number[] {
  const size = Math.max(0, Math.floor(k));
  if (size === 0) return [];
  // heap[0] is the worst of the kept indices.
  const heap: number[] = [];
  const worse = (a: number, b: number) => better(a, b) > 0;
  const swap = (i: number, j: number) => {
    const t = heap[i];
    heap[i] = heap[j];
    heap[j] = t;
  };
  for (let index = 0; index < count; index++) {
    if (accept && !accept(index)) continue;
    if (heap.length < size) {
      heap.push(index);
      for (let i = heap.length - 1; i > 0 && worse(heap[i], heap[(i - 1) >> 1]); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (worse(heap[0], index)) {
      heap[0] = index;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let worst = i;
        if (left < heap.length && worse(heap[left], heap[worst])) worst = left;
        if (right < heap.length && worse(heap[right], heap[worst])) worst = right;
        if (worst === i) break;
        swap(i, worst);
        i = worst;
      }
    }
  }
  return heap.sort(better);
}

/**
 * Indices of the `k` highest scores, best first; equal scores rank by lower index first (see topKBy).
 * NaN scores are never selected.
 *
 * @param scores one score per index
 * @param k how many indices to return (fewer if fewer scores are eligible)
 * @param exclude indices never to return (e.g. items the shopper already has)
 */
export function topK(scores: ArrayLike<number>, k: number, exclude?: ReadonlySet<number>): number[] {
  return topKBy(scores.length, k, (a, b) => scores[b] - scores[a] || a - b, (i) => !Number.isNaN(scores[i]) && !exclude?.has(i));
}
