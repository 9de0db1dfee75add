import { segmentChinese, type SegmentationMode } from './chinese-segmenter';
import { formatNumber, normalizeText, UNIT_TOKENS, unitWord } from './normalize-text';
import { stemWord } from './stemmer';
import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS } from './stop-words';

/** Turns text into terms; the same analyzer must serve indexing and querying. */
export interface Analyzer {
  /**
   * Terms: normalised, segmented, stop words removed, Latin words stemmed. `mode` only changes how
   * Chinese is cut: `index` also emits the overlapping dictionary words a query might use (default `query`).
   */
  analyze(text: string, mode?: SegmentationMode): string[];
  /** Surface words: like `analyze` but not stemmed (for suggestions and display). */
  words(text: string, mode?: SegmentationMode): string[];
}

export interface AnalyzerOptions {
  /** Porter2-stem Latin-script words (default true). */
  stem?: boolean;
  /** Drop English and Chinese stop words (default true). */
  removeStopWords?: boolean;
}

const HAN_RUN = /(\p{Script=Han}+)/gu;
const HAS_HAN = /\p{Script=Han}/u;
// Decimal numbers keep their point; everything else splits on non-letters/digits.
const TOKEN = /\d+(?:\.\d+)+|[\p{L}\p{M}\p{N}]+/gu;
const DECIMAL = /^\d+\.\d+$/;
const LATIN_WORD = /^[\p{Script=Latin}\p{M}]+$/u;
// A Latin word glued to a number ("iphone15", "note12", "mate60"): also indexed as its two parts.
const WORD_THEN_NUMBER = /^(\p{Script=Latin}{2,})(\d+)$/u;

/**
 * The default analyzer: Unicode NFKC, lower case, numbers and units in one spelling (see
 * `normalizeText`), Chinese runs segmented by jieba (search mode), English stop words removed,
 * Latin-script words stemmed with Porter2. Mixed Chinese/English text is handled run by run, so a
 * query such as "iphone 手机壳" gives Latin stems and Chinese words side by side; full-width letters
 * and digits ("ｉＰｈｏｎｅ１５") become ASCII through NFKC, and a word glued to a number ("iphone15")
 * also yields its parts ("iphone", "15"). Traditional characters are not mapped to simplified.
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const stem = options.stem ?? true;
  const removeStopWords = options.removeStopWords ?? true;

  const pushWord = (out: string[], word: string): void => {
    const unit = unitWord(word);
    if (unit) out.push(unit);
    else if (!(removeStopWords && ENGLISH_STOP_WORDS.has(word))) out.push(word);
  };

  const surface = (text: string, mode: SegmentationMode = 'query'): string[] => {
    const out: string[] = [];
    const normalized = normalizeText(text).replace(HAN_RUN, ' $1 ');
    for (const token of normalized.match(TOKEN) ?? []) {
      if (HAS_HAN.test(token)) {
        for (const word of segmentChinese(token, mode)) if (!(removeStopWords && CHINESE_STOP_WORDS.has(word))) out.push(word);
        continue;
      }
      if (DECIMAL.test(token)) {
        out.push(formatNumber(Number(token)));
        continue;
      }
      pushWord(out, token);
      // The glued form is kept too, so an exact model number still matches best.
      const glued = WORD_THEN_NUMBER.exec(token);
      if (glued) {
        pushWord(out, glued[1]);
        out.push(glued[2]);
      }
    }
    return out;
  };

  return {
    words: surface,
    analyze: (text, mode) => {
      const words = surface(text, mode);
      if (!stem) return words;
      return words.map((w) => (!UNIT_TOKENS.has(w) && LATIN_WORD.test(w) ? stemWord(w) : w));
    },
  };
}
