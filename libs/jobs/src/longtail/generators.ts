import type { ModelVersion } from '@magpie/contracts';
import type { LongtailCandidate, MagpieStore, TrainingEvent } from '@magpie/data';
import { topKBy } from '@magpie/math';
import type { CfganModel, ComputeBackendChoice, SequenceEncoder, VectorCfganModel } from '@magpie/ml';
import { PermanentJobError } from '@magpie/queue';
import { decodeSequenceArtifact, decodeStats, isTailItem, tailCandidates, type ItemVocabulary, type StatsModel } from '@magpie/recommendation';
import { isPositive } from './interactions';

/** One shopper of a shard: their id and product events (oldest first). */
export interface Shopper {
  userId: number;
  events: TrainingEvent[];
}

/** What a shard job scores its shoppers with: a LONGTAIL version's generator, loaded once per process. */
export interface LongtailGenerator {
  /**
   * Per shopper, at most `perUser` tail items (outside the `headShare` most popular in the version's
   * statistics) the shopper has no event on, best first.
   */
  candidates(shoppers: readonly Shopper[], options: { perUser: number; headShare: number }): LongtailCandidate[];
  dispose(): void;
}

/** Which generator a LONGTAIL version uses (its config). */
export type GeneratorKind = 'cfgan' | 'cooccurrence';

/** Shoppers scored per CFGAN forward pass (rows × items scores in memory at once). */
const CFGAN_BATCH = 128;

async function loadStats(store: Pick<MagpieStore, 'versions' | 'artifacts'>, versionId: unknown): Promise<StatsModel> {
  const stats = typeof versionId === 'number' ? await store.versions.byId(versionId) : null;
  if (!stats || stats.artifactId === null) throw new PermanentJobError(`statistics version ${String(versionId)} of the long-tail version is gone`);
  return decodeStats(await store.artifacts.load(stats.artifactId));
}

/**
 * A CFGAN generator's candidates: per batch of shoppers, `score` gives rows × items preferences r̂ (or
 * null for a shopper it has no condition for); each shopper gets the best tail items they never touched.
 */
function generatorCandidates(
  itemIds: readonly number[],
  stats: StatsModel,
  score: (batch: readonly Shopper[]) => { rows: ReadonlyArray<number | null>; scores: Float32Array },
  dispose: () => void,
): LongtailGenerator {
  const index = new Map(itemIds.map((id, i) => [id, i]));
  return {
    candidates(shoppers, { perUser, headShare }) {
      const isTail = isTailItem(stats, headShare);
      const tail = Uint8Array.from(itemIds, (id) => (isTail(id) ? 1 : 0));
      const n = itemIds.length;
      const out: LongtailCandidate[] = [];
      for (let from = 0; from < shoppers.length; from += CFGAN_BATCH) {
        const batch = shoppers.slice(from, from + CFGAN_BATCH);
        const { rows, scores } = score(batch);
        batch.forEach((shopper, b) => {
          const r = rows[b];
          if (r === null) return;
          const touched = new Set(shopper.events.flatMap((e) => index.get(e.productId) ?? []));
          const row = scores.subarray(r * n, (r + 1) * n);
          const best = topKBy(n, perUser, (x, y) => row[y] - row[x] || x - y, (i) => tail[i] === 1 && !touched.has(i));
          for (const i of best) out.push({ userId: shopper.userId, productId: itemIds[i], score: row[i] });
        });
      }
      return out;
    },
    dispose,
  };
}

/** CFGAN on interaction vectors: the shopper's positive items in, preferences over every item out. */
function cfganGenerator(model: CfganModel, itemIds: readonly number[], stats: StatsModel): LongtailGenerator {
  const index = new Map(itemIds.map((id, i) => [id, i]));
  return generatorCandidates(
    itemIds,
    stats,
    (batch) => ({
      rows: batch.map((_, r) => r),
      scores: model.scores(batch.map((s) => Int32Array.from(new Set(s.events.filter(isPositive).flatMap((e) => index.get(e.productId) ?? []))))),
    }),
    () => model.dispose(),
  );
}

/**
 * CFGAN conditioned on the sequence model: each shopper's history as that model reads it, encoded to
 * its user vector, in; preferences over the model's items out. Shoppers with no item the model knows
 * have no condition and get no candidates.
 */
function sequenceCfganGenerator(model: VectorCfganModel, itemIds: readonly number[], sequence: { encoder: SequenceEncoder; vocabulary: ItemVocabulary }, stats: StatsModel): LongtailGenerator {
  const { maxLen } = sequence.encoder.config;
  return generatorCandidates(
    itemIds,
    stats,
    (batch) => {
      const histories = batch.map((s) => sequence.vocabulary.encode(s.events, maxLen).indices);
      const rows: Array<number | null> = [];
      const known: Int32Array[] = [];
      for (const h of histories) rows.push(h.length > 0 ? known.push(h) - 1 : null);
      return { rows, scores: known.length > 0 ? model.scores(sequence.encoder.encode(known)) : new Float32Array(0) };
    },
    () => {
      model.dispose();
      sequence.encoder.dispose();
    },
  );
}

/** Co-occurrence: tail neighbours of the shopper's history in the statistics (the generator before CFGAN). */
function cooccurrenceGenerator(stats: StatsModel): LongtailGenerator {
  return {
    candidates(shoppers, { perUser, headShare }) {
      const isTail = isTailItem(stats, headShare);
      return shoppers.flatMap((s) =>
        tailCandidates(s.events, stats, isTail, { limit: perUser, anchors: 20 }).map((c) => ({ userId: s.userId, productId: c.productId, score: c.score })),
      );
    },
    dispose: () => undefined,
  };
}

/**
 * Loads the generator of a LONGTAIL version: its CFGAN artifact (on the configured compute backend)
 * or nothing, plus the statistics it was made with.
 */
export async function loadLongtailGenerator(
  store: Pick<MagpieStore, 'versions' | 'artifacts'>,
  version: ModelVersion,
  backend: ComputeBackendChoice = 'auto',
): Promise<LongtailGenerator> {
  const stats = await loadStats(store, version.config.statsVersion);
  const kind = version.config.generator as GeneratorKind;
  if (kind === 'cooccurrence') return cooccurrenceGenerator(stats);
  if (kind !== 'cfgan') throw new PermanentJobError(`LONGTAIL version ${version.id} has an unknown generator "${String(kind)}"`);
  if (version.artifactId === null) throw new PermanentJobError(`LONGTAIL version ${version.id} has no CFGAN artifact`);
  const ml = await import('@magpie/ml');
  await ml.initCompute({ backend });
  const artifact = await ml.loadCfganArtifact(await store.artifacts.load(version.artifactId));
  if (artifact.condition === 'interactions') return cfganGenerator(artifact.model, artifact.itemIds, stats);
  try {
    const sequenceVersion = typeof version.config.sequenceVersion === 'number' ? await store.versions.byId(version.config.sequenceVersion) : null;
    if (!sequenceVersion || sequenceVersion.artifactId === null) throw new PermanentJobError(`sequence version ${String(version.config.sequenceVersion)} of LONGTAIL version ${version.id} is gone`);
    const sequence = decodeSequenceArtifact(await store.artifacts.load(sequenceVersion.artifactId));
    return sequenceCfganGenerator(artifact.model, artifact.itemIds, { encoder: await ml.loadSequenceModel(sequence.model), vocabulary: sequence.vocabulary }, stats);
  } catch (error) {
    artifact.model.dispose();
    throw error;
  }
}

/**
 * Generators by version, loaded once per process (every shard job a worker runs for one version
 * shares one load); the oldest is disposed beyond `capacity`.
 */
export class GeneratorCache {
  private readonly loaded = new Map<number, Promise<LongtailGenerator>>();

  constructor(
    private readonly load: (version: ModelVersion) => Promise<LongtailGenerator>,
    private readonly capacity = 2,
  ) {}

  get(version: ModelVersion): Promise<LongtailGenerator> {
    let generator = this.loaded.get(version.id);
    if (!generator) {
      generator = this.load(version);
      generator.catch(() => this.loaded.delete(version.id));
      this.loaded.set(version.id, generator);
      for (const [id, old] of this.loaded) {
        if (this.loaded.size <= this.capacity) break;
        this.loaded.delete(id);
        void old.then((g) => g.dispose(), () => undefined);
      }
    }
    return generator;
  }

  /** Loads so far (for tests: one per version and process). */
  get size(): number {
    return this.loaded.size;
  }
}
