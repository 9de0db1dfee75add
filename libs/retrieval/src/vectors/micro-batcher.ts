/**
 * Coalesces calls made within one turn of the event loop into a single `run` over all of their
 * inputs (flushed by `setImmediate`, i.e. after the I/O callbacks that queued them). Concurrent
 * requests then share one batched model call instead of queueing one call each.
 */
export class MicroBatcher<I, O> {
  private pending: Array<{ input: I; resolve(o: O): void; reject(e: unknown): void }> = [];
  private scheduled = false;

  constructor(private readonly run: (inputs: I[]) => O[]) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    let outputs: O[];
    try {
      outputs = this.run(batch.map((b) => b.input));
    } catch (error) {
      for (const b of batch) b.reject(error);
      return;
    }
    batch.forEach((b, i) => b.resolve(outputs[i]));
  }
}
