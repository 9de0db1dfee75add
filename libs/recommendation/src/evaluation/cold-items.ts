import { createRandom } from '@magpie/math';
import type { HeldOut, LeaveOneOutSplit } from './leave-one-out-split';

/** Items withheld from training (cold-start evaluation): `mask[i] === 1` for a cold item. */
export interface ColdItems {
  fraction: number;
  seed: number;
  /** Cold item indices, ascending. */
  items: Int32Array;
  mask: Uint8Array;
}

/** `round(fraction · numItems)` items drawn uniformly without replacement (seeded shuffle). */
export function chooseColdItems(numItems: number, fraction: number, seed: number): ColdItems {
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`chooseColdItems: fraction must be in [0, 1); got ${fraction}`);
  const order = createRandom(seed).shuffle(Array.from({ length: numItems }, (_, i) => i));
  const items = Int32Array.from(order.slice(0, Math.round(fraction * numItems))).sort();
  const mask = new Uint8Array(numItems);
  for (const i of items) mask[i] = 1;
  return { fraction, seed, items, mask };
}

const warmOnly = (sequence: Int32Array, mask: Uint8Array): Int32Array => sequence.filter((i) => mask[i] === 0);

/**
 * The split a cold-start evaluation trains on: cold items removed from every training sequence (as inputs
 * and as targets), validation (used for early stopping) kept only for shoppers whose validation target is
 * warm, with histories stripped of cold items too. The test stage is left exactly as it was: every shopper,
 * full histories, full ranking over all items, cold ones included.
 */
export function withColdItems(split: LeaveOneOutSplit, cold: ColdItems): LeaveOneOutSplit {
  if (cold.mask.length !== split.numItems) throw new RangeError(`withColdItems: mask covers ${cold.mask.length} items, split has ${split.numItems}`);
  const keep: number[] = [];
  split.valid.targets.forEach((target, r) => {
    if (cold.mask[target] === 0) keep.push(r);
  });
  const valid: HeldOut = {
    users: Int32Array.from(keep, (r) => split.valid.users[r]),
    histories: keep.map((r) => warmOnly(split.valid.histories[r], cold.mask)),
    targets: Int32Array.from(keep, (r) => split.valid.targets[r]),
  };
  return { ...split, train: split.train.map((s) => warmOnly(s, cold.mask)), valid };
}

/** Test rows split by whether the held-out target is a cold item. */
export function splitHeldOutByTarget(heldOut: HeldOut, mask: Uint8Array): { cold: HeldOut; warm: HeldOut } {
  const rows = { cold: [] as number[], warm: [] as number[] };
  heldOut.targets.forEach((target, r) => (mask[target] === 1 ? rows.cold : rows.warm).push(r));
  const subset = (picked: number[]): HeldOut => ({
    users: Int32Array.from(picked, (r) => heldOut.users[r]),
    histories: picked.map((r) => heldOut.histories[r]),
    targets: Int32Array.from(picked, (r) => heldOut.targets[r]),
  });
  return { cold: subset(rows.cold), warm: subset(rows.warm) };
}
