import type { Product, TrainItemEncoderPayload } from '@magpie/contracts';
import type { MagpieStore } from '@magpie/data';
import type { ComputeBackendChoice } from '@magpie/ml';
import { PermanentJobError, type ModelEvents, type Processor } from '@magpie/queue';
import { activateIfBetter, type ModelTrainResult } from './quality-gate';
import { encodeSearchModelArtifact, trainSearchModel, type SearchJudgment } from '@magpie/search';

export interface TrainItemEncoderDeps {
  store: Pick<MagpieStore, 'products' | 'events' | 'artifacts' | 'versions'>;
  modelEvents: Pick<ModelEvents, 'publish'>;
  /** TensorFlow.js backend to train on (config `ml.backend`; default auto). */
  computeBackend?: ComputeBackendChoice;
}

export type TrainItemEncoderResult = ModelTrainResult;

/** The quality gate's metric: semantic NDCG@10 on search queries held out from training. */
export const ITEM_ENCODER_GATE_METRIC = 'held-out semantic ndcg@10';

/**
 * `train-item-encoder`: the content encoder (and the learned fusion of keyword and semantic search)
 * from the whole catalogue and the query–product pairs of shoppers' search events (click 1, cart 2,
 * purchase 3, as relevance 1 + min(2, weight)). With no search events it still trains on
 * pseudo-queries drawn from every product's own text, and search fuses by reciprocal rank. Stored as
 * one artifact, registered as an ITEM_ENCODER version; activated when it beats the active version on
 * held-out queries (or none is active, or `force`), which makes gateways rebuild search around it.
 * TensorFlow.js is loaded only when this job runs.
 */
export const makeTrainItemEncoder =
  ({ store, modelEvents, computeBackend }: TrainItemEncoderDeps): Processor<TrainItemEncoderPayload, TrainItemEncoderResult> =>
  async (job) => {
    const options = job.data;
    const version = await store.versions.create({ kind: 'ITEM_ENCODER', config: { ...options }, jobId: job.id });
    try {
      await job.updateProgress({ fraction: 0.01, message: 'reading the catalogue and search events' });
      const products: Product[] = [];
      for await (const page of store.products.scan(5_000)) products.push(...page);
      if (products.length < 2) throw new PermanentJobError(`not enough products to train an item encoder: ${products.length}`);
      const byId = new Map(products.map((p) => [p.id, p]));
      const pairs = options.maxPairs > 0 ? await store.events.searchPairs(options.maxPairs) : [];
      const judgments: SearchJudgment[] = pairs.flatMap((p) => {
        const product = byId.get(p.productId);
        return product ? [{ query: p.query, productId: product.externalId, relevance: 1 + Math.min(2, p.weight) }] : [];
      });
      const figures = { products: products.length, pairs: judgments.length };
      await job.updateProgress({ fraction: 0.05, message: 'training', figures });
      const ml = await import('@magpie/ml');
      const { backend } = await ml.initCompute({ backend: computeBackend ?? 'auto' });
      const model = await trainSearchModel({
        products,
        judgments,
        createIndex: (set) => new ml.TfExactIndex(set),
        encoder: { epochs: options.epochs },
        onEpoch: (e) =>
          void job.updateProgress({
            fraction: 0.05 + 0.85 * Math.min(1, e.epoch / options.epochs),
            message: `epoch ${e.epoch}/${options.epochs}`,
            figures: { epoch: e.epoch, loss: e.loss, ...(e.metric === undefined ? {} : { [ITEM_ENCODER_GATE_METRIC]: Math.max(e.metric, e.averageMetric ?? e.metric) }) },
          }),
      });
      try {
        await job.updateProgress({ fraction: 0.92, message: 'storing artifact', figures });
        const last = model.history[model.history.length - 1];
        const metrics = {
          [ITEM_ENCODER_GATE_METRIC]: model.heldOutNdcg ?? 0,
          loss: last?.loss ?? 0,
          epochs: model.history.length,
          seconds: model.history.reduce((s, h) => s + h.seconds, 0),
          encoderQueries: model.queries.encoder,
          fusionQueries: model.queries.fusion,
          ...figures,
        };
        const bytes = encodeSearchModelArtifact({ encoder: await ml.saveContentEncoder(model.encoder), fusion: model.fusion });
        const artifactId = await store.artifacts.save(`item-encoder-v${version.id}`, bytes, { format: 'magpie-search-model/1', products: products.length });
        await store.versions.complete(version.id, { metrics, artifactId, config: { backend, encoder: { ...model.encoder.config, numeric: model.encoder.config.numeric.map((n) => n.name) } } });
        const result = await activateIfBetter(
          { store, modelEvents },
          { kind: 'ITEM_ENCODER', versionId: version.id, metrics, metric: ITEM_ENCODER_GATE_METRIC, force: options.force, ties: 'win' },
        );
        await job.updateProgress({ fraction: 1, message: result.activated ? 'done: activated' : 'done: kept the active version (not better)', figures: metrics });
        return result;
      } finally {
        model.encoder.dispose();
      }
    } catch (error) {
      await store.versions.fail(version.id, error instanceof Error ? error.message : String(error));
      throw error;
    }
  };
