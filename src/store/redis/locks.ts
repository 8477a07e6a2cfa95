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
  /**
   * Starts listening for `key` to be freed here, before a try for the lock, so a release that
   * lands while the try is on its way to Redis is not missed.
   */
  watch(key: string): LockWatch;
  /** This process has just freed `key` in Redis. */
  freed(key: string): void;
}

export interface LockWatch {
  /** Resolves after `ms`, or at once if `key` was freed here since the watch began, or when it is. */
  pause(ms: number): Promise<void>;
  /** Stops listening (the lock was taken, or the wait is over). */
  stop(): void;
}

export function localReleases(): LocalReleases {
  const waiting = new Map<string, Set<() => void>>();
  return {
    watch(key) {
      let set = waiting.get(key);
      if (!set) waiting.set(key, (set = new Set()));
      const listeners = set;
      let released = false;
      let wake: (() => void) | undefined;
      const listener = () => {
        released = true;
        wake?.();
      };
      listeners.add(listener);
      const stop = () => {
        listeners.delete(listener);
        if (listeners.size === 0 && waiting.get(key) === listeners) waiting.delete(key);
      };
      return {
        pause(ms) {
          if (released) {
            stop();
            return Promise.resolve();
          }
          return new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              stop();
              resolve();
            }, ms);
            wake = () => {
              clearTimeout(timer);
              stop();
              resolve();
            };
          });
        },
        stop,
      };
    },
    freed(key) {
      // Every waiter tries again; the one whose SET NX lands first holds it, the others wait on.
      const listeners = waiting.get(key);
      if (listeners) for (const listener of [...listeners]) listener();
    },
  };
}

/**
 * Calls `attempt` until it returns something other than undefined (the lock was taken), with a
 * short backoff between tries, and fails with LOCK_TIMEOUT once `timeoutMs` has passed. With
 * `releases`, a pause ends as soon as this process frees the key.
 */
export async function pollForLock<T>(key: string, timeoutMs: number, attempt: () => Promise<T | undefined>, releases?: LocalReleases): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    const watch = releases?.watch(key);
    let got: T | undefined;
    try {
      got = await attempt();
    } catch (err) {
      watch?.stop();
      throw err;
    }
    if (got !== undefined) {
      watch?.stop();
      return got;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      watch?.stop();
      throw new AppError('LOCK_TIMEOUT', `lock ${key} busy for ${timeoutMs} ms`);
    }
    const ms = Math.min(delay, left);
    await (watch ? watch.pause(ms) : sleep(ms));
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
        releases,
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
