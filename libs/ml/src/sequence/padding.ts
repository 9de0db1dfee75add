/**
 * A batch of item sequences left-padded to a common length (row-major rows × length, 0 = padding):
 * the newest item is always in the last column, whatever the history's length.
 */
export interface PaddedIds {
  ids: Int32Array;
  rows: number;
  length: number;
}

/** The last ≤ maxLen items of a history, dropping indices outside 1..numItems (unknown items are ignored). */
export function readableHistory(history: ArrayLike<number>, maxLen: number, numItems: number): Int32Array {
  const kept: number[] = [];
  for (let i = 0; i < history.length; i++) {
    const item = history[i];
    if (Number.isInteger(item) && item >= 1 && item <= numItems) kept.push(item);
  }
  return Int32Array.from(kept.slice(Math.max(0, kept.length - maxLen)));
}

/** Left-pads sequences (each already ≤ length) into one matrix; length is at least 1. */
export function padLeft(sequences: readonly ArrayLike<number>[], length?: number): PaddedIds {
  const longest = sequences.reduce((m, s) => Math.max(m, s.length), 0);
  const width = Math.max(1, length ?? longest);
  const ids = new Int32Array(sequences.length * width);
  sequences.forEach((s, r) => {
    const n = Math.min(s.length, width);
    const offset = r * width + width - n;
    for (let i = 0; i < n; i++) ids[offset + i] = s[s.length - n + i];
  });
  return { ids, rows: sequences.length, length: width };
}
