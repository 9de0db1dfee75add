/**
 * Coalesces calls made within one turn of the event loop into a single `run` over all of their
 * inputs (flushed by `setImmediate`, i.e. after the I/O callbacks that queued them). Concurrent
 * requests then share one batched model call instead of queueing one call each. When `run` answers
 * asynchronously (work done in another thread), at most `maxInFlight` batches are in flight: calls made
 * while that many are out wait and go together in the next batch, started as soon as one is answered.
 */
export class MicroBatcher<I, O> {
  private pending: Array<{ input: I; resolve(o: O): void; reject(e: unknown): void }> = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(
    private readonly run: (inputs: I[]) => O[] | Promise<O[]>,
    private readonly maxInFlight = 1,
  ) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const settle = (outputs: O[]) => batch.forEach((b, i) => b.resolve(outputs[i]));
    const fail = (error: unknown) => batch.forEach((b) => b.reject(error));
    let outputs: O[] | Promise<O[]>;
    try {
      outputs = this.run(batch.map((b) => b.input));
    } catch (error) {
      fail(error);
      return;
    }
    if (Array.isArray(outputs)) {
      settle(outputs);
      return;
    }
    this.inFlight += 1;
    outputs.then(settle, fail).finally(() => {
      this.inFlight -= 1;
      this.schedule();
    });
  }
}
