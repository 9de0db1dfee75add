import { compileProductFilter, type ProductFilter, type RecommendedItem, type Source } from '@magpie/contracts';
import type { ShopperState } from '@magpie/data';
import { dislikePenalty, type DislikePenaltyOptions } from '../feedback/dislike-penalty';
import type { StatsModel } from '../stats/stats-model';
import { blend } from './blend';
import type { CatalogView } from './catalog-view';
import { DEFAULT_BLEND, type BlendWeights, type Candidate } from './candidate';
import { cooccurrenceCandidates } from './cooccurrence-candidates';
import { blendPoolSize, DEFAULT_LIST_SHAPING, shapeList, shapesList, type ListShapingOptions } from './final-list';
import { popularCandidates } from './popular-candidates';
import type { ServedRanker } from './ranking/served-ranker';
import { reasonFor } from './reasons';

export interface RecommenderDeps {
  catalog: CatalogView;
  /** The active statistics model, or null before the first `train-stats` job. */
  stats: () => StatsModel | null;
  weights?: BlendWeights;
  /** History items whose neighbours become candidates. */
  anchors?: number;
  /** How much items like the shopper's dislikes are lowered (see `dislikePenalty`). */
  dislike?: Partial<DislikePenaltyOptions>;
  /** The served ranker (null or absent: the blended order stands). */
  ranker?: () => ServedRanker | null;
  /** Category cap and tail exposure of the final list (default: both off, head = 20% most popular). */
  shaping?: ListShapingOptions;
}

export interface RecommendRequest {
  /** The shopper's real-time state; null for a shopper never seen. */
  state: ShopperState | null;
  /** The sequence model's candidates for the fresh history (already ranked, see `sequenceCandidates`). */
  sequence?: readonly Candidate[];
  /** Long-tail candidates stored for this shopper (already fetched). */
  longtail?: Candidate[];
  first: number;
  filter?: ProductFilter;
  /** This request's blend weights (the feedback loop's bandit); default: the recommender's. */
  weights?: BlendWeights;
  /** The model version behind each source (e.g. sequence → "SEQUENCE:12"), echoed on every item. */
  modelVersions?: Partial<Record<Source, string>>;
  /** This request's share of tail items (0..1; default: the configured one). */
  tailShare?: number;
  /** The shopper's internal id, so the ranker can learn from the feedback on what it showed them. */
  shopper?: number;
}

/**
 * The recommendation pipeline: candidates (the sequence model over the fresh history,
 * co-occurrence with it, long-tail, popular) → filters (seen, purchased, disliked, out of stock, request filter) → blend
 * (per-request weights; items like the shopper's dislikes lowered) → top-k, each with its source, model version and reason.
 */
export class Recommender {
  constructor(private readonly deps: RecommenderDeps) {}

  recommend(request: RecommendRequest): RecommendedItem[] {
    const ranker = this.deps.ranker?.() ?? null;
    const options = this.deps.shaping ?? DEFAULT_LIST_SHAPING;
    const shaped = shapesList(options, ranker, request.tailShare);
    const pool = this.candidatePool(request, blendPoolSize(request.first, shaped));
    const list = shaped
      ? shapeList({
          pool, first: request.first, stats: this.deps.stats(), history: request.state?.recent ?? [], lookup: (id) => this.deps.catalog.byId(id),
          ranker, options, tailShare: request.tailShare, shopper: request.shopper,
        })
      : pool;
    return this.present(list, request.state?.recent, request.modelVersions);
  }

  /**
   * The request's candidates, filtered and blended, best first: the `size` best (the page, or the pool
   * the ranking step reorders). Also the lists the ranker is trained on.
   */
  candidatePool(request: RecommendRequest, size: number): Candidate[] {
    const stats = this.deps.stats();
    const state = request.state;
    const blocked = new Set<number>([
      ...(state?.purchased ?? []),
      ...(state?.disliked ?? []),
      ...(state?.recent.map((h) => h.productId) ?? []),
    ]);
    const eligible = this.eligibility(request.filter, blocked);
    // Filtered as they are gathered (one array, no copies): this runs on every request.
    const candidates: Candidate[] = [];
    const take = (list: readonly Candidate[]) => {
      for (const c of list) if (eligible(c.productId)) candidates.push(c);
    };
    take(request.sequence ?? []);
    if (stats && state) take(cooccurrenceCandidates(state.recent, stats, { anchors: this.deps.anchors ?? 10, limit: Math.max(200, request.first * 10) }));
    take(request.longtail ?? []);
    if (stats) for (const c of popularCandidates(stats, request.first * 3, eligible)) candidates.push(c); // already eligible
    const lowered = dislikePenalty(state?.disliked ?? [], { stats, leafCategory: (id) => this.deps.catalog.leafCategory(id) }, this.deps.dislike) ?? undefined;
    const weights = request.weights ?? this.deps.weights ?? DEFAULT_BLEND;
    return blend(candidates, weights, size, lowered);
  }

  /**
   * Items like `productId`: those shoppers touch together with it (behaviour) and those whose content
   * vectors are nearest (`content`, from the item encoder: available for a product nobody touched
   * yet), taken in turn, then popular items of its category.
   */
  similar(productId: number, first: number, content: ReadonlyArray<{ productId: number; score: number }> = []): RecommendedItem[] {
    const stats = this.deps.stats();
    const anchor = this.deps.catalog.byId(productId);
    if (!anchor) return [];
    const eligible = this.eligibility(undefined, new Set([productId]));
    const row = stats?.neighbours.get(productId);
    const behaviour: Candidate[] = row ? Array.from(row.ids, (id, i) => ({ productId: id, score: row.scores[i], source: 'similar', anchorId: productId })) : [];
    const byContent: Candidate[] = content.map((c) => ({ productId: c.productId, score: c.score, source: 'similar', anchorId: productId }));
    const out: Candidate[] = [];
    const taken = new Set<number>();
    for (let i = 0; out.length < first && (i < behaviour.length || i < byContent.length); i++) {
      for (const c of [behaviour[i], byContent[i]]) {
        if (c && out.length < first && !taken.has(c.productId) && eligible(c.productId)) {
          out.push(c);
          taken.add(c.productId);
        }
      }
    }
    if (stats && out.length < first) {
      const leaf = anchor.categories[anchor.categories.length - 1];
      const sameCategory = (id: number) =>
        eligible(id) && !taken.has(id) && (!leaf || (this.deps.catalog.byId(id)?.categories.includes(leaf) ?? false));
      out.push(...popularCandidates(stats, first - out.length, sameCategory));
    }
    return this.present(out);
  }

  private eligibility(filter: ProductFilter | undefined, blocked: ReadonlySet<number>): (id: number) => boolean {
    const catalog = this.deps.catalog;
    const matches = compileProductFilter(filter);
    if (!matches) return (id) => !blocked.has(id) && catalog.isAvailable(id);
    return (id) => {
      if (blocked.has(id) || !catalog.isAvailable(id)) return false;
      const product = catalog.byId(id);
      return product !== undefined && matches(product);
    };
  }

  private present(candidates: Candidate[], history?: ShopperState['recent'], versions: RecommendRequest['modelVersions'] = {}): RecommendedItem[] {
    const lookup = (id: number) => this.deps.catalog.byId(id);
    return candidates.flatMap((c) => {
      const product = lookup(c.productId);
      const modelVersion = versions[c.source] ?? null;
      return product ? [{ product, score: c.score, source: c.source, modelVersion, reason: reasonFor(c, lookup, history) }] : [];
    });
  }
}
