import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import type { DatabaseConfig } from '@magpie/config';
import type { MagpieStore } from './ports';
import { type DatabaseTarget, openDataSource } from './db/data-source';
import { openPglite } from './db/pglite';
import { tables } from './db/sql';
import { SqlArtifactStore } from './repositories/artifact.store';
import { SqlEventRepository } from './repositories/event.repository';
import { SqlLongtailRepository } from './repositories/longtail.repository';
import { SqlModelVersionRepository } from './repositories/model-version.repository';
import { SqlPrivacyRepository } from './repositories/privacy.repository';
import { SqlProductRepository } from './repositories/product.repository';
import { SqlUserRepository } from './repositories/user.repository';

export interface CreateStoreOptions {
  /** Receives migration notes, warnings, SQL errors and (with `config.logging`) every statement. */
  logger?: (msg: string) => void;
}

const noop = () => undefined;

/**
 * Opens a store on `target`; `closeTarget` runs after the DataSource is destroyed (closes an owned
 * PGlite instance). Internal: `createStore` and the test helpers build on it.
 */
export async function openStore(
  target: DatabaseTarget,
  config: Pick<DatabaseConfig, 'schema' | 'logging'>,
  options: CreateStoreOptions & { closeTarget?: () => Promise<void> } = {},
): Promise<MagpieStore> {
  const log = options.logger ?? noop;
  let db;
  try {
    db = await openDataSource(target, { schema: config.schema, logging: config.logging, log });
  } catch (error) {
    await options.closeTarget?.();
    throw error;
  }
  const t = tables(config.schema);
  let closed = false;
  return {
    driver: target.kind,
    products: new SqlProductRepository(db, t),
    users: new SqlUserRepository(db, t),
    events: new SqlEventRepository(db, t),
    artifacts: new SqlArtifactStore(db),
    versions: new SqlModelVersionRepository(db),
    longtail: new SqlLongtailRepository(db, t),
    privacy: new SqlPrivacyRepository(db, t),
    async ping() {
      await db.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await options.closeTarget?.();
    },
  };
}

/** Opens a store on an existing PGlite instance; `close()` also closes the instance when `ownsInstance`. */
export function createPgliteStore(
  pglite: PGlite,
  config: Pick<DatabaseConfig, 'schema' | 'logging'>,
  options: CreateStoreOptions & { ownsInstance?: boolean } = {},
): Promise<MagpieStore> {
  return openStore({ kind: 'pglite', pglite }, config, {
    ...options,
    closeTarget: options.ownsInstance ? () => pglite.close() : undefined,
  });
}

/**
 * The data layer's one factory: PostgreSQL through `pg` when `config.url` is set, otherwise embedded
 * PGlite on `config.dataDir` (':memory:' = in memory). Creates `config.schema` when missing, applies
 * pending migrations, and runs every statement in that schema.
 */
export async function createStore(config: DatabaseConfig, options: CreateStoreOptions = {}): Promise<MagpieStore> {
  if (config.url) return openStore({ kind: 'postgres', url: config.url }, config, options);
  const pglite = await openPglite({ dataDir: config.dataDir });
  (options.logger ?? noop)(`store: PGlite at ${config.dataDir}`);
  return createPgliteStore(pglite, config, { ...options, ownsInstance: true });
}
