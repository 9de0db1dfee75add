import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Lua scripts of the Redis history store. KEYS = recent list, purchased set, disliked set, cached
 * marker. The marker says "this shopper's state is complete"; every key gets the same TTL in the
 * same script, so they expire together.
 */

/** ARGV = ttl, historyLength, #recent, recent..., #purchased, purchased..., disliked... */
export const STORE_SCRIPT = `
if redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
local ttl = tonumber(ARGV[1])
local i = 4
for _ = 1, tonumber(ARGV[3]) do redis.call('RPUSH', KEYS[1], ARGV[i]); i = i + 1 end
local purchased = tonumber(ARGV[i]); i = i + 1
for _ = 1, purchased do redis.call('SADD', KEYS[2], ARGV[i]); i = i + 1 end
while i <= #ARGV do redis.call('SADD', KEYS[3], ARGV[i]); i = i + 1 end
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('SET', KEYS[4], '1', 'EX', ttl)
for k = 1, 3 do redis.call('EXPIRE', KEYS[k], ttl) end
return 1
`;

/** ARGV = ttl, historyLength, then (encoded entry, type, productId) triples. No-op unless cached. */
export const APPEND_SCRIPT = `
if redis.call('EXISTS', KEYS[4]) == 0 then return 0 end
local ttl = tonumber(ARGV[1])
for i = 3, #ARGV, 3 do
  redis.call('RPUSH', KEYS[1], ARGV[i])
  if ARGV[i + 1] == 'purchase' then redis.call('SADD', KEYS[2], ARGV[i + 2])
  elseif ARGV[i + 1] == 'dislike' then redis.call('SADD', KEYS[3], ARGV[i + 2]) end
end
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
for k = 1, 4 do redis.call('EXPIRE', KEYS[k], ttl) end
return 1
`;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const SHAS = new Map<string, string>();

/** EVALSHA, falling back to EVAL when the server does not know the script yet. */
export async function runScript(redis: Redis, script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
  let sha = SHAS.get(script);
  if (!sha) SHAS.set(script, (sha = sha1(script)));
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}
