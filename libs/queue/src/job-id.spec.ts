import { formatJobId, parseJobId } from './job-id';
import { backoffDelayMs } from './job-queue';
import { toProgress } from './job-status';

describe('job ids', () => {
  it('round-trip "<queue>:<local id>", keeping colons inside the local id', () => {
    expect(parseJobId(formatJobId('training', '17'))).toEqual({ queue: 'training', localId: '17' });
    expect(parseJobId('longtail:repeat:abc:1')).toEqual({ queue: 'longtail', localId: 'repeat:abc:1' });
  });

  it('are null for unknown queues and missing parts', () => {
    expect(['', '17', 'training', 'training:', ':17', 'other:17'].map(parseJobId)).toEqual([null, null, null, null, null, null]);
  });
});

describe('backoffDelayMs', () => {
  it('doubles from the base: base · 2^(n−1)', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
  });
});

describe('toProgress', () => {
  it('keeps fraction, message and numeric figures, and shows 1 once completed', () => {
    const raw = { fraction: 0.25, message: 'epoch 1', figures: { loss: 0.7, note: 'x' } };
    expect(toProgress(raw, 'active')).toEqual({ fraction: 0.25, message: 'epoch 1', figures: { loss: 0.7 } });
    expect(toProgress(raw, 'completed')).toEqual({ fraction: 1, message: 'epoch 1', figures: { loss: 0.7 } });
  });

  it('reads bare numbers as fractions (or percentages above 1) and clamps to [0, 1]', () => {
    expect([0, 0.4, 40, 250, -1, Number.NaN].map((n) => toProgress(n, 'active').fraction)).toEqual([0, 0.4, 0.4, 1, 0, 0]);
    expect(toProgress('text', 'waiting')).toEqual({ fraction: 0 });
  });
});
