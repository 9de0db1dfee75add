import { ProductSlots } from './product-slots';

describe('ProductSlots', () => {
  it('maps ids to slots within a pass and forgets them at the next pass', () => {
    const slots = new ProductSlots();
    slots.begin();
    slots.set(3, 0);
    slots.set(70_000, 1); // beyond the initial arrays: they grow
    expect([slots.get(3), slots.get(70_000), slots.get(4), slots.get(5_000_000)]).toEqual([0, 1, -1, -1]);
    slots.begin();
    expect([slots.get(3), slots.get(70_000)]).toEqual([-1, -1]);
    slots.set(70_000, 7);
    expect(slots.get(70_000)).toBe(7);
  });

  it('keeps ids outside the dense range (negative, huge, fractional) in a map, per pass', () => {
    const slots = new ProductSlots();
    slots.begin();
    for (const [id, slot] of [[-1, 0], [2 ** 40, 1], [1.5, 2]] as const) slots.set(id, slot);
    expect([slots.get(-1), slots.get(2 ** 40), slots.get(1.5)]).toEqual([0, 1, 2]);
    slots.begin();
    expect([slots.get(-1), slots.get(2 ** 40), slots.get(1.5)]).toEqual([-1, -1, -1]);
  });
});
