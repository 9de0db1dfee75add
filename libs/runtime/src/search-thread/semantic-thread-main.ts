// The search serving thread: loads the content encoder on its own TensorFlow.js instance and indexes the
// product vectors the request thread sends, then encodes queries and searches the index for it.
import type { VectorMatches } from '@magpie/retrieval';
import { vectorIndexFor } from '@magpie/retrieval';
import { LocalSemanticIndex } from '@magpie/search';
import { serveInThread } from '../serving-thread/serve-in-thread';
import type { SemanticCall, SemanticMatchRows, SemanticThreadInit, SemanticThreadReady } from './protocol';

let index: LocalSemanticIndex | null = null;
let disposeEncoder: () => void = () => undefined;

serveInThread<SemanticThreadInit, SemanticThreadReady, SemanticCall, SemanticMatchRows>({
  async init({ encoder: bytes, backend, annThreshold, set }) {
    const ml = await import('@magpie/ml');
    await ml.initCompute({ backend });
    const encoder = await ml.loadContentEncoder(bytes);
    index = new LocalSemanticIndex(encoder, (vectors) => vectorIndexFor(vectors, { annThreshold, exact: (v) => new ml.TfExactIndex(v) }));
    if (set) index.rebuild(set);
    disposeEncoder = () => encoder.dispose();
    return { value: { description: `${ml.currentBackend()} in a serving thread` } };
  },
  call(call) {
    if (!index) throw new Error('the serving thread has no model yet');
    if (call.type === 'rebuild') {
      index.rebuild(call.set);
      return { value: rows([], 0) };
    }
    if (call.type === 'vector') return packed([index.searchVector(call.vector, call.k)], call.k);
    const queries: string[][] = [];
    for (let q = 0, at = 0; q < call.counts.length; at += call.counts[q++]) queries.push(call.terms.slice(at, at + call.counts[q]));
    return packed(index.searchQueries(queries, call.k), call.k);
  },
  close() {
    index?.dispose();
    index = null;
    disposeEncoder();
  },
});

function rows(matches: VectorMatches[], k: number): SemanticMatchRows {
  const keys = new Int32Array(matches.length * k);
  const scores = new Float32Array(matches.length * k);
  const counts = new Int32Array(matches.length);
  matches.forEach((m, q) => {
    counts[q] = Math.min(k, m.keys.length);
    keys.set(m.keys.subarray(0, counts[q]), q * k);
    scores.set(m.scores.subarray(0, counts[q]), q * k);
  });
  return { keys, scores, counts };
}

function packed(matches: VectorMatches[], k: number): { value: SemanticMatchRows; transfer: ArrayBuffer[] } {
  const value = rows(matches, k);
  return { value, transfer: [value.keys.buffer as ArrayBuffer, value.scores.buffer as ArrayBuffer, value.counts.buffer as ArrayBuffer] };
}
