import { ById } from '@magpie/math';
import type { RetrievedList } from '../engine/retriever';
import { SearchEngagement, type EngagementLookup } from './search-engagement';

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
  'engagement.log(1+queries)',
  'engagement.seen',
  'engagement.meanGain',
  'keyword.score/10',
  'keyword.score/max×engaged',
] as const;

/** One product found for a query by at least one retriever, with what every retriever said of it. */
export interface FusionCandidate {
  productId: number;
  /** One value per FUSION_FEATURES name, in that order. */
  features: readonly number[];
  matchedTerms: string[];
}

/**
 * Term → small integer, shared by the product texts and the queries fusion compares: integers in compact
 * arrays instead of strings in per-product Sets (fusion reads ~200 products' texts per query). Grows with
 * the vocabulary of the texts made; queries only look terms up.
 */
export class TermIds {
  private readonly ids = new Map<string, number>();

  /** The term's id, a new one for a term not seen before. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) this.ids.set(term, (id = this.ids.size));
    return id;
  }

  /** The term's id, or −1 when no text holds it. */
  find(term: string): number {
    return this.ids.get(term) ?? -1;
  }
}

/**
 * A product's analysed text as term ids: every field's distinct terms (ascending), and the title's terms
 * in order; and its external id (what SearchEngagement knows it by).
 */
export interface ProductText {
  terms: Int32Array;
  title: Int32Array;
  externalId: string | undefined;
}

/** A product's analysed fields, as ProductTexts is given them. */
export interface AnalysedProduct {
  all: Iterable<string>;
  title: readonly string[];
  externalId?: string;
}

/** Builds a ProductText from all field terms and the title's terms. */
export function makeProductText({ all: allTerms, title, externalId }: AnalysedProduct, ids: TermIds): ProductText {
  const distinct = Int32Array.from(new Set(Array.from(allTerms, (t) => ids.intern(t)))).sort();
  // One buffer for both (fusion reads both of ~200 products per query: one allocation, adjacent in memory).
  const buffer = new Int32Array(distinct.length + title.length);
  buffer.set(distinct);
  title.forEach((t, i) => (buffer[distinct.length + i] = ids.intern(t)));
  return { terms: buffer.subarray(0, distinct.length), title: buffer.subarray(distinct.length), externalId };
}

const NO_TEXT: ProductText = { terms: new Int32Array(0), title: new Int32Array(0), externalId: undefined };
/** Matched terms of a candidate no keyword list named (shared: never mutated). */
const NO_TERMS: string[] = [];

/** What fusion may know of products besides the lists: their analysed texts, and the term ids they are written in. */
export interface ProductTerms {
  readonly ids: TermIds;
  text(productId: number): ProductText | undefined;
}

/**
 * Product texts made on first use (or `prepare`d ahead) and kept until `forget`: `analyse` gives a
 * product's terms (all fields, and the title in order), or undefined for a product it does not know.
 */
export class ProductTexts implements ProductTerms {
  readonly ids = new TermIds();
  private readonly texts = new ById<ProductText>();

  constructor(private readonly analyse: (productId: number) => AnalysedProduct | undefined) {}

  text(productId: number): ProductText | undefined {
    const known = this.texts.get(productId);
    if (known) return known;
    const analysed = this.analyse(productId);
    if (!analysed) return undefined;
    const text = makeProductText(analysed, this.ids);
    this.texts.set(productId, text);
    return text;
  }

  /** Makes the product's text now (so no query pays for it). */
  prepare(productId: number): void {
    this.forget(productId);
    this.text(productId);
  }

  /** Drops the product's text (changed or removed); made again when next asked. */
  forget(productId: number): void {
    this.texts.delete(productId);
  }
}

/**
 * The candidates of one query (union of the lists named `keyword` and `semantic`) and their features:
 * keyword score relative to the query's best, reciprocal ranks, the semantic cosine (absolute and
 * relative to the best), the share of distinct query terms the product holds ("coverage", over all
 * fields and over the title), whether it holds the query's last term (in shop queries mostly the kind of
 * product: "cordless *drill*"), the share of the query's adjacent term pairs found adjacent in the title,
 * where in the title the first query term sits, the title's length, what past searches said of the
 * product (`engagement`: how many queries chose it, their mean gain), the raw BM25 score (how strong the
 * match is, not only relative to the query's best) and the relative keyword score of engaged products
 * (engagement counts for more on a strong match). Lists with other names are ignored here.
 */
export function fusionCandidates(
  lists: readonly RetrievedList[],
  queryTerms: readonly string[],
  productTerms: ProductTerms,
  engagement: EngagementLookup = SearchEngagement.NONE,
): FusionCandidate[] {
  const keyword = lists.find((l) => l.retriever === 'keyword');
  const semantic = lists.find((l) => l.retriever === 'semantic');
  const distinct = [...new Set(queryTerms)];
  const maxKeyword = Math.max(1e-9, keyword?.items[0]?.score ?? 0);
  const maxCosine = semantic?.items[0]?.score ?? 0;
  // Per product (slot, in order of first sight): keyword score and rank, semantic score and rank (0 / −1 when
  // that list lacks it). Arrays sized for both lists at once: no growth while filling them.
  const capacity = (keyword?.items.length ?? 0) + (semantic?.items.length ?? 0);
  const slotOf = new Map<number, number>();
  const ids: number[] = new Array<number>(capacity);
  const keywordScore = new Float64Array(capacity);
  const keywordRank = new Int32Array(capacity).fill(-1);
  const semanticScore = new Float64Array(capacity);
  const semanticRank = new Int32Array(capacity).fill(-1);
  const matched: string[][] = new Array<string[]>(capacity);
  let slots = 0;
  const slot = (id: number) => {
    let at = slotOf.get(id);
    if (at === undefined) {
      slotOf.set(id, (at = slots++));
      ids[at] = id;
      matched[at] = NO_TERMS;
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
  ids.length = slots;
  // The candidates' texts first (a text made now adds its terms to the ids), then the query terms as ids
  // (−1: no text holds it) and, per distinct term, whether the candidate holds it.
  const texts = ids.map((id) => productTerms.text(id));
  const termIds = productTerms.ids;
  const distinctIds = Int32Array.from(distinct, (t) => termIds.find(t));
  const lastIndex = queryTerms.length > 0 ? distinct.indexOf(queryTerms[queryTerms.length - 1]) : -1;
  const pairFirst = Int32Array.from(queryTerms.slice(0, -1), (t) => termIds.find(t));
  const pairSecond = Int32Array.from(queryTerms.slice(1), (t) => termIds.find(t));
  const holds = new Uint8Array(distinct.length);
  const out: FusionCandidate[] = new Array(ids.length);
  for (let at = 0; at < ids.length; at++) {
    const known = texts[at];
    const { terms, title, externalId } = known ?? NO_TEXT;
    const engaged = externalId === undefined ? undefined : engagement.get(externalId);
    let held = 0;
    for (let k = 0; k < distinctIds.length; k++) {
      holds[k] = distinctIds[k] >= 0 && sortedHas(terms, distinctIds[k]) ? 1 : 0;
      held += holds[k];
    }
    const { inTitle, firstMatch, pairs } = titleMatches(title, distinctIds, pairFirst, pairSecond);
    const matchedTerms = matched[at];
    const inKeyword = keywordRank[at] >= 0;
    const inSemantic = semanticRank[at] >= 0;
    // Typo-tolerant keyword matching reports the catalogue's spellings: count those too.
    const covered = Math.min(distinct.length, Math.max(held, matchedTerms.length));
    const coverage = distinct.length > 0 ? covered / distinct.length : 0;
    const cosine = semanticScore[at];
    // An array literal of numbers (unboxed doubles), not a typed array: constructing a
    // Float64Array per candidate was half of this function's time (~190 candidates per query).
    const features = [
      inKeyword ? keywordScore[at] / maxKeyword : 0,
      inKeyword ? 1 : 0,
      inKeyword ? 1 / (1 + keywordRank[at]) : 0,
      cosine,
      inSemantic ? cosine - maxCosine : -1,
      inSemantic ? 1 / (1 + semanticRank[at]) : 0,
      coverage,
      coverage === 1 ? 1 : 0,
      Math.log1p(title.length),
      cosine * (1 - coverage),
      lastIndex >= 0 && holds[lastIndex] === 1 ? 1 : 0,
      pairFirst.length > 0 ? pairs / pairFirst.length : 0,
      distinct.length > 0 ? inTitle / distinct.length : 0,
      firstMatch < 0 ? 1 : firstMatch / Math.max(1, title.length),
      engaged ? Math.log1p(engaged.queries) : 0,
      engaged ? 1 : 0,
      engaged ? engaged.gain / engaged.queries : 0,
      inKeyword ? keywordScore[at] / 10 : 0,
      engaged && inKeyword ? keywordScore[at] / maxKeyword : 0,
    ];
    out[at] = { productId: ids[at], features, matchedTerms: matchedTerms.length > 0 ? matchedTerms : known ? distinct.filter((_, k) => holds[k] === 1) : [] };
  }
  return out;
}

/** Whether ascending `values` hold `value` (binary search). */
function sortedHas(values: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = values.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] === value) return true;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * What the title holds of the query: how many distinct query terms it holds, the position of the first
 * title term that is a query term (−1: none), and how many of the query's adjacent pairs (first[j], second[j])
 * occur adjacent in the title.
 */
function titleMatches(title: Int32Array, distinctIds: Int32Array, first: Int32Array, second: Int32Array): { inTitle: number; firstMatch: number; pairs: number } {
  let firstMatch = -1;
  let inTitle = 0;
  for (let k = 0; k < distinctIds.length; k++) {
    const at = distinctIds[k] >= 0 ? title.indexOf(distinctIds[k]) : -1;
    if (at < 0) continue;
    inTitle += 1;
    if (firstMatch < 0 || at < firstMatch) firstMatch = at;
  }
  let pairs = 0;
  for (let j = 0; j < first.length; j++) {
    if (first[j] < 0 || second[j] < 0) continue;
    for (let p = 0; p + 1 < title.length; p++) {
      if (title[p] === first[j] && title[p + 1] === second[j]) {
        pairs += 1;
        break;
      }
    }
  }
  return { inTitle, firstMatch, pairs };
}
