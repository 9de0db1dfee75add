import type { Logger as TypeOrmLoggerInterface } from 'typeorm';

/** Forwards TypeORM's messages to one callback; SQL statements only when `logSql` is on. */
export class CallbackTypeOrmLogger implements TypeOrmLoggerInterface {
  constructor(
    private readonly sink: (msg: string) => void,
    private readonly logSql: boolean,
  ) {}

  logQuery(query: string, parameters?: unknown[]): void {
    if (this.logSql) this.sink(`sql: ${query}${parameters?.length ? ` -- ${parameters.length} params` : ''}`);
  }

  logQueryError(error: string | Error, query: string): void {
    this.sink(`sql error: ${error instanceof Error ? error.message : error} in: ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.sink(`sql slow (${time} ms): ${query}`);
  }

  logSchemaBuild(message: string): void {
    this.sink(`typeorm: ${message}`);
  }

  logMigration(message: string): void {
    this.sink(`migration: ${message}`);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.sink(`warn: ${String(message)}`);
  }
}
