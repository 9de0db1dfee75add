import { loadConfig } from './load-config';

describe('feedback and retrain settings', () => {
  it('default to the bandit on with a 5% floor and every automatic retraining off', () => {
    const config = loadConfig({});
    expect(config.feedback).toMatchObject({ bandit: true, floorShare: 0.05, priorAlpha: 1, priorBeta: 1, warmupImpressions: 1000, sharpness: 2 });
    expect(config.feedback.seed).toBeUndefined();
    expect(config.retrain).toMatchObject({ kinds: ['STATS', 'SEQUENCE'], scheduleEveryMs: 0, newEventsThreshold: 0 });
    expect(config.retrain.scheduleCron).toBeUndefined();
  });

  it('reads them from the environment', () => {
    const config = loadConfig({
      MAGPIE_BANDIT: 'false', MAGPIE_BANDIT_FLOOR: '0.1', MAGPIE_BANDIT_SEED: '7', MAGPIE_BANDIT_WARMUP: '50', MAGPIE_BANDIT_SHARPNESS: '8', MAGPIE_RETRAIN_KINDS: 'SEQUENCE, LONGTAIL',
      MAGPIE_RETRAIN_CRON: '0 3 * * *', MAGPIE_RETRAIN_EVERY_MS: '3600000', MAGPIE_RETRAIN_NEW_EVENTS: '5000', MAGPIE_RETRAIN_CHECK_MS: '30000',
    });
    expect(config.feedback).toMatchObject({ bandit: false, floorShare: 0.1, seed: 7, warmupImpressions: 50, sharpness: 8 });
    expect(config.retrain).toEqual({ kinds: ['SEQUENCE', 'LONGTAIL'], scheduleCron: '0 3 * * *', scheduleEveryMs: 3_600_000, newEventsThreshold: 5000, checkEveryMs: 30_000 });
  });

  it('rejects a floor that would starve the leader and an unknown kind', () => {
    expect(() => loadConfig({ MAGPIE_BANDIT_FLOOR: '0.5' })).toThrow(/floorShare/);
    expect(() => loadConfig({ MAGPIE_RETRAIN_KINDS: 'STATS,NOPE' })).toThrow(/kinds/);
  });
});
