import type { ProductFilter, SearchResult } from '@magpie/contracts';
import type { SearchEngine } from '@magpie/search';

/** Search over the in-memory index (kept current by the catalogue cache). Personal re-ranking comes later. */
export class SearchService {
  constructor(private readonly engine: Pick<SearchEngine, 'search' | 'suggest'>) {}

  search(args: { query: string; userId?: string | null; filter?: ProductFilter; first: number }): Promise<SearchResult> {
    return this.engine.search({ query: args.query, filter: args.filter, first: args.first });
  }

  async suggest(args: { prefix: string; first: number }): Promise<string[]> {
    return (await this.engine.suggest(args.prefix, args.first)).map((s) => s.text);
  }
}
