import type { ProductFilter, SearchResult } from '@magpie/contracts';
import { mergeSuggestions, personalOrder, QueryLog, type SearchEngine } from '@magpie/search';

/** The shopper's affinity to each product (NaN: unknown to the model), or null without a model or history. */
export type Personalizer = (userExternalId: string, productIds: readonly number[]) => Promise<Float32Array | null>;

/** Hits re-ranked per shopper: the engine is asked for at least this many, then the best `first` are kept. */
const PERSONAL_POOL = 30;

/**
 * Search over the in-memory index (kept current by the catalogue cache). With a `userId` and a
 * personalizer (the sequence model over the shopper's fresh history), the best hits are re-ordered by
 * the shopper's affinity (see personalOrder); without either, results are the same for everyone.
 * Queries that found products are counted in a `QueryLog` held in this process's memory (each
 * gateway replica learns from the searches it serves; a restart forgets them), and `suggest` offers
 * those past queries before title-word completions.
 */
export class SearchService {
  constructor(
    private readonly engine: Pick<SearchEngine, 'search' | 'suggest'>,
    private readonly pastQueries: Pick<QueryLog, 'record' | 'completions'> = new QueryLog(),
    private readonly personalizer?: Personalizer,
  ) {}

  async search(args: { query: string; userId?: string | null; filter?: ProductFilter; first: number }): Promise<SearchResult> {
    const personal = Boolean(args.userId && this.personalizer && args.first > 0);
    const result = await this.engine.search({ query: args.query, filter: args.filter, first: personal ? Math.max(args.first, PERSONAL_POOL) : args.first });
    if (result.total > 0) this.pastQueries.record(args.query, args.userId);
    if (!personal || !args.userId || !this.personalizer || result.hits.length < 2) return { ...result, hits: result.hits.slice(0, args.first) };
    const affinities = await this.personalizer(args.userId, result.hits.map((h) => h.product.id));
    const order = affinities ? personalOrder(affinities) : result.hits.map((_, i) => i);
    return { ...result, hits: order.slice(0, args.first).map((i) => result.hits[i]) };
  }

  async suggest(args: { prefix: string; first: number }): Promise<string[]> {
    // The engine checks the prefix and `first` (BAD_USER_INPUT) before the log is read.
    const titleWords = await this.engine.suggest(args.prefix, args.first);
    return mergeSuggestions(this.pastQueries.completions(args.prefix, args.first), titleWords, args.first).map((s) => s.text);
  }
}
