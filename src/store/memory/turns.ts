import { AppError } from '../../errors.ts';
import type { DedupeStore, HeldTurn, RateLimiter, SessionStore, TurnStore } from '../ports.ts';
import type { MemoryLocks } from './index.ts';

/** The turn's begin and finish in one process: the memory stores called in the order the Redis script runs them. */
export function createMemoryTurns(deps: { sessions: SessionStore; dedupe: DedupeStore; rateLimit: RateLimiter; locks: MemoryLocks }): TurnStore {
  const releases = new WeakMap<HeldTurn, () => void>();
  return {
    async begin(request) {
      if (!(await deps.dedupe.firstSeen(request.dedupe.key, request.dedupe.ttlSeconds))) return { status: 'duplicate' };
      for (const l of request.limits) {
        const decision = await deps.rateLimit.hit(l.key, l.limit, l.windowMs);
        if (!decision.allowed) return { status: 'limited', decision };
      }
      const conv = request.conversation;
      if (!conv) return { status: 'passed' };
      const release = await deps.locks.acquire(conv.key, conv.timeoutMs ?? 10_000);
      const held: HeldTurn = { key: conv.key };
      releases.set(held, release);
      return { status: 'held', held, session: await deps.sessions.get(conv.key) };
    },

    async finish(held, save) {
      const release = releases.get(held);
      if (!release) throw new AppError('INTERNAL', `turn on ${held.key} finished twice or never begun here`);
      releases.delete(held);
      try {
        if (save) await deps.sessions.put(held.key, save.state, save.ttlSeconds);
      } finally {
        release();
      }
      return true;
    },
  };
}
