/**
 * @magpie/datasets — readers for public dataset formats and user data, normalised to one in-memory
 * `DatasetBundle`; a sequence view for evaluation; a deterministic synthetic shop for demos and tests.
 */
export { type DatasetBundle, type DatasetEvent, type Judgment, makeProduct, sortEvents, cleanCategories, asCatalogProduct } from './bundle';
export { SYNTHETIC_BASE_TS, SYNTHETIC_STEP_MS, sequenceTimestamp, lineTimestamp } from './synthetic-time';
export { toSequences, type SequenceView, type SequenceOptions } from './sequences';
export { readBeauty, BEAUTY_FILES } from './readers/beauty';
export { readScientific, SCIENTIFIC_FILES } from './readers/scientific';
export { readMovielens } from './readers/movielens';
export { readDiginetica, DIGINETICA_FILE } from './readers/diginetica';
export { readHomeDepot, readJudgments, writeJudgments, type HomeDepotOptions } from './readers/homedepot';
export { readSeqLines, type SeqLinesOptions } from './readers/seq-lines';
export { readUserItemPairs, parseTimestamp, type UserItemPairsOptions } from './readers/user-item-pairs';
export { readRecbole, ratingToEventType, type RecboleOptions } from './readers/recbole';
export { loadDataset, isDatasetName, DATASET_NAMES, type DatasetName } from './load-dataset';
export { generateShop, DEFAULT_SHOP_OPTIONS, type ShopOptions, type SyntheticShop } from './generator/generate-shop';
export type { ShopperProfile } from './generator/shoppers';
export { SHOP_VOCABULARY, type CategoryVocabulary, type SubcategoryVocabulary, type Phrase } from './generator/vocabulary';
