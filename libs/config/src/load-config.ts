import { z } from 'zod';
import { ENV_MAP, MagpieConfig, csv } from './schema';

export type Env = Readonly<Record<string, string | undefined>>;
type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };
export type ConfigOverrides = DeepPartial<MagpieConfig>;

const LIST_KEYS = new Set(['gateway.appKeys', 'gateway.adminKeys', 'retrain.kinds']);
const NUMBER_KEYS = new Set([
  'gateway.port', 'gateway.bodyLimitBytes', 'gateway.maxDepth', 'gateway.maxComplexity',
  'gateway.catalogRefreshMs', 'gateway.workers', 'recommendation.historyLength', 'ml.annThreshold', 'ml.trainingThreads',
  'recommendation.tailShare', 'recommendation.maxPerCategory',
  'feedback.floorShare', 'feedback.seed', 'feedback.warmupImpressions', 'feedback.sharpness', 'retrain.scheduleEveryMs', 'retrain.newEventsThreshold', 'retrain.checkEveryMs',
  'jobs.lockDurationMs', 'jobs.stalledIntervalMs', 'jobs.longtailConcurrency',
]);
const BOOL_KEYS = new Set(['database.logging', 'feedback.bandit', 'ml.servingThread']);

const setPath = (target: Record<string, unknown>, path: string, value: unknown) => {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
};

const merge = (base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const prev = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev)
        ? merge(prev as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
};

/**
 * The only reader of the environment: maps variables (see ENV_MAP) onto the zod schema, applies
 * overrides from code (CLI flags, tests) on top, validates, and fails with every problem listed.
 */
export function loadConfig(env: Env, overrides: ConfigOverrides = {}): MagpieConfig {
  const raw: Record<string, unknown> = { database: {}, redis: {}, gateway: {}, recommendation: {}, ml: {}, feedback: {}, retrain: {}, jobs: {}, datasets: {} };
  for (const [variable, path] of Object.entries(ENV_MAP)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    let parsed: unknown = value;
    if (LIST_KEYS.has(path)) parsed = csv.parse(value);
    else if (NUMBER_KEYS.has(path)) parsed = Number(value);
    else if (BOOL_KEYS.has(path)) parsed = value === 'true' || value === '1';
    setPath(raw, path, parsed);
  }
  const result = MagpieConfig.safeParse(merge(raw, overrides as Record<string, unknown>));
  if (!result.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
