import { z } from 'zod';

/** What a shopper did. `impression` = an item was shown; `dislike` suppresses an item. */
export const EVENT_TYPES = ['view', 'click', 'cart', 'purchase', 'dislike', 'impression'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Implicit-feedback strength of each event type (used by statistics and, later, training). */
export const EVENT_WEIGHT: Readonly<Record<EventType, number>> = {
  view: 1,
  click: 1.5,
  cart: 3,
  purchase: 4,
  dislike: 0,
  impression: 0,
};

/** Model kinds that `retrain(kind)` accepts and `model_versions.kind` stores. */
export const MODEL_KINDS = ['STATS', 'SEQUENCE', 'ITEM_ENCODER', 'LONGTAIL', 'RANKER'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const MODEL_STATUSES = ['training', 'ready', 'active', 'retired', 'failed'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** Limits on every external input (shared by the GraphQL layer, importers and services). */
export const LIMITS = {
  maxFirst: 100,
  maxBatch: 1000,
  maxIdLength: 128,
  maxTitleLength: 1000,
  maxDescriptionLength: 20_000,
  maxQueryLength: 256,
  maxAttributesBytes: 16_384,
  maxCategoryDepth: 8,
  maxCategoryLength: 256,
} as const;

const externalId = z.string().trim().min(1).max(LIMITS.maxIdLength);

/** A catalogue entry as the shop sends it (ids are the shop's own). */
export const ProductInput = z.object({
  id: externalId,
  title: z.string().max(LIMITS.maxTitleLength),
  description: z.string().max(LIMITS.maxDescriptionLength).nullish(),
  brand: z.string().max(LIMITS.maxCategoryLength).nullish(),
  /** Category path from the root, e.g. ["Beauty", "Skin Care", "Serums"]. */
  categories: z.array(z.string().min(1).max(LIMITS.maxCategoryLength)).max(LIMITS.maxCategoryDepth).nullish(),
  price: z.number().finite().nonnegative().nullish(),
  /** null = stock not tracked (always available); 0 = out of stock. */
  stock: z.number().int().nonnegative().nullish(),
  imageUrl: z.string().max(2048).nullish(),
  attributes: z
    .record(z.string(), z.unknown())
    .nullish()
    .refine((a) => a == null || JSON.stringify(a).length <= LIMITS.maxAttributesBytes, 'attributes too large'),
});
export type ProductInput = z.infer<typeof ProductInput>;

/** One shopper event as the shop reports it. */
export const EventInput = z.object({
  /** Idempotency key: a retried batch with the same ids is a no-op. */
  eventId: z.string().min(1).max(LIMITS.maxIdLength).nullish(),
  userId: externalId,
  type: z.enum(EVENT_TYPES),
  productId: externalId.nullish(),
  query: z.string().max(LIMITS.maxQueryLength).nullish(),
  /** Where the item was shown (recommendation source, "search", ...), for the feedback loop. */
  source: z.string().max(64).nullish(),
  modelVersion: z.string().max(64).nullish(),
  /** Epoch milliseconds; defaults to the time of receipt. */
  timestamp: z.number().int().positive().nullish(),
});
export type EventInput = z.infer<typeof EventInput>;

/** A product as stored (internal numeric id + the shop's external id). */
export interface Product {
  id: number;
  externalId: string;
  title: string;
  description: string | null;
  brand: string | null;
  categories: string[];
  price: number | null;
  stock: number | null;
  imageUrl: string | null;
  attributes: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

/** A stored event, with internal ids. */
export interface StoredEvent {
  id: number;
  userId: number;
  productId: number | null;
  type: EventType;
  query: string | null;
  source: string | null;
  modelVersion: string | null;
  ts: Date;
}

/** The slice of a shopper's history the real-time path needs (newest last). */
export interface HistoryEntry {
  productId: number;
  type: EventType;
  ts: number;
}

export interface ModelVersion {
  id: number;
  kind: ModelKind;
  status: ModelStatus;
  config: Record<string, unknown>;
  metrics: Record<string, number>;
  artifactId: number | null;
  jobId: string | null;
  createdAt: Date;
  promotedAt: Date | null;
}
