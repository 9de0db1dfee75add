import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { gunzipSync, createGunzip } from 'node:zlib';
import { badInput, notFound } from '@magpie/contracts';

/** Throws NOT_FOUND naming the expected path when `path` is not a readable file. */
export async function requireFile(path: string, what = 'dataset file'): Promise<string> {
  try {
    await access(path);
  } catch {
    throw notFound(`Missing ${what}: expected ${path}`, { path });
  }
  return path;
}

/** True when `path` exists. */
export async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Streams the lines of a text file (gunzipped when the name ends in `.gz`), without line endings. */
export async function* readLines(path: string): AsyncGenerator<string> {
  await requireFile(path);
  const raw = createReadStream(path);
  let input: NodeJS.ReadableStream = raw;
  if (path.endsWith('.gz')) {
    const gunzip = createGunzip();
    raw.on('error', (error) => gunzip.destroy(error)); // pipe() does not forward read errors
    input = raw.pipe(gunzip);
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } finally {
    lines.close();
    raw.destroy();
  }
}

/** Reads a whole (small) text file, gunzipped when the name ends in `.gz`. */
export async function readText(path: string): Promise<string> {
  await requireFile(path);
  const buffer = await readFile(path);
  return (path.endsWith('.gz') ? gunzipSync(buffer) : buffer).toString('utf8');
}

/** Reads and parses a JSON file (optionally gzipped); a parse failure names the file. */
export async function readJson(path: string): Promise<unknown> {
  const text = await readText(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badInput(`Invalid JSON in ${path}: ${(error as Error).message}`, { path });
  }
}
