import { resolve } from 'node:path';
import type { ComputeBackendChoice } from '@magpie/ml';
import type { VectorMatches, VectorSet } from '@magpie/retrieval';
import type { SemanticIndex } from '@magpie/search';
import { ServingThread } from '../serving-thread/serving-thread';
import type { SemanticCall, SemanticMatchRows, SemanticThreadInit, SemanticThreadReady } from './protocol';

export interface ThreadedSemanticIndexOptions {
  backend: ComputeBackendChoice;
  annThreshold: number;
  /** How long the thread may take to load TensorFlow.js and the encoder (default 120 s). */
  startTimeoutMs?: number;
  /** Told when the thread dies unexpectedly or a rebuild fails. */
  warn?: (message: string) => void;
}

/**
 * The semantic index in a serving thread of its own: the content encoder's query tower (its own TensorFlow.js
 * instance, loaded from the encoder's bytes) and the product vector index (exact or HNSW) live there, so the
 * request thread hands over a batch of queries and goes on serving (keyword retrieval, fusion) meanwhile;
 * rebuilding the index after a catalogue change happens there too. The last vectors sent are kept here: a
 * thread that dies is started again with them.
 */
export class ThreadedSemanticIndex implements SemanticIndex {
  private set: VectorSet | null = null;

  private constructor(
    private readonly thread: ServingThread<SemanticThreadInit, SemanticThreadReady, SemanticCall, SemanticMatchRows>,
    private readonly warn: (message: string) => void,
  ) {}

  static async start(encoder: Uint8Array, options: ThreadedSemanticIndexOptions): Promise<ThreadedSemanticIndex> {
    const { backend, annThreshold } = options;
    let index: ThreadedSemanticIndex | null = null;
    const thread = await ServingThread.start<SemanticThreadInit, SemanticThreadReady, SemanticCall, SemanticMatchRows>({
      main: resolve(__dirname, 'semantic-thread-main.ts'),
      name: 'search serving thread',
      // Copies: the bytes and the vectors stay here for a restart.
      init: () => ({ value: { encoder: encoder.slice(), backend, annThreshold, set: index?.set ? copySet(index.set) : null } }),
      startTimeoutMs: options.startTimeoutMs,
      warn: options.warn,
    });
    index = new ThreadedSemanticIndex(thread, options.warn ?? (() => undefined));
    return index;
  }

  get description(): string {
    return this.thread.ready.description;
  }

  rebuild(set: VectorSet): void {
    this.set = set;
    this.thread.call({ type: 'rebuild', set: copySet(set) }).catch((error: unknown) => this.warn(`search serving thread: rebuilding the index failed: ${String(error)}`));
  }

  async searchQueries(queries: readonly (readonly string[])[], k: number): Promise<VectorMatches[]> {
    const counts = Int32Array.from(queries, (q) => q.length);
    const rows = await this.thread.call({ type: 'queries', terms: queries.flat(), counts, k }, [counts.buffer]);
    return unpack(rows, k);
  }

  async searchVector(vector: Float32Array, k: number): Promise<VectorMatches> {
    const [matches] = unpack(await this.thread.call({ type: 'vector', vector: vector.slice(), k }), k);
    return matches;
  }

  dispose(): void {
    this.thread.dispose();
    this.set = null;
  }
}

const copySet = (set: VectorSet): VectorSet => ({ vectors: set.vectors.slice(), keys: set.keys.slice(), dimensions: set.dimensions });

function unpack({ keys, scores, counts }: SemanticMatchRows, k: number): VectorMatches[] {
  return Array.from(counts, (n, q) => ({ keys: keys.subarray(q * k, q * k + n), scores: scores.subarray(q * k, q * k + n) }));
}
