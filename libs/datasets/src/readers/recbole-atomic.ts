import { badInput } from '@magpie/contracts';
import { readLines } from '../files';

/** A column of a RecBole atomic file, from its typed header (`name:type`). */
export interface AtomicField {
  name: string;
  /** RecBole types: token, token_seq, float, float_seq. */
  type: string;
}

/** Parses a RecBole header line such as `user_id:token\titem_id:token\trating:float`. */
export function parseAtomicHeader(line: string, path: string): AtomicField[] {
  return line.split('\t').map((column) => {
    const colon = column.lastIndexOf(':');
    if (colon <= 0) throw badInput(`${path}: header column "${column}" is not "name:type" (RecBole atomic format)`);
    return { name: column.slice(0, colon).trim(), type: column.slice(colon + 1).trim() };
  });
}

/** Index of the first field whose name is in `names`, or -1. */
export function findField(fields: readonly AtomicField[], names: readonly string[]): number {
  return fields.findIndex((f) => names.includes(f.name));
}

/** Streams a RecBole atomic file: calls `onHeader` once, then yields each row's tab-separated values. */
export async function* readAtomicRows(path: string, onHeader: (fields: AtomicField[]) => void): AsyncGenerator<string[]> {
  let header: AtomicField[] | null = null;
  for await (const line of readLines(path)) {
    if (line.trim() === '') continue;
    if (header === null) {
      header = parseAtomicHeader(line, path);
      onHeader(header);
      continue;
    }
    const values = line.split('\t');
    if (values.length !== header.length) {
      throw badInput(`${path}: row has ${values.length} columns, header has ${header.length}: "${line.slice(0, 200)}"`);
    }
    yield values;
  }
}

/** A typed value: float → number (null if empty), float_seq → number[], token_seq → string[] (space-separated), token → string. */
export function atomicValue(field: AtomicField, raw: string): string | number | string[] | number[] | null {
  const text = raw.trim();
  switch (field.type) {
    case 'float':
      return text === '' ? null : Number(text);
    case 'float_seq':
      return text === '' ? [] : text.split(/\s+/).map(Number);
    case 'token_seq':
      return text === '' ? [] : text.split(/\s+/);
    default:
      return text;
  }
}
