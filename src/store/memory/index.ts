import { AppError } from '../../errors.ts';
import type { DedupeStore, LockStore, RateLimiter, SessionState, SessionStore, StateBackend } from '../ports.ts';
import { lockedUpdate } from '../update.ts';

type Clock = () => number;

/**
 * Sessions in a Map, round-tripped through JSON so the memory store is as strict as Redis.
 * `locks` must be the ones the turns take (the backend passes its own).
 */
export function createMemorySessionStore(clock: Clock = Date.now, locks: LockStore = createMemoryLocks()): SessionStore {
  const map = new Map<string, { json: string; expiresAt: number }>();
  const store: Omit<SessionStore, 'update'> = {
    async get(key) {
      const row = map.get(key);
      if (!row) return undefined;
      if (row.expiresAt <= clock()) {
        map.delete(key);
        return undefined;
      }
      return JSON.parse(row.json) as SessionState;
    },
    async put(key, state, ttlSeconds) {
      map.set(key, { json: JSON.stringify(state), expiresAt: clock() + ttlSeconds * 1000 });
    },
    async delete(key) {
      map.delete(key);
    },
  };
  return { ...store, update: lockedUpdate(store, locks) };
}

export function createMemoryDedupe(clock: Clock = Date.now): DedupeStore {
  const seen = new Map<string, number>();
  let sweepAt = 0;
  return {
    async firstSeen(key, ttlSeconds) {
      const now = clock();
      if (now >= sweepAt) {
        for (const [k, exp] of seen) if (exp <= now) seen.delete(k);
        sweepAt = now + 60_000;
      }
      const exp = seen.get(key);
      if (exp !== undefined && exp > now) return false;
      seen.set(key, now + ttlSeconds * 1000);
      return true;
    },
  };
}

export function createMemoryRateLimiter(clock: Clock = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async hit(key, limit, windowMs) {
      const now = clock();
      const start = now - (now % windowMs);
      let w = windows.get(key);
      if (!w || w.start !== start) {
        w = { start, count: 0 };
        windows.set(key, w);
        if (windows.size > 50_000) for (const [k, v] of windows) if (v.start < start) windows.delete(k);
      }
      w.count += 1;
      const allowed = w.count <= limit;
      return { allowed, firstDenied: w.count === limit + 1, retryAfterMs: allowed ? 0 : start + windowMs - now };
    },
  };
}

/** An in-process per-key queue: each key runs one function at a time, in arrival order. */
export function createMemoryLocks(): LockStore {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async withLock(key, fn, options) {
      const timeoutMs = options?.timeoutMs ?? 10_000;
      const prev = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((r) => (release = r));
      const tail = prev.then(() => mine);
      tails.set(key, tail);
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        prev.then(() => true, () => true),
        new Promise<false>((r) => (timer = setTimeout(() => r(false), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (!waited) {
        // Give up our place: whoever is behind us waits for the holder, not for us.
        void prev.finally(release);
        throw new AppError('LOCK_TIMEOUT', `lock ${key} busy for ${timeoutMs} ms`);
      }
      try {
        return await fn();
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}

export function createMemoryBackend(clock: Clock = Date.now): StateBackend {
  const locks = createMemoryLocks();
  return {
    kind: 'memory',
    sessions: createMemorySessionStore(clock, locks),
    dedupe: createMemoryDedupe(clock),
    rateLimit: createMemoryRateLimiter(clock),
    locks,
    async close() {},
  };
}
