import { createRandom } from '@magpie/math';
import { makeBatch, planBatches, trainingExamples } from './batches';
import { padLeft, readableHistory } from './padding';

describe('training batches', () => {
  it('turns each sequence into next-item pairs over its last maxLen + 1 items', () => {
    const [a, b] = trainingExamples([Int32Array.of(1, 2, 3, 4, 5), Int32Array.of(7), Int32Array.of(8, 9)], 3, 10);
    expect(Array.from(a.input)).toEqual([2, 3, 4]);
    expect(Array.from(a.target)).toEqual([3, 4, 5]);
    expect(Array.from(b.input)).toEqual([8]);
    expect(Array.from(b.target)).toEqual([9]);
  });

  it('left-pads a batch to its longest sequence and lists the target positions', () => {
    const examples = trainingExamples([Int32Array.of(1, 2, 3), Int32Array.of(4, 5)], 50, 10);
    const batch = makeBatch(examples, [0, 1]);
    expect(batch.inputs.length).toBe(2); // trimmed to the longest input, not 50
    expect(Array.from(batch.inputs.ids)).toEqual([1, 2, 0, 4]);
    expect(Array.from(batch.positions)).toEqual([0, 1, 3]);
    expect(Array.from(batch.targets)).toEqual([2, 3, 5]);
  });

  it('buckets by length, covers every example once and repeats under a seed', () => {
    const lengths = Array.from({ length: 100 }, (_, i) => 2 + (i * 37) % 20);
    const examples = trainingExamples(lengths.map((n) => Int32Array.from({ length: n }, (_, t) => t + 1)), 50, 30);
    const plan = planBatches(examples, 10, createRandom(1));
    expect(plan.flat().sort((x, y) => x - y)).toEqual(Array.from(examples.keys()));
    for (const batch of plan) {
      const ls = batch.map((i) => examples[i].input.length);
      expect(Math.max(...ls) - Math.min(...ls)).toBeLessThanOrEqual(3);
    }
    expect(planBatches(examples, 10, createRandom(1))).toEqual(plan);
  });

  it('reads a history as its last maxLen known items', () => {
    expect(Array.from(readableHistory([0, 5, 99, 6, 7, 8], 3, 10))).toEqual([6, 7, 8]);
    expect(padLeft([Int32Array.of()]).length).toBe(1);
  });
});
