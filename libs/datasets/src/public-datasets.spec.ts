import { resolve } from 'node:path';
import { ErrorCode, MagpieError, ProductInput } from '@magpie/contracts';
import type { DatasetBundle } from './bundle';
import { DATASET_NAMES, loadDataset } from './load-dataset';
import { readHomeDepot } from './readers/homedepot';
import { toSequences } from './sequences';
import { isGloballySorted, usersOutOfOrder } from './test-helpers';

// The public datasets live beside the repository (../shared/datasets); see its README.md for the counts.
const DATASETS_DIR = resolve(__dirname, '../../../../shared/datasets');
// Reading and validating a whole public dataset takes 1–3 s here, over 5 s (Jest's default) on a slow or busy day.
jest.setTimeout(60_000);

const cache = new Map<string, Promise<DatasetBundle>>();
const load = (name: string) => {
  if (!cache.has(name)) cache.set(name, loadDataset(name, DATASETS_DIR));
  return cache.get(name) as Promise<DatasetBundle>;
};

function counts(bundle: DatasetBundle) {
  const view = toSequences(bundle);
  return { users: view.users.length, items: view.items.length, interactions: view.sequences.reduce((n, s) => n + s.length, 0) };
}

function expectValidBundle(bundle: DatasetBundle) {
  expect(isGloballySorted(bundle.events)).toBe(true);
  expect(usersOutOfOrder(bundle.events)).toEqual([]);
  const invalid = bundle.products.filter((p) => !ProductInput.safeParse(p).success);
  expect(invalid.slice(0, 3)).toEqual([]);
  expect(new Set(bundle.products.map((p) => p.id)).size).toBe(bundle.products.length);
  const ids = new Set(bundle.products.map((p) => p.id));
  expect(bundle.events.every((e) => ids.has(e.productId) && Number.isInteger(e.ts) && e.ts > 0)).toBe(true);
}

describe('public datasets (../shared/datasets)', () => {
  it('reads Amazon Beauty: 22,363 users, 12,101 items, 198,502 interactions, attribute codes', async () => {
    const bundle = await load('amazon-beauty');
    expect(bundle.name).toBe('amazon-beauty');
    expect(counts(bundle)).toEqual({ users: 22363, items: 12101, interactions: 198502 });
    expect(bundle.products).toHaveLength(12101);
    const codes = new Set(bundle.products.flatMap((p) => (p.attributes?.codes as number[] | undefined) ?? []));
    expect(codes.size).toBe(637);
    expect(bundle.products.find((p) => p.id === '4')).toMatchObject({ title: 'Beauty item 4', attributes: { codes: [1, 2, 3] } });
    // user 1's line is "1 1 2 3 4 5": order kept.
    expect(bundle.events.filter((e) => e.userId === '1').map((e) => e.productId)).toEqual(['1', '2', '3', '4', '5']);
    expectValidBundle(bundle);
  });

  it('reads Amazon Scientific: 8,317 users, 4,344 items, 58,492 interactions, item text with nulls for missing fields', async () => {
    const bundle = await load('amazon-scientific');
    expect(counts(bundle)).toEqual({ users: 8317, items: 4344, interactions: 58492 });
    expect(bundle.products).toHaveLength(4344);
    expect(bundle.products.every((p) => p.title.length > 0)).toBe(true);
    const first = bundle.products.find((p) => p.id === '0');
    expect(first).toMatchObject({ brand: 'Sealed Unit Parts Co., Inc.', categories: ['Industrial & Scientific', 'Industrial Electrical', 'Passive Components', 'Capacitors'] });
    expect(bundle.products.filter((p) => p.description === null)).toHaveLength(123);
    expect(bundle.products.filter((p) => p.brand === null)).toHaveLength(12);
    expect(bundle.products.filter((p) => p.categories === null)).toHaveLength(131);
    expectValidBundle(bundle);
  });

  it('reads MovieLens 100K: 943 users, 1,682 items, 100,000 ratings graded into event types', async () => {
    const bundle = await load('ml-100k');
    expect(counts(bundle)).toEqual({ users: 943, items: 1682, interactions: 100000 });
    const byType = bundle.events.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.type]: (acc[e.type] ?? 0) + 1 }), {});
    expect(byType).toEqual({ purchase: 34174 + 21201, click: 27145, view: 6110 + 11370 });
    expect(bundle.products.find((p) => p.id === '1')).toMatchObject({ title: 'Toy Story', categories: ['Animation', "Children's", 'Comedy'], attributes: { year: 1995 } });
    // 196 rated 242 at 881250949 s (first data row).
    expect(bundle.events).toContainEqual({ userId: '196', productId: '242', type: 'click', ts: 881250949000 });
    expectValidBundle(bundle);
  });

  it('reads the Diginetica sample: 12,391 views in 2,986 sessions over 7,139 items', async () => {
    const bundle = await load('diginetica-sample');
    expect(bundle.events).toHaveLength(12391);
    expect(bundle.events.every((e) => e.type === 'view')).toBe(true);
    expect(counts(bundle)).toEqual({ users: 2986, items: 7139, interactions: 12391 });
    // Session 104 mixes "NA" rows and user 4: all its rows belong to user 4.
    expect(bundle.events.some((e) => e.userId === 's:104')).toBe(false);
    expect(bundle.events.filter((e) => e.userId === '4').map((e) => e.productId)).toEqual(['10858', '10691', '33404', '10858', '10691', '10691']);
    expect(bundle.events.find((e) => e.userId === 's:1' && e.productId === '9654')?.ts).toBe(Date.UTC(2016, 4, 9) + 75848);
    expectValidBundle(bundle);
  });

  it('reads Home Depot: 54,667 products and 51,702 judgments over 8,205 queries, no events', async () => {
    const bundle = await load('homedepot-search');
    expect(bundle.products).toHaveLength(54667);
    expect(bundle.events).toEqual([]);
    expect(bundle.judgments).toHaveLength(51702);
    expect(new Set(bundle.judgments?.map((j) => j.query)).size).toBe(8205);
    expect(bundle.judgments?.[0]).toEqual({ query: 'angle bracket', productId: '100001', relevance: 3 });
    expect(bundle.products[0]).toMatchObject({ id: '100001', title: 'Simpson Strong-Tie 12-Gauge Angle' });
    expectValidBundle(bundle);
  });

  it('rejects an unknown dataset name, listing the valid ones', async () => {
    await expect(loadDataset('amazon-books', DATASETS_DIR)).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: expect.stringContaining(DATASET_NAMES.join(', ')),
    });
  });

  it('names the expected path when a dataset file is missing', async () => {
    const error = await loadDataset('amazon-beauty', '/nonexistent-dir').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MagpieError);
    expect((error as MagpieError).code).toBe(ErrorCode.NOT_FOUND);
    expect((error as MagpieError).message).toContain('/nonexistent-dir/amazon-beauty/Beauty.txt');
    await expect(readHomeDepot(resolve(DATASETS_DIR, 'homedepot-search'), { judgmentsFile: 'judgments-test.tsv.gz' })).rejects.toThrow(
      /homedepot-search\/judgments-test\.tsv\.gz/,
    );
  });
});
