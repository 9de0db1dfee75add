import { basename, extname } from 'node:path';
import type { EventType } from '@magpie/contracts';
import { addMissingProducts, sortEvents, type DatasetBundle } from '../bundle';
import { readLines } from '../files';
import { createSequenceCollector } from './sequence-events';

export interface SeqLinesOptions {
  /** Event type given to every item. Default 'view'. */
  type?: EventType;
  /** Bundle name. Default: the file name without extension. */
  name?: string;
  /** Title prefix of the generated products (the format has no item text). Default 'Item'. */
  titlePrefix?: string;
}

/**
 * Reads a sequence-per-line file: `user item item ...` (whitespace-separated, items in time order).
 * Blank lines and lines starting with `#` are skipped; a user on several lines continues their sequence.
 * Timestamps are synthetic (see `sequenceTimestamp`); products are bare ids titled `${titlePrefix} ${id}`.
 */
export async function readSeqLines(path: string, options: SeqLinesOptions = {}): Promise<DatasetBundle> {
  const { type = 'view', name = basename(path, extname(path)), titlePrefix = 'Item' } = options;
  const collector = createSequenceCollector();
  for await (const line of readLines(path)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [userId, ...items] = trimmed.split(/\s+/);
    collector.add(userId, items, type);
  }
  const events = sortEvents(collector.events);
  return { name, products: addMissingProducts([], events, titlePrefix), events };
}
