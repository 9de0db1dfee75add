import { join } from 'node:path';
import { badInput } from '@magpie/contracts';
import { addMissingProducts, sortEvents, type DatasetBundle, type DatasetEvent } from '../bundle';
import { readTable } from './delimited';

export const DIGINETICA_FILE = 'sample_train-item-views.csv';

const ANONYMOUS = new Set(['', 'NA']);

/**
 * Diginetica (CIKM Cup 2016) item-view sample (`diginetica-sample/sample_train-item-views.csv`,
 * `session_id;user_id;item_id;timeframe;eventdate`). Every row is a 'view'.
 * Shopper id: the session's user_id when any row of the session has one (a few sessions mix "NA" and an id);
 * for anonymous sessions (user_id empty or "NA") the session itself, as `s:<session_id>`, so it cannot collide
 * with a numeric user id. A logged-in user's sessions merge into one history.
 * ts = eventdate (UTC midnight) + timeframe (ms since the session start), so sorting by ts is the
 * documented order "eventdate, then timeframe". There is no item text: titles are "Diginetica item <id>".
 */
export async function readDiginetica(dir: string): Promise<DatasetBundle> {
  const path = join(dir, DIGINETICA_FILE);
  const rows: { session: string; productId: string; ts: number }[] = [];
  const sessionUser = new Map<string, string>();
  for await (const [session, user, item, timeframe, date] of readTable(path, ';', ['session_id', 'user_id', 'item_id', 'timeframe', 'eventdate'])) {
    const ts = Date.parse(`${date.trim()}T00:00:00Z`) + Number(timeframe);
    if (!Number.isFinite(ts)) throw badInput(`${path}: unreadable eventdate/timeframe "${date}" / "${timeframe}"`);
    const sessionId = session.trim();
    if (!ANONYMOUS.has(user.trim()) && !sessionUser.has(sessionId)) sessionUser.set(sessionId, user.trim());
    rows.push({ session: sessionId, productId: item.trim(), ts });
  }
  const events: DatasetEvent[] = rows.map(({ session, productId, ts }) => ({
    userId: sessionUser.get(session) ?? `s:${session}`,
    productId,
    type: 'view',
    ts,
  }));
  sortEvents(events);
  return { name: 'diginetica-sample', products: addMissingProducts([], events, 'Diginetica item'), events };
}
