import * as tf from '@tensorflow/tfjs';
import type { InitCompute } from '../sequence/types';
import { registerWasmTrainingKernels } from './wasm-kernels';

/** A backend choice: `auto` = tfjs-node when it works, else WASM, else the plain JS backend. */
export type ComputeBackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

let settled: { choice: ComputeBackendChoice; result: Promise<{ backend: string }> } | null = null;

/**
 * Picks the TensorFlow.js backend once per thread (idempotent: later calls with the same choice return
 * the same answer without touching the engine).
 * - `tensorflow`: `@tensorflow/tfjs-node` (native TensorFlow), loaded by a guarded require; a package
 *   that is on disk but cannot load or run an op counts as absent.
 * - `wasm`: `@tensorflow/tfjs-backend-wasm` (XNNPACK with SIMD, one thread), plus the kernels training
 *   needs that it lacks (see wasm-kernels.ts).
 * - `cpu`: the plain JS backend (slow; always works).
 * `auto` tries them in that order. An explicit choice that cannot be honoured throws.
 * Must run before any tensor exists (switching backends later moves nothing across).
 */
export const initCompute: InitCompute = async (options = {}) => {
  const choice = options.backend ?? 'auto';
  if (settled && (settled.choice === choice || (choice === 'auto' && settled.choice !== 'auto'))) return settled.result;
  const result = selectBackend(choice);
  settled = { choice, result };
  try {
    return await result;
  } catch (error) {
    settled = null;
    throw error;
  }
};

/** The name of the backend tensors run on now ("tensorflow", "wasm", "cpu"). */
export function currentBackend(): string {
  return tf.getBackend();
}

async function selectBackend(choice: ComputeBackendChoice): Promise<{ backend: string }> {
  const order: Array<Exclude<ComputeBackendChoice, 'auto'>> = choice === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [choice];
  const failures: string[] = [];
  for (const name of order) {
    const problem = await tryBackend(name);
    if (problem === null) return { backend: name };
    failures.push(`${name}: ${problem}`);
  }
  throw new Error(`TensorFlow.js backend "${choice}" is not available (${failures.join('; ')})`);
}

/** Activates one backend and runs a tiny op on it; returns null when it works, else why not. */
async function tryBackend(name: Exclude<ComputeBackendChoice, 'auto'>): Promise<string | null> {
  try {
    if (name === 'tensorflow' && !(await loadNativeBinding())) return 'package @tensorflow/tfjs-node is not installed or does not load';
    if (name === 'wasm') {
      await import('@tensorflow/tfjs-backend-wasm');
      registerWasmTrainingKernels();
    }
    if (tf.findBackendFactory(name) === null && tf.findBackend(name) === null) return 'backend is not registered';
    if (!(await tf.setBackend(name))) return 'backend failed to initialise';
    await tf.ready();
    const sum = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]);
    return sum === 3 ? null : 'smoke test gave a wrong answer';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Guarded require: tfjs-node is an optional dependency that may be missing or present without its native binding. */
async function loadNativeBinding(): Promise<boolean> {
  // A variable specifier: the package is optional, so the type checker must not insist on it.
  const moduleName: string = '@tensorflow/tfjs-node';
  try {
    await import(moduleName);
    return true;
  } catch {
    return false;
  }
}
