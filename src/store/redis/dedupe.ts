import type { Redis } from 'ioredis';
import type { DedupeStore } from '../ports.ts';
import { guard } from './guard.ts';
import { wholeSeconds } from './scripts.ts';

/** SET NX EX: atomic across processes, so two processes given the same message id answer it once. */
export function createRedisDedupe(options: { redis: Redis; keyPrefix: string }): DedupeStore {
  const { redis } = options;
  return {
    async firstSeen(key, ttlSeconds) {
      const ok = await guard('dedupe', () =>
        redis.set(`${options.keyPrefix}seen:${key}`, '1', 'EX', wholeSeconds(ttlSeconds), 'NX'),
      );
      return ok === 'OK';
    },
  };
}
