import 'reflect-metadata';
import { QUEUE_TRAINING } from '@magpie/contracts';
import { runWorkerProcess } from '@magpie/jobs';

/** worker-training: consumes the `training` queue (statistics now; sequence models and encoders later). */
runWorkerProcess('worker-training', QUEUE_TRAINING, process.env).catch((error: unknown) => {
  process.stderr.write(`worker-training failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
