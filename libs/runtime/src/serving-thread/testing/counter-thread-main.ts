// A serving thread for ServingThread's spec: starts from `init.start`, adds each call's `add` to its total and
// answers the total; a negative `add` throws (a failing call); `init.fail` makes loading fail.
import { serveInThread } from '../serve-in-thread';

let total = 0;

serveInThread<{ start: number; fail?: boolean }, { loadedWith: number }, { add: number }, { total: number }>({
  async init({ start, fail }) {
    if (fail) throw new Error('cannot load');
    total = start;
    return { value: { loadedWith: start } };
  },
  call({ add }) {
    if (add < 0) throw new Error(`cannot add ${add}`);
    total += add;
    return { value: { total } };
  },
  close() {
    total = 0;
  },
});
