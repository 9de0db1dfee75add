import { createRandom } from '@magpie/math';

/**
 * The query with one typo in its longest word (≥ 3 letters): a character deleted or two neighbours
 * swapped, alternately, at a seeded position. Queries without such a word come back unchanged.
 */
export function withTypo(query: string, index: number, seed = 11): string {
  const words = query.split(/(\s+)/);
  let longest = -1;
  words.forEach((w, i) => {
    if (/\S/.test(w) && w.length >= 3 && (longest < 0 || w.length > words[longest].length)) longest = i;
  });
  if (longest < 0) return query;
  const word = words[longest];
  const random = createRandom(seed + index * 7919);
  if (index % 2 === 0) {
    const at = random.int(word.length);
    words[longest] = word.slice(0, at) + word.slice(at + 1);
  } else {
    const at = random.int(word.length - 1);
    words[longest] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  }
  return words.join('');
}
