export * from './keyword-index';
export * from './bm25-options';
export * from './bm25-index';
export * from './term-dictionary';
export * from './damerau-levenshtein';
export * from './keyword-index.contract';
