import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadReport } from './http-load';

/** What the load thread needs: plain data only (bodies are built there from `variables`). */
export interface ThreadLoadOptions {
  url: string;
  headers: Record<string, string>;
  query: string;
  operationName: string;
  /** Request i sends variables[i % variables.length]. */
  variables: Array<Record<string, unknown>>;
  concurrency: number;
  durationMs: number;
  maxRequests?: number;
}

const THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || ${JSON.stringify(resolve(__dirname, '../../tsconfig.json'))};
require('@swc-node/register');
const { runLoad } = require(${JSON.stringify(resolve(__dirname, 'http-load.ts'))});
const o = workerData;
runLoad({
  url: o.url, headers: o.headers, concurrency: o.concurrency, durationMs: o.durationMs, maxRequests: o.maxRequests,
  body: (i) => JSON.stringify({ query: o.query, operationName: o.operationName, variables: o.variables[i % o.variables.length] }),
}).then((r) => parentPort.postMessage(r), (e) => parentPort.postMessage({ error: String(e) }));
`;

/**
 * Runs `runLoad` (the closed-loop HTTP load generator) in a worker thread, so the clients do not
 * share the event loop of the gateway they measure.
 */
export function runLoadInThread(options: ThreadLoadOptions): Promise<LoadReport> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(THREAD, { eval: true, workerData: options });
    worker.once('message', (m: LoadReport | { error: string }) => {
      void worker.terminate();
      if ('error' in m) reject(new Error(m.error));
      else resolvePromise(m);
    });
    worker.once('error', reject);
  });
}

/**
 * A phase with what it cost this process: the main thread's event-loop utilisation (the gateway's request
 * thread in embedded mode) and CPU per request over all its threads (gateway, serving thread, load clients).
 */
export async function withCpu(phase: () => Promise<LoadReport>): Promise<LoadReport & { cpu: string }> {
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const report = await phase();
  const busy = performance.eventLoopUtilization(elu).utilization;
  const used = process.cpuUsage(cpu);
  const perRequest = (used.user + used.system) / 1000 / Math.max(1, report.requests);
  return { ...report, cpu: `main thread busy ${(busy * 100).toFixed(0)}%, process CPU ${perRequest.toFixed(2)} ms per request (all threads)` };
}
