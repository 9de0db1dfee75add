import { parentPort, workerData } from 'node:worker_threads';
import type { FitSequenceModel, InitCompute } from '@magpie/ml';
import type { TrainingThreadInput, TrainingThreadMessage } from './training-thread-messages';

/**
 * The body of a training thread: loads the trainer module, picks the compute backend, trains, and
 * posts each epoch's report and finally the saved model (its bytes transferred, not copied).
 */
async function main(input: TrainingThreadInput): Promise<void> {
  const post = (m: TrainingThreadMessage, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(m, transfer);
  try {
    const trainer = (await import(input.module)) as { fitSequenceModel: FitSequenceModel; initCompute?: InitCompute };
    await trainer.initCompute?.({ backend: input.backend });
    const { data, valid, config, options } = input.request;
    const fit = await trainer.fitSequenceModel(data, valid, config, options, { onEpoch: (report) => post({ type: 'epoch', report }) });
    const model = await fit.model.save();
    const outcome = {
      model, config: fit.model.config, epochs: fit.epochs, bestEpoch: fit.bestEpoch, seconds: fit.seconds,
      sequencesPerSecond: fit.sequencesPerSecond, backend: fit.backend,
    };
    fit.model.dispose();
    post({ type: 'done', outcome }, [model.buffer as ArrayBuffer]);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

void main(workerData as TrainingThreadInput);
