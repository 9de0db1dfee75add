import type { ModelVersion } from '@magpie/contracts';
import { GeneratorCache, type LongtailGenerator } from './generators';

const version = (id: number) => ({ id, kind: 'LONGTAIL', status: 'ready', config: {}, metrics: {}, artifactId: id, jobId: null, createdAt: new Date(), promotedAt: null }) as ModelVersion;

describe('GeneratorCache', () => {
  it('loads a version once for all its shards, keeps the newest two and disposes the one it drops', async () => {
    const loads: number[] = [];
    const disposed: number[] = [];
    const cache = new GeneratorCache(async (v) => {
      loads.push(v.id);
      return { candidates: () => [], dispose: () => disposed.push(v.id) } satisfies LongtailGenerator;
    }, 2);
    const [a, b] = await Promise.all([cache.get(version(1)), cache.get(version(1))]);
    expect(a).toBe(b);
    await cache.get(version(2));
    await cache.get(version(1));
    expect(loads).toEqual([1, 2]);
    await cache.get(version(3));
    await new Promise((r) => setImmediate(r));
    expect(disposed).toEqual([1]);
    expect(cache.size).toBe(2);
  });

  it('forgets a failed load so a retried shard loads again', async () => {
    let calls = 0;
    const cache = new GeneratorCache(async () => {
      calls++;
      if (calls === 1) throw new Error('artifact store down');
      return { candidates: () => [], dispose: () => undefined };
    });
    await expect(cache.get(version(5))).rejects.toThrow(/artifact store down/);
    await expect(cache.get(version(5))).resolves.toBeDefined();
    expect(calls).toBe(2);
  });
});
