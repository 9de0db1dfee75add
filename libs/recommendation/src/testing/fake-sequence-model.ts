import { createRandom } from '@magpie/math';
import { ExactVectorIndex } from '@magpie/retrieval';
import type {
  EpochReport, FitResult, FitSequenceModel, LoadSequenceModel, PrefixState, SequenceEncoder, SequenceModelConfig, ValidationSet,
} from '../sequence/ml-contract';

/**
 * A hand-written stand-in for the @magpie/ml sequence models, for tests of the code around them
 * (training job, serving, lifecycle). It keeps the contract exactly but is tiny and fast: item
 * vectors of unit length; a history's vector is Σ_i w_i · e(h_i) with recency weights
 * w_i ∝ 2^i (newest heaviest), which `explain` returns; "training" pulls each item towards the
 * item before it in the sequences, so items that follow one another score high together.
 */
export class FakeSequenceEncoder implements SequenceEncoder {
  private disposed = false;

  constructor(
    readonly config: SequenceModelConfig,
    private readonly embeddings: Float32Array,
  ) {}

  encode(histories: readonly Int32Array[]): Float32Array {
    this.check();
    const d = this.config.dim;
    const out = new Float32Array(histories.length * d);
    histories.forEach((h, u) => out.set(this.weigh(h).vector, u * d));
    return out;
  }

  explain(history: Int32Array): { vector: Float32Array; weights: Float32Array } {
    this.check();
    return this.weigh(history);
  }

  explainMany(histories: readonly Int32Array[]): Array<{ vector: Float32Array; weights: Float32Array }> {
    this.check();
    return histories.map((h) => this.weigh(h));
  }

  /** Computes every history in full; each state is the history as read (so tests see which prefix came back). */
  explainExtending(
    histories: readonly Int32Array[],
    _prefixes: ReadonlyArray<PrefixState | null>,
  ): Array<{ vector: Float32Array; weights: Float32Array; state: PrefixState }> {
    return this.explainMany(histories).map((e, i) => {
      const read = histories[i].subarray(Math.max(0, histories[i].length - this.config.maxLen));
      return { ...e, state: { length: read.length, values: Float32Array.from(read) } };
    });
  }

  private weigh(history: Int32Array): { vector: Float32Array; weights: Float32Array } {
    const d = this.config.dim;
    const read = history.subarray(Math.max(0, history.length - this.config.maxLen));
    const weights = Float32Array.from(read, (_, i) => 2 ** i);
    const total = weights.reduce((a, b) => a + b, 0);
    const vector = new Float32Array(d);
    read.forEach((item, i) => {
      weights[i] /= total;
      for (let j = 0; j < d; j++) vector[j] += weights[i] * this.embeddings[item * d + j];
    });
    return { vector, weights };
  }

  itemEmbeddings(): Float32Array {
    this.check();
    return this.embeddings.slice();
  }

  async save(): Promise<Uint8Array> {
    this.check();
    const header = new TextEncoder().encode(JSON.stringify(this.config));
    const out = new Uint8Array(4 + header.length + this.embeddings.byteLength);
    new DataView(out.buffer).setUint32(0, header.length, true);
    out.set(header, 4);
    out.set(new Uint8Array(this.embeddings.buffer, this.embeddings.byteOffset, this.embeddings.byteLength), 4 + header.length);
    return out;
  }

  dispose(): void {
    this.disposed = true;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private check(): void {
    if (this.disposed) throw new Error('FakeSequenceEncoder used after dispose()');
  }
}

/** The inverse of `FakeSequenceEncoder.save()`. */
export const loadFakeSequenceModel: LoadSequenceModel = async (bytes) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  const config = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as SequenceModelConfig;
  const embeddings = new Float32Array(bytes.slice(4 + headerLength).buffer);
  return new FakeSequenceEncoder(config, embeddings);
};

const normalise = (e: Float32Array, d: number, row: number) => {
  let n = 0;
  for (let j = 0; j < d; j++) n += e[row * d + j] ** 2;
  const s = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let j = 0; j < d; j++) e[row * d + j] *= s;
};

/** Full-ranking validation: NDCG@10 = mean 1/log2(rank + 2) over targets ranked < 10, HR@10 = share ranked < 10. */
function validate(model: FakeSequenceEncoder, valid: ValidationSet): Record<string, number> {
  const { numItems, dim } = model.config;
  const index = new ExactVectorIndex({
    vectors: model.itemEmbeddings().slice(dim), keys: Int32Array.from({ length: numItems }, (_, i) => i + 1), dimensions: dim,
  });
  const matches = index.search(model.encode(valid.histories), 10 + model.config.maxLen);
  let ndcg = 0;
  let hr = 0;
  matches.forEach((m, u) => {
    const seen = new Set(valid.histories[u]);
    const ranked = Array.from(m.keys).filter((k) => !seen.has(k)).slice(0, 10);
    const rank = ranked.indexOf(valid.targets[u]);
    if (rank >= 0) { hr++; ndcg += 1 / Math.log2(rank + 2); }
  });
  const n = Math.max(1, valid.targets.length);
  return { 'ndcg@10': ndcg / n, 'hr@10': hr / n };
}

/**
 * A `FitSequenceModel` over the fake model: seeded, honours epochs, patience (keeping the best
 * epoch's weights), `onEpoch` and `shouldStop`. `busyMsPerEpoch` blocks the thread it runs on for
 * that long per epoch, as real training does.
 */
export function makeFakeFitSequenceModel(options: { busyMsPerEpoch?: number } = {}): FitSequenceModel {
  return async (data, valid, partial, train = {}, callbacks = {}) => {
    const started = Date.now();
    const config: SequenceModelConfig = {
      maxLen: 50, dim: 16, blocks: 1, heads: 1, innerDim: 16, dropout: 0, attentionDropout: 0, seed: 1, ...partial,
    };
    const { numItems, dim } = config;
    const epochs = train.epochs ?? 5;
    const patience = train.patience ?? 3;
    const random = createRandom(config.seed);
    const e = Float32Array.from({ length: (numItems + 1) * dim }, (_, i) => (i < dim ? 0 : random.next() - 0.5));
    for (let r = 1; r <= numItems; r++) normalise(e, dim, r);
    const reports: EpochReport[] = [];
    let best = { epoch: 0, ndcg: -1, weights: e.slice() };
    for (let epoch = 1; epoch <= epochs && !callbacks.shouldStop?.(); epoch++) {
      const t0 = Date.now();
      let loss = 0;
      for (const s of data.sequences) {
        for (let i = 1; i < s.length; i++) {
          const a = s[i - 1] * dim;
          const b = s[i] * dim;
          for (let j = 0; j < dim; j++) {
            const pull = 0.5 * (e[a + j] - e[b + j]);
            loss += pull * pull;
            e[b + j] += pull;
          }
          normalise(e, dim, s[i]);
        }
      }
      while (Date.now() - t0 < (options.busyMsPerEpoch ?? 0)) { /* busy, like a training step */ }
      const model = new FakeSequenceEncoder(config, e.slice());
      const metrics = valid && valid.targets.length > 0 ? validate(model, valid) : undefined;
      const seconds = (Date.now() - t0) / 1000;
      const report: EpochReport = {
        epoch, loss, seconds, sequencesPerSecond: data.sequences.length / Math.max(seconds, 1e-3), ...(metrics ? { valid: metrics } : {}),
      };
      reports.push(report);
      await callbacks.onEpoch?.(report);
      // Without validation the latest weights are the best ones.
      const ndcg = metrics ? metrics['ndcg@10'] : epoch;
      if (ndcg > best.ndcg) best = { epoch, ndcg, weights: e.slice() };
      else if (epoch - best.epoch >= patience) break;
    }
    const seconds = (Date.now() - started) / 1000;
    const result: FitResult = {
      model: new FakeSequenceEncoder(config, best.weights),
      epochs: reports,
      bestEpoch: best.epoch,
      seconds,
      sequencesPerSecond: (data.sequences.length * reports.length) / Math.max(seconds, 1e-3),
      backend: 'fake',
    };
    return result;
  };
}

export const fakeFitSequenceModel: FitSequenceModel = makeFakeFitSequenceModel();
