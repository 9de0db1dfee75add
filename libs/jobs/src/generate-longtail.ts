import { JOB_LONGTAIL_FINALIZE, JOB_LONGTAIL_SHARD, QUEUE_LONGTAIL, type LongtailPayload, type ModelVersion } from '@magpie/contracts';
import type { MagpieStore } from '@magpie/data';
import type { ComputeBackendChoice } from '@magpie/ml';
import { PermanentJobError, type JobContext, type Processor } from '@magpie/queue';
import { decodeSequenceArtifact, type SequenceArtifact } from '@magpie/recommendation';
import { loadActiveStats } from './active-stats';
import { ThreadCfganTrainer, type CfganTrainer, type CfganTrainRequest } from './longtail/cfgan-trainer';
import { followFlow } from './longtail/follow-flow';
import { buildInteractions, buildSequenceTraining, userRanges, type UserRange } from './longtail/interactions';

export interface GenerateLongtailDeps {
  store: Pick<MagpieStore, 'events' | 'artifacts' | 'versions'>;
  /** Where CFGAN trains (default: a worker thread per run on `computeBackend`). */
  ganTrainer?: CfganTrainer;
  computeBackend?: ComputeBackendChoice;
  /** How often the job looks at its shard flow (default 250 ms). */
  flowPollMs?: number;
  /**
   * Aborted when the worker shuts down: a job following its flow stops (it is retried later and
   * resumes the same flow) instead of holding the shutdown up until every shard is done.
   */
  stopping?: AbortSignal;
}

export interface GenerateLongtailResult {
  versionId: number;
  generator: LongtailPayload['generator'];
  users: number;
  shards: number;
  candidates: number;
}

/** Attempts of each shard job and of the finalize job (each retried on its own, exponential backoff). */
const SHARD_ATTEMPTS = 5;
const FINALIZE_ATTEMPTS = 3;

/** Job ids of a version's flow: fixed by the version, so adding the flow again adds nothing. */
export const longtailFlowIds = (versionId: number, shards: number) => ({
  parent: `lt-v${versionId}-finalize`,
  children: Array.from({ length: shards }, (_, i) => `lt-v${versionId}-shard-${i}`),
});

/** The active SEQUENCE version's artifact (model bytes and vocabulary), or null when none is active. */
async function activeSequence(store: GenerateLongtailDeps['store']): Promise<{ versionId: number; artifact: SequenceArtifact } | null> {
  const active = await store.versions.active('SEQUENCE');
  if (!active || active.artifactId === null) return null;
  return { versionId: active.id, artifact: decodeSequenceArtifact(await store.artifacts.load(active.artifactId)) };
}

/** The longest history the sequence model reads (its config, recorded in the artifact). */
const sequenceMaxLen = (artifact: SequenceArtifact): number => (typeof artifact.config.maxLen === 'number' ? artifact.config.maxLen : 50);

/** A version this job prepared in an earlier attempt (e.g. on a worker that died): reused, not retrained. */
async function preparedVersion(store: GenerateLongtailDeps['store'], jobId: string): Promise<ModelVersion | null> {
  const mine = (await store.versions.list({ kind: 'LONGTAIL', first: 50 })).filter((v) => v.jobId === jobId);
  const prepared = (v: ModelVersion) => Array.isArray(v.config.ranges) && v.status !== 'failed' && v.status !== 'retired';
  for (const v of mine) if (v.status === 'training' && !prepared(v)) await store.versions.fail(v.id, 'interrupted while training; the job was retried');
  return mine.find(prepared) ?? null;
}

/**
 * Trains the generator and records a LONGTAIL version holding its artifact, the statistics version
 * that defines the tail, and the shoppers' user-id ranges, one per shard. The version stays in
 * training (not promotable) until the finalize job has seen every shard written.
 */
async function prepareVersion(
  job: JobContext<LongtailPayload>,
  { store, trainer }: { store: GenerateLongtailDeps['store']; trainer: () => CfganTrainer },
  statsVersion: number,
): Promise<ModelVersion> {
  const options = job.data;
  const version = await store.versions.create({ kind: 'LONGTAIL', config: { ...options, statsVersion }, jobId: job.id });
  try {
    await job.updateProgress({ fraction: 0.01, message: 'reading events' });
    const cfgan = options.generator === 'cfgan';
    const sequence = cfgan && options.condition !== 'interactions' ? await activeSequence(store) : null;
    if (cfgan && options.condition === 'sequence' && !sequence) throw new PermanentJobError('condition "sequence" needs an active SEQUENCE model: run retrain(kind: SEQUENCE) first');
    const scan = () => store.events.scanForTraining(10_000);
    const data = sequence ? null : await buildInteractions(scan());
    const training = sequence ? await buildSequenceTraining(scan(), sequence.artifact.vocabulary, sequenceMaxLen(sequence.artifact)) : null;
    const userIds = data?.userIds ?? training?.userIds ?? [];
    if (userIds.length === 0) throw new PermanentJobError('no shopper events: nothing to generate long-tail candidates for');
    const ranges: UserRange[] = userRanges(userIds, options.shards);
    const itemIds = data?.itemIds ?? Array.from(sequence?.artifact.vocabulary.productIds ?? []);
    const figures = { users: userIds.length, items: itemIds.length, shards: ranges.length };
    if (options.generator === 'cooccurrence') {
      return await store.versions.record(version.id, { metrics: figures, artifactId: null, config: { ranges } });
    }
    const condition = sequence ? 'sequence' : 'interactions';
    await job.updateProgress({ fraction: 0.05, message: `training CFGAN (${condition} condition)`, figures });
    // Left out of the payload, epochs and hidden units take @magpie/ml's tuned defaults.
    const epochs = options.epochs ?? (await import('@magpie/ml')).DEFAULT_CFGAN_TRAINING.epochs;
    const request: CfganTrainRequest = sequence && training
      ? { histories: training.targets, itemIds, sequence: { model: sequence.artifact.model, conditions: training.conditions }, config: { hidden: options.hidden }, options: { epochs } }
      : { histories: data?.histories ?? [], itemIds, config: { hidden: options.hidden }, options: { epochs } };
    const outcome = await trainer().train(request, (e) =>
      job.updateProgress({
        fraction: 0.05 + 0.4 * Math.min(1, e.epoch / epochs),
        message: `CFGAN epoch ${e.epoch}/${epochs}`,
        figures: { ...figures, epoch: e.epoch, generatorLoss: e.generatorLoss, discriminatorLoss: e.discriminatorLoss, ...(e.validNdcg10 === undefined ? {} : { validNdcg10: e.validNdcg10 }) },
      }),
    );
    const artifactId = await store.artifacts.save(`longtail-cfgan-v${version.id}`, outcome.artifact, { versionId: version.id, items: itemIds.length });
    const last = outcome.epochs[outcome.epochs.length - 1];
    return await store.versions.record(version.id, {
      metrics: {
        ...figures, epochs: outcome.epochs.length, seconds: outcome.seconds, generatorLoss: last?.generatorLoss ?? 0, discriminatorLoss: last?.discriminatorLoss ?? 0,
        ...(outcome.bestEpoch === undefined ? {} : { bestEpoch: outcome.bestEpoch, 'valid ndcg@10': outcome.validNdcg10 ?? 0 }),
      },
      artifactId,
      config: { ranges, cfgan: outcome.config, backend: outcome.backend, condition, ...(sequence ? { sequenceVersion: sequence.versionId } : {}) },
    });
  } catch (error) {
    await store.versions.fail(version.id, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/**
 * `longtail-generate` (`retrain(kind: LONGTAIL)`): trains the generator (CFGAN in a worker thread, or
 * none for `cooccurrence`), stores it as a LONGTAIL version, then fans out a flow on the longtail
 * queue: one `longtail-shard` job per user-id range, under a `longtail-finalize` parent that activates
 * the version once every shard completed. This job follows the flow to its end, so its `job(id)`
 * shows shards done / total, retries, failures and candidates. A retry of this job (say its worker
 * died) reuses the prepared version and the flow already added instead of training again.
 */
export const makeGenerateLongtail = ({ store, ganTrainer, computeBackend, flowPollMs = 250, stopping }: GenerateLongtailDeps): Processor<LongtailPayload, GenerateLongtailResult> => {
  let threadTrainer: CfganTrainer | undefined;
  const trainer = () => ganTrainer ?? (threadTrainer ??= new ThreadCfganTrainer({ backend: computeBackend }));
  return async (job) => {
    const options = job.data;
    const stats = await loadActiveStats(store);
    if (!stats) throw new PermanentJobError('no active STATS model: run retrain(kind: STATS) first');
    const version = (await preparedVersion(store, job.id)) ?? (await prepareVersion(job, { store, trainer }, stats.versionId));
    const ranges = version.config.ranges as UserRange[];
    const ids = longtailFlowIds(version.id, ranges.length);
    await job.jobs.addFlow({
      queue: QUEUE_LONGTAIL,
      parent: { name: JOB_LONGTAIL_FINALIZE, payload: { versionId: version.id, shards: ranges.length }, options: { jobId: ids.parent, attempts: FINALIZE_ATTEMPTS } },
      children: ranges.map((r, shard) => ({
        name: JOB_LONGTAIL_SHARD,
        payload: { versionId: version.id, shard, shards: ranges.length, fromUserId: r.from, toUserId: r.to, perUser: options.perUser, headShare: options.headShare, delayMs: options.shardDelayMs },
        options: { jobId: ids.children[shard], attempts: SHARD_ATTEMPTS },
      })),
    });
    const queued = (id: string) => `${QUEUE_LONGTAIL}:${id}`;
    const { parent, figures } = await followFlow(job, { parent: queued(ids.parent), children: ids.children.map(queued) }, { pollMs: flowPollMs, fractionFrom: 0.5, signal: stopping });
    if (parent.state === 'failed') {
      await store.versions.fail(version.id, `shard flow failed: ${parent.failedReason}`);
      throw new PermanentJobError(`long-tail shard flow failed: ${parent.failedReason}`);
    }
    const users = ranges.reduce((sum, r) => sum + r.users, 0);
    const candidates = (parent.result as { candidates?: number } | null)?.candidates ?? figures.candidates;
    await job.updateProgress({ fraction: 1, message: 'done', figures: { ...figures, users, candidates } });
    return { versionId: version.id, generator: options.generator, users, shards: ranges.length, candidates };
  };
};
