/** English stop words (Lucene's classic list) plus "x" left over from dimensions such as "2 x 4". */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not',
  'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was',
  'will', 'with', 'x',
]);

/** Chinese function words that carry no product meaning. */
export const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set(['的', '了', '和', '与', '及', '或', '是', '在', '等', '之', '也']);
