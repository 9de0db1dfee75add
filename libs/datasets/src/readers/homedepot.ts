import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { badInput, type ProductInput } from '@magpie/contracts';
import { requireFile } from '../files';
import { makeProduct, type DatasetBundle, type Judgment } from '../bundle';
import { readTable } from './delimited';

export const HOMEDEPOT_PRODUCTS_FILE = 'products.tsv.gz';

export interface HomeDepotOptions {
  /** Judgment file in the folder (query, product_uid, relevance). Default 'judgments-dev.tsv.gz'. */
  judgmentsFile?: string;
}

/**
 * Home Depot product search relevance (`homedepot-search/`): products (product_uid, title) and graded
 * judgments (query, product_uid, relevance 1 = irrelevant … 3 = exact, averages of raters). No events.
 */
export async function readHomeDepot(dir: string, options: HomeDepotOptions = {}): Promise<DatasetBundle> {
  const { judgmentsFile = 'judgments-dev.tsv.gz' } = options;
  const judgmentsPath = await requireFile(join(dir, judgmentsFile), 'judgments file'); // fail before the long read
  const products: ProductInput[] = [];
  for await (const [id, title] of readTable(join(dir, HOMEDEPOT_PRODUCTS_FILE), '\t', ['product_uid', 'title'])) {
    products.push(makeProduct(id.trim(), title));
  }
  return { name: 'homedepot-search', products, events: [], judgments: await readJudgments(judgmentsPath) };
}

/** A judgment file (tab-separated, header `query product_uid relevance`, optionally gzipped). */
export async function readJudgments(path: string): Promise<Judgment[]> {
  const judgments: Judgment[] = [];
  for await (const [query, productId, relevance] of readTable(await requireFile(path, 'judgments file'), '\t', ['query', 'product_uid', 'relevance'])) {
    const value = Number(relevance);
    if (relevance.trim() === '' || !Number.isFinite(value)) throw badInput(`${path}: unreadable relevance "${relevance}"`);
    judgments.push({ query: query.trim(), productId: productId.trim(), relevance: value });
  }
  return judgments;
}

/** Writes judgments in the same format (gzipped when the path ends in .gz). */
export async function writeJudgments(path: string, judgments: readonly Judgment[]): Promise<void> {
  const text = ['query\tproduct_uid\trelevance', ...judgments.map((j) => `${j.query.replace(/[\t\n]/g, ' ')}\t${j.productId}\t${j.relevance}`)].join('\n') + '\n';
  await writeFile(path, path.endsWith('.gz') ? gzipSync(text) : text);
}
