// Beyond-accuracy metrics over the top-k lists a recommender produced (one list per user, item
// indices 0..numItems-1) and the training popularity of each item.

/** Interactions per item in the training sequences: count_i = #{ occurrences of i }. */
export function itemCounts(sequences: readonly ArrayLike<number>[], numItems: number): Float64Array {
  const counts = new Float64Array(numItems);
  for (const sequence of sequences) for (let p = 0; p < sequence.length; p++) counts[sequence[p]]++;
  return counts;
}

/**
 * The head: the ⌈share · numItems⌉ most popular items by `counts` (ties: lower index first), among
 * items with count > 0; every other item is tail. Returns a mask, 1 = head.
 */
export function headItemMask(counts: ArrayLike<number>, share = 0.2): Uint8Array {
  const n = counts.length;
  const size = Math.ceil(share * n);
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => counts[i] > 0)
    .sort((a, b) => counts[b] - counts[a] || a - b);
  const head = new Uint8Array(n);
  for (let r = 0; r < Math.min(size, order.length); r++) head[order[r]] = 1;
  return head;
}

/** Catalogue coverage@k: share of the catalogue that appears in at least one list. |∪_u L_u| / numItems. */
export function catalogueCoverage(lists: readonly ArrayLike<number>[], numItems: number): number {
  if (numItems <= 0) return 0;
  const seen = new Uint8Array(numItems);
  let distinct = 0;
  for (const list of lists) {
    for (let r = 0; r < list.length; r++) {
      if (!seen[list[r]]) { seen[list[r]] = 1; distinct++; }
    }
  }
  return distinct / numItems;
}

/** Tail share@k: share of all list slots filled by tail items. Σ_u #{i ∈ L_u : head_i = 0} / Σ_u |L_u|. */
export function tailShare(lists: readonly ArrayLike<number>[], headMask: ArrayLike<number>): number {
  let slots = 0;
  let tail = 0;
  for (const list of lists) {
    for (let r = 0; r < list.length; r++) {
      slots++;
      if (!headMask[list[r]]) tail++;
    }
  }
  return slots > 0 ? tail / slots : 0;
}

/** Exposure of each item: how many lists it appears in (slots it fills). */
export function exposureCounts(lists: readonly ArrayLike<number>[], numItems: number): Float64Array {
  const exposure = new Float64Array(numItems);
  for (const list of lists) for (let r = 0; r < list.length; r++) exposure[list[r]]++;
  return exposure;
}

/**
 * Gini index of item exposure over the whole catalogue (items never shown count with exposure 0):
 * Gini = Σ_{i=1..n} (2i − n − 1) · x_(i) / (n · Σ x), x_(1) ≤ … ≤ x_(n) the exposures sorted ascending.
 * 0 = every item shown equally often; (n − 1)/n = one item fills every slot. 0 when nothing was shown.
 */
export function exposureGini(lists: readonly ArrayLike<number>[], numItems: number): number {
  const x = exposureCounts(lists, numItems).sort();
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < x.length; i++) {
    total += x[i];
    weighted += (2 * (i + 1) - x.length - 1) * x[i];
  }
  return total > 0 ? weighted / (x.length * total) : 0;
}

/**
 * Novelty@k: mean self-information of the recommended items, −log2 of their share of training
 * interactions, over all list slots: mean_{u, i ∈ L_u} −log2( max(count_i, 1) / Σ_j count_j ).
 * Items never seen in training count as seen once, so the value stays finite.
 */
export function novelty(lists: readonly ArrayLike<number>[], counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (total <= 0) return 0;
  let sum = 0;
  let slots = 0;
  for (const list of lists) {
    for (let r = 0; r < list.length; r++) {
      sum += -Math.log2(Math.max(counts[list[r]], 1) / total);
      slots++;
    }
  }
  return slots > 0 ? sum / slots : 0;
}
