/**
 * Text → integer features for the content encoder, fastText style: each token is its word id (words
 * seen at least `minCount` times when the vocabulary was built; others share the OOV row) plus hashed
 * character trigrams of `<token>`, so a misspelt or unseen word still shares most of its rows with the
 * right one. The caller analyses text first (the search analyzer: normalised, segmented, stemmed), so
 * training and serving see the same tokens; this module does no I/O and knows no language.
 *
 * Rows of the embedding table: 0 = padding (always zero), 1 = out-of-vocabulary word,
 * 2 … 1 + words = vocabulary words, then `buckets` hashed trigram rows.
 */
export interface TextFeatureConfig {
  /** Most tokens kept per text (the first ones; titles put what matters first). */
  maxTokens: number;
  /** Rows per token: the word row plus at most `slots − 1` trigram rows. */
  slots: number;
  /** Hashed trigram rows. */
  buckets: number;
  /**
   * Whether an unknown word also adds the shared out-of-vocabulary row (encoders saved before this
   * option did; new ones do not: a misspelling should read as its trigrams, not as "some rare word").
   */
  oovRow?: boolean;
}

export const DEFAULT_TEXT_FEATURES: TextFeatureConfig = { maxTokens: 24, slots: 12, buckets: 1 << 15, oovRow: false };

const PADDING = 0;
const OOV = 1;
const FIRST_WORD = 2;

/** FNV-1a over UTF-16 code units, as an unsigned 32-bit integer. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The vocabulary and hashing of one trained encoder; serialised with it. */
export class TextVocabulary {
  private readonly ids: ReadonlyMap<string, number>;

  private constructor(
    readonly words: readonly string[],
    readonly config: TextFeatureConfig,
  ) {
    this.ids = new Map(words.map((w, i) => [w, FIRST_WORD + i]));
  }

  /** Words seen in at least `minCount` texts, most frequent first, at most `maxWords`. */
  static build(texts: Iterable<readonly string[]>, options: { minCount?: number; maxWords?: number; features?: Partial<TextFeatureConfig> } = {}): TextVocabulary {
    const minCount = options.minCount ?? 2;
    const maxWords = options.maxWords ?? 50_000;
    const counts = new Map<string, number>();
    for (const tokens of texts) for (const t of new Set(tokens)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const words = [...counts]
      .filter(([, c]) => c >= minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, maxWords)
      .map(([w]) => w);
    return new TextVocabulary(words, { ...DEFAULT_TEXT_FEATURES, ...options.features });
  }

  static fromJSON(json: { words: string[]; config: TextFeatureConfig }): TextVocabulary {
    return new TextVocabulary(json.words, json.config);
  }

  toJSON(): { words: readonly string[]; config: TextFeatureConfig } {
    return { words: this.words, config: this.config };
  }

  /** Rows of the embedding table this vocabulary addresses. */
  get rows(): number {
    return FIRST_WORD + this.words.length + this.config.buckets;
  }

  /** Rows of one token: its word row (if known, or the OOV row where configured), then its trigram rows (deduplicated, at most `slots − 1`). */
  tokenRows(token: string): number[] {
    const word = this.ids.get(token) ?? (this.config.oovRow === false ? undefined : OOV);
    const rows = word === undefined ? [] : [word];
    const padded = `<${token}>`;
    const base = FIRST_WORD + this.words.length;
    for (let i = 0; i + 3 <= padded.length && rows.length < this.config.slots - (word === undefined ? 1 : 0); i++) {
      const row = base + (fnv1a(padded.slice(i, i + 3)) % this.config.buckets);
      if (!rows.includes(row)) rows.push(row);
    }
    return rows;
  }

  /**
   * Rows of several texts as one (texts × tokens × slots) Int32Array, zero-padded (row 0), where
   * `tokens` and `slots` are the largest the batch needs (at most maxTokens and slots: padding costs
   * as much as real rows downstream), and the token count of each text (0 for a text without tokens).
   */
  encode(texts: readonly (readonly string[])[]): { rows: Int32Array; lengths: Int32Array; tokens: number; slots: number } {
    const perText = texts.map((tokens) => tokens.slice(0, this.config.maxTokens).map((token) => this.tokenRows(token)));
    let tokens = 1;
    let slots = 1;
    for (const text of perText) {
      tokens = Math.max(tokens, text.length);
      for (const tokenRows of text) slots = Math.max(slots, tokenRows.length);
    }
    const rows = new Int32Array(texts.length * tokens * slots).fill(PADDING);
    const lengths = new Int32Array(texts.length);
    perText.forEach((text, t) => {
      lengths[t] = text.length;
      text.forEach((tokenRows, p) => rows.set(tokenRows, (t * tokens + p) * slots));
    });
    return { rows, lengths, tokens, slots };
  }
}
