import { EarlyStopping } from './early-stopping';

/** A stand-in generator whose weights are one number. */
const generator = (value: number) => ({
  value,
  snapshot() {
    return [Float32Array.of(this.value)];
  },
  restore(values: readonly Float32Array[]) {
    this.value = values[0][0];
  },
});

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without a better score and restores the best epoch’s weights', () => {
    const g = generator(0);
    const stopping = new EarlyStopping(2);
    const scores = [0.1, 0.3, 0.2, 0.25, 0.5];
    const stops = scores.map((score, i) => {
      g.value = 10 + i + 1; // the weights after epoch i + 1
      return stopping.observe(i + 1, score, g);
    });
    expect(stops).toEqual([false, false, false, true, false]);
    // training stopped at epoch 4 (the caller breaks on true): observe only up to there
    const stopped = new EarlyStopping(2);
    for (let epoch = 1; epoch <= 4; epoch++) {
      g.value = 10 + epoch;
      if (stopped.observe(epoch, scores[epoch - 1], g)) break;
    }
    expect(stopped.finish(g)).toEqual({ bestEpoch: 2, score: 0.3 });
    expect(g.value).toBe(12);
  });

  it('leaves the weights alone when the last epoch was the best, and reports nothing observed', () => {
    const g = generator(7);
    const stopping = new EarlyStopping(3);
    stopping.observe(1, 0.1, g);
    g.value = 8;
    stopping.observe(2, 0.2, g);
    g.value = 99; // not a snapshot: must survive finish()
    expect(stopping.finish(g)).toEqual({ bestEpoch: 2, score: 0.2 });
    expect(g.value).toBe(99);
    expect(new EarlyStopping(1).finish(g)).toEqual({ bestEpoch: 0, score: -Infinity });
  });
});
