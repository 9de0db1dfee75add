import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { learningCurveSvg, type GroupMetrics, type MetricSet, type ScorerRun, type TailVariantsReport } from '@magpie/recommendation';

/** The metric keys the --json file always carries, in table order. */
export const REPORTED_METRICS = ['hr@10', 'ndcg@10', 'hr@20', 'ndcg@20', 'mrr', 'coverage@10', 'tailShare@10', 'gini@10', 'novelty@10'] as const;

const HEADERS: Record<(typeof REPORTED_METRICS)[number], string> = {
  'hr@10': 'HR@10', 'ndcg@10': 'NDCG@10', 'hr@20': 'HR@20', 'ndcg@20': 'NDCG@20', mrr: 'MRR',
  'coverage@10': 'Cov@10', 'tailShare@10': 'Tail@10', 'gini@10': 'Gini@10', 'novelty@10': 'Nov@10',
};

const pick = (metrics: MetricSet): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const key of REPORTED_METRICS) out[key] = metrics[key] ?? 0;
  for (const [key, value] of Object.entries(metrics)) if (!(key in out)) out[key] = value;
  return out;
};

const trainSummary = (run: ScorerRun) => ({
  seconds: round(run.fit.seconds, 3),
  epochs: run.fit.epochs,
  bestEpoch: run.fit.bestEpoch,
  sequencesPerSecond: round(run.fit.sequencesPerSecond, 1),
  backend: run.fit.backend,
});

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** A cold-start group's block: `{"hr@10", "ndcg@10", "users", ...the other test metrics}`. */
const groupJson = (group: GroupMetrics) => ({ 'hr@10': group.metrics['hr@10'] ?? 0, 'ndcg@10': group.metrics['ndcg@10'] ?? 0, users: group.users, ...pick(group.metrics) });

/** One run's block of the --json file: test and valid metrics (cold / warm test groups when evaluated so), training figures. */
export const runJson = (run: ScorerRun) => ({
  test: pick(run.test),
  ...(run.cold ? { cold: groupJson(run.cold) } : {}),
  ...(run.warm ? { warm: groupJson(run.warm) } : {}),
  valid: pick(run.valid),
  train: trainSummary(run),
  evalSeconds: round(run.seconds, 3),
});

/**
 * The --json document: `{ model, dataset, test, valid, train, ... }` for the chosen model, plus the baselines;
 * `model` overrides the name (e.g. "sasrec+gan", whose top-level blocks are the sequence model's) and `extra`
 * adds blocks (e.g. "variants").
 */
export function evalJson(
  chosen: ScorerRun,
  baselines: readonly ScorerRun[],
  context: { dataset: string; protocol: Record<string, unknown>; config: Record<string, unknown>; model?: string; extra?: Record<string, unknown> },
) {
  return {
    model: context.model ?? chosen.name,
    dataset: context.dataset,
    ...runJson(chosen),
    baselines: Object.fromEntries(baselines.map((run) => [run.name, runJson(run)])),
    protocol: context.protocol,
    config: context.config,
    curve: chosen.fit.curve,
    ...context.extra,
  };
}

/** `{"sasrec": {"test", "valid", "parameter"}, "sasrec+invpop": {...}, "sasrec+gan": {...}}`: each variant's metric blocks and chosen strength. */
export const variantsJson = (report: TailVariantsReport) =>
  Object.fromEntries(report.variants.map((v) => [v.name, { test: pick(v.test), valid: pick(v.valid), parameter: v.parameter }]));

/** One row per long-tail variant: test tail share, NDCG@10, HR@10 (and validation tail share), the strength chosen on validation. */
export function variantsTable(report: TailVariantsReport): string {
  const base = report.variants[0]?.test ?? {};
  const header = ['variant', 'test Tail@10', 'NDCG@10', 'ΔNDCG@10', 'HR@10', 'Cov@10', 'valid Tail@10', 'valid NDCG@10', 'parameter'];
  const rows = report.variants.map((v) => {
    const ndcg = v.test['ndcg@10'] ?? 0;
    const relative = (base['ndcg@10'] ?? 0) > 0 ? `${(100 * (ndcg / (base['ndcg@10'] ?? 1) - 1)).toFixed(1)}%` : '-';
    return [
      v.name, (v.test['tailShare@10'] ?? 0).toFixed(4), ndcg.toFixed(4), relative, (v.test['hr@10'] ?? 0).toFixed(4), (v.test['coverage@10'] ?? 0).toFixed(4),
      (v.valid['tailShare@10'] ?? 0).toFixed(4), (v.valid['ndcg@10'] ?? 0).toFixed(4), v.parameter.name === '-' ? '-' : `${v.parameter.name} ${v.parameter.value.toFixed(4)}`,
    ];
  });
  return fixedWidth(header, rows);
}

/**
 * The bar, read off the test figures: with the long-tail blend, tailShare@10 up ≥ 10 pp over the base and
 * NDCG@10 down ≤ 5% relative; and the blend's NDCG@10 ≥ the inverse-popularity re-rank's at the same (validation-matched) tail share.
 */
export function tailVerdict(report: TailVariantsReport): string {
  const [base, invpop, blend] = report.variants.map((v) => v.test);
  if (!base || !invpop || !blend) return '';
  const gain = 100 * ((blend['tailShare@10'] ?? 0) - (base['tailShare@10'] ?? 0));
  const drop = (base['ndcg@10'] ?? 0) > 0 ? 100 * (1 - (blend['ndcg@10'] ?? 0) / (base['ndcg@10'] ?? 1)) : 0;
  const yes = (ok: boolean) => (ok ? 'yes' : 'NO');
  return (
    `test check: ${report.variants[2].name} tailShare@10 ${gain >= 0 ? '+' : ''}${gain.toFixed(1)} pp (≥ 10: ${yes(gain >= 10 - 1e-9)}), ` +
    `NDCG@10 ${drop >= 0 ? '−' : '+'}${Math.abs(drop).toFixed(1)}% (drop ≤ 5%: ${yes(drop <= 5 + 1e-9)}), ` +
    `NDCG@10 ${(blend['ndcg@10'] ?? 0).toFixed(4)} vs ${report.variants[1].name} ${(invpop['ndcg@10'] ?? 0).toFixed(4)} (≥: ${yes((blend['ndcg@10'] ?? 0) >= (invpop['ndcg@10'] ?? 0))}; ` +
    `test tail shares ${(blend['tailShare@10'] ?? 0).toFixed(4)} / ${(invpop['tailShare@10'] ?? 0).toFixed(4)})`
  );
}

function fixedWidth(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A fixed-width table: one row per run, the reported metrics as columns, then train time and sequences/s. */
export function metricsTable(runs: readonly ScorerRun[], stage: 'test' | 'valid'): string {
  const header = ['model', ...REPORTED_METRICS.map((k) => HEADERS[k]), 'train s', 'seq/s'];
  const rows = runs.map((run) => [
    run.name,
    ...REPORTED_METRICS.map((k) => (run[stage][k] ?? 0).toFixed(4)),
    run.fit.seconds.toFixed(1),
    run.fit.sequencesPerSecond >= 1e5 ? run.fit.sequencesPerSecond.toExponential(1) : run.fit.sequencesPerSecond.toFixed(0),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Test HR@10 / NDCG@10 per run for all shoppers, those whose held-out item is cold, and the warm rest; cold/warm HR@10 ratio. */
export function coldWarmTable(runs: readonly ScorerRun[]): string {
  const header = ['model', 'HR@10 all', 'NDCG@10 all', 'HR@10 cold', 'NDCG@10 cold', 'HR@10 warm', 'NDCG@10 warm', 'cold/warm HR', 'cold users', 'warm users'];
  const rows = runs.map((run) => {
    const cold = run.cold?.metrics ?? {};
    const warm = run.warm?.metrics ?? {};
    const ratio = (warm['hr@10'] ?? 0) > 0 ? (cold['hr@10'] ?? 0) / (warm['hr@10'] ?? 1) : 0;
    return [
      run.name, ...[run.test['hr@10'], run.test['ndcg@10'], cold['hr@10'], cold['ndcg@10'], warm['hr@10'], warm['ndcg@10'], ratio].map((v) => (v ?? 0).toFixed(4)),
      String(run.cold?.users ?? 0), String(run.warm?.users ?? 0),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Where the learning-curve files go: beside --json FILE (FILE.curve.json / .svg), else ./eval-out/<dataset>-<model>.curve.*. */
export function curvePaths(json: string | undefined, dataset: string, model: string): { json: string; svg: string } {
  const base = json ? join(dirname(json), `${json.replace(/^.*[\\/]/, '').replace(/\.json$/i, '')}.curve`) : join('eval-out', `${dataset}-${model}.curve`);
  return { json: `${base}.json`, svg: `${base}.svg` };
}

/** Writes the learning curve (validation NDCG@10 per epoch) as JSON and as an SVG line chart. */
export async function writeCurve(run: ScorerRun, dataset: string, paths: { json: string; svg: string }): Promise<void> {
  await mkdir(dirname(paths.json), { recursive: true });
  const doc = { model: run.name, dataset, metric: 'validation ndcg@10', bestEpoch: run.fit.bestEpoch, points: run.fit.curve };
  await writeFile(paths.json, `${JSON.stringify(doc, null, 2)}\n`);
  await writeFile(paths.svg, learningCurveSvg(run.fit.curve, `${run.name} on ${dataset}: validation NDCG@10 per epoch`));
}

/** Writes a JSON document, creating its folder. */
export async function writeJson(path: string, doc: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(doc, null, 2)}\n`);
}
