import type { Random } from '@magpie/math';
import { padLeft, readableHistory, type PaddedIds } from './padding';

/** One training sequence: input[t] is followed by target[t] (every position is a next-item target). */
export interface TrainingExample {
  input: Int32Array;
  target: Int32Array;
}

/** A left-padded batch with the flat positions that carry a target, and those targets. */
export interface TrainingBatch {
  inputs: PaddedIds;
  positions: Int32Array;
  targets: Int32Array;
}

/** Sequences → (input, target) pairs over their last maxLen + 1 items; sequences shorter than 2 have no target. */
export function trainingExamples(sequences: readonly Int32Array[], maxLen: number, numItems: number): TrainingExample[] {
  const examples: TrainingExample[] = [];
  for (const sequence of sequences) {
    const window = readableHistory(sequence, maxLen + 1, numItems);
    if (window.length < 2) continue;
    examples.push({ input: window.subarray(0, window.length - 1), target: window.subarray(1) });
  }
  return examples;
}

/**
 * An epoch's batches (example indices). Length bucketing: examples sorted by length (random order among
 * equal lengths), cut into batches, batch order shuffled. Each batch is trimmed to its longest sequence,
 * so padding nearly vanishes (Beauty's mean length is 8.9, not 50) and the few long histories share a
 * handful of batches instead of stretching many. Deterministic under the seed.
 */
export function planBatches(examples: readonly TrainingExample[], batchSize: number, random: Random): number[][] {
  const order = random.shuffle(Array.from(examples.keys()));
  const rank = new Float64Array(examples.length);
  order.forEach((example, position) => (rank[example] = position));
  order.sort((a, b) => examples[a].input.length - examples[b].input.length || rank[a] - rank[b]);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize));
  return random.shuffle(batches);
}

/** Pads a batch to its longest input and lists where targets are (padding positions have none). */
export function makeBatch(examples: readonly TrainingExample[], indices: readonly number[]): TrainingBatch {
  const chosen = indices.map((i) => examples[i]);
  const inputs = padLeft(chosen.map((e) => e.input));
  const targetGrid = padLeft(chosen.map((e) => e.target), inputs.length).ids;
  let count = 0;
  for (let i = 0; i < targetGrid.length; i++) if (targetGrid[i] !== 0) count++;
  const positions = new Int32Array(count);
  const targets = new Int32Array(count);
  let n = 0;
  for (let i = 0; i < targetGrid.length; i++) {
    if (targetGrid[i] === 0) continue;
    positions[n] = i;
    targets[n++] = targetGrid[i];
  }
  return { inputs, positions, targets };
}
