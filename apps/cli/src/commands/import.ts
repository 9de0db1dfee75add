import { createLogger, type MagpieConfig } from '@magpie/config';
import { createStore } from '@magpie/data';
import { DATASET_NAMES, loadDataset } from '@magpie/datasets';
import { importBundle } from '@magpie/runtime';
import { progressBar } from '../progress';

export const IMPORT_HELP = `magpie import --dataset <name> [--data-dir DIR] [--datasets-dir DIR]
  Loads a public dataset (${DATASET_NAMES.join(', ')}) into the database: DATABASE_URL, or PGlite in --data-dir.
  Re-importing the same dataset adds nothing (events carry deterministic ids).`;

export async function runImport(config: MagpieConfig, args: { dataset?: string }): Promise<void> {
  if (!args.dataset) throw new Error(`--dataset is required\n${IMPORT_HELP}`);
  const log = createLogger('import', config.logLevel);
  log.info('reading dataset', { dataset: args.dataset, dir: config.datasets.dir });
  const bundle = await loadDataset(args.dataset, config.datasets.dir);
  const store = await createStore(config.database);
  try {
    const bar = progressBar('import');
    const result = await importBundle(store, bundle, { onProgress: (p) => bar.update(p.done, p.total, p.phase) });
    bar.stop();
    process.stdout.write(
      `imported ${args.dataset} into ${store.driver}: products ${result.products.created} created / ${result.products.updated} updated / ${result.products.unchanged} unchanged, ` +
        `events +${result.events.accepted} (${result.events.duplicates} already there) in ${result.seconds.toFixed(1)} s\n`,
    );
  } finally {
    await store.close();
  }
}
