import { request, Agent } from 'node:http';

export interface LoadOptions {
  /** Full URL on this machine (loopback only). */
  url: string;
  /** Builds the body of request number i (so requests can vary). */
  body: (i: number) => string;
  headers?: Record<string, string>;
  concurrency: number;
  /** Stops after this many ms or this many requests, whichever comes first. */
  durationMs: number;
  maxRequests?: number;
  /** Requests before measuring starts (JIT, caches). */
  warmup?: number;
}

export interface LoadReport {
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** A bounded closed-loop HTTP load generator: `concurrency` clients, each sending the next request when the last answered. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const target = new URL(options.url);
  if (!LOOPBACK.has(target.hostname)) throw new Error(`load tests only target loopback addresses, not ${target.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const send = (i: number) =>
    new Promise<{ ms: number; ok: boolean }>((resolve) => {
      const body = options.body(i);
      const started = process.hrtime.bigint();
      const req = request(
        target,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...options.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const text = Buffer.concat(chunks).toString();
            resolve({ ms, ok: res.statusCode === 200 && !text.includes('"errors"') });
          });
        },
      );
      req.on('error', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, ok: false }));
      req.end(body);
    });

  for (let i = 0; i < (options.warmup ?? 0); i++) await send(i);
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const maxRequests = options.maxRequests ?? Number.POSITIVE_INFINITY;
  const deadline = Date.now() + options.durationMs;
  const started = Date.now();
  const client = async () => {
    while (Date.now() < deadline && next < maxRequests) {
      const r = await send(next++);
      latencies.push(r.ms);
      if (!r.ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    requests: latencies.length, errors, seconds, throughput: latencies.length / seconds,
    p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), max: latencies[latencies.length - 1] ?? 0,
  };
}

export const formatReport = (label: string, r: LoadReport) =>
  `${label}: ${r.requests} requests in ${r.seconds.toFixed(1)} s (${r.throughput.toFixed(0)}/s), errors ${r.errors}, ` +
  `latency p50 ${r.p50.toFixed(2)} ms · p95 ${r.p95.toFixed(2)} ms · p99 ${r.p99.toFixed(2)} ms · max ${r.max.toFixed(1)} ms`;
