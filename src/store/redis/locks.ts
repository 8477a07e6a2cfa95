import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { AppError } from '../../errors.ts';
import type { LockStore } from '../ports.ts';
import { guard } from './guard.ts';

// Delete the lock only if it still holds our token: a holder whose lock expired must not free
// the lock somebody else took since.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
// Extend the lock only while it still holds our token.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/**
 * How long a lock outlives its holder. Short, because a process killed mid-turn (kill -9) blocks
 * the worker's next message for this long; a live holder renews it every third of it.
 */
export const LOCK_TTL_MS = 4000;

/**
 * A lock per conversation shared by every process: SET NX PX with a random token, polled with a
 * short backoff, renewed while the function runs. `ttlMs` bounds how long a crashed holder can
 * block a conversation.
 */
export function createRedisLocks(options: { redis: Redis; keyPrefix: string }): LockStore {
  const { redis } = options;
  return {
    async withLock(key, fn, opts) {
      const timeoutMs = opts?.timeoutMs ?? 10_000;
      const ttlMs = opts?.ttlMs ?? LOCK_TTL_MS;
      const lockKey = `${options.keyPrefix}lock:${key}`;
      const token = randomBytes(12).toString('hex');
      const deadline = Date.now() + timeoutMs;
      let delay = 5;
      for (;;) {
        const got = await guard('lock acquire', () => redis.set(lockKey, token, 'PX', ttlMs, 'NX'));
        if (got === 'OK') break;
        const left = deadline - Date.now();
        if (left <= 0) throw new AppError('LOCK_TIMEOUT', `lock ${key} busy for ${timeoutMs} ms`);
        await sleep(Math.min(delay, left));
        delay = Math.min(delay * 2, 50);
      }
      // Renewal failures are left to the TTL: a holder cut off from Redis loses the lock, which is the point.
      const renew = setInterval(() => void redis.eval(RENEW, 1, lockKey, token, String(ttlMs)).catch(() => undefined), Math.max(50, Math.floor(ttlMs / 3)));
      renew.unref();
      try {
        return await fn();
      } finally {
        clearInterval(renew);
        // A failed release is not the turn's failure: the lock expires after ttlMs anyway.
        await redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
      }
    },
  };
}
