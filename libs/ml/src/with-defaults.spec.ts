import { withDefaults } from './with-defaults';

describe('withDefaults', () => {
  it('keeps a default when the option is given as undefined, and takes every defined option', () => {
    expect(withDefaults({ epochs: 8, lr: 0.002 }, { epochs: undefined, lr: 0.004 })).toEqual({ epochs: 8, lr: 0.004 });
    expect(withDefaults({ epochs: 8 })).toEqual({ epochs: 8 });
  });
});
