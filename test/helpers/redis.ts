import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** A key prefix no other test file or run shares. */
export function randomPrefix(tag: string): string {
  return `test:${tag}:${randomBytes(4).toString('hex')}:`;
}

/** A plain client for tests, failing fast while the server is away. */
export function testRedis(url: string): Redis {
  const r = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: (t) => Math.min(50 * t, 500) });
  r.on('error', () => undefined);
  return r;
}

/** Deletes every key under a prefix. */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}
