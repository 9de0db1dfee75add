import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseConfig } from '@magpie/config';
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import type { MagpieStore } from './ports';
import { createPgliteStore, createStore } from './create-store';
import { IN_MEMORY, openPglite } from './db/pglite';

/** A store for one test (file), with its own database; `dispose()` closes it and removes the data. */
export type TestStore = MagpieStore & { dispose(): Promise<void> };

export interface TestStoreOptions {
  /** Server used for `postgres`; the test database is created and dropped on it. */
  adminUrl?: string;
  logger?: (msg: string) => void;
}

/** Local test PostgreSQL (trust auth), as scripts/services.sh sets it up. */
export const TEST_POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const testConfig = (url?: string): DatabaseConfig => ({ url, dataDir: IN_MEMORY, schema: 'public', logging: false });

async function withAdmin<T>(adminUrl: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty PostgreSQL database for one test (file); `drop()` removes it. */
export async function createTestDatabase(adminUrl = TEST_POSTGRES_ADMIN_URL): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `magpie_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => void (await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

async function createPostgresTestStore(options: TestStoreOptions): Promise<TestStore> {
  const database = await createTestDatabase(options.adminUrl);
  let store: MagpieStore;
  try {
    store = await createStore(testConfig(database.url), { logger: options.logger });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return Object.assign(store, {
    async dispose() {
      await store.close();
      await database.drop();
    },
  });
}

/**
 * Idle in-memory PGlite instances of this module instance (a Jest test file). initdb in WASM takes
 * seconds and loading a dumped data directory about one, while a fresh schema with its migrations
 * takes tens of milliseconds: each test store gets its own schema on an idle instance, dropped on
 * dispose. An instance serves one store at a time (PGlite is one session), so stores that are
 * open together get instances of their own.
 */
const idleInstances: PGlite[] = [];

async function createPgliteTestStore(options: TestStoreOptions): Promise<TestStore> {
  const pglite = idleInstances.pop() ?? (await openPglite({ dataDir: IN_MEMORY }));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const release = async () => {
    await pglite.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    idleInstances.push(pglite);
  };
  let store: MagpieStore;
  try {
    store = await createPgliteStore(pglite, { ...testConfig(), schema }, { logger: options.logger });
  } catch (error) {
    await release();
    throw error;
  }
  return Object.assign(store, {
    async dispose() {
      await store.close();
      await release();
    },
  });
}

/**
 * Closes the idle PGlite instances kept for later test stores (call in `afterAll`: an open PGlite
 * keeps the process alive). Stores still open are not affected.
 */
export async function closeIdleTestDatabases(): Promise<void> {
  const instances = idleInstances.splice(0);
  await Promise.all(instances.map((pglite) => pglite.close()));
}

/**
 * A fresh, migrated store for tests. `postgres`: a new database `magpie_t_<random>` on the local
 * server (dropped WITH (FORCE) on dispose). `pglite`: in memory, in a fresh schema `t_<random>` (dropped on
 * dispose) of a PGlite instance reused within the test file.
 */
export function createTestStore(driver: 'postgres' | 'pglite', options: TestStoreOptions = {}): Promise<TestStore> {
  return driver === 'postgres' ? createPostgresTestStore(options) : createPgliteTestStore(options);
}
