import { badInput } from '@magpie/contracts';
import { createRandom } from '@magpie/math';
import { sortEvents, type DatasetBundle, type DatasetEvent } from '../bundle';
import { generateCatalog } from './catalog';
import { poisson } from './sampler';
import { simulateSession } from './sessions';
import { generateShopper, type ShopperProfile } from './shoppers';

export interface ShopOptions {
  /** Catalogue size. Default 2000. */
  products?: number;
  /** Number of shoppers. Default 500. */
  users?: number;
  /** Seed of every random choice: same options, same shop. Default 42. */
  seed?: number;
  /** End of the simulated period, epoch ms. Default 2026-11-01T00:00:00Z. */
  now?: number;
  /** Length of the simulated period in days, ending at `now`. Default 30. */
  days?: number;
  /** Mean sessions per shopper (Poisson, at least one). Default 4. */
  meanSessionsPerUser?: number;
  /**
   * Zipf exponent s of item popularity (weight 1/r^s by rank). Default 0.8: the top 20% of items then take
   * about 68% of the default shop's events (Amazon Beauty: 58%, Scientific: 52%).
   */
  zipfExponent?: number;
}

export const DEFAULT_SHOP_OPTIONS: Required<ShopOptions> = {
  products: 2000,
  users: 500,
  seed: 42,
  now: Date.UTC(2026, 10, 1),
  days: 30,
  meanSessionsPerUser: 4,
  zipfExponent: 0.8,
};

/** A generated shop: a dataset bundle plus the shoppers' latent tastes it was drawn from. */
export interface SyntheticShop extends DatasetBundle {
  shoppers: ShopperProfile[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Generates a deterministic synthetic shop: bilingual (Chinese/English) products ("p-00042") over nine top
 * categories with log-normal prices per subcategory, some out of stock (0) or untracked (null) stock, and
 * Zipf-skewed popularity; shoppers ("u-0007") with latent category tastes and price sensitivity; sessions
 * spread over the last `days` days before `now` (views → clicks → carts → few purchases, companion items
 * co-viewed, occasional dislikes). Each shopper's sessions do not overlap and all events are before `now`.
 */
export function generateShop(options: ShopOptions = {}): SyntheticShop {
  const { products, users, seed, now, days, meanSessionsPerUser, zipfExponent } = { ...DEFAULT_SHOP_OPTIONS, ...options };
  if (!Number.isInteger(products) || products < 1) throw badInput(`generateShop: products must be a positive integer, got ${products}`);
  if (!Number.isInteger(users) || users < 0) throw badInput(`generateShop: users must be a non-negative integer, got ${users}`);
  if (!(days > 0) || !(meanSessionsPerUser >= 0) || !(zipfExponent >= 0) || !Number.isFinite(now)) {
    throw badInput('generateShop: days must be > 0, meanSessionsPerUser and zipfExponent ≥ 0, now a finite epoch ms', { days, meanSessionsPerUser, zipfExponent, now });
  }
  const random = createRandom(seed);
  const catalog = generateCatalog(products, zipfExponent, random);
  const subsByTop = catalog.tops.map((_, t) => catalog.subcategories.filter((s) => s.top === t && s.items.length > 0).map((s) => s.index));
  const shoppers: ShopperProfile[] = [];
  const events: DatasetEvent[] = [];
  const width = Math.max(4, String(users).length);
  const periodStart = now - days * DAY;
  const latestStart = now - 60 * MINUTE; // a session lasts well under an hour
  for (let u = 0; u < users; u++) {
    const shopper = generateShopper(`u-${String(u + 1).padStart(width, '0')}`, catalog, subsByTop, random);
    shoppers.push(shopper.profile);
    const sessions = Math.max(1, poisson(random, meanSessionsPerUser));
    const starts = Array.from({ length: sessions }, () => periodStart + Math.floor(random.next() * (latestStart - periodStart))).sort((a, b) => a - b);
    let free = periodStart;
    for (const planned of starts) {
      const start = Math.max(planned, free);
      if (start >= latestStart) break;
      const session = simulateSession(shopper, catalog, subsByTop, start, random);
      if (session.end >= now) break;
      events.push(...session.events);
      free = session.end + 10 * MINUTE;
    }
  }
  return { name: 'synthetic-shop', products: catalog.products, events: sortEvents(events), shoppers };
}
