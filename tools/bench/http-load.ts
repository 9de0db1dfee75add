import { HttpConnection, postFormatter } from './http-connection';

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

const ERRORS = Buffer.from('"errors"');

/**
 * A bounded closed-loop HTTP load generator: `concurrency` keep-alive connections, each sending the next
 * request when the last answered (see HttpConnection: lean, so it takes little of the cores the server
 * needs). An answer counts as an error unless its status is 200 and its body names no "errors".
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const target = new URL(options.url);
  if (!LOOPBACK.has(target.hostname)) throw new Error(`load tests only target loopback addresses, not ${target.hostname}`);
  const format = postFormatter(target, { 'Content-Type': 'application/json', ...options.headers });
  const open = () => HttpConnection.open(target.hostname.replace(/^\[|\]$/g, ''), Number(target.port) || 80);
  const connections = await Promise.all(Array.from({ length: options.concurrency }, open));
  /** `broken`: the connection failed during the request (closed, reset); the client opens another. */
  const send = async (connection: HttpConnection, i: number): Promise<{ ms: number; ok: boolean; broken: boolean }> => {
    const request = format(options.body(i));
    const started = process.hrtime.bigint();
    try {
      const answer = await connection.send(request);
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, ok: answer.status === 200 && answer.body.indexOf(ERRORS) < 0, broken: false };
    } catch {
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, ok: false, broken: true };
    }
  };

  for (let i = 0; i < (options.warmup ?? 0); i++) await send(connections[0], i);
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const maxRequests = options.maxRequests ?? Number.POSITIVE_INFINITY;
  const deadline = Date.now() + options.durationMs;
  const started = Date.now();
  const client = async (slot: number) => {
    while (Date.now() < deadline && next < maxRequests) {
      if (connections[slot].closed) connections[slot] = await open(); // the server ended it after its last answer
      const r = await send(connections[slot], next++);
      latencies.push(r.ms);
      if (!r.ok) errors++;
      if (r.broken) connections[slot].close();
    }
  };
  await Promise.all(connections.map((_, slot) => client(slot)));
  const seconds = (Date.now() - started) / 1000;
  for (const connection of connections) connection.close();
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
