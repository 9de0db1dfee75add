import { join } from 'node:path';
import type { DatasetBundle } from '../bundle';
import { requireFile } from '../files';
import { readRecbole } from './recbole';

export const MOVIELENS_PREFIX = 'ml-100k';

/**
 * MovieLens 100K in RecBole atomic format (`ml-100k/ml-100k.inter`, `.item`).
 * Every rating is kept as one event (implicit feedback: rating a film means having watched it), graded
 * by `ratingToEventType`: ≥ 4 stars 'purchase', 3 'click', 1–2 'view'. Timestamps are the real ones (s → ms).
 * Products: title (movie_title), `attributes.year` (release_year), categories = the genres (class),
 * which are a set of genres, not a path.
 */
export async function readMovielens(dir: string): Promise<DatasetBundle> {
  const prefix = join(dir, MOVIELENS_PREFIX);
  await requireFile(`${prefix}.item`, 'MovieLens item file');
  return readRecbole(prefix, { name: 'ml-100k', titlePrefix: 'Movie' });
}
