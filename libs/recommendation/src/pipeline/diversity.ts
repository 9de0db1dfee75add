/**
 * Category caps: walks the ranked items and takes at most `maxPerGroup` of any one group (e.g. the
 * leaf category) into the first `k`; items passed over fill the remaining places, in rank order,
 * only when not enough alternatives exist. `maxPerGroup` ≤ 0 turns the cap off. Items without a group
 * are never capped. Returns the chosen items in the order they were taken.
 */
export function capPerGroup<T>(ranked: readonly T[], k: number, maxPerGroup: number, groupOf: (item: T) => string | undefined): T[] {
  if (maxPerGroup <= 0) return ranked.slice(0, k);
  const taken: T[] = [];
  const passed: T[] = [];
  const counts = new Map<string, number>();
  for (const item of ranked) {
    if (taken.length >= k) break;
    const group = groupOf(item);
    const count = group === undefined ? 0 : counts.get(group) ?? 0;
    if (group !== undefined && count >= maxPerGroup) {
      passed.push(item);
      continue;
    }
    if (group !== undefined) counts.set(group, count + 1);
    taken.push(item);
  }
  for (const item of passed) {
    if (taken.length >= k) break;
    taken.push(item);
  }
  return taken;
}
