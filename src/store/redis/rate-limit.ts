import type { Redis } from 'ioredis';
import type { RateLimiter } from '../ports.ts';
import { guard } from './guard.ts';

// One round trip, atomic: count the hit, start the window's expiry on its first hit (or if a
// crash ever left the counter without one), and report the count with the time left.
const HIT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`;

/**
 * Fixed windows that start at a key's first hit and last `windowMs`. Because the count is a
 * single INCR, exactly one caller sees `limit + 1`, so the "slow down" notice goes out once
 * per window however many processes share the key.
 */
export function createRedisRateLimiter(options: { redis: Redis; keyPrefix: string }): RateLimiter {
  const { redis } = options;
  return {
    async hit(key, limit, windowMs) {
      const [count, ttl] = (await guard('rate limit', () =>
        redis.eval(HIT, 1, `${options.keyPrefix}rate:${key}`, String(windowMs)),
      )) as [number, number];
      const allowed = count <= limit;
      return { allowed, firstDenied: count === limit + 1, retryAfterMs: allowed ? 0 : Math.max(0, ttl) };
    },
  };
}
