import type { BlendWeights, Candidate } from './candidate';

/**
 * Merges candidates of several sources. Each source's scores are divided by that source's maximum
 * (so sources on different scales compare), then an item's score is Σ_s weight_s · score_s / max_s.
 * The item keeps the source (and anchors) that contributed most: that is what its reason tells.
 * Returns the best `limit` items (default all), best first; ties go to the lower product id.
 */
export function blend(candidates: readonly Candidate[], weights: BlendWeights, limit = Number.POSITIVE_INFINITY): Candidate[] {
  const max = new Map<string, number>();
  for (const c of candidates) if (c.score > (max.get(c.source) ?? 0)) max.set(c.source, c.score);
  // Parallel arrays indexed by slot (one slot per product): no object per candidate on the hot path.
  const slotOf = new Map<number, number>();
  const ids: number[] = [];
  const totals: number[] = [];
  const bests: number[] = [];
  const winners: Candidate[] = [];
  for (const c of candidates) {
    const weight = weights[c.source] ?? 0;
    const top = max.get(c.source) ?? 0;
    if (weight <= 0 || top <= 0) continue;
    const contribution = (weight * c.score) / top;
    const slot = slotOf.get(c.productId);
    if (slot === undefined) {
      slotOf.set(c.productId, ids.length);
      ids.push(c.productId);
      totals.push(contribution);
      bests.push(contribution);
      winners.push(c);
    } else {
      totals[slot] += contribution;
      if (contribution > bests[slot]) {
        bests[slot] = contribution;
        winners[slot] = c;
      }
    }
  }
  const better = (a: number, b: number) => totals[b] - totals[a] || ids[a] - ids[b];
  return bestSlots(ids.length, Math.min(limit, ids.length), better).map((slot) => ({ ...winners[slot], score: totals[slot] }));
}

/** The `k` best of slots 0..n-1 under `better` (negative = a first), best first, in O(n log k). */
function bestSlots(n: number, k: number, better: (a: number, b: number) => number): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i).sort(better);
  const heap: number[] = []; // heap[0] = the worst slot kept
  const worse = (a: number, b: number) => better(a, b) > 0;
  const swap = (i: number, j: number) => { const t = heap[i]; heap[i] = heap[j]; heap[j] = t; };
  for (let slot = 0; slot < n && k > 0; slot++) {
    if (heap.length < k) {
      heap.push(slot);
      for (let i = heap.length - 1; i > 0 && worse(heap[i], heap[(i - 1) >> 1]); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (better(slot, heap[0]) < 0) {
      heap[0] = slot;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let w = i;
        if (l < k && worse(heap[l], heap[w])) w = l;
        if (r < k && worse(heap[r], heap[w])) w = r;
        if (w === i) break;
        swap(i, w);
        i = w;
      }
    }
  }
  return heap.sort(better);
}
