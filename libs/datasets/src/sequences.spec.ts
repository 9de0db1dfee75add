import { toSequences } from './sequences';

const at = (userId: string, productId: string, ts: number, type: 'view' | 'click' | 'dislike' = 'view') => ({ userId, productId, type, ts });

describe('toSequences', () => {
  const events = [at('b', 'x', 1), at('a', 'y', 2), at('a', 'y', 3, 'click'), at('b', 'z', 4), at('a', 'x', 5), at('a', 'q', 6, 'dislike')];

  it('indexes users and items in first-seen order and keeps each user time order', () => {
    const view = toSequences({ events });
    expect(view.users).toEqual(['b', 'a']);
    expect(view.items).toEqual(['x', 'y', 'z']);
    expect(view.sequences.map((s) => Array.from(s))).toEqual([
      [0, 2],
      [1, 1, 0],
    ]);
    expect(view.sequences[0]).toBeInstanceOf(Int32Array);
  });

  it('leaves out dislikes by default, and collapses immediate repeats on request', () => {
    expect(toSequences({ events }, { collapseRepeats: true }).sequences.map((s) => Array.from(s))).toEqual([
      [0, 2],
      [1, 0],
    ]);
    const onlyClicks = toSequences({ events }, { types: ['click'] });
    expect(onlyClicks.users).toEqual(['a']);
    expect(onlyClicks.items).toEqual(['y']);
  });
});
