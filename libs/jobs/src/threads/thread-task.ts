/** A training run that was stopped before it finished (shutdown, or its thread died). */
export class TrainingInterruptedError extends Error {
  constructor(reason: string) {
    super(`training interrupted: ${reason}`);
    this.name = 'TrainingInterruptedError';
  }
}

/** What the parent hands a thread (as `workerData`): the task module and its input. */
export interface ThreadTaskInput<I = unknown> {
  /** Absolute path of a module exporting `runThreadTask` (a `ThreadTask`). */
  task: string;
  input: I;
}

/** What a task's run hands back: its result and the buffers to transfer rather than copy. */
export interface ThreadTaskOutcome<O> {
  result: O;
  transfer?: ArrayBuffer[];
}

/**
 * The body of a CPU-heavy task run off the event loop (`ThreadRunner`): a module's `runThreadTask`
 * export. `report` posts a progress report (an epoch) to the parent as it happens.
 */
export type ThreadTask<I, R, O> = (input: I, report: (r: R) => void) => Promise<ThreadTaskOutcome<O>>;

/** Messages from a task thread to its parent. */
export type ThreadTaskMessage<R, O> = { type: 'report'; report: R } | { type: 'done'; result: O } | { type: 'error'; message: string };
