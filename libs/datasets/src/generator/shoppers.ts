import type { Random } from '@magpie/math';
import type { Catalog } from './catalog';
import { createWeightedSampler, type WeightedSampler } from './sampler';
import { bilingual } from './vocabulary';

/** A simulated shopper's latent taste (returned with the shop so tests and demos can check behaviour against it). */
export interface ShopperProfile {
  id: string;
  /** Probability of each top category (keys = `products[].categories[0]`), summing to 1. */
  categoryPreferences: Record<string, number>;
  /** The top category with the highest preference. */
  preferredCategory: string;
  /** 0 = indifferent to price … 1 = avoids the expensive end of each subcategory. */
  priceSensitivity: number;
}

/** A shopper as the simulation uses it: samplers over top categories and, per top, over its subcategories. */
export interface Shopper {
  profile: ShopperProfile;
  topSampler: WeightedSampler;
  /** Per top category: sampler over its subcategories (positions in `subsByTop[top]`). */
  subSamplers: WeightedSampler[];
  priceSensitivity: number;
}

/**
 * Draws a taste: one main top category (+0.7), often a second one (+0.25), a small floor for the rest
 * (0.03 each; 0 for categories without items), normalised; subcategory leanings within each top; price sensitivity uniform in [0, 1].
 */
export function generateShopper(id: string, catalog: Catalog, subsByTop: readonly number[][], random: Random): Shopper {
  const tops = catalog.tops;
  const stocked = subsByTop.map((subs) => subs.length > 0); // a tiny catalogue may leave a top category empty
  const topPopularity = createWeightedSampler(tops.map((t, i) => (stocked[i] ? t.weight : 0)));
  const main = topPopularity.draw(random);
  const weights: number[] = tops.map((_, i) => (stocked[i] ? 0.03 : 0));
  weights[main] += 0.7;
  if (random.next() < 0.6) {
    const second = topPopularity.draw(random);
    if (second !== main) weights[second] += 0.25;
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const categoryPreferences: Record<string, number> = {};
  tops.forEach((t, i) => (categoryPreferences[bilingual(t.name)] = weights[i] / total));
  const priceSensitivity = random.next();
  return {
    profile: { id, categoryPreferences, preferredCategory: bilingual(tops[main].name), priceSensitivity },
    topSampler: createWeightedSampler(weights),
    subSamplers: subsByTop.map((subs) => createWeightedSampler(subs.map(() => 0.2 + random.next() ** 2))),
    priceSensitivity,
  };
}
