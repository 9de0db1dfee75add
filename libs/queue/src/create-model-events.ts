import type { RedisConfig } from '@magpie/config';
import { MemoryModelEvents } from './memory-model-events';
import type { ModelEvents } from './model-events';
import { RedisModelEvents } from './redis-model-events';

/** `RedisModelEvents` when `redis.url` is set (several processes), otherwise `MemoryModelEvents`. */
export function createModelEvents(redis: RedisConfig, onError?: (err: Error) => void): ModelEvents {
  return redis.url ? new RedisModelEvents(redis, onError) : new MemoryModelEvents(onError);
}
