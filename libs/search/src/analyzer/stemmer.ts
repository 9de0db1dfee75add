import stem from 'wink-porter2-stemmer';

const cache = new Map<string, string>();
const MAX_CACHED = 200_000;

/** Porter2 (Snowball English) stem of a lower-case word, memoised (catalogue vocabularies are small). */
export function stemWord(word: string): string {
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    stemmed = stem(word);
    cache.set(word, stemmed);
  }
  return stemmed;
}
