import * as tf from '@tensorflow/tfjs';
import type { Random } from '@magpie/math';
import type { SequenceModelConfig } from './types';

/** A model's parameters by name, in a fixed order (the order they are saved in). */
export type Weights = ReadonlyMap<string, tf.Variable>;

/** Initial values of one parameter. */
export interface Init {
  shape: number[];
  values: Float32Array;
}

/** N(0, std²) values of a parameter of this shape. */
export const normal = (shape: number[], std: number, random: Random): Init => {
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = random.normal() * std;
  return { shape, values };
};
const uniform = (shape: number[], limit: number, random: Random): Init => {
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = (random.next() * 2 - 1) * limit;
  return { shape, values };
};
const filled = (shape: number[], value: number): Init => ({ shape, values: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(value) });
/** Glorot/Xavier uniform limit √(6 / (fanIn + fanOut)). */
const xavier = (fanIn: number, fanOut: number) => Math.sqrt(6 / (fanIn + fanOut));

/** Row 0 of the item table is padding: zero, and never a target. */
function itemTable(config: SequenceModelConfig, std: number, random: Random): Init {
  const init = normal([config.numItems + 1, config.dim], std, random);
  init.values.fill(0, 0, config.dim);
  return init;
}

/**
 * Initial parameters. SASRec as RecBole: N(0, 0.02) for embeddings and dense weights, zero biases,
 * layer norm γ = 1, β = 0. GRU4Rec: Xavier-normal item embeddings, Xavier-uniform GRU and projection weights.
 */
export function initialWeights(config: SequenceModelConfig, random: Random): Map<string, Init> {
  const { dim: d, innerDim, maxLen } = config;
  const w = new Map<string, Init>();
  if (config.kind === 'sasrec') {
    const std = 0.02;
    w.set('item_embedding', itemTable(config, std, random));
    w.set('position_embedding', normal([maxLen, d], std, random));
    w.set('input_norm.gamma', filled([d], 1));
    w.set('input_norm.beta', filled([d], 0));
    for (let b = 0; b < config.blocks; b++) {
      const p = `block${b}.`;
      for (const name of ['q', 'k', 'v']) {
        w.set(`${p}${name}.w`, normal([d, d], std, random));
        w.set(`${p}${name}.b`, filled([d], 0));
      }
      w.set(`${p}out.w`, normal([d, d], std, random));
      w.set(`${p}out.b`, filled([d], 0));
      w.set(`${p}attention_norm.gamma`, filled([d], 1));
      w.set(`${p}attention_norm.beta`, filled([d], 0));
      w.set(`${p}ffn1.w`, normal([d, innerDim], std, random));
      w.set(`${p}ffn1.b`, filled([innerDim], 0));
      w.set(`${p}ffn2.w`, normal([innerDim, d], std, random));
      w.set(`${p}ffn2.b`, filled([d], 0));
      w.set(`${p}ffn_norm.gamma`, filled([d], 1));
      w.set(`${p}ffn_norm.beta`, filled([d], 0));
    }
  } else {
    w.set('item_embedding', itemTable(config, Math.sqrt(2 / (config.numItems + 1 + d)), random));
    const h = innerDim;
    for (let l = 0; l < config.blocks; l++) {
      const p = `gru${l}.`;
      const input = l === 0 ? d : h;
      w.set(`${p}input.w`, uniform([input, 3 * h], xavier(input, 3 * h), random));
      w.set(`${p}input.b`, filled([3 * h], 0));
      w.set(`${p}hidden.w`, uniform([h, 3 * h], xavier(h, 3 * h), random));
      w.set(`${p}hidden.b`, filled([3 * h], 0));
    }
    w.set('projection.w', uniform([h, d], xavier(h, d), random));
    w.set('projection.b', filled([d], 0));
  }
  return w;
}

/** Creates trainable variables from named initial (or loaded) values. */
export function toVariables(values: ReadonlyMap<string, { shape: number[]; values: Float32Array } | tf.Tensor>, trainable = true): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>();
  for (const [name, v] of values) {
    out.set(name, v instanceof tf.Tensor ? tf.variable(v, trainable) : tf.tidy(() => tf.variable(tf.tensor(v.values, v.shape, 'float32'), trainable)));
  }
  return out;
}

/** A parameter by name (throws on a missing one: a corrupt or mismatched artifact). */
export function param<R extends tf.Rank>(weights: Weights, name: string): tf.Tensor<R> {
  const v = weights.get(name);
  if (!v) throw new Error(`Sequence model weight "${name}" is missing`);
  return v as unknown as tf.Tensor<R>;
}
