import type { Product } from '@magpie/contracts';
import { ndcgAtK } from '@magpie/math';
import { fitContentEncoder, type ContentEncoder, type ContentEpoch, type ContentTrainOptions, type KeptWeights } from '@magpie/ml';
import type { VectorIndex, VectorSet } from '@magpie/retrieval';
import { createAnalyzer, type Analyzer } from '../analyzer';
import { judgedGains, type SearchJudgment } from '../evaluation/evaluate-search';
import { KeywordRetriever, productTextTerms } from '../engine/keyword-retriever';
import { productContent } from '../engine/product-content';
import { HYBRID_CANDIDATES } from '../engine/hybrid-search';
import { LocalSemanticIndex } from '../engine/semantic-index';
import { SemanticRetriever } from '../engine/semantic-retriever';
import { fusionCandidates, ProductTexts, type FusionCandidate } from '../ranking/fusion-features';
import { fitFusion, type FusionExample, type FusionModel } from '../ranking/learned-fusion';
import { SearchEngagement } from '../ranking/search-engagement';
import { splitJudgmentsByQuery } from './split-judgments';

export interface TrainSearchInput {
  products: readonly Product[];
  /** Judged (or clicked) query–product pairs; productId is the product's external id. */
  judgments: readonly SearchJudgment[];
  createIndex: (set: VectorSet) => VectorIndex;
  analyzer?: Analyzer;
  encoder?: Partial<ContentTrainOptions>;
  /** An already trained encoder: only the fusion is fitted (its held-out queries must not have trained it). */
  pretrained?: ContentEncoder;
  /** Share of the training queries held out from the encoder to fit the fusion and pick the epoch (default 0.2). */
  fusionShare?: number;
  /** Candidates per retriever for fusion (default 100, as createHybridSearch's). */
  candidates?: number;
  /**
   * Hard negatives per training query: its best keyword results that no judgment calls relevant
   * (default 20; 0 = in-batch negatives only). They teach the encoder what the keyword match misses.
   */
  hardNegatives?: number;
  onEpoch?: (epoch: ContentEpoch) => void;
}

export interface SearchModel {
  encoder: ContentEncoder;
  /** Null when no judged query was held out to fit it on (the engine then uses reciprocal rank fusion). */
  fusion: FusionModel | null;
  /** Semantic NDCG@10 of the kept weights on the held-out queries (null: none held out). */
  heldOutNdcg: number | null;
  /** Which weights were kept (an epoch's, raw or averaged), by that metric. */
  kept: KeptWeights | null;
  history: ContentEpoch[];
  /** Queries the encoder trained on, and the held-out ones the fusion was fitted on. */
  queries: { encoder: number; fusion: number };
}

interface HeldQuery {
  terms: string[];
  gains: Map<number, number>;
  /** Its judged gains by external id (what SearchEngagement counted of it). */
  judged: ReadonlyMap<string, number>;
}

/**
 * Trains the search models from judgments: the content encoder (contrastive, query tower sharing the
 * text encoder) on most training queries, choosing its epoch (raw or averaged weights) by semantic NDCG@10 on the held-out rest,
 * then the learned fusion of keyword and semantic candidates on those held-out queries — whose
 * semantic scores the encoder never fitted, so fusion learns how far to trust it on unseen queries —
 * and how far a product's engagement in other queries' judgments (SearchEngagement) predicts this one's.
 * Gains are relevance − 1 as in the evaluation.
 */
export async function trainSearchModel(input: TrainSearchInput): Promise<SearchModel> {
  const analyzer = input.analyzer ?? createAnalyzer();
  const byExternal = new Map(input.products.map((p) => [p.externalId, p]));
  const { kept, held } = splitJudgmentsByQuery(input.judgments, input.fusionShare ?? 0.2, 7);
  const keyword = new KeywordRetriever(analyzer);
  for (const p of input.products) keyword.upsert(p);
  const relevant = new Map<string, Set<number>>();
  for (const j of kept) {
    const product = byExternal.get(j.productId);
    if (!product || j.relevance <= 1) continue;
    relevant.set(j.query, (relevant.get(j.query) ?? new Set()).add(product.id));
  }
  const depth = input.hardNegatives ?? 20;
  const negativesOf = new Map<string, number[]>();
  const negatives = (query: string, terms: string[]) => {
    let list = negativesOf.get(query);
    if (!list) {
      const answers = relevant.get(query) ?? new Set<number>();
      list = depth > 0 ? keyword.retrieve({ text: query, terms }, { limit: depth }).items.map((i) => i.productId).filter((id) => !answers.has(id)) : [];
      negativesOf.set(query, list);
    }
    return list;
  };
  const pairs = kept.flatMap((j) => {
    const product = byExternal.get(j.productId);
    if (!product || j.relevance <= 1) return [];
    const terms = analyzer.analyze(j.query);
    return [{ query: terms, key: product.id, weight: j.relevance - 1, negatives: negatives(j.query, terms) }];
  });
  const heldQueries = groupGains(held, byExternal, analyzer);
  const items = input.products.map((p) => productContent(p, analyzer));
  const keys = Int32Array.from(items, (i) => i.key);

  const scoreHeldOut = (current: ContentEncoder): number => {
    const vectors = current.encodeItems(items);
    const index = input.createIndex({ vectors, keys, dimensions: current.dimensions });
    try {
      const matches = index.search(current.encodeQueries(heldQueries.map((q) => q.terms)), 10);
      return mean(heldQueries.map((q, i) => ndcgAtK(Array.from(matches[i].keys, (k) => q.gains.get(k) ?? 0), [...q.gains.values()], 10)));
    } finally {
      index.dispose?.();
    }
  };
  const { encoder, history, kept: keptWeights } = input.pretrained
    ? { encoder: input.pretrained, ...pretrainedScore(heldQueries.length > 0 ? scoreHeldOut(input.pretrained) : null) }
    : await fitContentEncoder({ items, pairs, options: input.encoder, validate: heldQueries.length > 0 ? scoreHeldOut : undefined, onEpoch: input.onEpoch });

  const limit = input.candidates ?? HYBRID_CANDIDATES;
  const semantic = new SemanticRetriever({ encoder, analyzer, index: new LocalSemanticIndex(encoder, input.createIndex) });
  const byId = new Map(input.products.map((p) => [p.id, p]));
  // A product is a candidate of many held-out queries: analysed once.
  const productTerms = new ProductTexts((id) => {
    const product = byId.get(id);
    return product && productTextTerms(product, analyzer);
  });
  for (const p of heldQueries.length > 0 ? input.products : []) semantic.upsert(p);
  const requests = heldQueries.map((q) => ({ query: { text: q.terms.join(' '), terms: q.terms }, options: { limit } }));
  const semanticLists = await semantic.retrieveMany(requests);
  // The model serves with the engagement of all training queries; a held-out query's features see it
  // without that query's own judgments (they would tell fusion the answer), as an unseen query does.
  const engagement = SearchEngagement.fromJudgments(input.judgments);
  const examples: FusionExample[] = heldQueries.map((q, i) => {
    const lists = [
      { ...keyword.retrieve(requests[i].query, { limit }), retriever: 'keyword' },
      { ...semanticLists[i], retriever: 'semantic' },
    ];
    const candidates: FusionCandidate[] = fusionCandidates(lists, q.terms, productTerms, engagement.without(q.judged));
    return { candidates, gains: candidates.map((c) => q.gains.get(c.productId) ?? 0), ideal: [...q.gains.values()] };
  });
  semantic.dispose();
  return {
    encoder,
    fusion: examples.length > 0 ? fitFusion(examples, { engagement }) : null,
    heldOutNdcg: keptWeights?.metric ?? null,
    kept: keptWeights,
    history,
    queries: { encoder: new Set(kept.map((j) => j.query)).size, fusion: heldQueries.length } };
}

/** A pretrained encoder's history: one entry, its held-out score (none without held-out queries). */
function pretrainedScore(metric: number | null): { history: ContentEpoch[]; kept: KeptWeights | null } {
  return metric === null ? { history: [], kept: null } : { history: [{ epoch: 0, loss: 0, seconds: 0, metric }], kept: { epoch: 0, averaged: false, metric } };
}

function groupGains(judgments: readonly SearchJudgment[], byExternal: ReadonlyMap<string, Product>, analyzer: Analyzer): HeldQuery[] {
  const byQuery = [...judgedGains(judgments)].map(([query, judged]) => {
    const gains = new Map<number, number>();
    for (const [externalId, gain] of judged) {
      const product = byExternal.get(externalId);
      if (product) gains.set(product.id, gain);
    }
    return { query, gains, judged };
  });
  return byQuery
    .filter(({ gains }) => [...gains.values()].some((g) => g > 0))
    .map(({ query, gains, judged }) => ({ terms: analyzer.analyze(query), gains, judged }))
    .filter((q) => q.terms.length > 0);
}

const mean = (xs: readonly number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
