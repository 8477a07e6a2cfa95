import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { AppError } from '../../errors.ts';
import type { LockStore } from '../ports.ts';
import { guard } from './guard.ts';
import { scriptsOn, type RunScript } from './scripts.ts';

/**
 * How long a lock outlives its holder. Short, because a process killed mid-turn (kill -9) blocks
 * the worker's next message for this long; a live holder renews it every third of it.
 */
export const LOCK_TTL_MS = 4000;

/** This process's part of every lock token: random, so no other process makes the same tokens. */
const PROCESS_PART = randomBytes(12).toString('hex');
let issued = 0;

/**
 * A value no other holder has, so nobody else can renew or free its lock: the process's random
 * part and a count. One call to the random source per process, not one per turn.
 */
export function lockToken(): string {
  issued += 1;
  return `${PROCESS_PART}:${issued.toString(36)}`;
}

/**
 * Conversations this process is waiting for, woken the moment a holder in this process frees
 * one: a message that arrives while the worker's previous one is still being answered here then
 * starts as soon as that turn ends, not at its next poll. A holder in another process is still
 * found by polling.
 */
export interface LocalReleases {
  /** Resolves after `ms`, or sooner when this process frees `key`. */
  pause(key: string, ms: number): Promise<void>;
  /** This process has just freed `key` in Redis. */
  freed(key: string): void;
}

export function localReleases(): LocalReleases {
  const waiting = new Map<string, Set<() => void>>();
  return {
    pause(key, ms) {
      return new Promise<void>((resolve) => {
        let set = waiting.get(key);
        if (!set) waiting.set(key, (set = new Set()));
        const waiters = set;
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          if (waiters.size === 0 && waiting.get(key) === waiters) waiting.delete(key);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        waiters.add(wake);
      });
    },
    freed(key) {
      // Every waiter tries again; the one whose SET NX lands first holds it, the others wait on.
      const waiters = waiting.get(key);
      if (waiters) for (const wake of [...waiters]) wake();
    },
  };
}

/**
 * Calls `attempt` until it returns something other than undefined (the lock was taken), with a
 * short backoff between tries (cut short by `pause`, when given, as soon as this process frees the
 * key), and fails with LOCK_TIMEOUT once `timeoutMs` has passed.
 */
export async function pollForLock<T>(key: string, timeoutMs: number, attempt: () => Promise<T | undefined>, pause: (ms: number) => Promise<unknown> = sleep): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    const got = await attempt();
    if (got !== undefined) return got;
    const left = deadline - Date.now();
    if (left <= 0) throw new AppError('LOCK_TIMEOUT', `lock ${key} busy for ${timeoutMs} ms`);
    await pause(Math.min(delay, left));
    delay = Math.min(delay * 2, 50);
  }
}

/**
 * Renews a held lock every third of its TTL until the returned function is called. Renewal
 * failures are left to the TTL: a holder cut off from Redis loses the lock, which is the point.
 */
export function keepLock(run: RunScript, lockKey: string, token: string, ttlMs: number): () => void {
  const renew = setInterval(() => void run('niangjiaLockRenew', [lockKey], [token, ttlMs]).catch(() => undefined), Math.max(50, Math.floor(ttlMs / 3)));
  renew.unref();
  return () => clearInterval(renew);
}

/**
 * A lock per conversation shared by every process: SET NX PX with a random token, polled with a
 * short backoff, renewed while the function runs. `ttlMs` bounds how long a crashed holder can
 * block a conversation.
 */
export function createRedisLocks(options: { redis: Redis; keyPrefix: string; releases?: LocalReleases }): LockStore {
  const { redis } = options;
  const run = scriptsOn(redis);
  const releases = options.releases ?? localReleases();
  return {
    async withLock(key, fn, opts) {
      const ttlMs = opts?.ttlMs ?? LOCK_TTL_MS;
      const lockKey = `${options.keyPrefix}lock:${key}`;
      const token = lockToken();
      await pollForLock(
        key,
        opts?.timeoutMs ?? 10_000,
        async () => ((await guard('lock acquire', () => redis.set(lockKey, token, 'PX', ttlMs, 'NX'))) === 'OK' ? true : undefined),
        (ms) => releases.pause(key, ms),
      );
      const stop = keepLock(run, lockKey, token, ttlMs);
      try {
        return await fn();
      } finally {
        stop();
        // A failed release is not the turn's failure: the lock expires after ttlMs anyway.
        if ((await run('niangjiaLockRelease', [lockKey], [token]).catch(() => 0)) === 1) releases.freed(key);
      }
    },
  };
}
