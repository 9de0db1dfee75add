import type { TrainingEvent } from '@magpie/data';
import { ItemVocabulary } from './item-vocabulary';
import type { SequenceTrainingData, ValidationSet } from './ml-contract';

/** Training input for a sequence model, built from the events table. */
export interface SequenceDataset {
  vocabulary: ItemVocabulary;
  train: SequenceTrainingData;
  /** Leave-one-out: each shopper's history without the last item → that last item. */
  valid: ValidationSet;
  /** Shoppers with at least one usable sequence. */
  shoppers: number;
}

/**
 * Per-shopper sequences from user-ordered event pages (`EventRepository.scanForTraining`), split
 * leave-one-out: a shopper's last item is the validation target and the items before it are both
 * the validation history and the training sequence. Shoppers with two items train on both
 * without a validation case; shoppers with one item teach nothing and are skipped. Histories
 * longer than `maxLen` keep their most recent items.
 */
export async function buildSequenceDataset(
  pages: AsyncIterable<TrainingEvent[]>,
  options: { maxLen: number; onEvents?: (seen: number) => void | Promise<void> },
): Promise<SequenceDataset> {
  const perShopper: Array<Array<Pick<TrainingEvent, 'productId' | 'type'>>> = [];
  const products = new Set<number>();
  let current = -1;
  let seen = 0;
  for await (const page of pages) {
    for (const e of page) {
      if (e.type === 'dislike' || e.type === 'impression') continue;
      if (e.userId !== current) {
        perShopper.push([]);
        current = e.userId;
      }
      perShopper[perShopper.length - 1].push(e);
      products.add(e.productId);
    }
    seen += page.length;
    await options.onEvents?.(seen);
  }
  const vocabulary = ItemVocabulary.fromProductIds(products);
  const sequences: Int32Array[] = [];
  const histories: Int32Array[] = [];
  const targets: number[] = [];
  let shoppers = 0;
  for (const events of perShopper) {
    const { indices } = vocabulary.encode(events);
    if (indices.length < 2) continue;
    shoppers++;
    if (indices.length === 2) {
      sequences.push(indices);
      continue;
    }
    const before = indices.subarray(0, indices.length - 1);
    const kept = before.slice(Math.max(0, before.length - options.maxLen));
    sequences.push(kept);
    histories.push(kept);
    targets.push(indices[indices.length - 1]);
  }
  return {
    vocabulary,
    train: { numItems: vocabulary.size, sequences },
    valid: { histories, targets: Int32Array.from(targets) },
    shoppers,
  };
}
