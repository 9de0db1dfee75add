import type { CfganEpoch } from '@magpie/ml';
import type { ThreadTask } from '../threads/thread-task';
import type { CfganThreadInput, CfganTrainOutcome } from './cfgan-trainer';

/** A CFGAN training as a thread task: trains, saves generator + item ids, hands the bytes back (transferred). */
export const runThreadTask: ThreadTask<CfganThreadInput, CfganEpoch, CfganTrainOutcome> = async ({ backend, request }, report) => {
  const { fitCfgan, initCompute, saveCfganArtifact } = await import('@magpie/ml');
  const compute = await initCompute({ backend });
  const started = performance.now();
  const { model, epochs } = fitCfgan(request.histories, { ...request.config, numItems: request.itemIds.length }, request.options, report);
  try {
    const artifact = await saveCfganArtifact({ model, itemIds: request.itemIds });
    const result: CfganTrainOutcome = { artifact, config: model.config, epochs, seconds: (performance.now() - started) / 1000, backend: compute.backend };
    return { result, transfer: [artifact.buffer as ArrayBuffer] };
  } finally {
    model.dispose();
  }
};
