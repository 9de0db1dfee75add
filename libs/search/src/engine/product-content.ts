import type { Product } from '@magpie/contracts';
import type { ContentItem } from '@magpie/ml';
import type { Analyzer } from '../analyzer';

/**
 * A product as the content encoder sees it — the one preprocessing step shared by training and
 * serving: title (+ description) analysed like search text, brand and category path as categorical
 * attributes, price as a numeric attribute (normalised by the encoder's fitted statistics).
 */
export function productContent(product: Product, analyzer: Analyzer): ContentItem {
  const text = product.description ? `${product.title}\n${product.description}` : product.title;
  const attributes = [
    ...(product.brand ? [`brand:${product.brand.toLowerCase()}`] : []),
    ...product.categories.map((c, depth) => `category${depth}:${c.toLowerCase()}`),
  ];
  return { key: product.id, tokens: analyzer.analyze(text, 'index'), attributes, numeric: { price: product.price ?? null } };
}
