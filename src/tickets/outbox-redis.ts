import type { Redis } from 'ioredis';
import { byQueuedAt, formKey, type Outbox, type OutboxItem, type Queued } from './outbox.ts';

// Takes the hold when it is free or already ours, for ARGV[2] ms.
const HOLD = `
local v = redis.call('GET', KEYS[1])
if (not v) or v == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

const LET_GO = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * The shared outbox for several processes: one Redis hash, field = the item's key, value = the
 * item as JSON. HSETNX keeps the first copy; any process may work an item, one at a time while
 * it holds `<key>:hold:<item key>` (forms are safe to file twice anyway: the store files each
 * idempotency key once).
 */
export function createRedisOutbox(options: { redis: Redis; key: string }): Outbox<OutboxItem>;
export function createRedisOutbox<T extends Queued>(options: { redis: Redis; key: string; keyOf: (item: T) => string }): Outbox<T>;
export function createRedisOutbox<T extends Queued>(options: { redis: Redis; key: string; keyOf?: (item: T) => string }): Outbox<T> {
  const { redis, key } = options;
  const keyOf = options.keyOf ?? (formKey as unknown as (item: T) => string);
  const holdKey = (k: string) => `${key}:hold:${k}`;
  return {
    async put(item) {
      await redis.hsetnx(key, keyOf(item), JSON.stringify(item));
    },
    async list() {
      const all = await redis.hgetall(key);
      return Object.values(all)
        .map((v) => JSON.parse(v) as T)
        .sort(byQueuedAt);
    },
    async remove(k) {
      await redis.hdel(key, k);
    },
    async size() {
      return redis.hlen(key);
    },
    async hold(k, owner, ms) {
      return Number(await redis.eval(HOLD, 1, holdKey(k), owner, String(Math.max(1, Math.ceil(ms))))) === 1;
    },
    async letGo(k, owner) {
      await redis.eval(LET_GO, 1, holdKey(k), owner);
    },
  };
}
