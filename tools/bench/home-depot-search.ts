import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '@magpie/config';
import type { Product } from '@magpie/contracts';
import { asCatalogProduct, readHomeDepot, type DatasetBundle } from '@magpie/datasets';
import { vectorIndexFor } from '@magpie/retrieval';
import {
  createAnalyzer, KeywordRetriever, LocalSemanticIndex, ProductTexts, productTextTerms, searchModelFromBytes, SemanticRetriever, type Analyzer, type FusionModel,
} from '@magpie/search';

/** The whole Home Depot catalogue in the search engine's parts, in this thread: what the search lab tools work on. */
export interface HomeDepotSearch {
  bundle: DatasetBundle;
  /** The catalogue, ids 1..n in file order. */
  products: Product[];
  analyzer: Analyzer;
  keyword: KeywordRetriever;
  /** The saved model's query tower and product vectors (exact scoring); `dispose` frees it. */
  semantic: SemanticRetriever;
  /** Every product's analysed text, made ahead. */
  texts: ProductTexts;
  /** The saved model's fusion (null: it has none). */
  fusion: FusionModel | null;
  dispose(): void;
}

/** Indexes the Home Depot catalogue for keyword and semantic retrieval with the search model saved in `modelFile` (`magpie eval-search --save-encoder FILE`). */
export async function openHomeDepotSearch(modelFile: string): Promise<HomeDepotSearch> {
  const config = loadConfig(process.env, { logLevel: 'warn' });
  const ml = await import('@magpie/ml');
  await ml.initCompute({ backend: config.ml.backend });
  const bundle = await readHomeDepot(join(config.datasets.dir, 'homedepot-search'));
  const products = bundle.products.map((p, i) => asCatalogProduct(p, i + 1));
  const model = searchModelFromBytes(new Uint8Array(await readFile(modelFile)));
  const encoder = await ml.loadContentEncoder(model.encoder);
  const analyzer = createAnalyzer();
  const keyword = new KeywordRetriever(analyzer);
  const exact = (set: Parameters<typeof vectorIndexFor>[0]) => vectorIndexFor(set, { annThreshold: Number.POSITIVE_INFINITY, exact: (s) => new ml.TfExactIndex(s) });
  const semantic = new SemanticRetriever({ encoder, analyzer, index: new LocalSemanticIndex(encoder, exact) });
  const byId = new Map(products.map((p) => [p.id, p]));
  const texts = new ProductTexts((id) => {
    const product = byId.get(id);
    return product && productTextTerms(product, analyzer);
  });
  for (const p of products) {
    keyword.upsert(p);
    semantic.upsert(p);
    texts.prepare(p.id);
  }
  return {
    bundle, products, analyzer, keyword, semantic, texts, fusion: model.fusion,
    dispose() {
      semantic.dispose();
      encoder.dispose();
    },
  };
}
