import { resolve } from 'node:path';
import type { ComputeBackendChoice, SequenceModelConfig } from '@magpie/ml';
import type { ScoredHistory, SequenceScoring } from '@magpie/recommendation';
import { ServingThread } from '../serving-thread/serving-thread';
import type { ScoreCall, ScoredBatch, SequenceThreadInit, SequenceThreadReady } from './protocol';

export interface ThreadedScorerOptions {
  backend: ComputeBackendChoice;
  annThreshold: number;
  prefixCacheSize?: number;
  /** How long the thread may take to load TensorFlow.js and the model (default 120 s). */
  startTimeoutMs?: number;
  /** Told when the thread dies unexpectedly (it is restarted on the next call). */
  warn?: (message: string) => void;
}

/**
 * Sequence scoring in a serving thread of its own (its own TensorFlow.js instance, the model loaded from
 * its saved bytes): the request thread hands over a batch of histories and goes on serving while the
 * thread runs the forward pass and the item search. A thread that dies is started again from the same bytes.
 */
export class ThreadedSequenceScorer implements SequenceScoring {
  private constructor(private readonly thread: ServingThread<SequenceThreadInit, SequenceThreadReady, ScoreCall, ScoredBatch>) {}

  /** Starts the thread and loads the model there; rejects when it cannot. */
  static async start(model: Uint8Array, options: ThreadedScorerOptions): Promise<ThreadedSequenceScorer> {
    const { backend, annThreshold, prefixCacheSize } = options;
    const thread = await ServingThread.start<SequenceThreadInit, SequenceThreadReady, ScoreCall, ScoredBatch>({
      main: resolve(__dirname, 'scoring-thread-main.ts'),
      name: 'sequence serving thread',
      // A copy each time: the caller keeps its bytes (they restart the thread if it dies).
      init: () => ({ value: { model: model.slice(), backend, annThreshold, prefixCacheSize } }),
      startTimeoutMs: options.startTimeoutMs,
      warn: options.warn,
    });
    return new ThreadedSequenceScorer(thread);
  }

  get config(): SequenceModelConfig {
    return this.thread.ready.config;
  }

  get description(): string {
    return this.thread.ready.description;
  }

  itemEmbeddings(): Float32Array {
    return this.thread.ready.embeddings;
  }

  async score(histories: readonly Int32Array[], fetch: number): Promise<ScoredHistory[]> {
    const lengths = Int32Array.from(histories, (h) => h.length);
    const indices = new Int32Array(lengths.reduce((n, l) => n + l, 0));
    histories.reduce((at, h) => (indices.set(h, at), at + h.length), 0);
    const scored = await this.thread.call({ indices, lengths, fetch }, [indices.buffer, lengths.buffer]);
    return unpack(scored, histories, this.config.dim, fetch);
  }

  dispose(): void {
    this.thread.dispose();
  }
}

/** The thread's flat answer as one `ScoredHistory` per history. */
function unpack({ vectors, weights, found, scores, counts }: ScoredBatch, histories: readonly Int32Array[], dim: number, fetch: number): ScoredHistory[] {
  let at = 0;
  return histories.map((h, b) => {
    const out = {
      vector: vectors.subarray(b * dim, (b + 1) * dim),
      weights: weights.subarray(at, at + h.length),
      found: found.subarray(b * fetch, b * fetch + counts[b]),
      scores: scores.subarray(b * fetch, b * fetch + counts[b]),
    };
    at += h.length;
    return out;
  });
}
