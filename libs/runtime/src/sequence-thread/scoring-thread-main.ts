// The sequence-model serving thread: loads the model on its own TensorFlow.js instance, then scores the
// batches the request thread sends (forward pass, remembered prefix states, item index search).
import { SequenceScorer } from '@magpie/recommendation';
import { serveInThread } from '../serving-thread/serve-in-thread';
import type { ScoreCall, ScoredBatch, SequenceThreadInit, SequenceThreadReady } from './protocol';

let scorer: SequenceScorer | null = null;

serveInThread<SequenceThreadInit, SequenceThreadReady, ScoreCall, ScoredBatch>({
  async init({ model, backend, annThreshold, prefixCacheSize }) {
    const ml = await import('@magpie/ml');
    await ml.initCompute({ backend });
    const encoder = await ml.loadSequenceModel(model);
    scorer = SequenceScorer.create(encoder, { annThreshold, prefixCacheSize, exactIndex: (set) => new ml.TfExactIndex(set) });
    const embeddings = scorer.itemEmbeddings();
    return { value: { config: scorer.config, embeddings, description: `${scorer.description}, ${ml.currentBackend()} in a serving thread` }, transfer: [embeddings.buffer as ArrayBuffer] };
  },
  call: score,
  close() {
    scorer?.dispose();
    scorer = null;
  },
});

function score({ indices, lengths, fetch }: ScoreCall): { value: ScoredBatch; transfer: ArrayBuffer[] } {
  if (!scorer) throw new Error('the serving thread has no model yet');
  const histories: Int32Array[] = [];
  for (let b = 0, at = 0; b < lengths.length; at += lengths[b++]) histories.push(indices.subarray(at, at + lengths[b]));
  const scored = scorer.score(histories, fetch);
  const d = scorer.config.dim;
  const B = histories.length;
  const vectors = new Float32Array(B * d);
  const weights = new Float32Array(indices.length);
  const found = new Int32Array(B * fetch);
  const scores = new Float32Array(B * fetch);
  const counts = new Int32Array(B);
  let at = 0;
  scored.forEach((s, b) => {
    vectors.set(s.vector, b * d);
    weights.set(s.weights, at);
    at += histories[b].length;
    counts[b] = Math.min(fetch, s.found.length);
    found.set(s.found.subarray(0, counts[b]), b * fetch);
    scores.set(s.scores.subarray(0, counts[b]), b * fetch);
  });
  const transfer = [vectors, weights, found, scores, counts].map((a) => a.buffer as ArrayBuffer);
  return { value: { vectors, weights, found, scores, counts }, transfer };
}
