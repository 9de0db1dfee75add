import { descending } from '@magpie/math';
import type { ProductTerms } from '../ranking/fusion-features';
import type { RetrievedItem, RetrievedList } from './retriever';

/** What a fusion may use besides the lists: the analysed query and the products' terms. */
export interface FusionContext {
  queryTerms: readonly string[];
  productTerms: ProductTerms;
}

/** Merges the lists of several retrievers into one ranking of at most `limit` items. */
export type Fusion = (lists: readonly RetrievedList[], limit: number, context: FusionContext) => RetrievedItem[];

/**
 * Reciprocal rank fusion: score(d) = Σ_lists 1 / (k + rank_list(d)), rank from 1; matched terms are
 * merged. With a single list it returns that list unchanged (scores included).
 */
export const reciprocalRankFusion =
  (k = 60): Fusion =>
  (lists, limit) => {
    if (lists.length === 1) return lists[0].items.slice(0, limit);
    const fused = new Map<number, RetrievedItem>();
    for (const list of lists) {
      list.items.forEach((item, rank) => {
        const entry = fused.get(item.productId) ?? { productId: item.productId, score: 0, matchedTerms: [] };
        entry.score += 1 / (k + rank + 1);
        entry.matchedTerms = [...new Set([...entry.matchedTerms, ...item.matchedTerms])];
        fused.set(item.productId, entry);
      });
    }
    return [...fused.values()].sort((a, b) => descending(a.score, b.score) || a.productId - b.productId).slice(0, limit);
  };
