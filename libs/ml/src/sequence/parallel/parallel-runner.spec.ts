import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { initCompute } from '../../compute/init-compute';
import { makeBatch, trainingExamples } from '../batches';
import { resolveSequenceConfig, resolveTrainOptions } from '../defaults';
import { fitSequenceModel } from '../fit';
import { LocalStepRunner } from '../local-trainer';
import { successorTask } from '../test-data';
import { initialWeights, toVariables } from '../weights';
import { ParallelStepRunner } from './parallel-runner';
import { shardBatch } from './protocol';

describe('data-parallel training over worker threads', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  const task = successorTask(30, 40, 9);
  const config = resolveSequenceConfig({ kind: 'sasrec', numItems: 30, dim: 16, blocks: 1, heads: 2, innerDim: 32, maxLen: 8, dropout: 0 , attentionDropout: 0 });
  const examples = trainingExamples(task.train.sequences, config.maxLen, 30);

  it('splits a batch into row shards that keep every target at the right position', () => {
    const batch = makeBatch(examples, [0, 1, 2, 3, 4]);
    const shards = shardBatch(batch, 2);
    expect(shards.map((s) => s.inputs.rows)).toEqual([3, 2]);
    expect(shards.reduce((n, s) => n + s.targets.length, 0)).toBe(batch.targets.length);
    const rowLength = batch.inputs.length;
    for (const [s, shard] of shards.entries()) {
      const rowOffset = s === 0 ? 0 : 3;
      shard.positions.forEach((p, i) => {
        expect(shard.inputs.ids[p]).toBe(batch.inputs.ids[p + rowOffset * rowLength]);
        expect(shard.targets[i]).toBe(shard.inputs.ids[p] % 30 + 1);
      });
    }
  });

  it('keeps the replicas bit-identical and matches single-thread training without dropout', async () => {
    const options = resolveTrainOptions({ loss: 'ce', learningRate: 0.01 });
    const parallelWeights = toVariables(initialWeights(config, createRandom(1)));
    const localWeights = toVariables(initialWeights(config, createRandom(1)));
    const runner = await ParallelStepRunner.start(config, options, parallelWeights, createRandom(5), 2);
    expect(runner).not.toBeNull();
    const local = new LocalStepRunner(config, options, localWeights, createRandom(5));
    for (let i = 0; i < 4; i++) {
      const batch = makeBatch(examples, [i, i + 5, i + 10, i + 15, i + 20, i + 25]);
      const a = await runner!.step(batch);
      const b = local.stepSync(batch);
      expect(a).toBeCloseTo(b, 4);
    }
    const sums = await runner!.checksums();
    expect(sums[1]).toBe(sums[0]);
    const p = parallelWeights.get('item_embedding')!.dataSync();
    const l = localWeights.get('item_embedding')!.dataSync();
    for (let i = 0; i < p.length; i++) expect(p[i]).toBeCloseTo(l[i], 4);
    await runner!.close();
    [...parallelWeights.values(), ...localWeights.values()].forEach((v) => v.dispose());
  }, 60_000);

  it('trains through fitSequenceModel with threads: 2 and reports it', async () => {
    const before = tf.memory().numTensors;
    const result = await fitSequenceModel(task.train, task.valid, { ...config, dropout: 0.1 }, { epochs: 3, batchSize: 8, threads: 2 });
    expect(result.threads).toBe(2);
    expect(result.epochs).toHaveLength(3);
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
