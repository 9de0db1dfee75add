import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { currentBackend, initCompute } from '../compute/init-compute';
import { makeBatch, planBatches, trainingExamples } from './batches';
import { resolveSequenceConfig, resolveTrainOptions } from './defaults';
import { TfSequenceEncoder } from './encoder';
import { LocalStepRunner, type StepRunner } from './local-trainer';
import { ParallelStepRunner } from './parallel/parallel-runner';
import { rankMetrics, targetRanks } from './ranking';
import type { EpochReport, FitSequenceModel, ValidationSet } from './types';
import { WeightAverage } from './weight-average';
import { initialWeights, toVariables, type Weights } from './weights';

/**
 * Implements `FitSequenceModel`: trains SASRec / GRU4Rec with Adam on every next-item position, validates
 * full-ranking NDCG@10 after each epoch, stops after `patience` epochs without a better one and keeps
 * the best epoch's weights (with `averageDecay`, validates and keeps the Polyak average instead). Deterministic under `config.seed` (initial weights, dropout, batch order,
 * sampled negatives). Uses the backend chosen by `initCompute` (choosing 'auto' if nobody did).
 * Yields to the event loop between batches so a worker thread stays responsive (`shouldStop`).
 */
export const fitSequenceModel: FitSequenceModel = async (data, valid, partialConfig, partialOptions, callbacks = {}) => {
  await initCompute();
  const config = resolveSequenceConfig({ ...partialConfig, numItems: partialConfig.numItems ?? data.numItems });
  if (data.numItems > config.numItems) throw new Error(`Training data has ${data.numItems} items but the config allows ${config.numItems}`);
  const options = resolveTrainOptions(partialOptions);
  const random = createRandom(config.seed);
  const weights = toVariables(initialWeights(config, random));
  const model = new TfSequenceEncoder(config, weights);
  const examples = trainingExamples(data.sequences, config.maxLen, config.numItems);
  const totalTargets = examples.reduce((sum, e) => sum + e.target.length, 0);
  const orderRandom = createRandom(random.int(2 ** 31));
  const stepRandom = createRandom(random.int(2 ** 31));
  const parallel = (options.threads ?? 1) > 1 ? await ParallelStepRunner.start(config, options, weights, stepRandom, options.threads ?? 1) : null;
  const runner: StepRunner = parallel ?? new LocalStepRunner(config, options, weights, stepRandom);
  const averageDecay = options.averageDecay ?? 0;
  const average = averageDecay > 0 ? new WeightAverage(runner.values(), averageDecay) : null;
  const reports: EpochReport[] = [];
  let best: { epoch: number; ndcg: number; snapshot: Map<string, tf.Tensor> } | null = null;
  let trainSeconds = 0;
  let trainedSequences = 0;
  let stale = 0;
  const started = performance.now();
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const epochStart = performance.now();
      let lossSum = 0;
      let positions = 0;
      let sequences = 0;
      let stopped = false;
      const plan = planBatches(examples, options.batchSize, orderRandom);
      const meanTargets = totalTargets / Math.max(1, plan.length);
      for (const indices of plan) {
        if (callbacks.shouldStop?.()) {
          stopped = true;
          break;
        }
        const batch = makeBatch(examples, indices);
        const weight = options.weighting === 'batch' ? 1 : batch.targets.length / meanTargets;
        lossSum += (await runner.step(batch, weight)) * batch.targets.length;
        average?.update(runner.values());
        positions += batch.targets.length;
        sequences += indices.length;
        await yieldToEventLoop();
      }
      const seconds = (performance.now() - epochStart) / 1000;
      trainSeconds += seconds;
      trainedSequences += sequences;
      if (sequences === 0 && stopped) break;
      const report: EpochReport = { epoch, loss: positions > 0 ? lossSum / positions : 0, seconds, sequencesPerSecond: seconds > 0 ? sequences / seconds : 0 };
      if (valid && valid.histories.length > 0) {
        // With averaging, the average is what is validated and kept; training goes on from the raw weights.
        if (average) assignValues(weights, average.values);
        report.valid = validationMetrics(model, valid);
        const ndcg = report.valid['ndcg@10'];
        if (!best || ndcg > best.ndcg) {
          disposeSnapshot(best?.snapshot);
          best = { epoch, ndcg, snapshot: snapshotOf(weights) };
          stale = 0;
        } else {
          stale++;
        }
        if (average) assignValues(weights, runner.values());
      }
      reports.push(report);
      await callbacks.onEpoch?.(report);
      if (stopped || stale >= options.patience) break;
    }
    if (best) for (const [name, value] of best.snapshot) weights.get(name)?.assign(value);
    else if (average) assignValues(weights, average.values);
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    disposeSnapshot(best?.snapshot);
    await runner.close();
  }
  return {
    model,
    epochs: reports,
    bestEpoch: best?.epoch ?? reports.length,
    seconds: (performance.now() - started) / 1000,
    sequencesPerSecond: trainSeconds > 0 ? trainedSequences / trainSeconds : 0,
    backend: currentBackend(),
    threads: parallel?.threads ?? 1,
  };
};

/** Full-ranking HR/NDCG@10/20 and MRR of the held-out next items (padding, and unless told otherwise history items, excluded). */
export function validationMetrics(model: TfSequenceEncoder, valid: ValidationSet): Record<string, number> {
  const vectors = model.encode(valid.histories);
  const ranks = targetRanks(model.itemEmbeddings(), model.config.dim, vectors, valid.excludeHistory === false ? null : valid.histories, valid.targets);
  return rankMetrics(ranks);
}

function snapshotOf(weights: Weights): Map<string, tf.Tensor> {
  return new Map([...weights].map(([name, v]) => [name, tf.keep(tf.clone(v))]));
}

/** Writes values (in the weights' order) into the variables, as new tensors (XNNPACK caches packed weights by tensor identity). */
function assignValues(weights: Weights, values: readonly Float32Array[]): void {
  [...weights.values()].forEach((variable, p) => {
    const next = tf.tensor(values[p], variable.shape, 'float32');
    variable.assign(next);
    next.dispose();
  });
}

function disposeSnapshot(snapshot: Map<string, tf.Tensor> | undefined): void {
  if (snapshot) for (const t of snapshot.values()) t.dispose();
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
