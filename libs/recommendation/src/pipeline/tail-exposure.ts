/** Tail items a list of `k` must hold for a `share` ∈ [0, 1]: ⌈share·k⌉ (a float error never adds one). */
export function tailTarget(share: number, k: number): number {
  return Math.max(0, Math.min(k, Math.ceil(share * k - 1e-9)));
}

/**
 * Tail-exposure control: makes at least ⌈share·|list|⌉ of `list` tail items when the ranked `pool`
 * holds enough of them. The lowest-placed non-tail items of the list give way to the best-ranked tail
 * items of the pool not already in it, which take the freed places in their rank order (the rest of
 * the list keeps its order). With fewer tail items available, all of them are taken.
 */
export function ensureTailShare<T>(list: readonly T[], pool: readonly T[], share: number, isTail: (item: T) => boolean, key: (item: T) => number): T[] {
  const out = [...list];
  const missing = tailTarget(share, out.length) - out.filter(isTail).length;
  if (missing <= 0) return out;
  const inList = new Set(out.map(key));
  const promoted = pool.filter((item) => isTail(item) && !inList.has(key(item)));
  const freed: number[] = [];
  for (let at = out.length - 1; at >= 0 && freed.length < Math.min(missing, promoted.length); at--) if (!isTail(out[at])) freed.push(at);
  // The best promoted item takes the highest freed place.
  freed.reverse().forEach((at, i) => (out[at] = promoted[i]));
  return out;
}
