import type { Product } from '@magpie/contracts';
import { createHybridSearch, SearchEngine, type FusionModel, type QueryProductEncoder, type SearchRequest, type SemanticIndex, type SemanticRetriever } from '@magpie/search';

/** A search model as the gateway serves it: the content encoder and the fusion fitted with it. */
export interface ServedSearchModel {
  versionId: number;
  encoder: QueryProductEncoder & { dispose(): void };
  fusion: FusionModel | null;
  /** A semantic index for a new engine (query tower + product vectors: in this thread, or a serving thread of its own). */
  createIndex: () => Promise<SemanticIndex>;
}

/**
 * The search engine a gateway answers with: keyword-only until an ITEM_ENCODER version is active,
 * then the hybrid pipeline around it. A new model is indexed beside the serving engine (catalogue
 * changes meanwhile reach both) and swapped in only when complete; the replaced one is freed after
 * requests holding it are done.
 */
export class LiveSearch {
  private engine: SearchEngine;
  private semantic: SemanticRetriever | null = null;
  private model: ServedSearchModel | null = null;
  private building: SearchEngine | null = null;
  private readonly retiring = new Map<NodeJS.Timeout, () => void>();

  constructor(
    private readonly catalogue: () => Iterable<Product>,
    private readonly options: { disposeDelayMs?: number } = {},
  ) {
    this.engine = new SearchEngine();
  }

  /** Products indexed by the serving engine. */
  get size(): number {
    return this.engine.size;
  }

  /** The ITEM_ENCODER version behind semantic search (null: keyword search only). */
  get versionId(): number | null {
    return this.model?.versionId ?? null;
  }

  async indexAll(): Promise<void> {
    await this.engine.indexAll(this.catalogue());
  }

  /**
   * Catalogue changes: into the serving engine and the one being built, if any. The upserts start
   * together (not one after another), so with synchronous retrievers the index is current when this
   * returns, before its promise settles: a catalogue refresh is searchable at once.
   */
  apply(changed: readonly Product[]): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const engine of [this.engine, this.building]) if (engine) for (const p of changed) pending.push(engine.upsert(p));
    return Promise.all(pending).then(() => undefined);
  }

  /** Builds the hybrid engine around `model` (or a keyword-only one for null) and swaps it in. */
  async use(model: ServedSearchModel | null): Promise<void> {
    const made = model ? createHybridSearch({ encoder: model.encoder, fusion: model.fusion, index: await model.createIndex() }) : null;
    const next = made?.engine ?? new SearchEngine();
    this.building = next;
    try {
      await next.indexAll(this.catalogue());
      made?.semantic.flush(); // encode the catalogue now, not on the first query
    } catch (error) {
      made?.semantic.dispose(); // its index may hold a serving thread
      throw error;
    } finally {
      this.building = null;
    }
    const previous = { semantic: this.semantic, model: this.model };
    this.engine = next;
    this.semantic = made?.semantic ?? null;
    this.model = model;
    const retire = () => {
      previous.semantic?.dispose();
      previous.model?.encoder.dispose();
    };
    if (previous.semantic || previous.model) {
      const timer = setTimeout(() => {
        this.retiring.delete(timer);
        retire();
      }, this.options.disposeDelayMs ?? 5000);
      timer.unref();
      this.retiring.set(timer, retire);
    }
  }

  /** Products nearest this one by content (empty until an item encoder is served). */
  async similar(productId: number, k: number): Promise<Array<{ productId: number; score: number }>> {
    return (await this.semantic?.neighbours(productId, k)) ?? [];
  }

  search(request: SearchRequest) {
    return this.engine.search(request);
  }

  suggest(prefix: string, first?: number) {
    return this.engine.suggest(prefix, first);
  }

  close(): void {
    for (const [timer, retire] of this.retiring) {
      clearTimeout(timer);
      retire();
    }
    this.retiring.clear();
    this.semantic?.dispose();
    this.model?.encoder.dispose();
    this.semantic = null;
    this.model = null;
  }
}
