import { DEFAULT_ANN_THRESHOLD } from '@magpie/config';
import type { ModelKind } from '@magpie/contracts';
import type { MagpieStore } from '@magpie/data';
import { loadActiveStats } from '@magpie/jobs';
import type { ComputeBackendChoice, LoadSequenceModel } from '@magpie/ml';
import { vectorIndexFor } from '@magpie/retrieval';
import type { ModelEvents } from '@magpie/queue';
import {
  decodeRanker, decodeSequenceArtifact, SequenceScorer, SequenceServing, ServedRanker, type SequenceScoring, type ServedRankerOptions, type StatsModel,
} from '@magpie/recommendation';
import { decodeSearchModelArtifact, LocalSemanticIndex } from '@magpie/search';
import type { ServedSearchModel } from './live-search';
import { ThreadedSemanticIndex } from './search-thread/threaded-semantic-index';
import { ThreadedSequenceScorer } from './sequence-thread/threaded-sequence-scorer';

export interface ActiveModelsOptions {
  /**
   * Turns saved sequence-model bytes back into a model. Default: @magpie/ml, loaded on first use, which
   * also scores exactly on the TensorFlow.js backend (TfExactIndex) below the ANN threshold.
   */
  loadSequenceModel?: LoadSequenceModel;
  /** TensorFlow.js backend the default loader initialises (config `ml.backend`; default auto). */
  backend?: ComputeBackendChoice;
  /** Catalogue size from which sequence scoring uses the ANN index (config `ml.annThreshold`). */
  annThreshold?: number;
  /**
   * Serve the sequence model, and the search model's query tower and vector index, each in a worker thread
   * of its own (config `ml.servingThread`; default false here, the runtime passes the config). The sequence
   * model only with the default loader: an injected one serves in this thread.
   */
  servingThread?: boolean;
  /** How long a replaced sequence model stays alive for requests already holding it (default 5 s). */
  disposeDelayMs?: number;
  /** Where failed loads are reported (default: the `log` function). */
  warn?: (message: string) => void;
  /**
   * Receives each newly active ITEM_ENCODER version, loaded (the runtime rebuilds search around it);
   * the old search model keeps serving until this resolves.
   */
  onSearchModel?: (model: ServedSearchModel) => Promise<void>;
  /** Online learning of the served ranker (learning rate, remembered shown items). */
  ranker?: ServedRankerOptions;
}


/**
 * The models this gateway serves. A promotion (published by a job, an admin, or another replica)
 * loads the new version in the background; requests keep using the old one until the new one is
 * fully loaded, and a version that fails to load leaves the old one serving (and is logged).
 * Loads of one kind run one after another, so the last promotion wins.
 */
export class ActiveModels {
  private statsModel: { versionId: number; model: StatsModel } | null = null;
  private longtailVersionId: number | null = null;
  private sequenceModel: { versionId: number; serving: SequenceServing } | null = null;
  private sequenceLoads: Promise<void> = Promise.resolve();
  private searchVersionId: number | null = null;
  private searchLoads: Promise<void> = Promise.resolve();
  private rankerModel: ServedRanker | null = null;
  private readonly retiring = new Map<NodeJS.Timeout, SequenceServing>();
  private unsubscribe: (() => void) | null = null;
  private backendName: string | null = null;

  constructor(
    private readonly store: Pick<MagpieStore, 'versions' | 'artifacts'>,
    private readonly log: (message: string) => void = () => undefined,
    private readonly options: ActiveModelsOptions = {},
  ) {}

  async load(): Promise<void> {
    await Promise.all([this.reload('STATS'), this.reload('LONGTAIL'), this.reload('SEQUENCE'), this.reload('ITEM_ENCODER'), this.reload('RANKER')]);
  }

  follow(events: Pick<ModelEvents, 'subscribe'>): void {
    this.unsubscribe = events.subscribe((e) => {
      this.reload(e.kind).catch((error: unknown) => this.log(`reloading ${e.kind} failed: ${String(error)}`));
    });
  }

  async reload(kind: ModelKind): Promise<void> {
    if (kind === 'STATS') {
      const next = await loadActiveStats(this.store);
      if (next && next.versionId !== this.statsModel?.versionId) {
        this.statsModel = next;
        this.log(`serving STATS version ${next.versionId}`);
      }
    } else if (kind === 'LONGTAIL') {
      this.longtailVersionId = (await this.store.versions.active('LONGTAIL'))?.id ?? null;
    } else if (kind === 'SEQUENCE') {
      this.sequenceLoads = this.sequenceLoads.then(() => this.reloadSequence());
      await this.sequenceLoads;
    } else if (kind === 'ITEM_ENCODER') {
      this.searchLoads = this.searchLoads.then(() => this.reloadSearchModel());
      await this.searchLoads;
    } else if (kind === 'RANKER') {
      await this.reloadRanker();
    }
  }

  /** A new ranker version starts from its trained weights (online steps taken on the old one are not carried over). */
  private reloadRanker(): Promise<void> {
    return this.loadActive('RANKER', this.rankerModel?.versionId ?? null, () => (this.rankerModel ? `still serving version ${this.rankerModel.versionId}` : 'blended order kept'), async (id, bytes) => {
      this.rankerModel = new ServedRanker(id, decodeRanker(bytes), this.options.ranker);
      this.log(`serving RANKER version ${id} (${this.rankerModel.model.itemRows.size} items with factors)`);
    });
  }

  private async reloadSearchModel(): Promise<void> {
    const onSearchModel = this.options.onSearchModel;
    if (!onSearchModel) return;
    await this.loadActive('ITEM_ENCODER', this.searchVersionId, () => (this.searchVersionId ? `still serving version ${this.searchVersionId}` : 'keyword search only'), async (id, bytes) => {
      const model = await this.servedSearchModel(id, bytes);
      await onSearchModel(model);
      this.searchVersionId = id;
      this.log(`serving ITEM_ENCODER version ${id} (hybrid search, ${model.fusion ? 'learned' : 'reciprocal rank'} fusion${this.options.servingThread ? ', semantic side in a serving thread' : ''})`);
    });
  }

  /**
   * A saved search model (`encodeSearchModelArtifact` bytes) ready to serve: the content encoder here (it
   * encodes the products), and semantic indexes with the query tower in a serving thread when
   * `servingThread` is set, else in this thread.
   */
  async servedSearchModel(versionId: number, bytes: Uint8Array): Promise<ServedSearchModel> {
    const artifact = decodeSearchModelArtifact(bytes);
    const ml = await this.ml();
    const encoder = await ml.loadContentEncoder(artifact.encoder);
    const annThreshold = this.options.annThreshold ?? DEFAULT_ANN_THRESHOLD;
    const createIndex = this.options.servingThread
      ? () => ThreadedSemanticIndex.start(artifact.encoder, { backend: this.options.backend ?? 'auto', annThreshold, warn: this.options.warn ?? this.log })
      : async () => new LocalSemanticIndex(encoder, (set) => vectorIndexFor(set, { annThreshold, exact: (v) => new ml.TfExactIndex(v) }));
    return { versionId, encoder, fusion: artifact.fusion, createIndex };
  }

  /**
   * Loads the active version of `kind` unless it is the one served: `swapIn` gets its artifact bytes and
   * puts it in service. Never throws: a version that cannot be loaded is logged (`kept` says what keeps
   * serving) and the current one stays.
   */
  private async loadActive(kind: ModelKind, served: number | null, kept: () => string, swapIn: (versionId: number, bytes: Uint8Array) => Promise<void>): Promise<void> {
    let versionId: number | null = null;
    try {
      const active = await this.store.versions.active(kind);
      if (!active || active.id === served) return;
      versionId = active.id;
      if (active.artifactId === null) throw new Error('it has no artifact');
      await swapIn(active.id, await this.store.artifacts.load(active.artifactId));
    } catch (error) {
      (this.options.warn ?? this.log)(`loading ${kind} version ${versionId ?? '?'} failed (${kept()}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** @magpie/ml (TensorFlow.js), imported on first use, with the compute backend chosen before any tensor. */
  private async ml(): Promise<typeof import('@magpie/ml')> {
    const ml = await import('@magpie/ml');
    this.backendName = (await ml.initCompute({ backend: this.options.backend ?? 'auto' })).backend;
    return ml;
  }

  private reloadSequence(): Promise<void> {
    return this.loadActive('SEQUENCE', this.sequenceModel?.versionId ?? null, () => (this.sequenceModel ? `still serving version ${this.sequenceModel.versionId}` : 'no sequence model served'), async (id, bytes) => {
      const artifact = decodeSequenceArtifact(bytes);
      const serving = new SequenceServing(await this.sequenceScoring(artifact.model), artifact.vocabulary);
      const previous = this.sequenceModel;
      this.sequenceModel = { versionId: id, serving };
      if (previous) this.retire(previous.serving);
      this.log(`serving SEQUENCE version ${id} (${artifact.vocabulary.size} items, ${serving.scoring.description} scoring)`);
    });
  }

  /**
   * The model of these saved bytes, ready to score: through the injected loader in this thread; else
   * with @magpie/ml (TensorFlow.js, imported only once a sequence model is served, the compute backend
   * chosen before the first tensor), in a serving thread when `servingThread` is set.
   */
  private async sequenceScoring(bytes: Uint8Array): Promise<SequenceScoring> {
    const annThreshold = this.options.annThreshold ?? DEFAULT_ANN_THRESHOLD;
    if (this.options.loadSequenceModel) return SequenceScorer.create(await this.options.loadSequenceModel(bytes), { annThreshold });
    const ml = await this.ml();
    if (this.options.servingThread) {
      return ThreadedSequenceScorer.start(bytes, { backend: this.options.backend ?? 'auto', annThreshold, warn: this.options.warn ?? this.log });
    }
    return SequenceScorer.create(await ml.loadSequenceModel(bytes), { annThreshold, exactIndex: (set) => new ml.TfExactIndex(set) });
  }

  /** Frees a replaced model once requests that picked it up before the swap are done with it. */
  private retire(serving: SequenceServing): void {
    const timer = setTimeout(() => {
      this.retiring.delete(timer);
      serving.dispose();
    }, this.options.disposeDelayMs ?? 5000);
    timer.unref();
    this.retiring.set(timer, serving);
  }

  stats(): StatsModel | null {
    return this.statsModel?.model ?? null;
  }

  /** The ranker being served (it learns online), or null before the first RANKER version. */
  ranker(): ServedRanker | null {
    return this.rankerModel;
  }

  /** The sequence model being served, or null before the first SEQUENCE version. */
  sequence(): SequenceServing | null {
    return this.sequenceModel?.serving ?? null;
  }

  /** The TensorFlow.js backend the served sequence model runs on (null until one was loaded by the default loader). */
  computeBackend(): string | null {
    return this.backendName;
  }

  versions(): Record<string, number | null> {
    return {
      STATS: this.statsModel?.versionId ?? null,
      LONGTAIL: this.longtailVersionId,
      SEQUENCE: this.sequenceModel?.versionId ?? null,
      ITEM_ENCODER: this.searchVersionId,
      RANKER: this.rankerModel?.versionId ?? null,
    };
  }

  longtailVersion(): number | null {
    return this.longtailVersionId;
  }

  close(): void {
    this.unsubscribe?.();
    for (const [timer, serving] of this.retiring) {
      clearTimeout(timer);
      serving.dispose();
    }
    this.retiring.clear();
    this.sequenceModel?.serving.dispose();
    this.sequenceModel = null;
  }
}
