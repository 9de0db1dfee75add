import { ndcgAtRank, rankOf } from '@magpie/math';
import type { CfganArtifact, CfganEpoch, VectorCfganModel } from '@magpie/ml';
import type { ThreadTask } from '../threads/thread-task';
import type { CfganThreadInput, CfganTrainOutcome, CfganTrainRequest, CfganTrainedEpoch } from './cfgan-trainer';

/** One shopper in ten validates the sequence-conditioned generator (when there are at least `MIN_VALIDATION` of them). */
const VALIDATION_EVERY = 10;
const MIN_VALIDATION = 5;
/** Epochs without a better validation NDCG@10 before training stops (the best epoch's generator is kept). */
const PATIENCE = 3;

type Ml = typeof import('@magpie/ml');

/** A trained generator before saving, and how its training went. */
interface Trained {
  artifact: CfganArtifact;
  epochs: CfganEpoch[];
  bestEpoch?: number;
  validNdcg10?: number;
}

/**
 * The sequence-conditioned generator: trained on nine shoppers in ten, validated after each epoch on the
 * tenth (NDCG@10 of their held-out next item among the items they did not have), early-stopped, best
 * epoch kept.
 */
async function fitOnSequence(ml: Ml, request: CfganTrainRequest & { sequence: NonNullable<CfganTrainRequest['sequence']> }, report: (e: CfganTrainedEpoch) => void): Promise<Trained> {
  const numItems = request.itemIds.length;
  const encoder = await ml.loadSequenceModel(request.sequence.model);
  try {
    const { dim } = encoder.config;
    if (encoder.config.numItems !== numItems) throw new Error(`the sequence model has ${encoder.config.numItems} items, the CFGAN request ${numItems}`);
    const all = encoder.encode(request.sequence.conditions);
    const pairs = request.histories.map((_, i) => i);
    const validating = pairs.length >= VALIDATION_EVERY * MIN_VALIDATION;
    const isValidation = (i: number) => validating && i % VALIDATION_EVERY === 0;
    const rows = (which: number[]) => {
      const out = new Float32Array(which.length * dim);
      which.forEach((i, r) => out.set(all.subarray(i * dim, (i + 1) * dim), r * dim));
      return out;
    };
    const train = pairs.filter((i) => !isValidation(i));
    const valid = pairs.filter(isValidation);
    const validConditions = rows(valid);
    const validTargets = valid.map((i) => request.histories[i][0]);
    // the items each validating shopper already had (generator indices), the held-out one aside
    const validHad = valid.map((i, r) => new Set(Array.from(request.sequence.conditions[i], (m) => m - 1).filter((j) => j !== validTargets[r])));
    const validNdcg10 = (model: VectorCfganModel): number => {
      const scores = model.scores(validConditions);
      let sum = 0;
      validTargets.forEach((target, r) => (sum += ndcgAtRank(rankOf(scores.subarray(r * numItems, (r + 1) * numItems), target, validHad[r]), 10)));
      return sum / valid.length;
    };
    const space = { dim, items: encoder.itemEmbeddings().slice(dim, (numItems + 1) * dim), conditions: rows(train) };
    const stopping = new ml.EarlyStopping(PATIENCE);
    const fit = ml.fitVectorCfgan(train.map((i) => request.histories[i]), space, { ...request.config, numItems }, request.options, (e, model) => {
      if (!validating) return report(e);
      const ndcg = validNdcg10(model);
      report({ ...e, validNdcg10: ndcg });
      return stopping.observe(e.epoch, ndcg, model);
    });
    const kept = stopping.finish(fit.model);
    return { artifact: { condition: 'sequence', model: fit.model, itemIds: request.itemIds }, epochs: fit.epochs, ...(validating ? { bestEpoch: kept.bestEpoch, validNdcg10: kept.score } : {}) };
  } finally {
    encoder.dispose();
  }
}

/**
 * A CFGAN training as a thread task: trains (on interaction vectors, or on the sequence model's user
 * vectors when the request brings one), saves generator + item ids, hands the bytes back (transferred).
 */
export const runThreadTask: ThreadTask<CfganThreadInput, CfganTrainedEpoch, CfganTrainOutcome> = async ({ backend, request }, report) => {
  const ml = await import('@magpie/ml');
  const compute = await ml.initCompute({ backend });
  const started = performance.now();
  const { sequence } = request;
  let trained: Trained;
  if (sequence) {
    trained = await fitOnSequence(ml, { ...request, sequence }, report);
  } else {
    const fit = ml.fitCfgan(request.histories, { ...request.config, numItems: request.itemIds.length }, request.options, report);
    trained = { artifact: { condition: 'interactions', model: fit.model, itemIds: request.itemIds }, epochs: fit.epochs };
  }
  try {
    const bytes = await ml.saveCfganArtifact(trained.artifact);
    const result: CfganTrainOutcome = {
      artifact: bytes, config: trained.artifact.model.config, epochs: trained.epochs, seconds: (performance.now() - started) / 1000, backend: compute.backend,
      ...(trained.bestEpoch === undefined ? {} : { bestEpoch: trained.bestEpoch, validNdcg10: trained.validNdcg10 }),
    };
    return { result, transfer: [bytes.buffer as ArrayBuffer] };
  } finally {
    trained.artifact.model.dispose();
  }
};
