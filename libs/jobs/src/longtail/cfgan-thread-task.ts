import type { CfganArtifact, CfganEpoch } from '@magpie/ml';
import type { ThreadTask } from '../threads/thread-task';
import type { CfganThreadInput, CfganTrainOutcome } from './cfgan-trainer';

/**
 * A CFGAN training as a thread task: trains (on interaction vectors, or on the sequence model's user
 * vectors when the request brings one), saves generator + item ids, hands the bytes back (transferred).
 */
export const runThreadTask: ThreadTask<CfganThreadInput, CfganEpoch, CfganTrainOutcome> = async ({ backend, request }, report) => {
  const ml = await import('@magpie/ml');
  const compute = await ml.initCompute({ backend });
  const started = performance.now();
  const numItems = request.itemIds.length;
  const config = { ...request.config, numItems };
  let trained: CfganArtifact;
  let epochs: CfganEpoch[];
  if (request.sequence) {
    const encoder = await ml.loadSequenceModel(request.sequence.model);
    try {
      const { dim } = encoder.config;
      if (encoder.config.numItems !== numItems) throw new Error(`the sequence model has ${encoder.config.numItems} items, the CFGAN request ${numItems}`);
      const space = { dim, items: encoder.itemEmbeddings().slice(dim, (numItems + 1) * dim), conditions: encoder.encode(request.sequence.conditions) };
      const fit = ml.fitVectorCfgan(request.histories, space, config, request.options, report);
      trained = { condition: 'sequence', model: fit.model, itemIds: request.itemIds };
      epochs = fit.epochs;
    } finally {
      encoder.dispose();
    }
  } else {
    const fit = ml.fitCfgan(request.histories, config, request.options, report);
    trained = { condition: 'interactions', model: fit.model, itemIds: request.itemIds };
    epochs = fit.epochs;
  }
  try {
    const artifact = await ml.saveCfganArtifact(trained);
    const result: CfganTrainOutcome = { artifact, config: trained.model.config, epochs, seconds: (performance.now() - started) / 1000, backend: compute.backend };
    return { result, transfer: [artifact.buffer as ArrayBuffer] };
  } finally {
    trained.model.dispose();
  }
};
