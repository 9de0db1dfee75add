import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import type { PGlitePgConfig } from '@electric-sql/pglite/node-postgres' with { 'resolution-mode': 'import' };

/** The in-memory marker accepted in `DatabaseConfig.dataDir`. */
export const IN_MEMORY = ':memory:';

/**
 * Opens PGlite (embedded PostgreSQL in WASM) on a directory, in memory for ':memory:', or from a
 * dumped data directory. Imported lazily: the PostgreSQL path never loads the WASM build.
 */
export async function openPglite(source: { dataDir: string } | { snapshot: Blob }): Promise<PGlite> {
  const { PGlite: PGliteClass } = await import('@electric-sql/pglite');
  if ('snapshot' in source) return PGliteClass.create({ loadDataDir: source.snapshot });
  if (source.dataDir === IN_MEMORY) return PGliteClass.create();
  const dir = resolve(source.dataDir);
  await mkdir(dir, { recursive: true });
  return PGliteClass.create(dir);
}

/** PGlite's own node-postgres adapter: one pg-protocol connection over the PGlite instance. */
export async function pgliteConnectionConfig(pglite: PGlite): Promise<PGlitePgConfig> {
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  return createPgConfig(pglite);
}
