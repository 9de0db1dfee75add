import type { RetrievedList } from '../engine/retriever';

/** Names of the features the learned fusion scores, in order (stored with its weights). */
export const FUSION_FEATURES = [
  'keyword.score/max',
  'keyword.found',
  'keyword.1/(1+rank)',
  'semantic.cosine',
  'semantic.cosine-max',
  'semantic.1/(1+rank)',
  'coverage',
  'allTermsMatched',
  'log(1+titleTerms)',
  'semantic×uncovered',
  'lastTermMatched',
  'titlePhrase',
  'titleCoverage',
  'firstTitleMatch',
] as const;

/** One product found for a query by at least one retriever, with what every retriever said of it. */
export interface FusionCandidate {
  productId: number;
  features: Float64Array;
  matchedTerms: string[];
}

/** A product's analysed text: every field's terms, the title's in order, as a set, and its adjacent pairs ("a b"). */
export interface ProductText {
  terms: ReadonlySet<string>;
  title: readonly string[];
  titleTerms: ReadonlySet<string>;
  titlePairs: ReadonlySet<string>;
}

/** Builds a ProductText from all field terms and the title's terms (made once per product version: fusion reads it per query). */
export function makeProductText(allTerms: Iterable<string>, title: readonly string[]): ProductText {
  return { terms: new Set(allTerms), title, titleTerms: new Set(title), titlePairs: new Set(title.slice(1).map((t, i) => `${title[i]} ${t}`)) };
}

const NO_TEXT: ProductText = makeProductText([], []);

/** What fusion may know of a product besides the lists: its analysed text. */
export type ProductTerms = (productId: number) => ProductText | undefined;

/**
 * The candidates of one query (union of the lists named `keyword` and `semantic`) and their features:
 * keyword score relative to the query's best, reciprocal ranks, the semantic cosine (absolute and
 * relative to the best), the share of distinct query terms the product holds ("coverage", over all
 * fields and over the title), whether it holds the query's last term (in shop queries mostly the kind of
 * product: "cordless *drill*"), the share of the query's adjacent term pairs found adjacent in the title,
 * where in the title the first query term sits, and the title's length. Lists with other names are
 * ignored here.
 */
export function fusionCandidates(lists: readonly RetrievedList[], queryTerms: readonly string[], productTerms: ProductTerms): FusionCandidate[] {
  const keyword = lists.find((l) => l.retriever === 'keyword');
  const semantic = lists.find((l) => l.retriever === 'semantic');
  const distinct = [...new Set(queryTerms)];
  const maxKeyword = Math.max(1e-9, keyword?.items[0]?.score ?? 0);
  const maxCosine = semantic?.items[0]?.score ?? 0;
  const byId = new Map<number, { keyword?: [number, number]; semantic?: [number, number]; matchedTerms: string[] }>();
  const entry = (id: number) => {
    let e = byId.get(id);
    if (!e) byId.set(id, (e = { matchedTerms: [] }));
    return e;
  };
  keyword?.items.forEach((item, rank) => {
    const e = entry(item.productId);
    e.keyword = [item.score, rank];
    e.matchedTerms = item.matchedTerms;
  });
  semantic?.items.forEach((item, rank) => (entry(item.productId).semantic = [item.score, rank]));
  const last = queryTerms[queryTerms.length - 1];
  const queryPairs = queryTerms.slice(1).map((t, i) => `${queryTerms[i]} ${t}`);
  return [...byId].map(([productId, e]) => {
    const known = productTerms(productId);
    const { terms, title, titleTerms, titlePairs } = known ?? NO_TEXT;
    const firstMatch = title.findIndex((t) => distinct.includes(t));
    // Typo-tolerant keyword matching reports the catalogue's spellings: count those too.
    const covered = Math.min(distinct.length, Math.max(countIn(distinct, terms), e.matchedTerms.length));
    const coverage = distinct.length > 0 ? covered / distinct.length : 0;
    const cosine = e.semantic?.[0] ?? 0;
    const features = Float64Array.from([
      e.keyword ? e.keyword[0] / maxKeyword : 0,
      e.keyword ? 1 : 0,
      e.keyword ? 1 / (1 + e.keyword[1]) : 0,
      cosine,
      e.semantic ? cosine - maxCosine : -1,
      e.semantic ? 1 / (1 + e.semantic[1]) : 0,
      coverage,
      coverage === 1 ? 1 : 0,
      Math.log1p(title.length),
      cosine * (1 - coverage),
      last !== undefined && terms.has(last) ? 1 : 0,
      queryPairs.length > 0 ? countIn(queryPairs, titlePairs) / queryPairs.length : 0,
      distinct.length > 0 ? countIn(distinct, titleTerms) / distinct.length : 0,
      firstMatch < 0 ? 1 : firstMatch / Math.max(1, title.length),
    ]);
    const matchedTerms = e.matchedTerms.length > 0 || !known ? e.matchedTerms : distinct.filter((t) => terms.has(t));
    return { productId, features, matchedTerms };
  });
}

function countIn(values: readonly string[], set: ReadonlySet<string>): number {
  let n = 0;
  for (const v of values) if (set.has(v)) n++;
  return n;
}
