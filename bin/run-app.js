#!/usr/bin/env node
// Runs one app's TypeScript entry point through SWC: `node bin/run-app.js gateway|worker-training|worker-longtail`.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const root = path.resolve(__dirname, '..');
const app = process.argv[2];
const entry = app && path.join(root, 'apps', app, 'src', 'main.ts');
if (!entry || !fs.existsSync(entry)) {
  console.error('usage: node bin/run-app.js <gateway|worker-training|worker-longtail>');
  process.exit(2);
}
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(root, 'tsconfig.json');
require('@swc-node/register');
require(entry);
