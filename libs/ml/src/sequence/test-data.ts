import type { SequenceTrainingData, ValidationSet } from './types';

/**
 * A tiny synthetic next-item task for tests: item i is always followed by i + 1 (wrapping after
 * `numItems`), histories start at varied items. Leave-one-out split like the real protocol.
 */
export function successorTask(numItems: number, users: number, length: number): { train: SequenceTrainingData; valid: ValidationSet } {
  const full = Array.from({ length: users }, (_, u) => Int32Array.from({ length }, (_, t) => ((u * 7 + t) % numItems) + 1));
  const histories = full.map((s) => s.subarray(0, length - 1));
  return {
    train: { numItems, sequences: histories },
    valid: { histories, targets: Int32Array.from(full, (s) => s[length - 1]) },
  };
}
