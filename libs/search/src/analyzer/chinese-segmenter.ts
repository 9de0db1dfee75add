import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

let jieba: Jieba | undefined;

/** How Chinese is cut: `query` = precise words plus sub-words of long words; `index` = also every dictionary word inside. */
export type SegmentationMode = 'index' | 'query';

/**
 * Segments a run of Chinese characters into words with jieba.
 * `query` uses search mode (中华人民共和国 → 中华, 人民, 共和国, …, 中华人民共和国). `index` adds every
 * dictionary word found anywhere in the run, single characters included (无线电钻 → 无线, 无线电, 电钻, 钻, …),
 * so a query word is found even where the precise cut of the title went another way.
 * The jieba dictionary takes ~0.25 s to load: it is loaded on the first call, once per process.
 */
export function segmentChinese(text: string, mode: SegmentationMode = 'query'): string[] {
  const segmenter = loadJieba();
  const words = segmenter.cutForSearch(text, true).filter((word) => word.trim().length > 0);
  if (mode === 'query') return words;
  const seen = new Set(words);
  for (const word of segmenter.cutAll(text)) {
    if (!seen.has(word) && word.trim().length > 0) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

function loadJieba(): Jieba {
  if (!jieba) {
    // Loaded lazily through require so that catalogues without Chinese never pay for the dictionary.
    const load = createRequire(__filename);
    const { Jieba: JiebaClass } = load('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = load('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}
