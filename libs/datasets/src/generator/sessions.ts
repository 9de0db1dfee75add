import type { EventType } from '@magpie/contracts';
import type { Random } from '@magpie/math';
import type { DatasetEvent } from '../bundle';
import type { Catalog } from './catalog';
import { between } from './sampler';
import type { Shopper } from './shoppers';

/** Probabilities of the session funnel; visible defaults, tuned to look like a small shop. */
export const SESSION_FUNNEL = {
  /** A view's next item is a companion of the previous one (co-view signal). */
  companion: 0.3,
  /** A view stays in the session's subcategory (otherwise: another one of the same top category). */
  sameSubcategory: 0.8,
  click: 0.4,
  cartAfterClick: 0.35,
  purchaseAfterCart: 0.5,
  /** A bought item's companion is put in the cart too. */
  companionCartAfterPurchase: 0.3,
  dislike: 0.03,
  /** Tries at drawing an item the shopper's price sensitivity accepts. */
  priceTries: 4,
} as const;

/** Accepts an item with probability e^(−1.5 · sensitivity · max(0, z)), z = log-price z-score in its subcategory. */
function drawItem(catalog: Catalog, sub: number, shopper: Shopper, random: Random): number {
  const s = catalog.subcategories[sub];
  let item = s.items[s.sampler.draw(random)];
  for (let t = 1; t < SESSION_FUNNEL.priceTries; t++) {
    if (random.next() < Math.exp(-1.5 * shopper.priceSensitivity * Math.max(0, catalog.priceZ[item]))) break;
    item = s.items[s.sampler.draw(random)];
  }
  return item;
}

/**
 * Simulates one session starting at `start` (ms): 2–6 views, mostly in one subcategory of a top category drawn
 * from the shopper's taste, with companions of the previous item mixed in; views lead to some clicks, carts and
 * few purchases (never of out-of-stock items); a few views end in a dislike. Returns the events and the end time.
 */
export function simulateSession(
  shopper: Shopper,
  catalog: Catalog,
  subsByTop: readonly number[][],
  start: number,
  random: Random,
): { events: DatasetEvent[]; end: number } {
  const userId = shopper.profile.id;
  const events: DatasetEvent[] = [];
  let t = start;
  const emit = (item: number, type: EventType, gapMin: number, gapMax: number) => {
    t += between(random, gapMin, gapMax) * 1000;
    events.push({ userId, productId: catalog.products[item].id, type, ts: t });
  };
  const top = shopper.topSampler.draw(random);
  const subs = subsByTop[top];
  const mainSub = subs[shopper.subSamplers[top].draw(random)];
  const views = between(random, 2, 6);
  let previous = -1;
  for (let v = 0; v < views; v++) {
    const companions = previous >= 0 ? catalog.companions[previous] : null;
    let item: number;
    if (companions && companions.length > 0 && random.next() < SESSION_FUNNEL.companion) item = companions[random.int(companions.length)];
    else if (random.next() < SESSION_FUNNEL.sameSubcategory || subs.length === 1) item = drawItem(catalog, mainSub, shopper, random);
    else item = drawItem(catalog, random.pick(subs), shopper, random);
    previous = item;
    emit(item, 'view', 5, 90);
    if (random.next() < SESSION_FUNNEL.dislike) {
      emit(item, 'dislike', 2, 20);
      continue;
    }
    if (random.next() >= SESSION_FUNNEL.click) continue;
    emit(item, 'click', 2, 30);
    if (random.next() >= SESSION_FUNNEL.cartAfterClick) continue;
    emit(item, 'cart', 10, 120);
    if (catalog.products[item].stock === 0 || random.next() >= SESSION_FUNNEL.purchaseAfterCart) continue;
    emit(item, 'purchase', 30, 300);
    const bundle = catalog.companions[item];
    if (bundle.length > 0 && random.next() < SESSION_FUNNEL.companionCartAfterPurchase) {
      const extra = bundle[random.int(bundle.length)];
      emit(extra, 'view', 5, 60);
      emit(extra, 'cart', 5, 60);
      previous = extra;
    }
  }
  return { events, end: t };
}
