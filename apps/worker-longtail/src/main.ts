import 'reflect-metadata';
import { QUEUE_LONGTAIL } from '@magpie/contracts';
import { runWorkerProcess } from '@magpie/jobs';

/** worker-longtail: consumes the `longtail` queue (long-tail candidate generation). */
runWorkerProcess('worker-longtail', QUEUE_LONGTAIL, process.env).catch((error: unknown) => {
  process.stderr.write(`worker-longtail failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
