import type { Product } from '@magpie/contracts';
import {
  cursor,
  eventBatch,
  externalId,
  jobId,
  jobOptions,
  modelKind,
  modelVersionId,
  optionalExternalId,
  optionalModelKind,
  optionalShare,
  pageSize,
  parseArgument as arg,
  productBatch,
  productFilter,
  searchQuery,
} from './args';
import { requireScope } from './auth';
import type { GatewayContext } from './context';
import { enumResolvers } from './enums';
import { DateTimeScalar, JsonScalar } from './scalars';

/** GraphQL has already checked argument types; values are re-validated against the contract limits. */
type Args = Record<string, unknown>;
type Resolver<TParent = unknown> = (parent: TParent, args: Args, context: GatewayContext) => unknown;

/** Each resolver: check access, validate arguments, call one service method. */
const Query: Record<string, Resolver> = {
  product: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'app');
    return services.catalog.product(arg(externalId, 'id', a.id));
  },
  products: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'app');
    return services.catalog.products({
      filter: arg(productFilter, 'filter', a.filter),
      first: arg(pageSize(20), 'first', a.first),
      after: arg(cursor, 'after', a.after),
    });
  },
  recommendations: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'app');
    return services.recommendation.forUser(arg(externalId, 'userId', a.userId), {
      first: arg(pageSize(10), 'first', a.first),
      filter: arg(productFilter, 'filter', a.filter),
      tailShare: arg(optionalShare, 'tailShare', a.tailShare),
    });
  },
  similarItems: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'app');
    return services.recommendation.similar(arg(externalId, 'productId', a.productId), {
      first: arg(pageSize(10), 'first', a.first),
    });
  },
  search: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'app');
    return services.search.search({
      query: arg(searchQuery, 'query', a.query),
      userId: arg(optionalExternalId, 'userId', a.userId),
      filter: arg(productFilter, 'filter', a.filter),
      first: arg(pageSize(20), 'first', a.first),
    });
  },
  suggest: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'app');
    return services.search.suggest({ prefix: arg(searchQuery, 'prefix', a.prefix), first: arg(pageSize(10), 'first', a.first) });
  },
  job: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'admin');
    return services.jobs.job(arg(jobId, 'id', a.id));
  },
  modelVersions: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'admin');
    return services.models.versions({
      kind: arg(optionalModelKind, 'kind', a.kind) ?? undefined,
      first: arg(pageSize(20), 'first', a.first),
    });
  },
  blendStats: (_root, _a, { services, viewer }) => {
    requireScope(viewer, 'admin');
    return services.feedback.blendStats();
  },
};

const Mutation: Record<string, Resolver> = {
  upsertProducts: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'admin');
    return services.catalog.upsert(arg(productBatch, 'products', a.products));
  },
  recordEvents: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'app');
    return services.events.record(arg(eventBatch, 'events', a.events));
  },
  retrain: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'admin');
    return services.jobs.retrain(arg(modelKind, 'kind', a.kind), arg(jobOptions, 'options', a.options));
  },
  promoteModel: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'admin');
    return services.models.promote(arg(modelVersionId, 'id', a.id));
  },
  rollbackModel: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'admin');
    return services.models.rollback(arg(modelKind, 'kind', a.kind));
  },
  forgetUser: (_root, a, { services, viewer }) => {
    requireScope(viewer, 'admin');
    return services.privacy.forgetUser(arg(externalId, 'userId', a.userId));
  },
};

const ProductType: Record<string, Resolver<Product>> = {
  id: (product) => product.externalId,
  // null stock = not tracked = always available.
  inStock: (product) => product.stock == null || product.stock > 0,
};

/** The resolver map handed to Apollo: operations, field mappings, enum values and scalars. */
export const resolvers = {
  Query,
  Mutation,
  Product: ProductType,
  ...enumResolvers,
  JSON: JsonScalar,
  DateTime: DateTimeScalar,
};
