import { z } from 'zod';
import type { JobProgress } from '@magpie/contracts';
import { PermanentJobError } from './errors';
import type { JobQueue } from './job-queue';

/** What a processor sees of a job: the same shape under BullMQ and in the inline runner. */
export interface JobContext<P> {
  /** "<queue>:<queue-local id>", as `JobQueue.get` takes it. */
  id: string;
  name: string;
  data: P;
  /** Attempts that already failed before this one (0 on the first run). */
  attemptsMade: number;
  updateProgress(p: JobProgress): Promise<void>;
  log(message: string): Promise<void>;
  /** The queue this job runs on, to fan out into a flow of child jobs and follow them. */
  jobs: FlowRunner;
}

/** What a processor may do with the queue it runs on. */
export type FlowRunner = Pick<JobQueue, 'addFlow' | 'get'>;

/**
 * A job processor: an async function of a job. Throwing an ordinary error retries with exponential
 * backoff; throwing `PermanentJobError` fails the job at once.
 *
 * CPU-heavy processors (model training) must not run on the event loop that renews job locks:
 * they belong in a sandboxed processor or a worker thread (a later issue adds that runner).
 */
export type Processor<P = unknown, R = unknown> = (job: JobContext<P>) => Promise<R>;

/** A job name bound to its payload schema and processor; build one with `defineJob`. */
export interface JobDefinition<P = unknown, R = unknown> {
  readonly name: string;
  /** Validates `job.data`; its output is what the processor receives. */
  readonly schema: z.ZodType<P>;
  readonly processor: Processor<P, R>;
  /** Validates the payload (failing permanently when it does not fit) and runs the processor. */
  readonly run: (job: JobContext<unknown>) => Promise<R>;
}

/** A registered job with its payload type erased, as the registry stores it. */
export type RegisteredJob = Pick<JobDefinition<unknown, unknown>, 'name' | 'schema' | 'run'>;

/** Job name → its schema and processor. A `Map`, so a name like "constructor" cannot hit a prototype. */
export type ProcessorRegistry = ReadonlyMap<string, RegisteredJob>;

/**
 * Parses a payload against its schema; a payload that does not fit fails the job at once
 * (`PermanentJobError`), since retrying the same bad input cannot help.
 */
export function parsePayload<S extends z.ZodType>(schema: S, data: unknown, jobName = 'job'): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new PermanentJobError(`invalid payload for ${jobName}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Binds a job name to its payload schema and processor, keeping the payload type of the processor. */
export function defineJob<P, R>(name: string, schema: z.ZodType<P>, processor: Processor<NoInfer<P>, R>): JobDefinition<P, R> {
  return {
    name,
    schema,
    processor,
    run: async (job) => processor({ ...job, data: parsePayload(schema, job.data, name) }),
  };
}

/** Builds a registry from job definitions; two definitions with one name are a programming error. */
export function createRegistry(...definitions: RegisteredJob[]): ProcessorRegistry {
  const registry = new Map<string, RegisteredJob>();
  for (const definition of definitions) {
    if (registry.has(definition.name)) throw new Error(`job "${definition.name}" is defined twice`);
    registry.set(definition.name, definition);
  }
  return registry;
}

/** Runs the registered processor for `job.name`; a name nobody registered fails at once. */
export function executeJob(registry: ProcessorRegistry, job: JobContext<unknown>): Promise<unknown> {
  const definition = registry.get(job.name);
  if (!definition) return Promise.reject(new PermanentJobError(`no processor is registered for job "${job.name}"`));
  return definition.run(job);
}
