import { resolve } from 'node:path';

/** Trainer modules for `ThreadSequenceTrainer({ module })` in tests (fake models, no TensorFlow.js). */
export const FAKE_SEQUENCE_MODULE = resolve(__dirname, 'fake-sequence-module.ts');
export const SLOW_FAKE_SEQUENCE_MODULE = resolve(__dirname, 'slow-fake-sequence-module.ts');
