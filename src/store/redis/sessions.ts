import type { Redis } from 'ioredis';
import type { LockStore, SessionState, SessionStore } from '../ports.ts';
import { lockedUpdate } from '../update.ts';
import { guard } from './guard.ts';
import { wholeSeconds } from './scripts.ts';

/**
 * Sessions as JSON strings under `<prefix>session:<key>`, expired by Redis itself. `locks` are
 * the conversation locks the turns take, so an update waits for a running turn in any process.
 */
export function createRedisSessionStore(options: { redis: Redis; keyPrefix: string; locks: LockStore }): SessionStore {
  const { redis } = options;
  const k = (key: string) => `${options.keyPrefix}session:${key}`;
  const store: Omit<SessionStore, 'update'> = {
    async get(key) {
      const json = await guard('session get', () => redis.get(k(key)));
      return json === null ? undefined : (JSON.parse(json) as SessionState);
    },
    async put(key, state, ttlSeconds) {
      await guard('session put', () => redis.set(k(key), JSON.stringify(state), 'EX', wholeSeconds(ttlSeconds)));
    },
    async delete(key) {
      await guard('session delete', () => redis.del(k(key)));
    },
  };
  return { ...store, update: lockedUpdate(store, options.locks) };
}
