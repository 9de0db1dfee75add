import type { EpochReport, FitSequenceModel, InitCompute } from '@magpie/ml';
import type { ThreadTask } from '../threads/thread-task';
import type { SequenceTrainOutcome } from './sequence-trainer';
import type { TrainingThreadInput } from './training-thread-messages';

/**
 * A sequence-model training as a thread task: loads the trainer module, picks the compute backend,
 * trains, reports each epoch and hands back the saved model (its bytes transferred, not copied).
 */
export const runThreadTask: ThreadTask<TrainingThreadInput, EpochReport, SequenceTrainOutcome> = async (input, report) => {
  const trainer = (await import(input.module)) as { fitSequenceModel: FitSequenceModel; initCompute?: InitCompute };
  await trainer.initCompute?.({ backend: input.backend });
  const { data, valid, config, options } = input.request;
  const fit = await trainer.fitSequenceModel(data, valid, config, options, { onEpoch: report });
  const model = await fit.model.save();
  const result: SequenceTrainOutcome = {
    model, config: fit.model.config, epochs: fit.epochs, bestEpoch: fit.bestEpoch, seconds: fit.seconds,
    sequencesPerSecond: fit.sequencesPerSecond, backend: fit.backend,
  };
  fit.model.dispose();
  return { result, transfer: [model.buffer as ArrayBuffer] };
};
