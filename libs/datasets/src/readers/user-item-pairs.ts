import { basename, extname } from 'node:path';
import { badInput, type EventType } from '@magpie/contracts';
import { addMissingProducts, sortEvents, type DatasetBundle, type DatasetEvent } from '../bundle';
import { readLines } from '../files';
import { lineTimestamp } from '../synthetic-time';

export interface UserItemPairsOptions {
  /** Event type given to every pair. Default 'view'. */
  type?: EventType;
  /** Bundle name. Default: the file name without extension. */
  name?: string;
  /** Title prefix of the generated products. Default 'Item'. */
  titlePrefix?: string;
}

const HEADER = /^(user|user_?id|userid|session|session_?id)(:\w+)?$/i;

/**
 * Parses a timestamp column: a number below 1e11 is epoch seconds (ms otherwise; fractions allowed),
 * anything else must be a date string `Date.parse` understands (e.g. ISO 8601).
 */
export function parseTimestamp(value: string): number | null {
  const n = Number(value);
  if (value.trim() !== '' && Number.isFinite(n)) return Math.round(Math.abs(n) < 1e11 ? n * 1000 : n);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/**
 * Reads `user item [timestamp]` lines (separated by whitespace, tabs or commas), in time order.
 * A first line whose first column looks like a header (`user`, `user_id`, `session_id`, ...) is skipped;
 * so are blank lines and `#` comments. Either every line has a timestamp or none does: without one,
 * line i gets `SYNTHETIC_BASE_TS + i seconds`, which keeps the file's global order.
 */
export async function readUserItemPairs(path: string, options: UserItemPairsOptions = {}): Promise<DatasetBundle> {
  const { type = 'view', name = basename(path, extname(path)), titlePrefix = 'Item' } = options;
  const events: DatasetEvent[] = [];
  let lineNumber = 0;
  let hasTime: boolean | null = null;
  for await (const line of readLines(path)) {
    lineNumber++;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const columns = trimmed.split(/[\s,]+/);
    if (events.length === 0 && hasTime === null && HEADER.test(columns[0])) continue;
    if (columns.length < 2) throw badInput(`${path}:${lineNumber}: expected "user item [timestamp]", got "${trimmed}"`);
    const lineHasTime = columns.length >= 3;
    hasTime ??= lineHasTime;
    if (hasTime !== lineHasTime) throw badInput(`${path}:${lineNumber}: timestamps must be on every line or on none`);
    let ts = lineTimestamp(events.length);
    if (hasTime) {
      const text = columns.slice(2).join(' '); // "2026-01-02 10:00:00" splits into two columns
      const parsed = parseTimestamp(text);
      if (parsed === null) throw badInput(`${path}:${lineNumber}: unreadable timestamp "${text}"`);
      ts = parsed;
    }
    events.push({ userId: columns[0], productId: columns[1], type, ts });
  }
  sortEvents(events);
  return { name, products: addMissingProducts([], events, titlePrefix), events };
}
