import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';

/**
 * A cache for checked model results, so a question asked again (the common case: the same
 * policy asked by many workers) costs no tokens and no waiting. Keys carry the knowledge-base
 * version, so an edited entry is never answered from an old result. Values are JSON strings.
 * A cache that fails behaves as a miss: it may slow a turn, never break it.
 */
export interface ModelCache {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** A bounded in-process LRU with a time-to-live. */
export function createMemoryModelCache(options: { maxEntries?: number; ttlMs?: number; now?: () => number } = {}): ModelCache {
  const max = options.maxEntries ?? 2000;
  const ttl = options.ttlMs ?? 24 * 3600_000;
  const now = options.now ?? Date.now;
  const map = new Map<string, { value: string; expires: number }>();
  return {
    kind: 'memory',
    async get(key) {
      const hit = map.get(key);
      if (!hit) return undefined;
      map.delete(key);
      if (hit.expires <= now()) return undefined;
      map.set(key, hit); // most recently used goes last
      return hit.value;
    },
    async set(key, value) {
      map.delete(key);
      map.set(key, { value, expires: now() + ttl });
      while (map.size > max) map.delete(map.keys().next().value as string);
    },
  };
}

/** Redis-backed, shared between processes; the client is injected and owned by the caller. */
export function createRedisModelCache(options: {
  redis: Redis;
  keyPrefix?: string;
  ttlSeconds?: number;
  /** Redis that does not answer within this is a miss. */
  timeoutMs?: number;
  log?: Logger;
}): ModelCache {
  const prefix = options.keyPrefix ?? 'niangjia:model:';
  const ttl = options.ttlSeconds ?? 24 * 3600;
  const timeoutMs = options.timeoutMs ?? 250;
  const guard = async <T>(op: string, p: Promise<T>): Promise<T | undefined> => {
    p.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([p, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)))]);
    } catch (err) {
      options.log?.warn({ err, op }, 'model cache unavailable; treating as a miss');
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    kind: 'redis',
    async get(key) {
      const v = await guard('get', options.redis.get(prefix + key));
      return v ?? undefined;
    },
    async set(key, value) {
      await guard('set', options.redis.set(prefix + key, value, 'EX', ttl));
    },
  };
}

/** The part of a question that matters for caching: width, case, spaces and punctuation (but not %) ignored. */
export function normalizeQuestion(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(?:(?!%)[\s\p{P}\p{S}])+/gu, '')
    .trim();
}
