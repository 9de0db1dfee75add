import { z } from 'zod';

/** `retrain(kind: RANKER)`: fits the ranker on held-out interactions among the blended candidates. */
export const JOB_TRAIN_RANKER = 'train-ranker' as const;

export const TrainRankerPayload = z.object({
  /** Passes of SGD over the held-out decisions. */
  epochs: z.number().int().min(1).max(100).default(8),
  /** Size of the shopper vector H and the item vectors C. */
  dim: z.number().int().min(1).max(256).default(16),
  /** SGD learning rate. */
  lr: z.number().positive().max(1).default(0.05),
  /** Negatives drawn per decision and epoch from the other candidates. */
  negatives: z.number().int().min(1).max(200).default(20),
  /** Decisions per shopper (their last interactions). */
  decisions: z.number().int().min(1).max(50).default(3),
  /** Recent events a decision sees (as `recommendation.historyLength` when serving). */
  historyLength: z.number().int().min(1).max(1000).default(100),
  /** Most shoppers read (the first by user id). */
  maxShoppers: z.number().int().min(1).max(1_000_000).default(50_000),
  /** Items outside the `headShare` most popular fraction count as tail (a feature). */
  headShare: z.number().min(0).max(0.9).default(0.2),
  /** Seed of initialisation, order and negative draws. */
  seed: z.number().int().default(1),
  /** Activate even when the ranker does not beat the blended order and the active ranker on held-out NDCG@10. */
  force: z.boolean().default(false),
});
export type TrainRankerPayload = z.infer<typeof TrainRankerPayload>;
