import type { MagpieStore } from '@magpie/data';
import { decodeSequenceArtifact, decodeStats, isTailItem } from '@magpie/recommendation';
import { groupByUser } from '../group-by-user';

/**
 * What a CFGAN long-tail version must have written, worked out independently of the shard jobs:
 * every item of the artifact scores, so each shopper gets min(perUser, tail items of the artifact
 * they have no event on) — with the sequence condition, only shoppers with an item the sequence model
 * knows (the others have no condition). For tests.
 */
export async function expectedCfganCandidates(
  store: Pick<MagpieStore, 'versions' | 'artifacts' | 'events'>,
  versionId: number,
  options: { perUser: number; headShare: number },
): Promise<{ total: number; perUser: Map<number, number> }> {
  const version = await store.versions.byId(versionId);
  const stats = await store.versions.byId(version?.config.statsVersion as number);
  if (!version?.artifactId || !stats?.artifactId) throw new Error(`version ${versionId} has no CFGAN artifact or statistics`);
  const ml = await import('@magpie/ml');
  const { model, itemIds, condition } = await ml.loadCfganArtifact(await store.artifacts.load(version.artifactId));
  model.dispose();
  const sequenceVersion = condition === 'sequence' ? await store.versions.byId(version.config.sequenceVersion as number) : null;
  const vocabulary = sequenceVersion?.artifactId ? decodeSequenceArtifact(await store.artifacts.load(sequenceVersion.artifactId)).vocabulary : null;
  const isTail = isTailItem(decodeStats(await store.artifacts.load(stats.artifactId)), options.headShare);
  const tail = itemIds.filter(isTail);
  const perUser = new Map<number, number>();
  for await (const events of groupByUser(store.events.scanForTraining(10_000))) {
    const touched = new Set(events.map((e) => e.productId));
    if (vocabulary && vocabulary.encode(events).indices.length === 0) continue;
    perUser.set(events[0].userId, Math.min(options.perUser, tail.filter((id) => !touched.has(id)).length));
  }
  return { total: [...perUser.values()].reduce((a, b) => a + b, 0), perUser };
}
