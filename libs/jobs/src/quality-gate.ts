import type { ModelKind } from '@magpie/contracts';
import type { MagpieStore } from '@magpie/data';
import type { ModelEvents } from '@magpie/queue';

/** What a training job that registers a model version returns. */
export interface ModelTrainResult {
  versionId: number;
  activated: boolean;
  /** The version that was active when this one was judged (null: none). */
  comparedWith: number | null;
  metrics: Record<string, number>;
}

/**
 * The quality gate of a freshly completed version: it becomes active (and gateways are told) when no
 * version of its kind is active, when `force`, or when its `metric` beats the active one's
 * (`ties: 'win'` lets an equal figure through: e.g. a search model with no held-out queries, whose metric is 0).
 */
export async function activateIfBetter(
  deps: { store: Pick<MagpieStore, 'versions'>; modelEvents: Pick<ModelEvents, 'publish'> },
  candidate: { kind: ModelKind; versionId: number; metrics: Record<string, number>; metric: string; force: boolean; ties?: 'win' | 'lose' },
): Promise<ModelTrainResult> {
  const active = await deps.store.versions.active(candidate.kind);
  const value = candidate.metrics[candidate.metric];
  const current = active?.metrics[candidate.metric] ?? Number.NEGATIVE_INFINITY;
  const beats = !active || value > current || (candidate.ties === 'win' && value === current);
  const activated = candidate.force || beats;
  if (activated) {
    await deps.store.versions.activate(candidate.versionId);
    await deps.modelEvents.publish({ kind: candidate.kind, versionId: candidate.versionId });
  }
  return { versionId: candidate.versionId, activated, comparedWith: active?.id ?? null, metrics: candidate.metrics };
}
