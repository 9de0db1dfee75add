import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRandom, type Random } from '@magpie/math';
import { currentBackend } from '../../compute/init-compute';
import { JsAdam } from '../adam';
import type { TrainingBatch } from '../batches';
import { computeGradients } from '../gradients';
import { stepRandomness, type StepRunner } from '../local-trainer';
import type { SequenceModelConfig, TrainOptions } from '../types';
import type { Weights } from '../weights';
import { checksum, shardBatch, sumGradients, type FromWorker, type ToWorker } from './protocol';

/** How long a gradient worker may take to load TensorFlow.js and the weights. */
const START_TIMEOUT_MS = 120_000;

/**
 * Synchronous data-parallel training over this thread plus `threads − 1` worker threads, each with its own
 * TensorFlow.js (WASM) instance and a replica of the weights. Every batch is split by rows; each
 * replica computes the gradient of its shard (weighted by its share of target positions), the
 * gradients are exchanged and summed in a fixed order, and every replica applies the same JsAdam step —
 * so replicas stay bit-identical without shipping weights. Dropout seeds and shared negatives come
 * from this thread, so a run is deterministic for a given thread count.
 */
export class ParallelStepRunner implements StepRunner {
  private readonly adam: JsAdam;
  private readonly inbox = new Map<Worker, FromWorker[]>();
  private readonly waiting = new Map<Worker, (message: FromWorker) => void>();
  private failure: Error | null = null;

  private constructor(
    private readonly config: SequenceModelConfig,
    private readonly options: TrainOptions,
    private readonly weights: Weights,
    private readonly random: Random,
    private readonly workers: Worker[],
  ) {
    this.adam = new JsAdam(weights, options.learningRate, options.weightDecay);
    for (const worker of workers) {
      this.inbox.set(worker, []);
      worker.on('message', (message: FromWorker) => this.deliver(worker, message));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => code !== 0 && this.fail(new Error(`gradient worker exited with code ${code}`)));
    }
  }

  /** Starts the workers; resolves null (caller falls back to one thread) when they cannot start here. */
  static async start(config: SequenceModelConfig, options: TrainOptions, weights: Weights, random: Random, threads: number): Promise<ParallelStepRunner | null> {
    const workers: Worker[] = [];
    try {
      for (let i = 1; i < threads; i++) workers.push(spawnGradientWorker());
      const runner = new ParallelStepRunner(config, options, weights, random, workers);
      const layout = [...weights].map(([name, v]) => ({ name, shape: v.shape }));
      const initial = [...weights.values()].map((v) => v.dataSync() as Float32Array);
      await Promise.all(
        workers.map(async (worker) => {
          worker.postMessage({ type: 'init', backend: currentBackend(), config, layout, initial, learningRate: options.learningRate, weightDecay: options.weightDecay } satisfies ToWorker);
          const reply = await runner.receive(worker, START_TIMEOUT_MS);
          if (reply.type !== 'ready') throw new Error(`gradient worker answered ${reply.type} to init`);
        }),
      );
      return runner;
    } catch {
      await Promise.all(workers.map((w) => w.terminate()));
      return null;
    }
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  async step(batch: TrainingBatch, weight = 1): Promise<number> {
    if (batch.targets.length === 0) return 0;
    const { negatives, dropoutSeed } = stepRandomness(this.options, this.config.numItems, this.random);
    const seeds = createRandom(dropoutSeed);
    const shards = shardBatch(batch, this.threads);
    const total = batch.targets.length;
    const inputs = shards.map((shard) => ({ batch: shard, negatives, dropoutSeed: seeds.int(2 ** 31) }));
    const scale = (shard: TrainingBatch) => (weight * shard.targets.length) / total;
    this.workers.forEach((worker, w) => worker.postMessage({ type: 'step', input: inputs[w + 1], scale: scale(shards[w + 1]) } satisfies ToWorker));
    const mine = computeGradients(this.config, this.weights, inputs[0], scale(shards[0]));
    for (const worker of this.workers) worker.postMessage({ type: 'peer-grads', grads: mine.grads } satisfies ToWorker);
    const theirs = await Promise.all(this.workers.map((worker) => this.receive(worker)));
    let lossSum = mine.loss * mine.positions;
    const parts: Float32Array[][] = [mine.grads];
    for (const reply of theirs) {
      if (reply.type !== 'grads') throw new Error(`gradient worker answered ${reply.type} to step`);
      lossSum += reply.loss * reply.positions;
      parts.push(reply.grads);
    }
    this.adam.apply(sumGradients(parts));
    return lossSum / total;
  }

  /** Checksums of this replica's weights and every worker's (equal when replicas are in sync). */
  async checksums(): Promise<number[]> {
    const own = checksum([...this.weights.values()].map((v) => v.dataSync() as Float32Array));
    const others = await Promise.all(
      this.workers.map(async (worker) => {
        worker.postMessage({ type: 'checksum' } satisfies ToWorker);
        const reply = await this.receive(worker);
        if (reply.type !== 'checksum') throw new Error(`gradient worker answered ${reply.type} to checksum`);
        return reply.value;
      }),
    );
    return [own, ...others];
  }

  values(): readonly Float32Array[] {
    return this.adam.current;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker) => {
        worker.postMessage({ type: 'close' } satisfies ToWorker);
        await worker.terminate();
      }),
    );
  }

  private deliver(worker: Worker, message: FromWorker) {
    if (message.type === 'error') return this.fail(new Error(`gradient worker: ${message.message}`));
    const resolveWaiting = this.waiting.get(worker);
    if (resolveWaiting) {
      this.waiting.delete(worker);
      resolveWaiting(message);
    } else {
      this.inbox.get(worker)?.push(message);
    }
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const [worker, resolveWaiting] of this.waiting) {
      this.waiting.delete(worker);
      resolveWaiting({ type: 'error', message: error.message });
    }
  }

  private receive(worker: Worker, timeoutMs?: number): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    const queued = this.inbox.get(worker)?.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolvePromise, reject) => {
      const timer = timeoutMs ? setTimeout(() => reject(new Error('gradient worker did not answer in time')), timeoutMs) : null;
      this.waiting.set(worker, (message) => {
        if (timer) clearTimeout(timer);
        if (message.type === 'error') reject(this.failure ?? new Error(message.message));
        else resolvePromise(message);
      });
    });
  }
}

/**
 * A worker thread running gradient-worker. The sources are TypeScript run through @swc-node/register
 * (as bin/magpie.js does); a compiled build would find gradient-worker.js beside this file instead.
 */
function spawnGradientWorker(): Worker {
  const entry = join(__dirname, `gradient-worker${extname(__filename)}`);
  const tsconfig = resolve(__dirname, '../../../../../tsconfig.json');
  const bootstrap = [
    "const { workerData } = require('node:worker_threads');",
    "if (workerData.entry.endsWith('.ts')) {",
    '  process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || workerData.tsconfig;',
    "  require('@swc-node/register');",
    '}',
    'require(workerData.entry);',
  ].join('\n');
  return new Worker(bootstrap, { eval: true, workerData: { entry, tsconfig } });
}
