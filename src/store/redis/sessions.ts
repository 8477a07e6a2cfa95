import type { Redis } from 'ioredis';
import type { SessionState, SessionStore } from '../ports.ts';
import { guard } from './guard.ts';

/** Sessions as JSON strings under `<prefix>session:<key>`, expired by Redis itself. */
export function createRedisSessionStore(options: { redis: Redis; keyPrefix: string }): SessionStore {
  const { redis } = options;
  const k = (key: string) => `${options.keyPrefix}session:${key}`;
  return {
    async get(key) {
      const json = await guard('session get', () => redis.get(k(key)));
      return json === null ? undefined : (JSON.parse(json) as SessionState);
    },
    async put(key, state, ttlSeconds) {
      await guard('session put', () => redis.set(k(key), JSON.stringify(state), 'EX', Math.max(1, Math.ceil(ttlSeconds))));
    },
    async delete(key) {
      await guard('session delete', () => redis.del(k(key)));
    },
  };
}
