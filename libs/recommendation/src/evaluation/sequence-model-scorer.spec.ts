import type { FitSequenceModel, SequenceEncoder, SequenceModelConfig } from '@magpie/ml';
import { leaveOneOutSplit } from './leave-one-out-split';
import { sequenceModelScorer } from './sequence-model-scorer';

/** A stand-in for a trained model: dim 2, item embeddings (1,0), (0,1), (1,1); every history encodes to (1, 0.5). */
function fakeEncoder(config: SequenceModelConfig, seen: Int32Array[][]): SequenceEncoder {
  return {
    config,
    encode: (histories) => {
      seen.push(histories.map((h) => Int32Array.from(h)));
      return Float32Array.from(histories.flatMap(() => [1, 0.5]));
    },
    explain: () => ({ vector: new Float32Array(2), weights: new Float32Array(0) }),
    explainMany: (histories) => histories.map(() => ({ vector: new Float32Array(2), weights: new Float32Array(0) })),
    itemEmbeddings: () => Float32Array.of(0, 0, 1, 0, 0, 1, 1, 1),
    save: async () => new Uint8Array(0),
    dispose: () => undefined,
  };
}

describe('sequenceModelScorer', () => {
  const split = leaveOneOutSplit([Int32Array.of(0, 1, 2), Int32Array.of(2, 2, 1, 0)], 3);

  it('trains on indices shifted by one (0 is padding) and reports the learning curve', async () => {
    const calls: Parameters<FitSequenceModel>[] = [];
    const encoded: Int32Array[][] = [];
    const fitSequenceModel: FitSequenceModel = async (...args) => {
      calls.push(args);
      const [, , config, , callbacks] = args;
      const full: SequenceModelConfig = { kind: config.kind, numItems: config.numItems, maxLen: 50, dim: 2, blocks: 1, heads: 1, innerDim: 2, dropout: 0, attentionDropout: 0, seed: 1 };
      const epochs = [
        { epoch: 1, loss: 3, seconds: 2, sequencesPerSecond: 500, valid: { 'ndcg@10': 0.1 } },
        { epoch: 2, loss: 2, seconds: 2, sequencesPerSecond: 520, valid: { 'ndcg@10': 0.2 } },
      ];
      for (const report of epochs) await callbacks?.onEpoch?.(report);
      return { model: fakeEncoder(full, encoded), epochs, bestEpoch: 2, seconds: 4, sequencesPerSecond: 510, backend: 'wasm' };
    };
    const progress: number[] = [];
    const scorer = sequenceModelScorer({ fitSequenceModel }, { config: { kind: 'sasrec', dim: 2 }, train: { epochs: 2 } });
    const report = await scorer.fit(split, { onEpoch: (p) => progress.push(p.validNdcg10 ?? -1) });

    const [data, valid, config, options] = calls[0];
    expect(data.numItems).toBe(3);
    expect(data.sequences.map((s) => Array.from(s))).toEqual([[1], [3, 3]]);
    expect(valid?.histories.map((s) => Array.from(s))).toEqual([[1], [3, 3]]);
    expect(Array.from(valid?.targets ?? [])).toEqual([2, 2]);
    expect(config).toEqual({ kind: 'sasrec', dim: 2, numItems: 3 });
    expect(options).toEqual({ epochs: 2 });
    expect(progress).toEqual([0.1, 0.2]);
    expect(report).toMatchObject({ epochs: 2, bestEpoch: 2, backend: 'wasm', sequencesPerSecond: 510 });
    expect(report.curve.map((p) => [p.epoch, p.loss, p.validNdcg10])).toEqual([[1, 3, 0.1], [2, 2, 0.2]]);

    // scores = ⟨(1, 0.5), E[i + 1]⟩ for items 0, 1, 2
    const scores = scorer.scoreBatch([Int32Array.of(0, 1)]);
    expect(Array.from(scores)).toEqual([1, 0.5, 1.5]);
    expect(encoded[0].map((h) => Array.from(h))).toEqual([[1, 2]]);

    // the vectors behind those scores: items without the padding row; the same batch is encoded once
    const batch = [Int32Array.of(2), Int32Array.of(0, 0)];
    const vectors = scorer.vectors!();
    expect(vectors.dim).toBe(2);
    expect(Array.from(vectors.items)).toEqual([1, 0, 0, 1, 1, 1]);
    const before = encoded.length;
    const batchScores = scorer.scoreBatch(batch);
    const users = vectors.users(batch);
    expect(encoded.length).toBe(before + 1);
    expect(Array.from(users)).toEqual([1, 0.5, 1, 0.5]);
    for (let r = 0; r < 2; r++) for (let i = 0; i < 3; i++) expect(batchScores[r * 3 + i]).toBeCloseTo(users[r * 2] * vectors.items[i * 2] + users[r * 2 + 1] * vectors.items[i * 2 + 1], 6);
    vectors.users([Int32Array.of(2)]);
    expect(encoded.length).toBe(before + 2);
  });

  it('refuses to score before fit', () => {
    const scorer = sequenceModelScorer({ fitSequenceModel: async () => { throw new Error('unused'); } }, { config: { kind: 'gru4rec' } });
    expect(() => scorer.scoreBatch([Int32Array.of(0)])).toThrow(/fit/);
  });
});
