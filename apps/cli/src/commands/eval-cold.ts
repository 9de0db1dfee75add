import type { ProductInput } from '@magpie/contracts';
import { asCatalogProduct } from '@magpie/datasets';
import type { ContentItem, SequenceEncoder } from '@magpie/ml';
import { coldStartRows, type ColdItems } from '@magpie/recommendation';
import { createAnalyzer, productContent } from '@magpie/search';

type Ml = typeof import('@magpie/ml');

/** How cold items get their rows of the sequence model's item table. */
export interface ColdStartSettings {
  /** Epochs of the content encoder (pseudo-queries + alignment with the warm items' embeddings). */
  epochs: number;
  /** λ of the alignment loss. */
  alignWeight: number;
  /** Warm neighbours (by content) whose embeddings a cold item's row averages, and the softmax temperature. */
  neighbours: number;
  temperature: number;
  seed: number;
}

export const DEFAULT_COLD_START: Omit<ColdStartSettings, 'seed'> = { epochs: 8, alignWeight: 1, neighbours: 20, temperature: 0.05 };

/** What the cold-start step did, for the report. */
export interface ColdStartReport {
  seconds: number;
  encoderEpochs: number;
  encoderLoss: number;
  coldRows: number;
}

/**
 * Each evaluation item's content (title + description analysed like search text, brand and category path),
 * in evaluation index order; null when the dataset has no product text for the item.
 */
export function itemContents(itemIds: readonly string[], products: readonly ProductInput[]): ContentItem[] | null {
  const byId = new Map(products.map((p) => [p.id, p]));
  const analyzer = createAnalyzer();
  const now = new Date();
  const items: ContentItem[] = [];
  for (const [index, id] of itemIds.entries()) {
    const p = byId.get(id);
    if (!p || p.title === '') return null;
    items.push(productContent(asCatalogProduct(p, index, now), analyzer));
  }
  return items;
}

/**
 * The step that runs after the sequence model trained on the warm items: trains the content encoder on
 * every item's content, aligned with the warm items' embeddings (content predicts behaviour), gives each
 * cold item the similarity-weighted mean embedding of its nearest warm items in that content space,
 * rescaled to the warm items' mean norm (see coldStartRows), and writes these rows (which never trained)
 * into the model's item table, where they serve as input and as output embeddings.
 */
export function coldStartStep(ml: Ml, items: readonly ContentItem[], cold: ColdItems, settings: ColdStartSettings, report: (r: ColdStartReport) => void) {
  return async (model: SequenceEncoder): Promise<void> => {
    const started = performance.now();
    const { dim } = model.config;
    const embeddings = model.itemEmbeddings();
    const targets = new Map<number, Float32Array>();
    for (let i = 0; i < cold.mask.length; i++) if (cold.mask[i] === 0) targets.set(items[i].key, embeddings.slice((i + 1) * dim, (i + 2) * dim));
    const { encoder, history } = await ml.fitContentEncoder({
      items, pairs: [],
      options: { epochs: settings.epochs, seed: settings.seed },
      align: { targets, weight: settings.alignWeight },
      onEpoch: (e) => {
        process.stderr.write(`  content encoder epoch ${e.epoch}/${settings.epochs}: loss ${e.loss.toFixed(4)} (${e.seconds.toFixed(1)} s)\n`);
      },
    });
    const content = encoder.encodeItems(items);
    const contentDim = encoder.dimensions;
    encoder.dispose();
    const rows = coldStartRows({ embeddings, dim, content, contentDim, cold: cold.mask, method: 'knn', neighbours: settings.neighbours, temperature: settings.temperature });
    if (!model.setItemEmbeddings) throw new Error(`${model.config.kind}: this model cannot take cold-start item rows`);
    model.setItemEmbeddings(rows);
    report({ seconds: (performance.now() - started) / 1000, encoderEpochs: history.length, encoderLoss: history[history.length - 1]?.loss ?? 0, coldRows: rows.size });
  };
}
