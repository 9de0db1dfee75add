/**
 * The public GraphQL API of Magpie, declared in one place on purpose.
 *
 * Enum values are the GraphQL spelling of the lower-case contract values (`COOCCURRENCE` ↔
 * 'cooccurrence'); the mapping lives in `enums.ts`. Access: fields marked [app] need an app or
 * admin key, fields marked [admin] need an admin key.
 */
export const typeDefs = /* GraphQL */ `
  "Arbitrary JSON (objects, arrays, numbers, strings, booleans, null)."
  scalar JSON

  "A point in time as an ISO-8601 string (UTC)."
  scalar DateTime

  "What a shopper did. IMPRESSION = an item was shown; DISLIKE suppresses an item."
  enum EventType {
    VIEW
    CLICK
    CART
    PURCHASE
    DISLIKE
    IMPRESSION
  }

  "Kinds of model that can be (re)trained and versioned."
  enum ModelKind {
    STATS
    SEQUENCE
    ITEM_ENCODER
    LONGTAIL
    "The ranker that orders the blended candidates (Y = XW₁ + H⊙C)."
    RANKER
  }

  enum ModelStatus {
    TRAINING
    READY
    ACTIVE
    RETIRED
    FAILED
  }

  "Where a recommended or found item came from."
  enum Source {
    SEQUENCE
    LONGTAIL
    COOCCURRENCE
    POPULAR
    SIMILAR
    SEARCH
  }

  enum JobState {
    WAITING
    ACTIVE
    COMPLETED
    FAILED
    DELAYED
    UNKNOWN
  }

  type Product {
    "The shop's own id for this product."
    id: ID!
    title: String!
    description: String
    brand: String
    "Category path from the root, e.g. [\\"Beauty\\", \\"Skin Care\\", \\"Serums\\"]."
    categories: [String!]!
    price: Float
    "null = stock not tracked (always available); 0 = out of stock."
    stock: Int
    inStock: Boolean!
    imageUrl: String
    attributes: JSON!
  }

  type PageInfo {
    "Pass as \`after\` to get the next page."
    endCursor: String
    hasNextPage: Boolean!
  }

  type ProductConnection {
    nodes: [Product!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type RecommendedItem {
    product: Product!
    score: Float!
    source: Source!
    "The model version that produced it (e.g. \\"SEQUENCE:12\\", \\"LONGTAIL:7\\", \\"STATS:3\\"), null when no model did. Echo it with \`source\` in IMPRESSION and CLICK events: the blend adapts to what shoppers click."
    modelVersion: String
    "Human-readable why, e.g. \\"Bought together with Rose Serum\\"."
    reason: String!
  }

  type SearchHit {
    product: Product!
    score: Float!
    source: Source!
    "Query terms (analysed form) that matched this product."
    matchedTerms: [String!]!
    "The retrievers that found it: keyword (BM25 over the product's fields), semantic (the content encoder's query and product vectors)."
    retrievedBy: [String!]!
  }

  type FacetValue {
    value: String!
    count: Int!
  }

  type SearchFacets {
    category: [FacetValue!]!
    brand: [FacetValue!]!
  }

  type SearchResult {
    query: String!
    "The analysed query terms (segmented, stemmed)."
    terms: [String!]!
    total: Int!
    hits: [SearchHit!]!
    facets: SearchFacets!
  }

  type JobProgress {
    "0..1"
    fraction: Float!
    message: String
    figures: JSON
  }

  type Job {
    "\\"<queue>:<queue-local id>\\""
    id: ID!
    queue: String!
    name: String!
    state: JobState!
    progress: JobProgress!
    result: JSON
    failedReason: String
    attemptsMade: Int!
    createdAt: DateTime
    finishedAt: DateTime
  }

  type ModelVersion {
    id: ID!
    kind: ModelKind!
    "TRAINING → READY (or FAILED); ACTIVE once promoted; RETIRED when another version took over."
    status: ModelStatus!
    "Offline metrics of this version, e.g. {\\"valid ndcg@10\\": 0.05, \\"valid hr@10\\": 0.09, \\"epochs\\": 12, \\"seconds\\": 310, \\"sequencesPerSecond\\": 640}."
    metrics: JSON!
    "How it was trained (job options, model config, compute backend)."
    config: JSON!
    "The training job that produced this version, if any."
    jobId: ID
    createdAt: DateTime!
    "When it last became the active version."
    promotedAt: DateTime
  }

  "Impressions and clicks of one model version of a source."
  type BlendVersionStats {
    "null = events without a (known) model version."
    modelVersion: String
    "Counts are Float: they outgrow GraphQL's 32-bit Int."
    impressions: Float!
    clicks: Float!
    "clicks / impressions (0 before any impression)."
    ctr: Float!
  }

  "The feedback loop's view of one source."
  type BlendSourceStats {
    source: Source!
    impressions: Float!
    clicks: Float!
    ctr: Float!
    "Posterior mean click-through (Beta prior + counts)."
    posteriorMean: Float!
    "Expected share of the total blend weight now: with the bandit, floor + lead × P(this source samples best); without, the fixed blend's share."
    weight: Float!
    versions: [BlendVersionStats!]!
  }

  type BlendStats {
    "Whether blend weights adapt online (Thompson sampling over click-through) or the fixed blend is used."
    bandit: Boolean!
    "Least share of the total weight any source gets."
    floorShare: Float!
    sources: [BlendSourceStats!]!
  }

  type UpsertResult {
    created: Int!
    updated: Int!
    "Products sent again with identical content (left untouched)."
    unchanged: Int!
  }

  type RecordEventsResult {
    accepted: Int!
    "Events whose eventId was already recorded (ignored)."
    duplicates: Int!
  }

  type ForgetUserResult {
    "Events deleted."
    events: Int!
    "Long-tail candidates deleted."
    candidates: Int!
  }

  input ProductFilter {
    "Matches any level of the category path (case-insensitive)."
    category: String
    brand: String
    priceMin: Float
    priceMax: Float
    inStock: Boolean
    "Product ids never to return."
    excludeIds: [ID!]
  }

  input ProductInput {
    id: ID!
    title: String!
    description: String
    brand: String
    categories: [String!]
    price: Float
    "null = stock not tracked (always available); 0 = out of stock."
    stock: Int
    imageUrl: String
    attributes: JSON
  }

  input EventInput {
    "Idempotency key: a retried batch with the same ids is a no-op."
    eventId: ID
    userId: ID!
    type: EventType!
    productId: ID
    query: String
    "Where the item was shown (the Source value, \\"search\\", ...), for the feedback loop: IMPRESSION and CLICK events with a recommendation source are counted per source and model version (blendStats) and steer the blend."
    source: String
    "The item's modelVersion as recommendations returned it (e.g. \\"SEQUENCE:12\\")."
    modelVersion: String
    "Epoch milliseconds; defaults to the time of receipt."
    timestamp: Float
  }

  type Query {
    "[app] One product by its id, or null."
    product(id: ID!): Product
    "[app] Catalogue page by page."
    products(filter: ProductFilter, first: Int = 20, after: String): ProductConnection!
    "[app] What this shopper should see next."
    recommendations(
      userId: ID!
      first: Int = 10
      filter: ProductFilter
      "Least share (0..1) of the list that is less known items (outside the 20% most popular), when candidates have them; default: the configured share."
      tailShare: Float
    ): [RecommendedItem!]!
    "[app] Products like this one."
    similarItems(productId: ID!, first: Int = 10): [RecommendedItem!]!
    "[app] Products matching the query, personalised when userId is given, with facets."
    search(query: String!, userId: ID, filter: ProductFilter, first: Int = 20): SearchResult!
    "[app] Query completions for a prefix."
    suggest(prefix: String!, first: Int = 10): [String!]!
    "[admin] A background job, or null."
    job(id: ID!): Job
    "[admin] Model versions, newest first."
    modelVersions(kind: ModelKind, first: Int = 20): [ModelVersion!]!
    "[admin] Impressions, clicks, click-through and current blend weight per source and per model version."
    blendStats: BlendStats!
  }

  type Mutation {
    "[admin] Create or update products (by id); at most 1000 per call."
    upsertProducts(products: [ProductInput!]!): UpsertResult!
    "[app] Report what shoppers did; at most 1000 per call."
    recordEvents(events: [EventInput!]!): RecordEventsResult!
    "[admin] Enqueue training of a model kind. \`options\` are the job's settings, e.g. for SEQUENCE {\\"epochs\\": 20, \\"patience\\": 3, \\"maxLen\\": 50, \\"dim\\": 64, \\"kind\\": \\"sasrec\\", \\"force\\": false} (unknown or invalid settings: BAD_USER_INPUT)."
    retrain(kind: ModelKind!, options: JSON): Job!
    "[admin] Make a READY or RETIRED version the active one of its kind, past the quality gate; every gateway switches to it without restarting."
    promoteModel(id: ID!): ModelVersion!
    "[admin] Re-activate the version that was active before the current one of this kind (NOT_FOUND when there is none)."
    rollbackModel(kind: ModelKind!): ModelVersion!
    "[admin] Delete everything stored about a shopper."
    forgetUser(userId: ID!): ForgetUserResult!
  }
`;
