import { z } from 'zod';
import { badInput, QUEUES, type QueueName } from '@magpie/contracts';
import { isQueueName } from './job-id';
import { JOB_DEFAULTS, type EnqueueOptions } from './job-queue';
import type { ProcessorRegistry } from './processor';

/** BullMQ's rules for custom ids, applied inline too so both modes accept the same ids. */
const JobIdSchema = z
  .string()
  .min(1)
  .max(128)
  .refine((id) => !id.includes(':'), 'a job id cannot contain ":"')
  .refine((id) => `${parseInt(id, 10)}` !== id, 'a job id cannot be an integer (those are generated)');

const EnqueueOptionsSchema = z.object({
  jobId: JobIdSchema.optional(),
  attempts: z.number().int().min(1).max(100).default(JOB_DEFAULTS.attempts),
  delayMs: z.number().int().min(0).max(30 * 24 * 3600 * 1000).default(0),
});

/** An enqueue call after its checks, with defaults filled in. */
export interface EnqueueRequest {
  queue: QueueName;
  name: string;
  payload: unknown;
  jobId: string | undefined;
  attempts: number;
  delayMs: number;
}

/**
 * Checks an enqueue call the same way in both modes: the queue exists, the options are sane and, when
 * a registry is known, the job name is registered and the payload fits its schema. Throws `badInput`.
 * The payload is passed on as given (the worker parses it again, so schema defaults apply there).
 */
export function checkEnqueue(
  registry: ProcessorRegistry | undefined,
  queue: string,
  name: string,
  payload: unknown,
  options: EnqueueOptions = {},
): EnqueueRequest {
  if (!isQueueName(queue)) throw badInput(`unknown queue "${queue}"`, { queues: [...QUEUES] });
  if (typeof name !== 'string' || name.length === 0 || name.length > 128) throw badInput('a job name is required');
  const parsedOptions = EnqueueOptionsSchema.safeParse(options);
  if (!parsedOptions.success) {
    throw badInput(`invalid job options: ${z.prettifyError(parsedOptions.error)}`, { issues: parsedOptions.error.issues });
  }
  if (registry) {
    const definition = registry.get(name);
    if (!definition) throw badInput(`unknown job "${name}"`, { jobs: [...registry.keys()] });
    const parsedPayload = definition.schema.safeParse(payload);
    if (!parsedPayload.success) {
      throw badInput(`invalid payload for ${name}: ${z.prettifyError(parsedPayload.error)}`, {
        issues: parsedPayload.error.issues,
      });
    }
  }
  return { queue, name, payload: payload ?? {}, ...parsedOptions.data, jobId: parsedOptions.data.jobId };
}
