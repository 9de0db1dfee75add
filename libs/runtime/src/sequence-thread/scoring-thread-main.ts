// The sequence-model serving thread: loads the model on its own TensorFlow.js instance, then scores the
// batches the request thread sends (forward pass, remembered prefix states, item index search).
import { parentPort } from 'node:worker_threads';
import { SequenceScorer } from '@magpie/recommendation';
import type { FromScoringThread, ToScoringThread } from './protocol';

const port = parentPort;
if (!port) throw new Error('scoring-thread-main must run in a worker thread');

let scorer: SequenceScorer | null = null;
const send = (message: FromScoringThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

port.on('message', (message: ToScoringThread) => {
  if (message.type === 'init') {
    init(message).catch((error: unknown) => send({ type: 'failed', id: null, message: messageOf(error) }));
  } else if (message.type === 'score') {
    try {
      send(...score(message));
    } catch (error) {
      send({ type: 'failed', id: message.id, message: messageOf(error) });
    }
  } else {
    scorer?.dispose();
    scorer = null;
    port.close();
  }
});

async function init({ model, backend, annThreshold, prefixCacheSize }: Extract<ToScoringThread, { type: 'init' }>): Promise<void> {
  const ml = await import('@magpie/ml');
  await ml.initCompute({ backend });
  const encoder = await ml.loadSequenceModel(model);
  scorer = SequenceScorer.create(encoder, { annThreshold, prefixCacheSize, exactIndex: (set) => new ml.TfExactIndex(set) });
  const embeddings = scorer.itemEmbeddings();
  send({ type: 'ready', config: scorer.config, embeddings, description: `${scorer.description}, ${ml.currentBackend()} in a serving thread` }, [embeddings.buffer as ArrayBuffer]);
}

function score({ id, indices, lengths, fetch }: Extract<ToScoringThread, { type: 'score' }>): [FromScoringThread, ArrayBuffer[]] {
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
  return [{ type: 'scored', id, vectors, weights, found, scores, counts }, transfer];
}
