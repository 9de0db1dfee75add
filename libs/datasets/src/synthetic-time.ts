/**
 * Synthetic timestamps for formats that only give an order (seq-lines, Beauty, Scientific, and
 * user–item pair files without a time column).
 *
 * For sequence formats: ts = SYNTHETIC_BASE_TS + position × 1 h + userIndex × 1 ms, where `position`
 * is the event's index in its user's sequence and `userIndex` the user's index in file order. Each
 * user's events are therefore strictly increasing (1 h apart), and users are interleaved
 * deterministically: all first events come before all second events, and so on, with users in file order
 * on each step. The gaps carry no meaning; only the order does.
 */
export const SYNTHETIC_BASE_TS = Date.UTC(2020, 0, 1);
/** Step between two consecutive events of one user in a synthetic sequence. */
export const SYNTHETIC_STEP_MS = 3_600_000;

/** Timestamp of the `position`-th event (0-based) of the `userIndex`-th user (0-based). */
export function sequenceTimestamp(userIndex: number, position: number): number {
  return SYNTHETIC_BASE_TS + position * SYNTHETIC_STEP_MS + userIndex;
}

/** Timestamp of the `lineIndex`-th line of a globally time-ordered pair file: 1 s apart. */
export function lineTimestamp(lineIndex: number): number {
  return SYNTHETIC_BASE_TS + lineIndex * 1000;
}
