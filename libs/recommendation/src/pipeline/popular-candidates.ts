import type { StatsModel } from '../stats/stats-model';
import type { Candidate } from './candidate';

/** The most popular items (time-decayed), walking down the ranking until `limit` pass `accept`. */
export function popularCandidates(stats: StatsModel, limit: number, accept: (id: number) => boolean): Candidate[] {
  const out: Candidate[] = [];
  const { ids, scores } = stats.popular;
  for (let i = 0; i < ids.length && out.length < limit; i++) {
    if (accept(ids[i])) out.push({ productId: ids[i], score: scores[i], source: 'popular' });
  }
  return out;
}
