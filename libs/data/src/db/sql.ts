/** Small helpers for the explicit SQL the repositories run (schema-qualified, parameterised). */

/** Anything that runs SQL: a DataSource, or the EntityManager of a transaction. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Runs a statement and returns its rows typed as `T` (the SQL decides the shape). */
export async function select<T>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, parameters)) as T[];
}

/** PostgreSQL's limit on bind parameters in one statement (Int16 count in the protocol). */
export const MAX_BIND_PARAMETERS = 65_535;

/** Rows per multi-row INSERT so that `columns` parameters a row stay under the protocol limit. */
export const rowsPerStatement = (columns: number, cap = 5_000): number =>
  Math.max(1, Math.min(cap, Math.floor(MAX_BIND_PARAMETERS / columns)));

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * `($1, $2::int), ($3, $4::int)` for `rows` rows; `casts[i]` (may be '') is appended to column i,
 * `constants` (SQL expressions without parameters) end every tuple.
 */
export function valuesList(rows: number, casts: readonly string[], constants: readonly string[] = []): string {
  const tuples: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    tuples.push(`(${[...casts.map((cast) => `$${++n}${cast}`), ...constants].join(', ')})`);
  }
  return tuples.join(', ');
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Schema-qualified table names, so every statement runs in the configured schema. */
export interface Tables {
  readonly schema: string;
  readonly products: string;
  readonly users: string;
  readonly events: string;
  readonly modelVersions: string;
  readonly modelArtifacts: string;
  readonly longtail: string;
}

export function tables(schema: string): Tables {
  const q = (table: string) => `${quoteIdent(schema)}.${quoteIdent(table)}`;
  return {
    schema,
    products: q('products'),
    users: q('users'),
    events: q('events'),
    modelVersions: q('model_versions'),
    modelArtifacts: q('model_artifacts'),
    longtail: q('longtail_candidates'),
  };
}
