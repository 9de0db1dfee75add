import { parentPort, workerData } from 'node:worker_threads';
import type { ThreadTask, ThreadTaskInput, ThreadTaskMessage } from './thread-task';

/** The body of a task thread: loads the task module, runs it, posts its reports and finally its result. */
async function main({ task, input }: ThreadTaskInput): Promise<void> {
  const post = (m: ThreadTaskMessage<unknown, unknown>, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(m, transfer);
  try {
    const module = (await import(task)) as { runThreadTask: ThreadTask<unknown, unknown, unknown> };
    // Braces: postMessage returns true, and a task may hand `report` to a loop that stops when its callback returns true.
    const outcome = await module.runThreadTask(input, (report) => {
      post({ type: 'report', report });
    });
    post({ type: 'done', result: outcome.result }, outcome.transfer ?? []);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

void main(workerData as ThreadTaskInput);
