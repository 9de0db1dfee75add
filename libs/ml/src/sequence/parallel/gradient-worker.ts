// Entry of a data-parallel training thread: holds a replica of the weights, computes gradients of its
// shard of each batch, exchanges them with the coordinator and applies the same Adam step.
import { parentPort } from 'node:worker_threads';
import { initCompute } from '../../compute/init-compute';
import { JsAdam } from '../adam';
import { computeGradients } from '../gradients';
import type { SequenceModelConfig } from '../types';
import { toVariables, type Weights } from '../weights';
import { checksum, sumGradients, type FromWorker, type ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('gradient-worker must run in a worker thread');

let state: { config: SequenceModelConfig; weights: Weights; adam: JsAdam } | null = null;
let own: Float32Array[] | null = null;
let peer: Float32Array[] | null = null;

const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Applies Σ(coordinator's, own) once both halves are here (the coordinator's first, as it sums too). */
function maybeApply() {
  if (!state || !own || !peer) return;
  state.adam.apply(sumGradients([peer, own]));
  own = null;
  peer = null;
}

port.on('message', async (message: ToWorker) => {
  try {
    switch (message.type) {
      case 'init': {
        await initCompute({ backend: message.backend as 'wasm' });
        const values = new Map(message.layout.map(({ name, shape }, i) => [name, { shape, values: message.initial[i] }]));
        const weights = toVariables(values);
        state = { config: message.config, weights, adam: new JsAdam(weights, message.learningRate, message.weightDecay) };
        send({ type: 'ready' });
        break;
      }
      case 'step': {
        if (!state) throw new Error('gradient worker: step before init');
        const result = computeGradients(state.config, state.weights, message.input, message.scale);
        own = result.grads;
        send({ type: 'grads', loss: result.loss, positions: result.positions, grads: result.grads });
        maybeApply();
        break;
      }
      case 'peer-grads':
        peer = message.grads;
        maybeApply();
        break;
      case 'checksum':
        if (!state) throw new Error('gradient worker: checksum before init');
        send({ type: 'checksum', value: checksum([...state.weights.values()].map((w) => w.dataSync() as Float32Array)) });
        break;
      case 'close':
        state?.weights.forEach((w) => w.dispose());
        state = null;
        port.close();
        break;
    }
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
  }
});
