import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { ErrorCode, EventInput, LIMITS, MODEL_KINDS, ProductInput } from '@magpie/contracts';
import type { ProductFilter } from '@magpie/contracts';

/** A BAD_USER_INPUT error that names the argument (and the path inside it) that was wrong. */
export function badArgument(argument: string, problem: string): GraphQLError {
  return new GraphQLError(`Invalid argument "${argument}": ${problem}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
  });
}

const pathSuffix = (path: readonly PropertyKey[]) =>
  path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');

/** Parses one resolver argument with a zod schema; the first problem becomes BAD_USER_INPUT. */
export function parseArgument<S extends z.ZodType>(schema: S, argument: string, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw badArgument(`${argument}${pathSuffix(issue?.path ?? [])}`, issue?.message ?? 'invalid value');
}

const pageSizes = new Map<number, z.ZodType<number, number | null | undefined>>();

/**
 * `first`: null/absent → the schema default; otherwise an integer in 1..LIMITS.maxFirst. One schema per
 * default, built once (building a zod schema costs far more than using it, and resolvers ask per request).
 */
export function pageSize(fallback: number): z.ZodType<number, number | null | undefined> {
  let schema = pageSizes.get(fallback);
  if (!schema) {
    schema = z
      .number()
      .int('must be an integer')
      .min(1, 'must be at least 1')
      .max(LIMITS.maxFirst, `must be at most ${LIMITS.maxFirst}`)
      .nullish()
      .transform((value) => value ?? fallback);
    pageSizes.set(fallback, schema);
  }
  return schema;
}

/** A product or user id as the shop sends it (the contract's rule). */
export const externalId = ProductInput.shape.id;
/** An optional id (null/absent → undefined or null as sent). */
export const optionalExternalId = externalId.nullish();

export const searchQuery = z.string().max(LIMITS.maxQueryLength, `must be at most ${LIMITS.maxQueryLength} characters`);

/** Opaque pagination cursor issued by the catalogue service. */
export const cursor = z.string().max(512, 'is not a valid cursor').nullish();

export const modelKind = z.enum(MODEL_KINDS);
export const optionalModelKind = modelKind.nullish();

/** Job settings passed through to the job's payload schema (which checks them). */
export const jobOptions = z
  .record(z.string(), z.unknown(), 'must be an object')
  .refine((o) => JSON.stringify(o).length <= 4096, 'must be at most 4 KB of JSON')
  .nullish()
  .transform((o) => o ?? {});

/** A model version id: GraphQL ID, a positive integer in its decimal form. */
export const modelVersionId = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'must be a model version id')
  .transform(Number);

/** A share in [0, 1] (e.g. `tailShare`); null/absent → undefined. */
export const optionalShare = z
  .number()
  .min(0, 'must be between 0 and 1')
  .max(1, 'must be between 0 and 1')
  .nullish()
  .transform((value) => value ?? undefined);

export const jobId = z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

const price = z.number().finite().nonnegative('must not be negative').nullish();
const label = z.string().max(LIMITS.maxCategoryLength, `must be at most ${LIMITS.maxCategoryLength} characters`).nullish();

/** The optional `filter` argument; absent or null → undefined. */
export const productFilter = z
  .object({
    category: label,
    brand: label,
    priceMin: price,
    priceMax: price,
    inStock: z.boolean().nullish(),
    excludeIds: z.array(externalId).max(LIMITS.maxBatch, `must hold at most ${LIMITS.maxBatch} ids`).nullish(),
  })
  .refine((f) => f.priceMin == null || f.priceMax == null || f.priceMin <= f.priceMax, {
    message: 'must not be below priceMin',
    path: ['priceMax'],
  })
  .nullish()
  .transform((filter): ProductFilter | undefined => filter ?? undefined);

const batch = <S extends z.ZodType>(item: S) =>
  z.array(item).max(LIMITS.maxBatch, `must hold at most ${LIMITS.maxBatch} items per call`);

export const productBatch = batch(ProductInput);
export const eventBatch = batch(EventInput);
