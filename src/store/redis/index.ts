import type { Redis } from 'ioredis';
import type { StateBackend } from '../ports.ts';
import { createRedisDedupe } from './dedupe.ts';
import { createRedisLocks, localReleases } from './locks.ts';
import { createRedisRateLimiter } from './rate-limit.ts';
import { createRedisSessionStore } from './sessions.ts';
import { createRedisTurns } from './turns.ts';

export { connectRedis, safeRedisUrl } from './connect.ts';
export { guard } from './guard.ts';

export interface RedisBackendOptions {
  /** The shared client; the backend never opens or configures a connection itself. */
  redis: Redis;
  /** Prepended to every key, e.g. "niangjia:" (tests use a random one). */
  keyPrefix: string;
  /** Whether close() also quits the client (default false: whoever made it closes it). */
  ownsClient?: boolean;
}

/** Conversation state shared by every process on one Redis. */
export function createRedisBackend(options: RedisBackendOptions): StateBackend {
  const deps = { redis: options.redis, keyPrefix: options.keyPrefix };
  // One set of waiters for the turns and the one-by-one locks: either freeing a conversation wakes both.
  const releases = localReleases();
  const locks = createRedisLocks({ ...deps, releases });
  return {
    kind: 'redis',
    sessions: createRedisSessionStore({ ...deps, locks }),
    dedupe: createRedisDedupe(deps),
    rateLimit: createRedisRateLimiter(deps),
    locks,
    turns: createRedisTurns({ ...deps, releases }),
    async close() {
      if (options.ownsClient) await options.redis.quit().catch(() => options.redis.disconnect());
    },
  };
}
