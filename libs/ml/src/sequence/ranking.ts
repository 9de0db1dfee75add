import * as tf from '@tensorflow/tfjs';
import { readTidy } from '../ops/read-tensor';

const NOTHING = new Int32Array(0);

/** Users scored per matMul in full ranking (bounds the score matrix at ~chunk × items floats). */
const CHUNK = 512;
/**
 * Up to this many users are scored in plain JS: a request-time call for one shopper then costs ~1 ms
 * at 12k items instead of uploading and transposing the item matrix into a tensor (~10 ms).
 */
const JS_SCORING_MAX_USERS = 4;

function scoreInJs(itemEmbeddings: Float32Array, dim: number, userVectors: Float32Array, users: number): Float32Array {
  const items = itemEmbeddings.length / dim;
  const scores = new Float32Array(users * items);
  for (let u = 0; u < users; u++) {
    const uo = u * dim;
    for (let i = 0; i < items; i++) {
      const io = i * dim;
      let s = 0;
      for (let c = 0; c < dim; c++) s += userVectors[uo + c] * itemEmbeddings[io + c];
      scores[u * items + i] = s;
    }
  }
  return scores;
}

/**
 * Scores every item for each user in chunks (U·Eᵀ with Eᵀ transposed once) and hands each chunk's
 * score rows to `visit` (row-major, (numItems + 1) columns including padding column 0).
 */
export function scoreAllItems(
  itemEmbeddings: Float32Array,
  dim: number,
  userVectors: Float32Array,
  visit: (scores: Float32Array, firstUser: number, users: number) => void,
): void {
  const items = itemEmbeddings.length / dim;
  const users = userVectors.length / dim;
  if (!Number.isInteger(items) || !Number.isInteger(users)) throw new Error(`Embedding sizes are not multiples of dim ${dim}`);
  if (users === 0) return;
  if (users <= JS_SCORING_MAX_USERS) return visit(scoreInJs(itemEmbeddings, dim, userVectors, users), 0, users);
  const itemsT = tf.tidy(() => tf.transpose(tf.tensor2d(itemEmbeddings, [items, dim])));
  try {
    for (let first = 0; first < users; first += CHUNK) {
      const n = Math.min(CHUNK, users - first);
      const scores = readTidy(() => tf.matMul(tf.tensor2d(userVectors.subarray(first * dim, (first + n) * dim), [n, dim]), itemsT as tf.Tensor2D));
      visit(scores, first, n);
    }
  } finally {
    itemsT.dispose();
  }
}

/**
 * 0-based rank of each user's target among all items 1..V (full ranking), or, given `excluded`
 * (usually the histories), among the items not in the user's list: the number of eligible items
 * scoring higher, ties broken by lower index first. A target that is itself excluded counts
 * as not found (rank = Infinity).
 */
export function targetRanks(
  itemEmbeddings: Float32Array,
  dim: number,
  userVectors: Float32Array,
  excluded: readonly ArrayLike<number>[] | null,
  targets: ArrayLike<number>,
): Float64Array {
  const ranks = new Float64Array(targets.length);
  scoreAllItems(itemEmbeddings, dim, userVectors, (scores, first, users) => {
    const items = scores.length / users;
    for (let r = 0; r < users; r++) {
      const u = first + r;
      const target = targets[u];
      const history = excluded?.[u] ?? NOTHING;
      const row = scores.subarray(r * items, (r + 1) * items);
      let inHistory = false;
      for (let i = 0; i < history.length; i++) if (history[i] === target) inHistory = true;
      if (inHistory || target < 1 || target >= items) {
        ranks[u] = Infinity;
        continue;
      }
      const s = row[target];
      let rank = 0;
      for (let j = 1; j < items; j++) if (row[j] > s || (row[j] === s && j < target)) rank++;
      // Items of the history that outrank the target do not count (they are excluded from the list).
      const seen = new Set<number>();
      for (let i = 0; i < history.length; i++) {
        const j = history[i];
        if (j < 1 || j >= items || seen.has(j)) continue;
        seen.add(j);
        if (row[j] > s || (row[j] === s && j < target)) rank--;
      }
      ranks[u] = rank;
    }
  });
  return ranks;
}

/**
 * Leave-one-out metrics from 0-based target ranks (one relevant item per user):
 * HR@k = mean 1[rank < k]; NDCG@k = mean 1[rank < k] / log2(rank + 2) (IDCG = 1); MRR = mean 1/(rank + 1).
 */
export function rankMetrics(ranks: Float64Array): Record<string, number> {
  const n = Math.max(1, ranks.length);
  const out: Record<string, number> = { 'hr@10': 0, 'ndcg@10': 0, 'hr@20': 0, 'ndcg@20': 0, mrr: 0 };
  for (const rank of ranks) {
    if (!Number.isFinite(rank)) continue;
    out.mrr += 1 / (rank + 1);
    for (const k of [10, 20]) {
      if (rank < k) {
        out[`hr@${k}`] += 1;
        out[`ndcg@${k}`] += 1 / Math.log2(rank + 2);
      }
    }
  }
  for (const key of Object.keys(out)) out[key] /= n;
  return out;
}
