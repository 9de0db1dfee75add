import type { ProductFilter, SearchResult } from '@magpie/contracts';
import { mergeSuggestions, QueryLog, type SearchEngine } from '@magpie/search';

/**
 * Search over the in-memory index (kept current by the catalogue cache). Personal re-ranking comes later.
 * Queries that found products are counted in a `QueryLog` held in this process's memory (each
 * gateway replica learns from the searches it serves; a restart forgets them), and `suggest` offers
 * those past queries before title-word completions.
 */
export class SearchService {
  constructor(
    private readonly engine: Pick<SearchEngine, 'search' | 'suggest'>,
    private readonly pastQueries: Pick<QueryLog, 'record' | 'completions'> = new QueryLog(),
  ) {}

  async search(args: { query: string; userId?: string | null; filter?: ProductFilter; first: number }): Promise<SearchResult> {
    const result = await this.engine.search({ query: args.query, filter: args.filter, first: args.first });
    if (result.total > 0) this.pastQueries.record(args.query, args.userId);
    return result;
  }

  async suggest(args: { prefix: string; first: number }): Promise<string[]> {
    // The engine checks the prefix and `first` (BAD_USER_INPUT) before the log is read.
    const titleWords = await this.engine.suggest(args.prefix, args.first);
    return mergeSuggestions(this.pastQueries.completions(args.prefix, args.first), titleWords, args.first).map((s) => s.text);
  }
}
