import type { LockStore, SessionState, SessionStore } from './ports.ts';

/** How long a writer outside the turn waits for a turn of the same conversation to finish. */
const UPDATE_WAIT_MS = 10_000;

/**
 * The locked read-modify-write every SessionStore offers: the same lock the turn takes, then
 * get, change, put. Shared by the memory and Redis stores so both lock the same way.
 */
export function lockedUpdate(store: Pick<SessionStore, 'get' | 'put'>, locks: LockStore): SessionStore['update'] {
  return (key, change, ttlSeconds) =>
    locks.withLock(
      key,
      async () => {
        const current = await store.get(key);
        const next: SessionState | undefined = change(current === undefined ? undefined : structuredClone(current));
        if (next === undefined) return current;
        await store.put(key, next, ttlSeconds);
        return next;
      },
      { timeoutMs: UPDATE_WAIT_MS },
    );
}
