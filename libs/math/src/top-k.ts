/**
 * Orders numbers high to low for a comparator: −1 when `x` ranks first (is higher), 1 when `y` does, 0 for
 * equal or NaN. Use it instead of `y − x`: a comparator returning a fractional difference makes V8 box every
 * result (a heap number per comparison: ~37 KB per search in the BM25 top-k), −1/0/1 are small integers.
 */
export function descending(x: number, y: number): number {
  return x > y ? -1 : x < y ? 1 : 0;
}

/**
 * The `k` best of the indices 0..count-1 under `better` (negative when a ranks before b; it must be a
 * total order), best first, skipping indices `accept` refuses.
 *
 * Uses a bounded heap of size k: O(count log k) time, O(k) memory, so it stays cheap when count is a
 * whole catalogue and k is a page.
 */
export function topKBy(count: number, k: number, better: (a: number, b: number) => number, accept?: (i: number) => boolean): number[] {
  const size = Math.min(Math.max(0, Math.floor(k)), Math.max(0, count));
  if (size === 0) return [];
  // heap[0] is the worst of the kept indices; a typed array and sift by moving a hole (no allocation per index).
  const heap = new Int32Array(size);
  const worse = (a: number, b: number) => better(a, b) > 0;
  let length = 0;
  for (let index = 0; index < count; index++) {
    if (accept && !accept(index)) continue;
    if (length < size) siftUp(heap, length++, index, worse);
    else if (worse(heap[0], index)) siftDown(heap, size, index, worse);
  }
  return Array.from(heap.subarray(0, length)).sort(better);
}

/**
 * Indices of the `k` highest of `scores[0..count)`, best first; equal scores rank by lower `tie[i]`, then
 * lower index. The same order as topKBy with that comparator, by plain numeric comparisons: a bounded
 * heap whose worst score is kept in a local, so an index below it costs one comparison and one that enters
 * costs O(log k) inlined comparisons — for counts in the thousands (BM25's matches) 1.6–1.9× faster than
 * gathering a buffer of 2k and sorting it with a comparator whenever it fills (what this did before).
 * Scores must not be NaN.
 */
export function topKByScore(scores: ArrayLike<number>, count: number, k: number, tie?: ArrayLike<number>): Int32Array {
  const size = Math.min(Math.max(0, Math.floor(k)), Math.max(0, count));
  if (size === 0) return new Int32Array(0);
  // Whether index a ranks after index b: lower score, then higher tie key, then higher index.
  const worse = (a: number, b: number): boolean => {
    const sa = scores[a];
    const sb = scores[b];
    if (sa !== sb) return sa < sb;
    if (tie) {
      const ta = tie[a];
      const tb = tie[b];
      if (ta !== tb) return ta > tb;
    }
    return a > b;
  };
  // heap[0] is the worst kept index, `floor` its score once the heap is full.
  const heap = new Int32Array(size);
  let length = 0;
  let floor = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < count; index++) {
    if (length < size) {
      siftUp(heap, length++, index, worse);
      if (length === size) floor = scores[heap[0]];
    } else if (scores[index] >= floor && worse(heap[0], index)) {
      siftDown(heap, size, index, worse);
      floor = scores[heap[0]];
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}

/** Puts `index` into the heap (worst at the root) at free position `at`, moving better ones down. */
function siftUp(heap: Int32Array, at: number, index: number, worse: (a: number, b: number) => boolean): void {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!worse(index, heap[parent])) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = index;
}

/** Replaces the full heap's root (its worst) by `index`, moving worse ones up. */
function siftDown(heap: Int32Array, size: number, index: number, worse: (a: number, b: number) => boolean): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && worse(heap[right], heap[left]) ? right : left;
    if (!worse(heap[child], index)) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = index;
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
  return topKBy(scores.length, k, (a, b) => descending(scores[a], scores[b]) || a - b, (i) => !Number.isNaN(scores[i]) && !exclude?.has(i));
}
