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
  const distinctSet = new Set(queryTerms);
  const distinct = [...distinctSet];
  const maxKeyword = Math.max(1e-9, keyword?.items[0]?.score ?? 0);
  const maxCosine = semantic?.items[0]?.score ?? 0;
  // Per product: keyword score and rank, semantic score and rank (0 / −1 when that list lacks it).
  const slotOf = new Map<number, number>();
  const ids: number[] = [];
  const keywordScore: number[] = [];
  const keywordRank: number[] = [];
  const semanticScore: number[] = [];
  const semanticRank: number[] = [];
  const matched: string[][] = [];
  const slot = (id: number) => {
    let at = slotOf.get(id);
    if (at === undefined) {
      slotOf.set(id, (at = ids.length));
      ids.push(id);
      keywordScore.push(0);
      keywordRank.push(-1);
      semanticScore.push(0);
      semanticRank.push(-1);
      matched.push([]);
    }
    return at;
  };
  keyword?.items.forEach((item, rank) => {
    const at = slot(item.productId);
    keywordScore[at] = item.score;
    keywordRank[at] = rank;
    matched[at] = item.matchedTerms;
  });
  semantic?.items.forEach((item, rank) => {
    const at = slot(item.productId);
    semanticScore[at] = item.score;
    semanticRank[at] = rank;
  });
  const last = queryTerms[queryTerms.length - 1];
  const queryPairs = queryTerms.slice(1).map((t, i) => `${queryTerms[i]} ${t}`);
  const out: FusionCandidate[] = new Array(ids.length);
  for (let at = 0; at < ids.length; at++) {
    const known = productTerms(ids[at]);
    const { terms, title, titleTerms, titlePairs } = known ?? NO_TEXT;
    let firstMatch = -1;
    for (let i = 0; i < title.length; i++) {
      if (distinctSet.has(title[i])) {
        firstMatch = i;
        break;
      }
    }
    const matchedTerms = matched[at];
    const inKeyword = keywordRank[at] >= 0;
    const inSemantic = semanticRank[at] >= 0;
    // Typo-tolerant keyword matching reports the catalogue's spellings: count those too.
    const covered = Math.min(distinct.length, Math.max(countIn(distinct, terms), matchedTerms.length));
    const coverage = distinct.length > 0 ? covered / distinct.length : 0;
    const cosine = semanticScore[at];
    const features = new Float64Array(FUSION_FEATURES.length);
    features[0] = inKeyword ? keywordScore[at] / maxKeyword : 0;
    features[1] = inKeyword ? 1 : 0;
    features[2] = inKeyword ? 1 / (1 + keywordRank[at]) : 0;
    features[3] = cosine;
    features[4] = inSemantic ? cosine - maxCosine : -1;
    features[5] = inSemantic ? 1 / (1 + semanticRank[at]) : 0;
    features[6] = coverage;
    features[7] = coverage === 1 ? 1 : 0;
    features[8] = Math.log1p(title.length);
    features[9] = cosine * (1 - coverage);
    features[10] = last !== undefined && terms.has(last) ? 1 : 0;
    features[11] = queryPairs.length > 0 ? countIn(queryPairs, titlePairs) / queryPairs.length : 0;
    features[12] = distinct.length > 0 ? countIn(distinct, titleTerms) / distinct.length : 0;
    features[13] = firstMatch < 0 ? 1 : firstMatch / Math.max(1, title.length);
    out[at] = { productId: ids[at], features, matchedTerms: matchedTerms.length > 0 || !known ? matchedTerms : distinct.filter((t) => terms.has(t)) };
  }
  return out;
}

function countIn(values: readonly string[], set: ReadonlySet<string>): number {
  let n = 0;
  for (const v of values) if (set.has(v)) n++;
  return n;
}
