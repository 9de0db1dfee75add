import { notFound, type ProductFilter, type RecommendedItem, type Source } from '@magpie/contracts';
import type { EventRepository, HistoryStore, LongtailRepository, ShopperState, UserRepository } from '@magpie/data';
import { sequenceCandidates, type BlendWeights, type Candidate, type Recommender } from '@magpie/recommendation';
import type { ActiveModels } from '../active-models';
import type { CatalogCache } from '../catalog-cache';
import type { FeedbackService } from './feedback-service';

export interface RecommendationServiceDeps {
  recommender: Recommender;
  users: Pick<UserRepository, 'find'>;
  events: Pick<EventRepository, 'shopperState'>;
  longtail: Pick<LongtailRepository, 'forUser'>;
  history: Pick<HistoryStore, 'get'>;
  catalog: Pick<CatalogCache, 'byExternalId'>;
  models: Pick<ActiveModels, 'longtailVersion' | 'sequence' | 'versions'>;
  /** Per-request blend weights from the feedback loop (absent: the recommender's default blend). */
  feedback?: Pick<FeedbackService, 'weights'>;
  historyLength: number;
  /** Where a failing sequence model is reported (the request then goes on without it). */
  log?: (message: string) => void;
  /** Products nearest a product by content (the served item encoder); none without one. */
  contentNeighbours?: (productId: number, k: number) => Promise<Array<{ productId: number; score: number }>>;
}

/**
 * Resolves the shopper's fresh state, asks the sequence model about it (micro-batched with the
 * other requests of this moment), then runs the recommendation pipeline.
 */
export class RecommendationService {
  constructor(private readonly deps: RecommendationServiceDeps) {}

  async forUser(userExternalId: string, args: { first: number; filter?: ProductFilter; tailShare?: number }): Promise<RecommendedItem[]> {
    const { users, events, history, longtail, models, recommender, historyLength } = this.deps;
    const userId = await users.find(userExternalId);
    const modelVersions = this.modelVersions();
    if (userId === null) {
      const weights = await this.weights({ stats: modelVersions.popular !== undefined, sequence: false, longtail: false, history: false });
      return recommender.recommend({ state: null, first: args.first, filter: args.filter, weights, modelVersions, tailShare: args.tailShare });
    }
    const version = models.longtailVersion();
    const [state, tail] = await Promise.all([
      history.get(userId, () => events.shopperState(userId, historyLength)),
      version === null ? [] : longtail.forUser(userId, version, 50),
    ]);
    const longtailCandidates: Candidate[] = tail.map((c) => ({ productId: c.productId, score: c.score, source: 'longtail' }));
    const sequence = await this.sequenceCandidates(state.recent);
    const weights = await this.weights({ stats: modelVersions.popular !== undefined, sequence: sequence.length > 0, longtail: longtailCandidates.length > 0, history: state.recent.length > 0 });
    return recommender.recommend({
      state, sequence, longtail: longtailCandidates, first: args.first, filter: args.filter, weights, modelVersions, tailShare: args.tailShare, shopper: userId,
    });
  }

  /** The bandit's weights over the sources that can propose items for this request. */
  private weights(has: { stats: boolean; sequence: boolean; longtail: boolean; history: boolean }): Promise<BlendWeights | undefined> {
    const sources: Source[] = [];
    if (has.sequence) sources.push('sequence');
    if (has.stats && has.history) sources.push('cooccurrence');
    if (has.longtail) sources.push('longtail');
    if (has.stats) sources.push('popular');
    return this.deps.feedback?.weights(sources) ?? Promise.resolve(undefined);
  }

  /** The model version behind each source ("SEQUENCE:12"; co-occurrence and popular come from the statistics). */
  private modelVersions(): Partial<Record<Source, string>> {
    const active = this.deps.models.versions();
    const versions: Partial<Record<Source, string>> = {};
    if (active['SEQUENCE'] != null) versions.sequence = `SEQUENCE:${active['SEQUENCE']}`;
    if (active['LONGTAIL'] != null) versions.longtail = `LONGTAIL:${active['LONGTAIL']}`;
    if (active['STATS'] != null) versions.cooccurrence = versions.popular = `STATS:${active['STATS']}`;
    return versions;
  }

  /** The sequence model over the fresh history (none without a model or history; a model error is logged, not fatal). */
  private async sequenceCandidates(recent: ShopperState['recent']): Promise<readonly Candidate[]> {
    const model = this.deps.models.sequence();
    if (!model || recent.length === 0) return [];
    try {
      const ranking = await model.rank(recent);
      return ranking ? sequenceCandidates(ranking) : [];
    } catch (error) {
      this.deps.log?.(`sequence model failed, serving without it: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  async similar(productExternalId: string, args: { first: number }): Promise<RecommendedItem[]> {
    const product = this.deps.catalog.byExternalId(productExternalId);
    if (!product) throw notFound(`product ${JSON.stringify(productExternalId)} not found`);
    return this.deps.recommender.similar(product.id, args.first, (await this.deps.contentNeighbours?.(product.id, args.first * 2)) ?? []);
  }
}
