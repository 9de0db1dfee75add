import type { TrainingBatch } from '../batches';
import type { GradientInput } from '../gradients';
import type { SequenceModelConfig } from '../types';

/** Messages between the training coordinator and a gradient worker thread. */
export type ToWorker =
  | { type: 'init'; backend: string; config: SequenceModelConfig; layout: Array<{ name: string; shape: number[] }>; initial: Float32Array[]; learningRate: number; weightDecay: number }
  | { type: 'step'; input: GradientInput; scale: number }
  | { type: 'peer-grads'; grads: Float32Array[] }
  | { type: 'checksum' }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'grads'; loss: number; positions: number; grads: Float32Array[] }
  | { type: 'checksum'; value: number }
  | { type: 'error'; message: string };

/** Splits a batch's rows into `parts` contiguous shards (similar lengths, thanks to length bucketing). */
export function shardBatch(batch: TrainingBatch, parts: number): TrainingBatch[] {
  const { rows, length, ids } = batch.inputs;
  const shards: TrainingBatch[] = [];
  let next = 0;
  for (let s = 0; s < parts; s++) {
    const from = Math.round((rows * s) / parts);
    const to = Math.round((rows * (s + 1)) / parts);
    const lo = from * length;
    const hi = to * length;
    const start = next;
    while (next < batch.positions.length && batch.positions[next] < hi) next++;
    shards.push({
      inputs: { ids: ids.slice(lo, hi), rows: to - from, length },
      positions: Int32Array.from(batch.positions.subarray(start, next), (p) => p - lo),
      targets: batch.targets.slice(start, next),
    });
  }
  return shards;
}

/** Σ of the replicas' (already weighted) gradients, always summed in replica order so every thread gets identical bits. */
export function sumGradients(parts: readonly (readonly Float32Array[])[]): Float32Array[] {
  return parts[0].map((first, p) => {
    const out = Float32Array.from(first);
    for (let r = 1; r < parts.length; r++) {
      const g = parts[r][p];
      for (let i = 0; i < out.length; i++) out[i] += g[i];
    }
    return out;
  });
}

/** Order-dependent checksum of weights (to verify replicas stay in sync). */
export function checksum(values: readonly Float32Array[]): number {
  let h = 0;
  for (const v of values) for (let i = 0; i < v.length; i += 7) h = (h * 31 + v[i] * 1e6) % 1e9;
  return h;
}
