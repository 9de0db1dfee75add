/** What a serving thread is told: its model (`init`), then calls, each answered under its id. */
export type ToServingThread<Init, Call> = { type: 'init'; init: Init } | { type: 'call'; id: number; call: Call } | { type: 'close' };

/** What it answers: `ready` once loaded, a result or a failure per call (`failed` with id null: loading failed). */
export type FromServingThread<Ready, Result> =
  | { type: 'ready'; ready: Ready }
  | { type: 'result'; id: number; result: Result }
  | { type: 'failed'; id: number | null; message: string };

/** A value to post with the buffers it may hand over (transferred, not copied). */
export interface Transferable<T> {
  value: T;
  transfer?: ArrayBuffer[];
}
