import { parentPort } from 'node:worker_threads';
import type { FromServingThread, ToServingThread, Transferable } from './protocol';

/** The thread side of a serving thread: what it does on `init`, on each call, and on close. */
export interface ServingThreadHandlers<Init, Ready, Call, Result> {
  init(init: Init): Promise<Transferable<Ready>>;
  call(call: Call): Transferable<Result>;
  close(): void;
}

/** Runs in the worker thread (its main module): answers the parent's messages with `handlers`, in the order they come. */
export function serveInThread<Init, Ready, Call, Result>(handlers: ServingThreadHandlers<Init, Ready, Call, Result>): void {
  const port = parentPort;
  if (!port) throw new Error('a serving thread main module must run in a worker thread');
  let ready = false;
  const send = (message: FromServingThread<Ready, Result>, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
  port.on('message', (message: ToServingThread<Init, Call>) => {
    if (message.type === 'init') {
      handlers.init(message.init).then(
        ({ value, transfer }) => {
          ready = true;
          send({ type: 'ready', ready: value }, transfer);
        },
        (error: unknown) => send({ type: 'failed', id: null, message: messageOf(error) }),
      );
    } else if (message.type === 'call') {
      try {
        if (!ready) throw new Error('the serving thread has no model yet');
        const { value, transfer } = handlers.call(message.call);
        send({ type: 'result', id: message.id, result: value }, transfer);
      } catch (error) {
        send({ type: 'failed', id: message.id, message: messageOf(error) });
      }
    } else {
      handlers.close();
      port.close();
    }
  });
}
