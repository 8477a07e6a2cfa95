import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { guard } from '../../store/redis/guard.ts';
import type { Pacer } from '../pacing.ts';

// Sliding-window logs in sorted sets, checked and recorded in one step with Redis's own clock,
// so every process sees the same limits. ARGV: weight, then limit/window per key, then a token.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local weight = tonumber(ARGV[1])
local token = ARGV[#ARGV]
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i])
  local window = tonumber(ARGV[2 * i + 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local n = math.min(weight, limit)
  local count = redis.call('ZCARD', key)
  if count + n > limit then
    local e = redis.call('ZRANGE', key, count + n - limit - 1, count + n - limit - 1, 'WITHSCORES')
    local w = tonumber(e[2]) + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i])
  local window = tonumber(ARGV[2 * i + 1])
  for j = 1, math.min(weight, limit) do
    redis.call('ZADD', key, now, token .. ':' .. j)
  end
  redis.call('PEXPIRE', key, window)
end
return 0
`;

/** Platform limits shared by every process on one Redis (one Telegram bot, one WeChat account). */
export function createRedisPacer(options: { redis: Redis; keyPrefix: string }): Pacer {
  return {
    async acquire(slots, weight) {
      if (slots.length === 0) return 0;
      const keys = slots.map((s) => `${options.keyPrefix}pace:${s.key}`);
      const args = [String(weight), ...slots.flatMap((s) => [String(s.limit), String(s.windowMs)]), randomBytes(8).toString('hex')];
      const wait = await guard('pacer', () => options.redis.eval(ACQUIRE, keys.length, ...keys, ...args));
      return Number(wait);
    },
  };
}
