// Worker-thread entry of a serving thread (ServingThread): registers SWC (as bin/magpie.js does) so the
// TypeScript sources run as they are, then starts the thread's main module (workerData.main).
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: it runs before TypeScript can be loaded */
'use strict';
const path = require('node:path');
const { workerData } = require('node:worker_threads');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.resolve(__dirname, '../../../../tsconfig.json');
require('@swc-node/register');
require(workerData.main);
