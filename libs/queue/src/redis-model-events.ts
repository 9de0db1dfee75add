import type { Redis } from 'ioredis';
import type { RedisConfig } from '@magpie/config';
import {
  checkModelChange,
  deliver,
  logModelEventError,
  ModelChangeSchema,
  type ModelChange,
  type ModelEvents,
} from './model-events';
import { createRedis, requireRedisUrl } from './redis';

/** The pub/sub channel of model changes under a key prefix. */
export const modelEventsChannel = (prefix: string): string => `${prefix}:model-events`;

/**
 * `ModelEvents` over Redis pub/sub on `${prefix}:model-events`: one connection publishes, a separate
 * one subscribes (a subscribed connection can do nothing else). The subscription starts at once;
 * await `ready()` before relying on receiving events published right after construction.
 */
export class RedisModelEvents implements ModelEvents {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly handlers = new Set<(event: ModelChange) => void>();
  private readonly subscribed: Promise<void>;
  private closed = false;

  constructor(
    redis: RedisConfig,
    private readonly onError: (err: Error) => void = logModelEventError,
  ) {
    const url = requireRedisUrl(redis.url, 'RedisModelEvents');
    this.channel = modelEventsChannel(redis.prefix);
    this.publisher = createRedis(url);
    this.subscriber = createRedis(url);
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    this.subscribed = this.subscriber.subscribe(this.channel).then(
      () => undefined,
      (err: unknown) => {
        if (!this.closed) onError(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }

  /** Resolves once the subscriber connection listens on the channel. */
  ready(): Promise<void> {
    return this.subscribed;
  }

  async publish(event: ModelChange): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(checkModelChange(event)));
  }

  subscribe(handler: (event: ModelChange) => void): () => void {
    const wrapped = (event: ModelChange) => handler(event);
    this.handlers.add(wrapped);
    return () => {
      this.handlers.delete(wrapped);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    await Promise.all([quit(this.subscriber), quit(this.publisher)]);
  }

  private receive(message: string): void {
    let parsed: ReturnType<typeof ModelChangeSchema.safeParse>;
    try {
      parsed = ModelChangeSchema.safeParse(JSON.parse(message));
    } catch {
      this.onError(new Error(`dropped a model event that is not JSON: ${message.slice(0, 200)}`));
      return;
    }
    if (!parsed.success) {
      this.onError(new Error(`dropped a malformed model event: ${message.slice(0, 200)}`));
      return;
    }
    deliver([...this.handlers], parsed.data, this.onError);
  }
}

/** Closes a connection politely, or at once when it never got connected. */
async function quit(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
