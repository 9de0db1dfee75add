import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../ops/embedding';
import type { Dropout } from './dropout';
import { gru4recForward } from './gru4rec';
import type { PaddedIds } from './padding';
import { sasrecForward } from './sasrec';
import type { SequenceModelConfig } from './types';
import type { Weights } from './weights';

/** Hidden states at every position of a left-padded batch, (rows·length) × dim, for either model kind. */
export function hiddenStates(config: SequenceModelConfig, weights: Weights, batch: PaddedIds, dropout: Dropout): tf.Tensor2D {
  return config.kind === 'sasrec' ? sasrecForward(config, weights, batch, dropout).hidden : gru4recForward(config, weights, batch, dropout);
}

/** Rows of a (rows·length) × dim matrix at the given flat positions. */
export function rowsAt(matrix: tf.Tensor2D, positions: Int32Array): tf.Tensor2D {
  return gatherRows(matrix, tf.tensor1d(positions, 'int32'));
}
