import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { JOB_LONGTAIL_GENERATE, JOB_TRAIN_STATS, QUEUE_LONGTAIL, QUEUE_TRAINING, type JobStatus } from '@magpie/contracts';
import { closeIdleTestDatabases, createStore, createTestStore, type MagpieStore } from '@magpie/data';
import { generateShop } from '@magpie/datasets';
import { allJobs, expectedCfganCandidates, importBundle, longtailFlowIds, longtailJobs } from '@magpie/jobs';
import { BullJobQueue, InlineJobQueue, MemoryModelEvents, type JobQueue } from '@magpie/queue';
import { createPostgresRedisTestEnv, type PostgresRedisTestEnv } from '@magpie/runtime';

/** Long-tail options of both tests: enough shards, each slow enough that a kill lands mid-run. */
const OPTIONS = { perUser: 5, headShare: 0.2, shards: 12, epochs: 3, hidden: 16 };

/** A synthetic shop in `store`, and the statistics that define the tail (run in process). */
async function seedShop(store: MagpieStore): Promise<void> {
  const shop = generateShop({ products: 240, users: 120, seed: 9 });
  await importBundle(store, shop);
  const queue = new InlineJobQueue({ registry: allJobs({ store, modelEvents: new MemoryModelEvents() }) });
  const stats = await queue.waitFor((await queue.enqueue(QUEUE_TRAINING, JOB_TRAIN_STATS, {})).id, 30_000);
  await queue.close();
  if (stats.state !== 'completed') throw new Error(`train-stats ${stats.state}: ${stats.failedReason}`);
}

/** Every shopper has exactly min(perUser, untouched tail items) candidates, no pair twice, and the version is active. */
async function expectCompleteFlow(store: MagpieStore, done: JobStatus): Promise<number> {
  expect(done.state).toBe('completed');
  const result = done.result as { versionId: number; candidates: number; shards: number; users: number };
  expect(result.shards).toBe(OPTIONS.shards);
  const expected = await expectedCfganCandidates(store, result.versionId, OPTIONS);
  expect(expected.perUser.size).toBe(result.users);
  expect(expected.total).toBeGreaterThan(result.users); // not vacuous: most shoppers get several
  expect(await store.longtail.countForVersion(result.versionId)).toBe(expected.total);
  expect(result.candidates).toBe(expected.total);
  for (const [userId, n] of expected.perUser) {
    const rows = await store.longtail.forUser(userId, result.versionId, 100);
    expect(rows.length).toBe(n);
    expect(new Set(rows.map((r) => r.productId)).size).toBe(n);
  }
  expect(done.progress.figures).toMatchObject({ shards: OPTIONS.shards, shardsDone: OPTIONS.shards, shardsFailed: 0, candidates: expected.total });
  expect(await store.versions.active('LONGTAIL')).toMatchObject({ id: result.versionId, status: 'active' });
  return result.versionId;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('long-tail flow: two worker processes on PostgreSQL + Redis, one killed mid-run', () => {
  let env: PostgresRedisTestEnv;
  let store: MagpieStore;
  const workers: { child: ChildProcess; log: () => string }[] = [];

  /** The real worker entry (bin/run-app.js worker-longtail), with short lock and stalled-job timing. */
  const startWorker = async () => {
    const child = spawn(process.execPath, [resolve(__dirname, '../../../bin/run-app.js'), 'worker-longtail'], {
      env: {
        ...process.env,
        DATABASE_URL: env.databaseUrl,
        REDIS_URL: env.redisUrl,
        MAGPIE_REDIS_PREFIX: env.prefix,
        MAGPIE_JOB_LOCK_MS: '2000',
        MAGPIE_JOB_STALLED_INTERVAL_MS: '1000',
        MAGPIE_ML_BACKEND: 'wasm',
        MAGPIE_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const worker = { child, log: () => stderr };
    workers.push(worker);
    await until(async () => (/consuming queue/.test(stderr) ? true : child.exitCode !== null ? Promise.reject(new Error(stderr)) : undefined), 'a worker to start');
    return worker;
  };

  beforeAll(async () => {
    env = await createPostgresRedisTestEnv();
    store = await createStore(env.config.database);
    await seedShop(store);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      workers.map(({ child }) => (child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once('exit', r).kill('SIGTERM')) : null)),
    );
    await store?.close();
    await env?.teardown();
  }, 30_000);

  it('completes every shard exactly once in effect: no lost shard, no duplicate row, version active', async () => {
    const first = await startWorker();
    const queue: JobQueue = new BullJobQueue({ redis: env.config.redis, registry: longtailJobs({ store, modelEvents: new MemoryModelEvents() }) });
    const raw = new Queue(QUEUE_LONGTAIL, { connection: { url: env.redisUrl }, prefix: env.prefix });
    try {
      const { id } = await queue.enqueue(QUEUE_LONGTAIL, JOB_LONGTAIL_GENERATE, { ...OPTIONS, shardDelayMs: 1200 });
      const localId = id.slice(`${QUEUE_LONGTAIL}:`.length);
      // The first worker holds the generate job (the only worker yet); the second joins while it trains.
      await until(async () => ((await queue.get(id))?.state === 'active' ? true : undefined), 'the generate job to start');
      const second = await startWorker();
      // Mid-run: some shards done, others not, and the first worker running one. Kill it: it holds
      // the generate job and that shard.
      const onFirst = (processedBy: string | undefined) => processedBy?.endsWith(`:${first.child.pid}`) === true;
      const mid = await until(async () => {
        const s = await queue.get(id);
        const running = (await raw.getActive()).filter((j) => j.name === 'longtail-shard' && onFirst(j.processedBy)).map((j) => j.id!);
        return (s?.progress.figures?.shardsDone ?? 0) >= 3 && running.length > 0 ? { status: s!, running } : undefined;
      }, 'three shards to complete while the first worker runs another');
      expect(mid.status.progress.figures?.shardsDone).toBeLessThan(OPTIONS.shards);
      const holder = (await raw.getJob(localId))?.processedBy;
      expect(holder).toMatch(new RegExp(`:${first.child.pid}$`));
      first.child.kill('SIGKILL');
      await until(async () => (first.child.signalCode === 'SIGKILL' ? true : undefined), 'the worker to die');

      const done = await queue.waitFor(id, 45_000);
      const versionId = await expectCompleteFlow(store, done);

      // The survivor recovered the dead worker's jobs: the generate job stalled once and then ran on the second worker.
      const generate = await raw.getJob(localId);
      expect(generate?.stalledCounter).toBeGreaterThanOrEqual(1);
      expect(generate?.processedBy).toMatch(new RegExp(`:${second.child.pid}$`));
      const ids = longtailFlowIds(versionId, OPTIONS.shards);
      const shards = await Promise.all(ids.children.map((c) => raw.getJob(c)));
      expect(shards.every((s) => s?.finishedOn && s.returnvalue)).toBe(true);
      expect(shards.some((s) => s?.processedBy?.endsWith(`:${second.child.pid}`))).toBe(true);
      // The shard the dead worker was running was taken for stalled and finished by the survivor.
      for (const interrupted of mid.running) {
        const job = await raw.getJob(interrupted);
        expect(job?.stalledCounter).toBeGreaterThanOrEqual(1);
        expect(job?.processedBy).toMatch(new RegExp(`:${second.child.pid}$`));
      }

      // PostgreSQL itself: no (version, user, product) twice.
      const pg = new Client({ connectionString: env.databaseUrl });
      await pg.connect();
      try {
        const dup = await pg.query(
          'SELECT count(*)::int AS n FROM (SELECT 1 FROM longtail_candidates WHERE generator_version = $1 GROUP BY user_id, product_id HAVING count(*) > 1) d',
          [versionId],
        );
        expect(dup.rows[0].n).toBe(0);
      } finally {
        await pg.end();
      }
      expect(second.log()).not.toMatch(/\berror\b.*longtail/i);
    } finally {
      await raw.close();
      await queue.close();
    }
  }, 90_000);
});

describe('long-tail flow embedded: InlineJobQueue on PGlite', () => {
  afterAll(() => closeIdleTestDatabases());

  it('runs the same flow in process: children, then the parent, every shopper covered once', async () => {
    const store = await createTestStore('pglite');
    const queue = new InlineJobQueue({ registry: allJobs({ store, modelEvents: new MemoryModelEvents() }), backoffMs: 1 });
    try {
      await seedShop(store);
      const { id } = await queue.enqueue(QUEUE_LONGTAIL, JOB_LONGTAIL_GENERATE, OPTIONS);
      await expectCompleteFlow(store, await queue.waitFor(id, 45_000));
    } finally {
      await queue.close();
      await store.dispose();
    }
  }, 60_000);
});
