import { ErrorCode, ProductInput } from '@magpie/contracts';
import { createRandom } from '@magpie/math';
import { toSequences } from '../sequences';
import { isGloballySorted, usersOutOfOrder } from '../test-helpers';
import { DEFAULT_SHOP_OPTIONS, generateShop } from './generate-shop';
import { SHOP_VOCABULARY } from './vocabulary';

const CJK = /[\u4e00-\u9fff]/;
const LATIN = /[A-Za-z]{3,}/;
const DAY = 86_400_000;

describe('generateShop', () => {
  const shop = generateShop();

  it('is deterministic under a seed and differs across seeds', () => {
    expect(generateShop()).toEqual(shop);
    const other = generateShop({ seed: 7 });
    expect(other.products.map((p) => p.title)).not.toEqual(shop.products.map((p) => p.title));
    expect(other.events).not.toEqual(shop.events);
  });

  it('makes 2000 valid bilingual products with ids like p-00042 and two-level bilingual categories', () => {
    expect(shop.products).toHaveLength(DEFAULT_SHOP_OPTIONS.products);
    expect(shop.products[41].id).toBe('p-00042');
    expect(shop.products.filter((p) => !ProductInput.safeParse(p).success)).toEqual([]);
    for (const p of shop.products) {
      expect(p.title).toMatch(CJK);
      expect(p.title).toMatch(LATIN);
      expect(p.description).toMatch(CJK);
      expect(p.description).toMatch(LATIN);
      expect(p.categories).toHaveLength(2);
      expect(p.categories?.every((c) => CJK.test(c) && LATIN.test(c))).toBe(true);
      expect(p.price).toBeGreaterThan(0);
    }
    expect(new Set(shop.products.map((p) => p.categories?.[0])).size).toBe(SHOP_VOCABULARY.length);
    expect(SHOP_VOCABULARY.length).toBeGreaterThanOrEqual(8);
    expect(SHOP_VOCABULARY.every((c) => c.subcategories.length >= 2 && c.subcategories.length <= 4)).toBe(true);
  });

  it('has out-of-stock (0) and untracked (null) stock, and category-specific price levels', () => {
    const outOfStock = shop.products.filter((p) => p.stock === 0).length;
    const untracked = shop.products.filter((p) => p.stock === null).length;
    expect(outOfStock).toBeGreaterThan(shop.products.length * 0.04);
    expect(untracked).toBeGreaterThan(shop.products.length * 0.06);
    const median = (sub: string) => {
      const prices = shop.products.filter((p) => p.categories?.[1] === sub).map((p) => p.price ?? 0).sort((a, b) => a - b);
      return prices[prices.length >> 1];
    };
    expect(median('咖啡器具/Coffee Makers')).toBeGreaterThan(3 * median('零食/Snacks'));
  });

  it('gives shoppers ids like u-0007 and skews item popularity: top 20% of items take well over 20% of events', () => {
    expect(shop.shoppers[6].id).toBe('u-0007');
    expect(new Set(shop.events.map((e) => e.userId)).size).toBe(DEFAULT_SHOP_OPTIONS.users);
    const counts = new Map<string, number>();
    for (const e of shop.events) counts.set(e.productId, (counts.get(e.productId) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const head = sorted.slice(0, Math.ceil(shop.products.length * 0.2)).reduce((a, b) => a + b, 0);
    expect(head / shop.events.length).toBeGreaterThan(0.5);
  });

  it('makes a funnel: views > clicks > carts > purchases, with a few dislikes', () => {
    const byType: Record<string, number> = {};
    for (const e of shop.events) byType[e.type] = (byType[e.type] ?? 0) + 1;
    expect(byType.view).toBeGreaterThan(byType.click);
    expect(byType.click).toBeGreaterThan(byType.cart);
    expect(byType.cart).toBeGreaterThan(byType.purchase);
    expect(byType.purchase).toBeGreaterThan(0);
    expect(byType.dislike).toBeGreaterThan(0);
    expect(byType.dislike).toBeLessThan(byType.view * 0.1);
    const outOfStock = new Set(shop.products.filter((p) => p.stock === 0).map((p) => p.id));
    expect(shop.events.filter((e) => e.type === 'purchase' && outOfStock.has(e.productId))).toEqual([]);
  });

  it("concentrates each shopper's events on their preferred category", () => {
    const topOf = new Map(shop.products.map((p) => [p.id, p.categories?.[0]]));
    const shares: number[] = [];
    for (const shopper of shop.shoppers) {
      const events = shop.events.filter((e) => e.userId === shopper.id);
      if (events.length < 5) continue;
      shares.push(events.filter((e) => topOf.get(e.productId) === shopper.preferredCategory).length / events.length);
      expect(Math.max(...Object.values(shopper.categoryPreferences))).toBe(shopper.categoryPreferences[shopper.preferredCategory]);
    }
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    expect(shares.length).toBeGreaterThan(400);
    expect(mean).toBeGreaterThan(0.5); // uniform over 9 categories would be ~0.11
  });

  it('co-views complementary items: consecutive view pairs repeat far more than in shuffled histories', () => {
    const { sequences } = toSequences(shop, { types: ['view'], collapseRepeats: true });
    const repeatedPairs = (seqs: Int32Array[]) => {
      const pairs = new Map<string, number>();
      for (const s of seqs) for (let i = 1; i < s.length; i++) if (s[i] !== s[i - 1]) pairs.set(`${s[i - 1]},${s[i]}`, (pairs.get(`${s[i - 1]},${s[i]}`) ?? 0) + 1);
      return [...pairs.values()].filter((n) => n >= 2).reduce((a, b) => a + b, 0);
    };
    const random = createRandom(1);
    const shuffled = sequences.map((s) => Int32Array.from(random.shuffle(Array.from(s))));
    expect(repeatedPairs(sequences)).toBeGreaterThan(2 * repeatedPairs(shuffled));
  });

  it('orders events by time, per shopper and globally, within the last `days` days before `now`', () => {
    const now = Date.UTC(2026, 0, 15);
    const small = generateShop({ products: 300, users: 80, seed: 9, now, days: 7 });
    for (const s of [shop, small]) {
      expect(isGloballySorted(s.events)).toBe(true);
      expect(usersOutOfOrder(s.events)).toEqual([]);
    }
    expect(small.events.every((e) => e.ts < now && e.ts >= now - 7 * DAY && Number.isInteger(e.ts))).toBe(true);
    const defaultNow = DEFAULT_SHOP_OPTIONS.now;
    expect(shop.events.every((e) => e.ts < defaultNow && e.ts >= defaultNow - 30 * DAY)).toBe(true);
    // Spread over the period, not bunched: events in each third of the 30 days.
    const thirds = [0, 1, 2].map((k) => shop.events.filter((e) => Math.floor((e.ts - (defaultNow - 30 * DAY)) / (10 * DAY)) === k).length);
    expect(Math.min(...thirds)).toBeGreaterThan(shop.events.length * 0.2);
  });

  it('scales sessions with meanSessionsPerUser and handles catalogues smaller than the category list', () => {
    const few = generateShop({ meanSessionsPerUser: 1, users: 200 });
    const many = generateShop({ meanSessionsPerUser: 8, users: 200 });
    expect(many.events.length).toBeGreaterThan(3 * few.events.length);
    const tiny = generateShop({ products: 5, users: 20 });
    expect(tiny.products).toHaveLength(5);
    expect(tiny.events.every((e) => tiny.products.some((p) => p.id === e.productId))).toBe(true);
  });

  it('rejects impossible options', () => {
    expect(() => generateShop({ products: 0 })).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
    expect(() => generateShop({ days: 0 })).toThrow(/days/);
  });
});
