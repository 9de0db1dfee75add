import { TrainStatsPayload, type HistoryEntry, type Product, type TrainRankerPayload } from '@magpie/contracts';
import type { MagpieStore } from '@magpie/data';
import type { ComputeBackendChoice, LoadSequenceModel } from '@magpie/ml';
import { PermanentJobError, type ModelEvents, type Processor } from '@magpie/queue';
import {
  blendPoolSize, catalogViewOf, computeStats, createRankerTrainer, decodeSequenceArtifact, encodeRanker, eventsBeforeDecisions, evaluateRanker, heldOutLists,
  isTailItem, Recommender, sequenceCandidates, SequenceServing, type RankerList, type StatsEvent,
} from '@magpie/recommendation';
import { loadActiveStats } from './active-stats';
import { groupByUser } from './group-by-user';
import { activateIfBetter, type ModelTrainResult } from './quality-gate';

export interface TrainRankerDeps {
  store: Pick<MagpieStore, 'products' | 'events' | 'artifacts' | 'versions'>;
  modelEvents: Pick<ModelEvents, 'publish'>;
  /** TensorFlow.js backend the active sequence model runs on here (config `ml.backend`; default auto). */
  computeBackend?: ComputeBackendChoice;
  /** Turns saved sequence-model bytes back into a model (default: @magpie/ml's, loaded only when a SEQUENCE version is active). */
  loadSequenceModel?: LoadSequenceModel;
}

export type TrainRankerResult = ModelTrainResult;

/** The quality gate's metric: NDCG@10 of the held-out next interaction among the validation shoppers' candidates. */
export const RANKER_GATE_METRIC = 'valid ndcg@10';
/** The same figure for the blended order the ranker replaces. */
export const RANKER_BASELINE_METRIC = 'blend ndcg@10';

/**
 * The active sequence model, served as the gateways serve it (so its proposals join the held-out
 * pools as they join live ones), or null when no SEQUENCE version is active.
 */
async function activeSequence(deps: TrainRankerDeps): Promise<{ versionId: number; serving: SequenceServing } | null> {
  const active = await deps.store.versions.active('SEQUENCE');
  if (!active || active.artifactId === null) return null;
  const artifact = decodeSequenceArtifact(await deps.store.artifacts.load(active.artifactId));
  if (deps.loadSequenceModel) {
    return { versionId: active.id, serving: SequenceServing.create(await deps.loadSequenceModel(artifact.model), artifact.vocabulary, { annThreshold: 200_000 }) };
  }
  const ml = await import('@magpie/ml');
  await ml.initCompute({ backend: deps.computeBackend ?? 'auto' });
  const encoder = await ml.loadSequenceModel(artifact.model);
  return { versionId: active.id, serving: SequenceServing.create(encoder, artifact.vocabulary, { annThreshold: 200_000, exactIndex: (set) => new ml.TfExactIndex(set) }) };
}

/** One shopper in ten (by id) validates. */
const isValidation = (userId: number) => userId % 10 === 0;

/**
 * `train-ranker`: held-out decisions from the events (each shopper's last interactions, each against
 * the candidates the serving pipeline blends from the events before it, under statistics of the active
 * version's settings computed without those interactions, and the active sequence model's proposals),
 * the ranker fitted on nine shoppers in ten and judged on the tenth against the blended order, stored
 * as a RANKER version. It becomes active when it beats the blended order and the active ranker on
 * held-out NDCG@10 (or `force`); otherwise it stays `ready`. SGD is plain typed-array math; the job
 * yields to the event loop between shoppers' pages and epochs.
 */
export const makeTrainRanker =
  (deps: TrainRankerDeps): Processor<TrainRankerPayload, TrainRankerResult> =>
  async (job) => {
    const { store, modelEvents } = deps;
    const options = job.data;
    const stats = await loadActiveStats(store);
    if (!stats) throw new PermanentJobError('no active STATS model: run retrain(kind: STATS) first');
    const sequence = await activeSequence(deps);
    const version = await store.versions.create({
      kind: 'RANKER', config: { ...options, statsVersion: stats.versionId, sequenceVersion: sequence?.versionId ?? null }, jobId: job.id,
    });
    try {
      await job.updateProgress({ fraction: 0.01, message: 'reading the catalogue' });
      const products = new Map<number, Product>();
      for await (const page of store.products.scan(5_000)) for (const p of page) products.set(p.id, p);
      const lookup = (id: number) => products.get(id);
      await job.updateProgress({ fraction: 0.03, message: 'reading events' });
      const shoppers: Array<{ userId: number; events: HistoryEntry[] }> = [];
      const statsEvents: StatsEvent[] = [];
      for await (const events of groupByUser(store.events.scanForTraining(10_000))) {
        const userId = events[0].userId;
        const history = events.map((e) => ({ productId: e.productId, type: e.type, ts: e.ts }));
        if (shoppers.length < options.maxShoppers) shoppers.push({ userId, events: history });
        for (const e of eventsBeforeDecisions(events, options.decisions)) statsEvents.push(e);
      }
      // Statistics of the active version's settings without the decisions themselves (see eventsBeforeDecisions).
      const statsVersion = await store.versions.byId(stats.versionId);
      const statsOptions = TrainStatsPayload.parse(statsVersion?.config ?? {});
      const heldOut = await computeStats([statsEvents], statsOptions);
      const recommender = new Recommender({ catalog: catalogViewOf(lookup), stats: () => heldOut });
      const isTail = isTailItem(heldOut, options.headShare);
      const proposals = sequence
        ? async (recent: HistoryEntry[]) => {
            const ranking = await sequence.serving.rank(recent);
            return ranking ? sequenceCandidates(ranking) : [];
          }
        : undefined;
      const listOptions = {
        stats: heldOut, recommender, isTail, lookup, historyLength: options.historyLength, poolSize: blendPoolSize(10, true), decisions: options.decisions, sequence: proposals,
      };
      const train: RankerList[] = [];
      const valid: RankerList[] = [];
      for (const [n, shopper] of shoppers.entries()) {
        (isValidation(shopper.userId) ? valid : train).push(...(await heldOutLists(shopper.events, listOptions)));
        if ((n + 1) % 2000 === 0) {
          await job.updateProgress({ fraction: 0.1 + (0.25 * (n + 1)) / shoppers.length, message: 'building held-out decisions', figures: { shoppers: n + 1, decisions: train.length + valid.length } });
        }
      }
      if (train.length < 10 || valid.length < 1) {
        throw new PermanentJobError(`not enough held-out decisions to train a ranker: ${train.length} for training, ${valid.length} for validation`);
      }
      const trainer = createRankerTrainer(train, options);
      for (let epoch = 1; epoch <= options.epochs; epoch++) {
        const loss = trainer.epoch();
        await job.updateProgress({ fraction: 0.35 + (0.55 * epoch) / options.epochs, message: `epoch ${epoch}/${options.epochs}`, figures: { epoch, loss } });
      }
      const ranked = evaluateRanker(trainer.model, valid);
      const blended = evaluateRanker(null, valid);
      const metrics = {
        shoppers: shoppers.length, 'sequence candidates': sequence ? 1 : 0, 'train decisions': train.length, 'valid decisions': valid.length,
        [RANKER_GATE_METRIC]: ranked.ndcg10, 'valid mrr': ranked.mrr, [RANKER_BASELINE_METRIC]: blended.ndcg10, 'blend mrr': blended.mrr,
      };
      await job.updateProgress({ fraction: 0.92, message: 'storing artifact', figures: metrics });
      const artifactId = await store.artifacts.save(`ranker-v${version.id}`, encodeRanker(trainer.model), { format: 'magpie-ranker/1' });
      await store.versions.complete(version.id, { metrics, artifactId });
      const beatsBlend = ranked.ndcg10 > blended.ndcg10;
      const result = beatsBlend || options.force
        ? await activateIfBetter({ store, modelEvents }, { kind: 'RANKER', versionId: version.id, metrics, metric: RANKER_GATE_METRIC, force: options.force })
        : { versionId: version.id, activated: false, comparedWith: (await store.versions.active('RANKER'))?.id ?? null, metrics };
      await job.updateProgress({ fraction: 1, message: result.activated ? 'done (active)' : 'done (kept ready: did not pass the gate)', figures: metrics });
      return result;
    } catch (error) {
      await store.versions.fail(version.id, error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      sequence?.serving.dispose();
    }
  };
