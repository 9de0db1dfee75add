import { notFound, type ProductFilter, type RecommendedItem } from '@magpie/contracts';
import type { EventRepository, HistoryStore, LongtailRepository, UserRepository } from '@magpie/data';
import type { Candidate, Recommender } from '@magpie/recommendation';
import type { ActiveModels } from '../active-models';
import type { CatalogCache } from '../catalog-cache';

export interface RecommendationServiceDeps {
  recommender: Recommender;
  users: Pick<UserRepository, 'find'>;
  events: Pick<EventRepository, 'shopperState'>;
  longtail: Pick<LongtailRepository, 'forUser'>;
  history: Pick<HistoryStore, 'get'>;
  catalog: Pick<CatalogCache, 'byExternalId'>;
  models: Pick<ActiveModels, 'longtailVersion'>;
  historyLength: number;
}

/** Resolves the shopper's fresh state, then runs the recommendation pipeline. */
export class RecommendationService {
  constructor(private readonly deps: RecommendationServiceDeps) {}

  async forUser(userExternalId: string, args: { first: number; filter?: ProductFilter }): Promise<RecommendedItem[]> {
    const { users, events, history, longtail, models, recommender, historyLength } = this.deps;
    const userId = await users.find(userExternalId);
    if (userId === null) return recommender.recommend({ state: null, first: args.first, filter: args.filter });
    const version = models.longtailVersion();
    const [state, tail] = await Promise.all([
      history.get(userId, () => events.shopperState(userId, historyLength)),
      version === null ? [] : longtail.forUser(userId, version, 50),
    ]);
    const longtailCandidates: Candidate[] = tail.map((c) => ({ productId: c.productId, score: c.score, source: 'longtail' }));
    return recommender.recommend({ state, longtail: longtailCandidates, first: args.first, filter: args.filter });
  }

  async similar(productExternalId: string, args: { first: number }): Promise<RecommendedItem[]> {
    const product = this.deps.catalog.byExternalId(productExternalId);
    if (!product) throw notFound(`product ${JSON.stringify(productExternalId)} not found`);
    return this.deps.recommender.similar(product.id, args.first);
  }
}
