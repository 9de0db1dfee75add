import { rankOf, topK, topKBy } from '@magpie/math';
import type { HeldOut } from './leave-one-out-split';
import type { Scorer } from './scorer';
import type { CandidatePool } from './tail-rerank';

/** A long-tail source: preference scores of every item for each history, n × numItems row-major (e.g. CFGAN's generator). */
export type ProposalScorer = (histories: readonly Int32Array[]) => Float32Array;

export interface CandidatePoolOptions {
  /** The base model's top list kept per shopper (the re-ranks reorder it). */
  top: number;
  /** Tail items the long-tail source proposes per shopper (its best tail items outside the shopper's history). */
  proposals: number;
  /** As the evaluation: history items (never the held-out one) leave the base ranking. */
  excludeHistory: boolean;
  /** Histories scored per call. */
  batchSize: number;
  /** Length of the long-tail source's own top lists (its metrics are computed at every k up to this). */
  listLength: number;
}

export const DEFAULT_CANDIDATE_POOL_OPTIONS: CandidatePoolOptions = { top: 100, proposals: 50, excludeHistory: false, batchSize: 256, listLength: 20 };

export interface CandidatePools {
  pools: CandidatePool[];
  /** The long-tail source alone (history items excluded from its ranking): held-out rank and top list per shopper. */
  proposer?: { ranks: number[]; lists: number[][] };
}

/** Base scores of the items ranked above `target` (ties: lower index first), other than `skip` and `exclude`. */
function scoresAbove(row: Float32Array, target: number, skip: ReadonlySet<number>, exclude?: ReadonlySet<number>): Float32Array {
  const out: number[] = [];
  const st = row[target];
  for (let j = 0; j < row.length; j++) {
    const s = row[j];
    if (j === target || skip.has(j) || exclude?.has(j) || Number.isNaN(s)) continue;
    if (s > st || (s === st && j < target)) out.push(s);
  }
  return Float32Array.from(out);
}

/**
 * Each held-out shopper's candidate pool: the base scorer's top `top` items and the long-tail source's
 * best `proposals` tail items (`head[i] === 0`) the shopper never had, each proposal with strength
 * p = score / the shopper's best proposal score (in [0, 1] for non-negative scores), and the held-out
 * item's base score and full-catalogue base rank.
 */
export function buildCandidatePools(
  base: Pick<Scorer, 'scoreBatch'>,
  proposer: ProposalScorer | undefined,
  heldOut: HeldOut,
  numItems: number,
  head: Uint8Array,
  options: Partial<CandidatePoolOptions> = {},
): CandidatePools {
  return buildCandidatePoolsFor(base, [proposer], heldOut, numItems, head, options)[0];
}

/**
 * `buildCandidatePools` for several long-tail sources over the same base scores, one result per source
 * (in order): the base model scores each batch once for all of them.
 */
export function buildCandidatePoolsFor(
  base: Pick<Scorer, 'scoreBatch'>,
  proposers: ReadonlyArray<ProposalScorer | undefined>,
  heldOut: HeldOut,
  numItems: number,
  head: Uint8Array,
  options: Partial<CandidatePoolOptions> = {},
): CandidatePools[] {
  const o = { ...DEFAULT_CANDIDATE_POOL_OPTIONS, ...options };
  const results = proposers.map(() => ({ pools: [] as CandidatePool[], ranks: [] as number[], lists: [] as number[][] }));
  for (let from = 0; from < heldOut.targets.length; from += o.batchSize) {
    const histories = heldOut.histories.slice(from, from + o.batchSize);
    const baseScores = base.scoreBatch(histories);
    const proposed = proposers.map((p) => p?.(histories));
    for (let r = 0; r < histories.length; r++) {
      const target = heldOut.targets[from + r];
      const row = baseScores.subarray(r * numItems, (r + 1) * numItems);
      const history = new Set(histories[r]);
      // The history without the target: what every proposer's rank and list leave out (and the base's, with excludeHistory).
      const withoutHistory = new Set(history);
      withoutHistory.delete(target);
      const exclude = o.excludeHistory ? withoutHistory : undefined;
      const top = topK(row, o.top, exclude);
      const targetRank = rankOf(row, target, exclude);
      proposed.forEach((all, k) => {
        const items = [...top];
        const proposal = new Array<number>(top.length).fill(0);
        if (all) {
          const scores = all.subarray(r * numItems, (r + 1) * numItems);
          const tail = topKBy(numItems, o.proposals, (a, b) => scores[b] - scores[a] || a - b, (i) => head[i] === 0 && !history.has(i) && !Number.isNaN(scores[i]));
          const best = tail.length > 0 ? scores[tail[0]] : 0;
          const at = new Map(items.map((item, j) => [item, j]));
          for (const item of tail) {
            const strength = best > 0 ? Math.max(0, scores[item] / best) : 0;
            const j = at.get(item);
            if (j === undefined) {
              items.push(item);
              proposal.push(strength);
            } else {
              proposal[j] = strength;
            }
          }
          results[k].ranks.push(rankOf(scores, target, withoutHistory));
          results[k].lists.push(topK(scores, o.listLength, withoutHistory));
        }
        const lifted = items.indexOf(target) >= top.length;
        results[k].pools.push({
          items: Int32Array.from(items),
          base: Float32Array.from(items, (i) => row[i]),
          top: top.length,
          proposal: Float32Array.from(proposal),
          target,
          targetBase: row[target],
          targetRank,
          targetAbove: lifted ? scoresAbove(row, target, new Set(items), exclude) : new Float32Array(0),
        });
      });
    }
  }
  return results.map(({ pools, ranks, lists }, k) => ({ pools, ...(proposers[k] ? { proposer: { ranks, lists } } : {}) }));
}
