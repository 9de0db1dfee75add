import { descending } from '@magpie/math';
/**
 * Re-orders a result list for one shopper: each item's position is shifted by its z-scored affinity
 * (how much the shopper's sequence model expects them to want it, among this list):
 *   key_i = −i + weight · (a_i − mean(a)) / std(a);   items the model does not know (NaN) get z = 0.
 * Relevance keeps the lead: with weight 2 an item moves by about two places per standard deviation.
 * Returns the new order as indices into the list; the list as is when affinities are flat or missing.
 */
export function personalOrder(affinities: ArrayLike<number>, weight = 2): number[] {
  const n = affinities.length;
  const known = Array.from(affinities).filter((a) => Number.isFinite(a));
  const order = Array.from({ length: n }, (_, i) => i);
  if (known.length < 2) return order;
  const mean = known.reduce((s, a) => s + a, 0) / known.length;
  const std = Math.sqrt(known.reduce((s, a) => s + (a - mean) ** 2, 0) / known.length);
  if (!(std > 1e-9)) return order;
  const key = order.map((i) => -i + (Number.isFinite(affinities[i]) ? (weight * (affinities[i] - mean)) / std : 0));
  return order.sort((a, b) => descending(key[a], key[b]) || a - b);
}
