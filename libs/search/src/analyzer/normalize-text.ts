// Text normalisation shared by indexing and querying: Unicode, case, HTML entities, quotes,
// numbers (fractions → decimals) and units (every spelling of a unit → one token).

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

/** Unit tokens and the spellings that follow a number ("1/2 in.", "1/2-inch", "6ft", "18v", "12-gauge"). */
const UNIT_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  inch: ['inches', 'inch', 'in'],
  ft: ['feet', 'foot', 'ft'],
  yd: ['yards', 'yard', 'yds', 'yd'],
  mm: ['millimeters', 'millimetres', 'millimeter', 'millimetre', 'mm'],
  cm: ['centimeters', 'centimetres', 'centimeter', 'centimetre', 'cm'],
  meter: ['meters', 'metres', 'meter', 'metre'],
  gal: ['gallons', 'gallon', 'gal'],
  qt: ['quarts', 'quart', 'qt'],
  pt: ['pints', 'pint', 'pt'],
  oz: ['ounces', 'ounce', 'oz'],
  lb: ['pounds', 'pound', 'lbs', 'lb'],
  volt: ['volts', 'volt', 'v'],
  watt: ['watts', 'watt', 'w'],
  amp: ['amperes', 'ampere', 'amps', 'amp'],
  btu: ['btus', 'btu'],
  gauge: ['gauge', 'ga'],
  pack: ['packs', 'pack', 'pk'],
  piece: ['pieces', 'piece', 'pcs', 'pc'],
  // Units common in shop titles beyond hardware ("500ml", "2kg", "8GB+256GB", "20000mAh").
  ml: ['milliliters', 'millilitres', 'milliliter', 'millilitre', 'ml'],
  kg: ['kilograms', 'kilogram', 'kgs', 'kg'],
  gb: ['gb'],
  tb: ['tb'],
  mah: ['mah'],
};

/** Unit spellings that are unambiguous even without a number in front ("feet of hose", "gallon bucket"). */
const UNIT_WORDS: ReadonlyMap<string, string> = new Map([
  ...['inches', 'inch'].map((w) => [w, 'inch'] as const),
  ...['feet', 'foot', 'ft'].map((w) => [w, 'ft'] as const),
  ...['yards', 'yard', 'yd', 'yds'].map((w) => [w, 'yd'] as const),
  ...['millimeters', 'millimetres', 'millimeter', 'millimetre', 'mm'].map((w) => [w, 'mm'] as const),
  ...['centimeters', 'centimetres', 'centimeter', 'centimetre', 'cm'].map((w) => [w, 'cm'] as const),
  ...['meters', 'metres', 'meter', 'metre'].map((w) => [w, 'meter'] as const),
  ...['gallons', 'gallon', 'gal'].map((w) => [w, 'gal'] as const),
  ...['quarts', 'quart', 'qt'].map((w) => [w, 'qt'] as const),
  ...['ounces', 'ounce', 'oz'].map((w) => [w, 'oz'] as const),
  ...['pounds', 'pound', 'lbs', 'lb'].map((w) => [w, 'lb'] as const),
  ...['volts', 'volt'].map((w) => [w, 'volt'] as const),
  ...['watts', 'watt'].map((w) => [w, 'watt'] as const),
  ...['amperes', 'ampere', 'amps', 'amp'].map((w) => [w, 'amp'] as const),
  ...['btus', 'btu'].map((w) => [w, 'btu'] as const),
  ...['milliliters', 'millilitres', 'milliliter', 'millilitre', 'ml'].map((w) => [w, 'ml'] as const),
  ...['kilograms', 'kilogram', 'kgs', 'kg'].map((w) => [w, 'kg'] as const),
  ...['gb', 'tb', 'mah'].map((w) => [w, w] as const),
  ...['square', 'sq'].map((w) => [w, 'sq'] as const),
  ...['cubic', 'cu'].map((w) => [w, 'cu'] as const),
]);

/** Canonical unit tokens: never stemmed nor treated as stop words. */
export const UNIT_TOKENS: ReadonlySet<string> = new Set([...Object.keys(UNIT_SPELLINGS), ...UNIT_WORDS.values()]);

const spellingToUnit = new Map(Object.entries(UNIT_SPELLINGS).flatMap(([unit, spellings]) => spellings.map((s) => [s, unit] as const)));
const spellings = [...spellingToUnit.keys()].sort((a, b) => b.length - a.length);
// A number, an optional space or hyphen, a unit spelling, an optional dot. "in" directly followed by a
// number is the word "in" ("2 in 1"), not inches.
const NUMBER_UNIT = new RegExp(`(\\d)\\s*-?\\s*(${spellings.join('|')})(?![\\p{L}\\d])(?!(?<=in)\\s*-?\\s*\\d)\\.?`, 'gu');

/** Rounds to 4 decimals and drops trailing zeros: 0.5, 0.375, 1.5, 2. */
export const formatNumber = (value: number): string => String(Number(value.toFixed(4)));

/**
 * Unicode NFKC, lower case, decoded HTML entities, straight quotes, and numbers/units in one spelling:
 * "1-1/2 in." → "1.5 inch", `3/4"` → "0.75 inch", "2x4" → "2 x 4", "6'" → "6 ft", "18v" → "18 volt".
 */
export function normalizeText(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  s = s.replace(/&(#\d+|[a-z]+);/g, (m, name: string) =>
    name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1)) || 32) : (ENTITIES[name] ?? m),
  );
  s = s.replace(/[″“”]|′′/g, '"').replace(/[′’‘`]/g, "'");
  s = s.replace(/(\p{L})'s(?![\p{L}\d])/gu, '$1').replace(/(\p{L})'(?=\p{L})/gu, '$1');
  s = s.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  s = s.replace(/(^|[^\d.])\.(\d)/g, '$10.$2');
  s = s.replace(/(?<![\d./])(\d+)[\s-]+(\d+)\/(\d+)(?![\d/])/g, (m, whole: string, num: string, den: string) =>
    Number(den) > 0 && Number(num) < Number(den) ? formatNumber(Number(whole) + Number(num) / Number(den)) : m,
  );
  s = s.replace(/(?<![\d./])(\d+)\/(\d+)(?![\d/])/g, (m, num: string, den: string) =>
    Number(den) > 0 ? formatNumber(Number(num) / Number(den)) : m,
  );
  s = s.replace(/(\d)\s*[x×*]\s*(?=\d)/g, '$1 x ');
  s = s.replace(/(\d)\s*(?:"|'')/g, '$1 inch ').replace(/(\d)\s*'/g, '$1 ft ');
  s = s.replace(NUMBER_UNIT, (_m, digit: string, spelling: string) => `${digit} ${spellingToUnit.get(spelling)} `);
  return s;
}

/** The canonical unit token for a unit word used without a number ("inches" → "inch"), if any. */
export const unitWord = (word: string): string | undefined => UNIT_WORDS.get(word);
