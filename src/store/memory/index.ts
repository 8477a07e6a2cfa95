import { AppError } from '../../errors.ts';
import type { DedupeStore, LockStore, RateLimiter, SessionState, SessionStore, StateBackend } from '../ports.ts';
import { lockedUpdate } from '../update.ts';
import { createMemoryTurns } from './turns.ts';

type Clock = () => number;

/** How often a memory store walks all its entries to drop expired ones, whether or not they are read. */
const SWEEP_EVERY_MS = 10 * 60_000;
/** At most this many entries per memory store; past it the oldest go first. */
export const MEMORY_MAX_ENTRIES = 100_000;

/**
 * Entries with an expiry in a Map kept in write order. Expired entries are dropped by time (the
 * oldest at every write, all of them once a minute), not only when read, and the map never holds
 * more than `max` entries: a busy day cannot grow the heap without bound.
 */
class ExpiringMap<V> {
  private readonly map = new Map<string, { value: V; expiresAt: number; version: number }>();
  /** Writes in order, so the oldest is found without walking the Map (whose deleted slots a walk would step over). */
  private order: { key: string; version: number; expiresAt: number }[] = [];
  private head = 0;
  private version = 0;
  private sweepAt = 0;
  constructor(
    private readonly clock: Clock,
    private readonly max: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const row = this.map.get(key);
    if (!row) return undefined;
    if (row.expiresAt <= this.clock()) {
      this.map.delete(key);
      return undefined;
    }
    return row.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    const now = this.clock();
    const version = ++this.version;
    this.map.set(key, { value, expiresAt: now + ttlMs, version });
    this.order.push({ key, version, expiresAt: now + ttlMs });
    this.sweep(now);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  private sweep(now: number): void {
    // Oldest writes first: drop them while they have expired or the map is over its bound.
    while (this.head < this.order.length) {
      const oldest = this.order[this.head]!;
      const row = this.map.get(oldest.key);
      const live = row?.version === oldest.version;
      if (live && this.map.size <= this.max && oldest.expiresAt > now) break;
      if (live) this.map.delete(oldest.key);
      this.head += 1;
    }
    // Rewrites of one key leave stale entries behind; keep the list within twice the live entries.
    if (this.order.length - this.head > 2 * this.map.size + 1024) {
      this.order = this.order.slice(this.head).filter((e) => this.map.get(e.key)?.version === e.version);
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    // Entries with a longer TTL can hold shorter ones behind them: a full pass now and then.
    if (now >= this.sweepAt) {
      for (const [k, row] of this.map) if (row.expiresAt <= now) this.map.delete(k);
      this.sweepAt = now + SWEEP_EVERY_MS;
    }
  }
}

/**
 * Sessions in a Map, round-tripped through JSON so the memory store is as strict as Redis.
 * `locks` must be the ones the turns take (the backend passes its own).
 */
export function createMemorySessionStore(clock: Clock = Date.now, locks: LockStore = createMemoryLocks(), max = MEMORY_MAX_ENTRIES): SessionStore & { size(): number } {
  const map = new ExpiringMap<string>(clock, max);
  const store: Omit<SessionStore, 'update'> = {
    async get(key) {
      const json = map.get(key);
      return json === undefined ? undefined : (JSON.parse(json) as SessionState);
    },
    async put(key, state, ttlSeconds) {
      map.set(key, JSON.stringify(state), ttlSeconds * 1000);
    },
    async delete(key) {
      map.delete(key);
    },
  };
  return { ...store, update: lockedUpdate(store, locks), size: () => map.size };
}

/** Message ids seen: by time (the TTL) and by count (the newest `max` ids), whichever is fewer. */
export function createMemoryDedupe(clock: Clock = Date.now, max = MEMORY_MAX_ENTRIES): DedupeStore & { size(): number } {
  const seen = new ExpiringMap<true>(clock, max);
  return {
    async firstSeen(key, ttlSeconds) {
      if (seen.get(key)) return false;
      seen.set(key, true, ttlSeconds * 1000);
      return true;
    },
    size: () => seen.size,
  };
}

/**
 * Fixed windows that start at a key's first hit and last `windowMs`, as the Redis limiter's do: a
 * burst is counted in one window wherever the clock's seconds fall.
 */
export function createMemoryRateLimiter(clock: Clock = Date.now): RateLimiter {
  const windows = new Map<string, { end: number; count: number }>();
  return {
    async hit(key, limit, windowMs) {
      const now = clock();
      let w = windows.get(key);
      if (!w || now >= w.end) {
        w = { end: now + windowMs, count: 0 };
        windows.set(key, w);
        if (windows.size > 50_000) for (const [k, v] of windows) if (v.end <= now) windows.delete(k);
      }
      w.count += 1;
      const allowed = w.count <= limit;
      return { allowed, firstDenied: w.count === limit + 1, retryAfterMs: allowed ? 0 : w.end - now };
    },
  };
}

/** An in-process per-key queue: each key runs one holder at a time, in arrival order. */
export interface MemoryLocks extends LockStore {
  /** Waits for the key (LOCK_TIMEOUT after `timeoutMs`) and returns the function that frees it. */
  acquire(key: string, timeoutMs: number): Promise<() => void>;
}

export function createMemoryLocks(): MemoryLocks {
  const tails = new Map<string, Promise<unknown>>();
  async function acquire(key: string, timeoutMs: number): Promise<() => void> {
    const prev = tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = prev ? prev.then(() => mine) : mine;
    tails.set(key, tail);
    const free = () => {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    };
    // A key nobody holds is ours at once: nothing to wait for, no timer to arm.
    if (!prev) return free;
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
    return free;
  }
  return {
    acquire,
    async withLock(key, fn, options) {
      const release = await acquire(key, options?.timeoutMs ?? 10_000);
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}

export function createMemoryBackend(clock: Clock = Date.now): StateBackend {
  const locks = createMemoryLocks();
  const sessions = createMemorySessionStore(clock, locks);
  const dedupe = createMemoryDedupe(clock);
  const rateLimit = createMemoryRateLimiter(clock);
  return {
    kind: 'memory',
    sessions,
    dedupe,
    rateLimit,
    locks,
    turns: createMemoryTurns({ sessions, dedupe, rateLimit, locks }),
    async close() {},
  };
}
