import type { Redis } from 'ioredis';
import { guard } from '../../store/redis/guard.ts';
import { HORIZON_MS, paceMembers, spacing, UNSTAMPED_MS, type Pacer, type PacingSlot } from '../pacing.ts';

// The memory pacer's bucket and log, checked and reserved in one script on Redis's own clock so
// every process sees the same limits. Per slot two keys: the log (a sorted set, score = when a
// send left, or its slot + UNSTAMPED_MS until stamped) and the bucket's next free time.
// ARGV: weight, token, horizon, unstamped ms, then limit/window/interval/burst per slot.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local weight = tonumber(ARGV[1])
local token = ARGV[2]
local slots = #KEYS / 2
local at = now
for i = 1, slots do
  local log, bucket = KEYS[2 * i - 1], KEYS[2 * i]
  local limit, window = tonumber(ARGV[4 * i + 1]), tonumber(ARGV[4 * i + 2])
  local interval, burst = tonumber(ARGV[4 * i + 3]), tonumber(ARGV[4 * i + 4])
  redis.call('ZREMRANGEBYSCORE', log, '-inf', now - window)
  local tat = tonumber(redis.call('GET', bucket) or now)
  if tat - (burst - 1) * interval > at then at = tat - (burst - 1) * interval end
  local n = math.min(weight, limit)
  local count = redis.call('ZCARD', log)
  if count + n > limit then
    local e = redis.call('ZRANGE', log, count + n - limit - 1, count + n - limit - 1, 'WITHSCORES')
    if tonumber(e[2]) + window > at then at = tonumber(e[2]) + window end
  end
end
if at - now > tonumber(ARGV[3]) then return {0, tostring(at - now)} end
for i = 1, slots do
  local log, bucket = KEYS[2 * i - 1], KEYS[2 * i]
  local limit, window, interval = tonumber(ARGV[4 * i + 1]), tonumber(ARGV[4 * i + 2]), tonumber(ARGV[4 * i + 3])
  local n = math.min(weight, limit)
  local tat = math.max(tonumber(redis.call('GET', bucket) or now), at) + n * interval
  redis.call('SET', bucket, tostring(tat), 'PX', math.ceil(tat - now + window))
  for j = 1, n do redis.call('ZADD', log, at + tonumber(ARGV[4]), token .. ':' .. j) end
  redis.call('PEXPIRE', log, math.ceil(at - now + tonumber(ARGV[4]) + window))
end
return {1, tostring(at - now)}
`;

// Re-scores reserved sends to the moment they left; a send already gone from the log stays gone.
const STAMP = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
for _, log in ipairs(KEYS) do
  for _, member in ipairs(ARGV) do redis.call('ZADD', log, 'XX', now, member) end
end
return 0
`;

/** Platform limits shared by every process on one Redis (one Telegram bot, one WeChat account). */
export function createRedisPacer(options: { redis: Redis; keyPrefix: string }): Pacer {
  const { redis } = options;
  const logKey = (s: PacingSlot) => `${options.keyPrefix}pace:${s.key}`;
  return {
    async acquire(slots, weight, token) {
      if (slots.length === 0) return { granted: true, inMs: 0 };
      const keys = slots.flatMap((s) => [logKey(s), `${logKey(s)}:next`]);
      const rules = slots.flatMap((s) => {
        const { interval, burst } = spacing(s);
        return [s.limit, s.windowMs, interval, burst].map(String);
      });
      const args = [String(weight), token, String(HORIZON_MS), String(UNSTAMPED_MS), ...rules];
      const [granted, ms] = (await guard('pacer', () => redis.eval(ACQUIRE, keys.length, ...keys, ...args))) as [number, string];
      // Rounded up: a send may go a fraction of a millisecond late, never early.
      const wait = Math.ceil(Number(ms));
      return granted === 1 ? { granted: true, inMs: wait } : { granted: false, waitMs: wait };
    },
    async stamp(slots, token, from, to) {
      const members = paceMembers(token, from, to);
      if (slots.length === 0 || members.length === 0) return;
      await guard('pacer stamp', () => redis.eval(STAMP, slots.length, ...slots.map(logKey), ...members));
    },
    async release(slots, token, weight) {
      if (slots.length === 0) return;
      const members = paceMembers(token, 1, weight);
      await guard('pacer release', () => redis.multi(slots.map((s) => ['zrem', logKey(s), ...members])).exec());
    },
  };
}
