import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import { pgliteConnectionConfig } from './pglite';
import { quoteIdent } from './sql';
import { CallbackTypeOrmLogger } from './typeorm-logger';

/** Where the data lives: a PostgreSQL server, or a PGlite instance owned by the caller. */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; pglite: PGlite };

export interface DataSourceSettings {
  schema: string;
  logging: boolean;
  log: (msg: string) => void;
}

const createSchemaSql = (schema: string) => `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`;

/**
 * Creates the schema (migrations need it) and runs `open` while no other process migrates the same
 * schema: on PostgreSQL a separate session holds an advisory lock until `open` is done, so replicas
 * starting together apply each migration once. PGlite is one process and needs no lock.
 */
async function whileMigrationLocked<T>(target: DatabaseTarget, schema: string, open: () => Promise<T>): Promise<T> {
  if (target.kind === 'pglite') {
    await target.pglite.exec(createSchemaSql(schema));
    return open();
  }
  const client = new Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`magpie.migrations.${schema}`]);
    await client.query(createSchemaSql(schema));
    return await open();
  } finally {
    await client.end(); // ending the session releases the lock
  }
}

/**
 * An initialised TypeORM DataSource on the target, with pending migrations applied
 * (`synchronize: false`, `migrationsRun: true`) and every entity in `settings.schema`.
 */
export async function openDataSource(target: DatabaseTarget, settings: DataSourceSettings): Promise<DataSource> {
  const common = {
    type: 'postgres' as const,
    schema: settings.schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'magpie_migrations',
    migrationsRun: true,
    synchronize: false,
    logging: settings.logging ? ('all' as const) : ['error' as const, 'warn' as const, 'migration' as const],
    logger: new CallbackTypeOrmLogger(settings.log, settings.logging),
  };
  let dataSource: DataSource;
  if (target.kind === 'postgres') {
    dataSource = new DataSource({ ...common, url: target.url });
  } else {
    const pg = await pgliteConnectionConfig(target.pglite);
    dataSource = new DataSource({
      ...common,
      host: pg.host,
      port: pg.port,
      username: pg.user,
      password: pg.password,
      database: pg.database,
      // PGlite is one session: the pool hands out its single adapter connection.
      poolSize: 1,
      uuidExtension: 'pgcrypto',
      extra: { connection: pg.connection },
    });
  }
  return whileMigrationLocked(target, settings.schema, () => dataSource.initialize());
}
