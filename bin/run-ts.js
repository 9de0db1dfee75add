#!/usr/bin/env node
// Runs a TypeScript file of this repository through SWC: `node bin/run-ts.js tools/bench/search-latency.ts [args]`.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const root = path.resolve(__dirname, '..');
const file = process.argv[2] && path.resolve(process.argv[2]);
if (!file || !fs.existsSync(file)) {
  console.error('usage: node bin/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 2, file);
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(root, 'tsconfig.json');
require('@swc-node/register');
require(file);
