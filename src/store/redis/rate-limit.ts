import type { Redis } from 'ioredis';
import type { RateDecision, RateLimiter } from '../ports.ts';
import { guard } from './guard.ts';
import { scriptsOn } from './scripts.ts';

/** What a counted hit means for its limit: exactly one caller sees `limit + 1`, and is told so. */
export function rateDecision(count: number, limit: number, msLeft: number): RateDecision {
  const allowed = count <= limit;
  return { allowed, firstDenied: count === limit + 1, retryAfterMs: allowed ? 0 : Math.max(0, msLeft) };
}

/**
 * Fixed windows that start at a key's first hit and last `windowMs`. Because the count is a
 * single INCR, exactly one caller sees `limit + 1`, so the "slow down" notice goes out once
 * per window however many processes share the key.
 */
export function createRedisRateLimiter(options: { redis: Redis; keyPrefix: string }): RateLimiter {
  const run = scriptsOn(options.redis);
  return {
    async hit(key, limit, windowMs) {
      const [count, ttl] = (await guard('rate limit', () => run('niangjiaRateHit', [`${options.keyPrefix}rate:${key}`], [windowMs]))) as [number, number];
      return rateDecision(count, limit, ttl);
    },
  };
}
