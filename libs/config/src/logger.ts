import type { MagpieConfig } from './schema';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 } as const;

/**
 * A small structured logger: one line per record on stderr, `time level [name] message {fields}`.
 * stdout stays free for command output (CLI tables, JSON).
 */
export function createLogger(name: string, level: MagpieConfig['logLevel'] = 'info'): Logger {
  const threshold = ORDER[level];
  const write = (lvl: Exclude<keyof typeof ORDER, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < threshold) return;
    const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
    process.stderr.write(`${new Date().toISOString()} ${lvl.padEnd(5)} [${name}] ${message}${extra}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Runs `close` once on SIGINT/SIGTERM, then exits (a second signal exits at once). */
export function onShutdown(close: () => Promise<void>, logger?: Logger): void {
  let closing = false;
  const handler = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    logger?.info(`received ${signal}, shutting down`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger?.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}
