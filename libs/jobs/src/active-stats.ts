import { decodeStats, type StatsModel } from '@magpie/recommendation';
import type { MagpieStore } from '@magpie/data';

/** Loads the active statistics model, or null when none was trained yet. */
export async function loadActiveStats(
  store: Pick<MagpieStore, 'versions' | 'artifacts'>,
): Promise<{ versionId: number; model: StatsModel } | null> {
  const active = await store.versions.active('STATS');
  if (!active || active.artifactId === null) return null;
  return { versionId: active.id, model: decodeStats(await store.artifacts.load(active.artifactId)) };
}
