import type { DatasetEvent } from './bundle';

/** Users whose events are not in non-decreasing time order (empty when every history is ordered). */
export function usersOutOfOrder(events: readonly DatasetEvent[]): string[] {
  const last = new Map<string, number>();
  const bad = new Set<string>();
  for (const e of events) {
    if ((last.get(e.userId) ?? -Infinity) > e.ts) bad.add(e.userId);
    last.set(e.userId, e.ts);
  }
  return [...bad];
}

/** True when events are sorted by ts, then userId. */
export function isGloballySorted(events: readonly DatasetEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1];
    const b = events[i];
    if (a.ts > b.ts || (a.ts === b.ts && a.userId > b.userId)) return false;
  }
  return true;
}
