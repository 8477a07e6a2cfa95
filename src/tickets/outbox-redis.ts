import type { Redis } from 'ioredis';
import { byQueuedAt, type Outbox, type OutboxItem } from './outbox.ts';

/**
 * The shared outbox for several processes: one Redis hash, field = idempotency key, value = the
 * queued form as JSON. HSETNX keeps the first copy of a form; any process may flush it, and the
 * store's idempotency key makes two processes flushing the same item file it once.
 */
export function createRedisOutbox(options: { redis: Redis; key: string }): Outbox {
  const { redis, key } = options;
  return {
    async put(item) {
      await redis.hsetnx(key, item.input.idempotencyKey, JSON.stringify(item));
    },
    async list() {
      const all = await redis.hgetall(key);
      return Object.values(all)
        .map((v) => JSON.parse(v) as OutboxItem)
        .sort(byQueuedAt);
    },
    async remove(idempotencyKey) {
      await redis.hdel(key, idempotencyKey);
    },
    async size() {
      return redis.hlen(key);
    },
  };
}
