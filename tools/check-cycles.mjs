#!/usr/bin/env node
// Circular-import check over apps/, libs/ and tools/: resolves relative imports and @magpie/* aliases
// (tsconfig.base.json paths), then reports every strongly connected component larger than one file.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const paths = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) files.push(p);
  }
};
for (const top of ['apps', 'libs', 'tools']) if (existsSync(join(root, top))) walk(join(root, top));

const resolveFile = (base) => {
  for (const c of [base, `${base}.ts`, join(base, 'index.ts')]) if (existsSync(c) && statSync(c).isFile()) return c;
  return undefined;
};
const resolveImport = (from, spec) => {
  if (spec.startsWith('.')) return resolveFile(resolve(dirname(from), spec));
  if (paths[spec]) return resolveFile(join(root, paths[spec][0]));
  return undefined;
};

const graph = new Map();
for (const f of files) {
  const info = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
  // Type-only imports vanish at run time and cannot form a load cycle.
  const src = readFileSync(f, 'utf8');
  const edges = info.importedFiles
    .filter((i) => !new RegExp(`import\\s+type[^;]*['"]${i.fileName.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`).test(src))
    .map((i) => resolveImport(f, i.fileName))
    .filter(Boolean);
  graph.set(f, edges);
}

// Tarjan's strongly connected components.
let index = 0;
const idx = new Map(), low = new Map(), stack = [], on = new Set(), cycles = [];
const strong = (v) => {
  idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do { w = stack.pop(); on.delete(w); comp.push(w); } while (w !== v);
    if (comp.length > 1) cycles.push(comp);
  }
};
for (const f of files) if (!idx.has(f)) strong(f);

if (cycles.length) {
  console.error(`circular imports: ${cycles.length} cycle(s)`);
  for (const c of cycles) console.error('  ' + c.map((f) => relative(root, f)).join(' <-> '));
  process.exit(1);
}
console.log(`no circular imports (${files.length} files checked)`);
