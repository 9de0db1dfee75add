/** The few log calls the gateway makes; `Logger` from @magpie/config fits as it is. */
export interface GatewayLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** One JSON line per entry on stderr (stdout stays free for command output); used when no logger is given. */
const writeLine = (level: string) => (message: string, fields?: Record<string, unknown>) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
};
export const consoleLogger: GatewayLogger = { info: writeLine('info'), warn: writeLine('warn'), error: writeLine('error') };

/** What an error log entry carries: the message and stack stay in the log, never in a response. */
export const describeError = (error: unknown): Record<string, unknown> =>
  error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
