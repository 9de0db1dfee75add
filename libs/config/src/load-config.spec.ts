import { loadConfig } from './load-config';

describe('loadConfig', () => {
  it('defaults to the embedded mode when no URLs are given', () => {
    const config = loadConfig({});
    expect(config.database.url).toBeUndefined();
    expect(config.redis.url).toBeUndefined();
    expect(config.gateway.port).toBe(4000);
  });

  it('reads variables, lists and numbers from the environment', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/magpie',
      PORT: '8080',
      MAGPIE_APP_KEYS: 'app-key-123456, app-key-abcdef',
    });
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/magpie');
    expect(config.gateway.port).toBe(8080);
    expect(config.gateway.appKeys).toEqual(['app-key-123456', 'app-key-abcdef']);
  });

  it('reads booleans: the sequence model scores in a serving thread unless MAGPIE_SERVING_THREAD is false', () => {
    expect(loadConfig({}).ml.servingThread).toBe(true);
    expect(loadConfig({ MAGPIE_SERVING_THREAD: 'false' }).ml.servingThread).toBe(false);
    expect(loadConfig({ MAGPIE_SERVING_THREAD: '0' }).ml.servingThread).toBe(false);
  });

  it('lets overrides from code win over the environment', () => {
    const config = loadConfig({ PORT: '8080' }, { gateway: { port: 0 } });
    expect(config.gateway.port).toBe(0);
  });

  it('rejects invalid settings with a readable message', () => {
    expect(() => loadConfig({ PORT: 'not-a-port' })).toThrow(/Invalid configuration[\s\S]*port/);
    expect(() => loadConfig({ MAGPIE_REDIS_PREFIX: 'bad prefix!' })).toThrow(/prefix/);
  });
});
