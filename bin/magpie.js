#!/usr/bin/env node
// `magpie` command: runs the TypeScript sources directly through SWC (no build step after `npm ci`).
'use strict';
const path = require('node:path');
const root = path.resolve(__dirname, '..');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(root, 'tsconfig.json');
require('@swc-node/register');
require(path.join(root, 'apps/cli/src/main.ts'));
