import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig, type ConfigOverrides } from '@magpie/config';
import { DEMO_HELP, runDemo } from './commands/demo';
import { EVAL_HELP, runEval } from './commands/eval';
import { EVAL_SEARCH_HELP, runEvalSearch, runSplitJudgments } from './commands/eval-search';
import { IMPORT_HELP, runImport } from './commands/import';
import { SERVE_HELP, runServe } from './commands/serve';
import { TRAIN_HELP, runTrain } from './commands/train';

const HELP = `magpie <command> [options]

${DEMO_HELP}

${IMPORT_HELP}

${TRAIN_HELP}

${SERVE_HELP}

${EVAL_HELP}

${EVAL_SEARCH_HELP}

Common options: --data-dir DIR (PGlite directory), --datasets-dir DIR (public datasets), --help.
Settings otherwise come from the environment (see README: DATABASE_URL, REDIS_URL, MAGPIE_*).`;

const OPTIONS = {
  help: { type: 'boolean' },
  once: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  products: { type: 'string' },
  users: { type: 'string' },
  seed: { type: 'string' },
  dataset: { type: 'string' },
  'data-dir': { type: 'string' },
  'datasets-dir': { type: 'string' },
  kind: { type: 'string' },
  timeout: { type: 'string' },
  'eval-judgments': { type: 'string' },
  'train-judgments': { type: 'string' },
  typos: { type: 'boolean' },
  encoder: { type: 'string' },
  'save-encoder': { type: 'string' },
  candidates: { type: 'string' },
  'fusion-share': { type: 'string' },
  'out-dir': { type: 'string' },
  fraction: { type: 'string' },
  json: { type: 'string' },
  file: { type: 'string' },
  format: { type: 'string' },
  model: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  'max-len': { type: 'string' },
  dim: { type: 'string' },
  blocks: { type: 'string' },
  lr: { type: 'string' },
  dropout: { type: 'string' },
  patience: { type: 'string' },
  loss: { type: 'string' },
  negatives: { type: 'string' },
  'average-decay': { type: 'string' },
  threads: { type: 'string' },
  'exclude-history': { type: 'boolean' },
  'cold-items': { type: 'string' },
  'gan-epochs': { type: 'string' },
  'gan-patience': { type: 'string' },
  'gan-hidden': { type: 'string' },
  'gan-batch-size': { type: 'string' },
  'gan-lr': { type: 'string' },
  'gan-condition': { type: 'string' },
  'gan-noise': { type: 'string' },
  'tail-gain': { type: 'string' },
} as const;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const command = positionals[0];
  if (values.help || !command || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const overrides: ConfigOverrides = {
    database: { dataDir: values['data-dir'] },
    datasets: { dir: values['datasets-dir'] },
    gateway: { port: values.port === undefined ? undefined : Number(values.port), host: values.host },
  };
  const config = loadConfig(process.env, overrides);
  switch (command) {
    case 'demo':
      return runDemo(config, values);
    case 'import':
      return runImport(config, values);
    case 'train':
      return runTrain(config, values);
    case 'serve':
      return runServe(config);
    case 'eval':
      return runEval(config, values);
    case 'eval-search':
      return runEvalSearch(config, {
        encoder: values.encoder,
        saveEncoder: values['save-encoder'],
        candidates: values.candidates,
        fusionShare: values['fusion-share'],
        lr: values.lr,
        averageDecay: values['average-decay'],
        trainJudgments: values['train-judgments'],
        evalJudgments: values['eval-judgments'],
        epochs: values.epochs,
        typos: values.typos,
        json: values.json,
      });
    case 'split-judgments':
      return runSplitJudgments(config, { outDir: values['out-dir'], fraction: values.fraction, seed: values.seed });
    default:
      throw new Error(`unknown command "${command}"; run magpie --help`);
  }
}

main(process.argv.slice(2)).then(
  () => {
    // Long-lived commands (demo without --once, serve) keep the event loop busy; the rest end here.
  },
  (error: unknown) => {
    process.stderr.write(`magpie: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
