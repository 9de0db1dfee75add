import type { ScorerRun, TailVariantsReport } from '@magpie/recommendation';
import { coldWarmTable, curvePaths, evalJson, metricsTable, tailVerdict, variantsJson, variantsTable } from './eval-report';

const metrics = (base: number) => ({
  'hr@10': base, 'ndcg@10': base / 2, 'hr@20': base * 1.5, 'ndcg@20': base / 1.5, mrr: base / 3,
  'coverage@10': 0.5, 'tailShare@10': 0.25, 'gini@10': 0.75, 'novelty@10': 9, 'coverage@20': 0.6,
});
const run = (name: string, base: number): ScorerRun => ({
  name, valid: metrics(base), test: metrics(base / 2), users: 100, seconds: 1.5,
  fit: { seconds: 12.34, epochs: 2, bestEpoch: 2, sequencesPerSecond: 812.6, backend: 'wasm', curve: [{ epoch: 1, loss: 5, validNdcg10: 0.01, seconds: 6, sequencesPerSecond: 800 }] },
});

describe('eval report', () => {
  it('writes the required JSON keys for the model and each baseline', () => {
    const doc = evalJson(run('sasrec', 0.1), [run('pop', 0.02), run('itemknn', 0.06)], { dataset: 'ml-100k', protocol: {}, config: {} });
    expect(doc.model).toBe('sasrec');
    expect(doc.dataset).toBe('ml-100k');
    for (const stage of [doc.test, doc.valid]) {
      expect(Object.keys(stage)).toEqual(expect.arrayContaining(['hr@10', 'ndcg@10', 'hr@20', 'ndcg@20', 'mrr', 'coverage@10', 'tailShare@10', 'gini@10']));
    }
    expect(doc.test['hr@10']).toBe(0.05);
    expect(doc.train).toEqual({ seconds: 12.34, epochs: 2, bestEpoch: 2, sequencesPerSecond: 812.6, backend: 'wasm' });
    expect(Object.keys(doc.baselines)).toEqual(['pop', 'itemknn']);
    expect(doc.baselines.pop.test['ndcg@10']).toBe(0.005);
  });

  it('adds one block per long-tail variant under "variants", each with its test metrics and chosen strength', () => {
    const report: TailVariantsReport = {
      targetTailShare: 0.35,
      variants: [
        { name: 'sasrec', parameter: { name: '-', value: 0 }, valid: metrics(0.1), test: { ...metrics(0.1), 'tailShare@10': 0.25 } },
        { name: 'sasrec+invpop', parameter: { name: 'beta', value: 0.5 }, valid: metrics(0.08), test: { ...metrics(0.08), 'tailShare@10': 0.36 } },
        { name: 'sasrec+gan', parameter: { name: 'lambda', value: 2 }, valid: metrics(0.09), test: { ...metrics(0.096), 'tailShare@10': 0.35 } },
      ],
    };
    const doc = evalJson(run('sasrec', 0.1), [], { dataset: 'amazon-beauty', protocol: {}, config: {}, model: 'sasrec+gan', extra: { variants: variantsJson(report) } });
    expect(doc.model).toBe('sasrec+gan');
    const variants = (doc as Record<string, unknown>).variants as ReturnType<typeof variantsJson>;
    expect(Object.keys(variants)).toEqual(['sasrec', 'sasrec+invpop', 'sasrec+gan']);
    for (const v of Object.values(variants)) {
      expect(Object.keys(v.test)).toEqual(expect.arrayContaining(['hr@10', 'ndcg@10', 'hr@20', 'ndcg@20', 'mrr', 'coverage@10', 'tailShare@10', 'gini@10']));
    }
    expect(variants['sasrec+gan'].parameter).toEqual({ name: 'lambda', value: 2 });
    const lines = variantsTable(report).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^variant\s+test Tail@10\s+NDCG@10\s+ΔNDCG@10\s+HR@10/);
    // NDCG@10 0.048 against the base's 0.05: −4.0 % relative
    expect(lines[4]).toMatch(/^sasrec\+gan\s+0\.3500\s+0\.0480\s+-4\.0%\s+0\.0960\s.*lambda 2\.0000$/);
    expect(lines[2]).toMatch(/^sasrec\s+0\.2500\s+0\.0500\s+0\.0%.*-$/);
    // +10 pp, −4 %, 0.048 ≥ invpop's 0.040
    expect(tailVerdict(report)).toBe(
      'test check: sasrec+gan tailShare@10 +10.0 pp (≥ 10: yes), NDCG@10 −4.0% (drop ≤ 5%: yes), NDCG@10 0.0480 vs sasrec+invpop 0.0400 (≥: yes; test tail shares 0.3500 / 0.3600)',
    );
    const worse = { ...report, variants: [report.variants[0], report.variants[1], { ...report.variants[2], test: { ...report.variants[2].test, 'ndcg@10': 0.039, 'tailShare@10': 0.3 } }] };
    expect(tailVerdict(worse)).toMatch(/\+5\.0 pp \(≥ 10: NO\), NDCG@10 −22\.0% \(drop ≤ 5%: NO\), NDCG@10 0\.0390 vs sasrec\+invpop 0\.0400 \(≥: NO;/);
  });

  it('prints one row per run with the metrics, train time and sequences/s', () => {
    const lines = metricsTable([run('sasrec', 0.1), run('pop', 0.02)], 'test').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^model\s+HR@10\s+NDCG@10\s+HR@20\s+NDCG@20\s+MRR\s+Cov@10\s+Tail@10\s+Gini@10\s+Nov@10\s+train s\s+seq\/s$/);
    expect(lines[2]).toMatch(/^sasrec\s+0\.0500\s+0\.0250\s/);
    expect(lines[2]).toMatch(/12\.3\s+813$/);
  });

  it('adds cold and warm test groups (HR@10, NDCG@10, users) to the JSON and a table when evaluated so', () => {
    const coldRun: ScorerRun = { ...run('sasrec', 0.1), cold: { metrics: metrics(0.04), users: 20 }, warm: { metrics: metrics(0.08), users: 80 } };
    const doc = evalJson(coldRun, [run('pop', 0.02)], { dataset: 'amazon-scientific', protocol: {}, config: {} });
    expect(doc.cold).toMatchObject({ 'hr@10': 0.04, 'ndcg@10': 0.02, users: 20 });
    expect(doc.warm).toMatchObject({ 'hr@10': 0.08, 'ndcg@10': 0.04, users: 80 });
    expect(doc.baselines.pop).not.toHaveProperty('cold');
    expect(evalJson(run('sasrec', 0.1), [], { dataset: 'x', protocol: {}, config: {} })).not.toHaveProperty('cold');
    const lines = coldWarmTable([coldRun]).split('\n');
    expect(lines[0]).toMatch(/^model\s+HR@10 all\s+NDCG@10 all\s+HR@10 cold\s+NDCG@10 cold\s+HR@10 warm\s+NDCG@10 warm\s+cold\/warm HR\s+cold users\s+warm users$/);
    expect(lines[2]).toMatch(/^sasrec\s+0\.0500\s+0\.0250\s+0\.0400\s+0\.0200\s+0\.0800\s+0\.0400\s+0\.5000\s+20\s+80$/);
  });

  it('puts the learning curve beside the --json file, else under eval-out/', () => {
    expect(curvePaths('runs/beauty.json', 'amazon-beauty', 'sasrec')).toEqual({ json: 'runs/beauty.curve.json', svg: 'runs/beauty.curve.svg' });
    expect(curvePaths(undefined, 'ml-100k', 'pop')).toEqual({ json: 'eval-out/ml-100k-pop.curve.json', svg: 'eval-out/ml-100k-pop.curve.svg' });
  });
});
