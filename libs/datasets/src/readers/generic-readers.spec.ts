import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ErrorCode } from '@magpie/contracts';
import { SYNTHETIC_BASE_TS, SYNTHETIC_STEP_MS } from '../synthetic-time';
import { isGloballySorted, usersOutOfOrder } from '../test-helpers';
import { ratingToEventType, readRecbole } from './recbole';
import { readSeqLines } from './seq-lines';
import { parseTimestamp, readUserItemPairs } from './user-item-pairs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'magpie-datasets-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = async (name: string, text: string) => {
  const path = join(dir, name);
  await writeFile(path, name.endsWith('.gz') ? gzipSync(text) : text);
  return path;
};
const itemsOf = (events: { userId: string; productId: string }[], user: string) => events.filter((e) => e.userId === user).map((e) => e.productId);

describe('readSeqLines', () => {
  it('keeps each user order, interleaves users deterministically and synthesises hourly timestamps', async () => {
    const path = await write('shop.txt', 'a x y z\n\nb y\n# comment\nc z x\na w\n');
    const bundle = await readSeqLines(path);
    expect(bundle.name).toBe('shop');
    expect(itemsOf(bundle.events, 'a')).toEqual(['x', 'y', 'z', 'w']);
    expect(bundle.events.map((e) => `${e.userId}${e.productId}`)).toEqual(['ax', 'by', 'cz', 'ay', 'cx', 'az', 'aw']);
    expect(bundle.events.filter((e) => e.userId === 'a').map((e) => e.ts)).toEqual([0, 1, 2, 3].map((p) => SYNTHETIC_BASE_TS + p * SYNTHETIC_STEP_MS));
    expect(bundle.events.find((e) => e.userId === 'c')?.ts).toBe(SYNTHETIC_BASE_TS + 2);
    expect(bundle.products.map((p) => p.id)).toEqual(['x', 'y', 'z', 'w']);
    expect(bundle.products[0]).toMatchObject({ title: 'Item x', description: null, price: null });
    expect(bundle.events.every((e) => e.type === 'view')).toBe(true);
  });

  it('reads gzipped files and takes the event type from the options', async () => {
    const path = await write('seq.txt.gz', '1 10 11\n2 11\n');
    const bundle = await readSeqLines(path, { type: 'purchase', name: 'mine' });
    expect(bundle.name).toBe('mine');
    expect(bundle.events).toHaveLength(3);
    expect(bundle.events.every((e) => e.type === 'purchase')).toBe(true);
  });

  it('rejects a corrupt gzip file instead of hanging', async () => {
    const path = join(dir, 'corrupt.txt.gz');
    await writeFile(path, 'not gzip');
    await expect(readSeqLines(path)).rejects.toThrow(/header/);
  });

  it('fails with NOT_FOUND naming the path of a missing file', async () => {
    await expect(readSeqLines(join(dir, 'missing.txt'))).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND, message: expect.stringContaining(join(dir, 'missing.txt')) });
  });
});

describe('readUserItemPairs', () => {
  it('keeps the global line order when there is no timestamp column, skipping a header', async () => {
    const path = await write('pairs.tsv', 'user_id\titem_id\nu1\ti1\nu2\ti2\nu1\ti3\n');
    const bundle = await readUserItemPairs(path);
    expect(bundle.events).toEqual([
      { userId: 'u1', productId: 'i1', type: 'view', ts: SYNTHETIC_BASE_TS },
      { userId: 'u2', productId: 'i2', type: 'view', ts: SYNTHETIC_BASE_TS + 1000 },
      { userId: 'u1', productId: 'i3', type: 'view', ts: SYNTHETIC_BASE_TS + 2000 },
    ]);
  });

  it('reads seconds, milliseconds and ISO dates in a third column and sorts by time', async () => {
    const path = await write('pairs.csv', 'u1,i1,1700000100\nu2,i2,1700000000000\nu1,i2,2023-11-14 22:16:00Z\n');
    const bundle = await readUserItemPairs(path, { type: 'click' });
    expect(bundle.events.map((e) => [e.userId, e.productId, e.ts])).toEqual([
      ['u2', 'i2', 1700000000000],
      ['u1', 'i1', 1700000100000],
      ['u1', 'i2', Date.parse('2023-11-14T22:16:00Z')],
    ]);
    expect(isGloballySorted(bundle.events)).toBe(true);
  });

  it('rejects files that mix lines with and without timestamps, naming the line', async () => {
    const path = await write('mixed.txt', 'u1 i1 1700000000\nu1 i2\n');
    await expect(readUserItemPairs(path)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringContaining('mixed.txt:2') });
  });

  it('parses timestamps: seconds below 1e11, milliseconds above, dates, garbage as null', () => {
    expect(parseTimestamp('1700000000')).toBe(1700000000000);
    expect(parseTimestamp('1700000000.5')).toBe(1700000000500);
    expect(parseTimestamp('1700000000123')).toBe(1700000000123);
    expect(parseTimestamp('2026-11-01T00:00:00Z')).toBe(Date.UTC(2026, 10, 1));
    expect(parseTimestamp('soon')).toBeNull();
  });
});

describe('readRecbole', () => {
  const inter = ['user_id:token\titem_id:token\trating:float\ttimestamp:float', '7\t1\t5\t300', '7\t2\t3\t100', '8\t1\t1\t200', '8\t3\t4\t200', ''].join('\n');
  const item = ['item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\tprice:float', '1\tToy Story\t1995\tAnimation Comedy\t9.5', '2\tHeat\t1995\tAction Crime\t'].join('\n');

  it('reads a prefix: typed header, seconds → ms, ratings graded, items mapped, unknown items added', async () => {
    await write('films.inter', inter);
    await write('films.item', item);
    const bundle = await readRecbole(join(dir, 'films'));
    expect(bundle.name).toBe('films');
    expect(bundle.events).toEqual([
      { userId: '7', productId: '2', type: 'click', ts: 100000 },
      { userId: '8', productId: '1', type: 'view', ts: 200000 },
      { userId: '8', productId: '3', type: 'purchase', ts: 200000 },
      { userId: '7', productId: '1', type: 'purchase', ts: 300000 },
    ]);
    expect(bundle.products).toEqual([
      { id: '1', title: 'Toy Story', description: null, brand: null, categories: ['Animation', 'Comedy'], price: 9.5, stock: null, attributes: { year: 1995 } },
      { id: '2', title: 'Heat', description: null, brand: null, categories: ['Action', 'Crime'], price: null, stock: null, attributes: { year: 1995 } },
      { id: '3', title: 'Item 3', description: null, brand: null, categories: null, price: null, stock: null },
    ]);
  });

  it('accepts the .inter path or the dataset folder, and works without an .item file or time column', async () => {
    await mkdir(join(dir, 'clicks'));
    await writeFile(join(dir, 'clicks', 'clicks.inter'), 'item_id:token\tuser_id:token\nb\tu2\na\tu1\nc\tu1\n');
    const fromFolder = await readRecbole(join(dir, 'clicks'));
    const fromFile = await readRecbole(join(dir, 'clicks', 'clicks.inter'));
    expect(fromFile).toEqual(fromFolder);
    expect(itemsOf(fromFolder.events, 'u1')).toEqual(['a', 'c']);
    expect(usersOutOfOrder(fromFolder.events)).toEqual([]);
    expect(fromFolder.events.every((e) => e.type === 'view')).toBe(true);
    expect(fromFolder.products.map((p) => p.title)).toEqual(['Item b', 'Item a', 'Item c']);
  });

  it('names the missing .inter file and a missing id column', async () => {
    await expect(readRecbole(join(dir, 'nothing'))).rejects.toThrow(join(dir, 'nothing.inter'));
    await write('bad.inter', 'uid:token\titem_id:token\n1\t2\n');
    await expect(readRecbole(join(dir, 'bad.inter'))).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringContaining('no user_id column') });
  });

  it('maps 1–5 star ratings to implicit events: ≥4 purchase, 3 click, otherwise view', () => {
    expect([1, 2, 3, 4, 5, null].map(ratingToEventType)).toEqual(['view', 'view', 'click', 'purchase', 'purchase', 'view']);
  });
});
