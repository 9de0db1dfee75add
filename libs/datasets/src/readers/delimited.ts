import { badInput } from '@magpie/contracts';
import { readLines } from '../files';

/**
 * Streams a delimited text file with a header line (gzipped when named `.gz`), yielding for each row the
 * values of `columns`, in that order. Blank lines are skipped; a missing column or a short row is BAD_USER_INPUT.
 */
export async function* readTable(path: string, separator: string, columns: readonly string[]): AsyncGenerator<string[]> {
  let indices: number[] | null = null;
  let lineNumber = 0;
  for await (const line of readLines(path)) {
    lineNumber++;
    if (line.trim() === '') continue;
    const values = line.split(separator);
    if (indices === null) {
      const header = values.map((v) => v.trim());
      indices = columns.map((column) => {
        const index = header.indexOf(column);
        if (index < 0) throw badInput(`${path}: no "${column}" column; header has ${header.join(', ')}`);
        return index;
      });
      continue;
    }
    const width = Math.max(...indices) + 1;
    if (values.length < width) throw badInput(`${path}:${lineNumber}: expected at least ${width} columns, got "${line.slice(0, 200)}"`);
    yield indices.map((i) => values[i]);
  }
}
