import { ById, isPacked } from './by-id';

describe('ById', () => {
  it('keeps values by small and huge ids alike, answers nothing for unknown or deleted ids', () => {
    const values = new ById<string>();
    for (const id of [5, 0, 2 ** 40, 9_000_000]) values.set(id, `v${id}`);
    expect([5, 0, 2 ** 40, 9_000_000].map((id) => values.get(id))).toEqual(['v5', 'v0', `v${2 ** 40}`, 'v9000000']);
    expect([1, 4, 6, -1, 2.5, 2 ** 41].map((id) => values.get(id))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    values.set(5, 'w5');
    values.delete(0);
    values.delete(2 ** 40);
    values.delete(123); // never set: nothing happens
    expect([values.get(5), values.get(0), values.get(2 ** 40)]).toEqual(['w5', undefined, undefined]);
    expect([isPacked(0), isPacked(4_000_000), isPacked(9_000_000), isPacked(-1), isPacked(1.5)]).toEqual([true, true, false, false, false]);
  });
});
