import type { NumericStats } from './numeric-normalizer';
import type { TextFeatureConfig } from './text-features';

/** A product as the content encoder sees it (text already analysed into tokens by the caller). */
export interface ContentItem {
  /** The caller's key for the item (e.g. internal product id). */
  key: number;
  /** Analysed title (+ description) tokens. */
  tokens: readonly string[];
  /** Categorical attributes as `name:value` strings (brand, category path parts...). */
  attributes?: readonly string[];
  /** Numeric attributes by name (price, rating...); missing values are filled at encoding time. */
  numeric?: Readonly<Record<string, number | null | undefined>>;
}

export interface ContentEncoderConfig {
  text: TextFeatureConfig;
  /** Token embedding width. */
  dim: number;
  /** Channels of the width-`kernel` convolution over token vectors. */
  channels: number;
  kernel: number;
  /** Output vector width (queries and products). */
  outDim: number;
  /** Hashed rows for categorical attributes, and their embedding width. */
  attributeBuckets: number;
  attributeDim: number;
  /** Numeric attributes and their z-score statistics, fitted on the training catalogue. */
  numeric: NumericStats[];
  seed: number;
}

export const DEFAULT_CONTENT_CONFIG: Omit<ContentEncoderConfig, 'text' | 'numeric'> = {
  dim: 64,
  channels: 128,
  kernel: 3,
  outDim: 64,
  attributeBuckets: 4096,
  attributeDim: 16,
  seed: 7,
};

/** Most attributes per item that are embedded (the first ones). */
export const MAX_ATTRIBUTES = 8;
