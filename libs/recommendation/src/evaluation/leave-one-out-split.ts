/**
 * Held-out targets of one evaluation stage: `histories[r]` is what the model sees for user
 * `users[r]`, `targets[r]` the next item it should rank high. Items are indices 0..numItems-1.
 */
export interface HeldOut {
  users: Int32Array;
  histories: Int32Array[];
  targets: Int32Array;
}

/**
 * Leave-one-out split of per-user sequences (the protocol of ../shared/datasets/README.md).
 * For a user with n ≥ 3 items: training = items 0..n-3, validation target = item n-2 (history = the
 * training items), test target = item n-1 (history = training items + the validation item).
 * Users with fewer than 3 items stay in training only (whole sequence) and are not evaluated.
 */
export interface LeaveOneOutSplit {
  numItems: number;
  /** One training sequence per input user, in input order (possibly shorter than 2 items). */
  train: Int32Array[];
  valid: HeldOut;
  test: HeldOut;
  /** Users kept in training only because they have fewer than 3 items. */
  trainOnlyUsers: number;
}

/** Splits sequences (item indices 0..numItems-1, time order) leave-one-out; see `LeaveOneOutSplit`. */
export function leaveOneOutSplit(sequences: readonly Int32Array[], numItems: number): LeaveOneOutSplit {
  const train: Int32Array[] = [];
  const evaluated: number[] = [];
  for (let u = 0; u < sequences.length; u++) {
    const sequence = sequences[u];
    for (let p = 0; p < sequence.length; p++) {
      const item = sequence[p];
      if (!Number.isInteger(item) || item < 0 || item >= numItems) {
        throw new RangeError(`leaveOneOutSplit: user ${u} has item ${item} outside 0..${numItems - 1}`);
      }
    }
    if (sequence.length < 3) {
      train.push(sequence.slice());
      continue;
    }
    train.push(sequence.slice(0, sequence.length - 2));
    evaluated.push(u);
  }
  const users = Int32Array.from(evaluated);
  return {
    numItems,
    train,
    valid: { users, histories: evaluated.map((u) => train[u]), targets: Int32Array.from(evaluated, (u) => sequences[u][sequences[u].length - 2]) },
    test: {
      users: users.slice(),
      histories: evaluated.map((u) => sequences[u].slice(0, sequences[u].length - 1)),
      targets: Int32Array.from(evaluated, (u) => sequences[u][sequences[u].length - 1]),
    },
    trainOnlyUsers: sequences.length - evaluated.length,
  };
}
