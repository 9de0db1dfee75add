/**
 * Indices of the `k` highest scores, best first; equal scores rank by lower index first.
 *
 * Uses a bounded min-heap of size k: O(n log k) time, O(k) memory, so it stays cheap when
 * n is a whole catalogue and k is a page. NaN scores are never selected.
 *
 * @param scores one score per index
 * @param k how many indices to return (fewer if fewer scores are eligible)
 * @param exclude indices never to return (e.g. items the shopper already has)
 */
export function topK(scores: ArrayLike<number>, k: number, exclude?: ReadonlySet<number>): number[] {
  const size = Math.max(0, Math.floor(k));
  if (size === 0) return [];
  // heap[0] is the worst of the kept indices ("worse" = lower score, or same score and higher index).
  const heap: number[] = [];
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const siftUp = (at: number) => {
    let i = at;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const siftDown = (at: number) => {
    let i = at;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && worse(heap[left], heap[worst])) worst = left;
      if (right < heap.length && worse(heap[right], heap[worst])) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  };
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i]) || exclude?.has(i)) continue;
    if (heap.length < size) {
      heap.push(i);
      siftUp(heap.length - 1);
    } else if (worse(heap[0], i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => scores[b] - scores[a] || a - b);
}
