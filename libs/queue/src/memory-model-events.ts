import { checkModelChange, deliver, logModelEventError, type ModelChange, type ModelEvents } from './model-events';

/**
 * `ModelEvents` within one process (embedded mode). Like Redis pub/sub, delivery happens after
 * `publish` returns, on a later turn of the event loop.
 */
export class MemoryModelEvents implements ModelEvents {
  private readonly handlers = new Set<(event: ModelChange) => void>();
  private readonly pending = new Set<NodeJS.Immediate>();
  private closed = false;

  constructor(private readonly onError: (err: Error) => void = logModelEventError) {}

  async publish(event: ModelChange): Promise<void> {
    const checked = checkModelChange(event);
    if (this.closed) return;
    const immediate = setImmediate(() => {
      this.pending.delete(immediate);
      deliver([...this.handlers], checked, this.onError);
    });
    this.pending.add(immediate);
  }

  subscribe(handler: (event: ModelChange) => void): () => void {
    const wrapped = (event: ModelChange) => handler(event);
    this.handlers.add(wrapped);
    return () => {
      this.handlers.delete(wrapped);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const immediate of this.pending) clearImmediate(immediate);
    this.pending.clear();
    this.handlers.clear();
  }
}
