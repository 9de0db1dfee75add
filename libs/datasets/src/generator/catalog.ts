import type { ProductInput } from '@magpie/contracts';
import { zipfWeights, type Random } from '@magpie/math';
import { makeProduct } from '../bundle';
import { createWeightedSampler, type WeightedSampler } from './sampler';
import { COLOURS, SHOP_VOCABULARY, bilingual, type CategoryVocabulary, type SubcategoryVocabulary } from './vocabulary';

/** A flattened subcategory with its parent and the catalogue items in it. */
export interface CatalogSubcategory {
  index: number;
  top: number;
  vocabulary: SubcategoryVocabulary;
  /** Product indices in this subcategory. */
  items: number[];
  /** Draws a position in `items` by popularity. */
  sampler: WeightedSampler;
  /** Indices of complementary subcategories. */
  complements: number[];
}

/** The generated catalogue plus what the shopper simulation needs to sample from it. */
export interface Catalog {
  products: ProductInput[];
  /** Per product: its subcategory index. */
  subOf: Int32Array;
  /** Per product: z-score of log price within its subcategory (price sensitivity acts on it). */
  priceZ: Float64Array;
  /** Per product: Zipf popularity weight (ranks assigned in a random order). */
  popularity: Float64Array;
  /** Per product: items usually viewed/bought with it, from complementary subcategories. */
  companions: Int32Array[];
  tops: readonly CategoryVocabulary[];
  subcategories: CatalogSubcategory[];
}

/** Price with a shop-like ending (x.99), at least 0.99. */
const shopPrice = (raw: number): number => Math.max(0.99, Math.round(raw) - 0.01);

function stockLevel(random: Random): number | null {
  const r = random.next();
  if (r < 0.08) return 0; // out of stock
  if (r < 0.2) return null; // not tracked
  return 1 + Math.floor(300 * random.next() ** 2);
}

function flattenSubcategories(): Omit<CatalogSubcategory, 'items' | 'sampler'>[] {
  const flat: Omit<CatalogSubcategory, 'items' | 'sampler'>[] = [];
  SHOP_VOCABULARY.forEach((top, t) => top.subcategories.forEach((vocabulary) => flat.push({ index: flat.length, top: t, vocabulary, complements: [] })));
  const byKey = new Map(flat.map((s) => [s.vocabulary.key, s.index]));
  for (const s of flat) s.complements = s.vocabulary.complements.map((k) => byKey.get(k)).filter((i): i is number => i !== undefined);
  return flat;
}

function describe(top: CategoryVocabulary, modifier: readonly [string, string], noun: readonly [string, string], brand: string, random: Random): string {
  const points = random.shuffle([...top.sellingPoints]).slice(0, 2);
  return `${modifier[0]}${noun[0]}，${brand}出品，${points.map((p) => p[0]).join('，')}。${modifier[1]} ${noun[1]} by ${brand}: ${points.map((p) => p[1]).join(', ')}.`;
}

/**
 * Generates `count` bilingual products ("p-00042") across the vocabulary's categories; popularity follows
 * Zipf weights 1/r^zipfExponent over a random ranking of the products.
 */
export function generateCatalog(count: number, zipfExponent: number, random: Random): Catalog {
  const flat = flattenSubcategories();
  const subWeights = flat.map((s) => SHOP_VOCABULARY[s.top].weight / SHOP_VOCABULARY[s.top].subcategories.length);
  const subSampler = createWeightedSampler(subWeights);
  const width = Math.max(5, String(count).length);
  const products: ProductInput[] = [];
  const subOf = new Int32Array(count);
  const logPrice = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const s = i < flat.length ? i : subSampler.draw(random); // every subcategory gets at least one item
    const { vocabulary } = flat[s];
    const top = SHOP_VOCABULARY[flat[s].top];
    const noun = random.pick(vocabulary.nouns);
    const modifier = random.pick(vocabulary.modifiers);
    const brand = random.pick(top.brands);
    const variant = random.pick(top.variants);
    const english = [random.next() < 0.5 ? brand : '', modifier[1], noun[1], variant].filter(Boolean).join(' ');
    const price = shopPrice(vocabulary.medianPrice * Math.exp(vocabulary.priceSigma * random.normal()));
    const colour = top.coloured ? random.pick(COLOURS) : null;
    subOf[i] = s;
    logPrice[i] = Math.log(price);
    products.push(
      makeProduct(`p-${String(i + 1).padStart(width, '0')}`, `${modifier[0]}${noun[0]} ${english}`, {
        description: describe(top, modifier, noun, brand, random),
        brand,
        categories: [bilingual(top.name), bilingual(vocabulary.name)],
        price,
        stock: stockLevel(random),
        attributes: colour ? { colour: bilingual(colour) } : {},
      }),
    );
  }

  // Popularity: Zipf weights over ranks, ranks dealt to products in a random order.
  const zipf = zipfWeights(count, zipfExponent);
  const order = random.shuffle(Array.from({ length: count }, (_, i) => i));
  const popularity = new Float64Array(count);
  order.forEach((product, rank) => (popularity[product] = zipf[rank]));

  const itemsOf: number[][] = flat.map(() => []);
  for (let i = 0; i < count; i++) itemsOf[subOf[i]].push(i);
  const subcategories: CatalogSubcategory[] = flat.map((s) => ({
    ...s,
    items: itemsOf[s.index],
    sampler: createWeightedSampler(itemsOf[s.index].map((i) => popularity[i])),
  }));

  const priceZ = new Float64Array(count);
  for (const s of subcategories) {
    const mean = s.items.reduce((sum, i) => sum + logPrice[i], 0) / s.items.length;
    const sd = Math.sqrt(s.items.reduce((sum, i) => sum + (logPrice[i] - mean) ** 2, 0) / s.items.length) || 1;
    for (const i of s.items) priceZ[i] = (logPrice[i] - mean) / sd;
  }

  // Companions: two or three popular items from complementary subcategories (or the same one).
  const companions = Array.from({ length: count }, (_, i) => {
    const own = subcategories[subOf[i]];
    const stocked = own.complements.filter((c) => subcategories[c].items.length > 0);
    const pool = stocked.length > 0 ? stocked : [own.index];
    const n = 2 + random.int(2);
    const picked = new Set<number>();
    for (let k = 0; k < n * 3 && picked.size < n; k++) {
      const target = subcategories[random.pick(pool)];
      const candidate = target.items[target.sampler.draw(random)];
      if (candidate !== i) picked.add(candidate);
    }
    return Int32Array.from(picked);
  });

  return { products, subOf, priceZ, popularity, companions, tops: SHOP_VOCABULARY, subcategories };
}
