export * from './analyzer';
export type { RetrievalQuery, RetrievedItem, RetrievedList, RetrieveOptions, Retriever } from './engine/retriever';
export { KeywordRetriever, productFieldTerms } from './engine/keyword-retriever';
export { reciprocalRankFusion, type Fusion } from './engine/fusion';
export { countFacets, type Facets } from './engine/facets';
export { TitleSuggester, type Suggestion } from './engine/suggester';
export { DEFAULT_FIRST, type SearchRequest } from './engine/search-request';
export { SearchEngine, type SearchEngineOptions } from './engine/search-engine';
export { evaluateSearch, type SearchEvaluation, type SearchJudgment } from './evaluation/evaluate-search';
