import { capPerGroup } from './diversity';

const item = (id: number, group?: string) => ({ id, group });
const ids = (xs: Array<{ id: number }>) => xs.map((x) => x.id);

describe('capPerGroup', () => {
  const ranked = [item(1, 'a'), item(2, 'a'), item(3, 'a'), item(4, 'b'), item(5, 'a'), item(6, 'c'), item(7), item(8, 'b')];

  it('keeps at most N of one group in the top k while alternatives exist', () => {
    expect(ids(capPerGroup(ranked, 5, 2, (x) => x.group))).toEqual([1, 2, 4, 6, 7]);
  });

  it('fills with passed-over items in rank order only when alternatives run out', () => {
    const same = [item(1, 'a'), item(2, 'a'), item(3, 'a'), item(4, 'b')];
    expect(ids(capPerGroup(same, 4, 1, (x) => x.group))).toEqual([1, 4, 2, 3]);
  });

  it('is the plain top k when off', () => {
    expect(ids(capPerGroup(ranked, 3, 0, (x) => x.group))).toEqual([1, 2, 3]);
  });
});
