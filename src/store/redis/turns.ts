import type { Redis } from 'ioredis';
import { AppError } from '../../errors.ts';
import type { HeldTurn, SessionState, TurnStart, TurnStore } from '../ports.ts';
import { storeFailure } from './guard.ts';
import { keepLock, localReleases, LOCK_TTL_MS, lockToken, pollForLock, type LocalReleases } from './locks.ts';
import { rateDecision } from './rate-limit.ts';
import { scriptsOn, wholeSeconds } from './scripts.ts';

type BeginReply = [0] | [1, number, number, number] | [2] | [3] | [4, string | null];

interface Hold {
  token: string;
  lockKey: string;
  sessionKey: string;
  stop: () => void;
}

/**
 * A turn's state in two round trips: one script at the start (dedupe, rate limits, lock, session
 * read) and one at the end (session write, unlock), both called by hash. The keys are those of
 * the one-by-one stores, so a turn here and a sessions.update elsewhere take the same lock.
 */
export function createRedisTurns(options: { redis: Redis; keyPrefix: string; releases?: LocalReleases }): TurnStore {
  const run = scriptsOn(options.redis);
  const releases = options.releases ?? localReleases();
  const p = options.keyPrefix;
  const holds = new WeakMap<HeldTurn, Hold>();
  return {
    async begin(request) {
      const conv = request.conversation;
      const ttlMs = conv?.ttlMs ?? LOCK_TTL_MS;
      const token = conv ? lockToken() : '';
      const lockKey = conv ? `${p}lock:${conv.key}` : `${p}lock:`;
      const sessionKey = conv ? `${p}session:${conv.key}` : `${p}session:`;
      const { limits } = request;
      const keys = [`${p}seen:${request.dedupe.key}`, lockKey, sessionKey];
      const args: (string | number)[] = ['1', wholeSeconds(request.dedupe.ttlSeconds), token, ttlMs];
      for (const l of limits) {
        keys.push(`${p}rate:${l.key}`);
        args.push(l.limit, l.windowMs);
      }
      const first = (await run('niangjiaTurnBegin', keys, args).catch(storeFailure('turn begin'))) as BeginReply;
      let got: [4, string | null];
      if (first[0] === 4) got = first;
      else {
        const start = outcome(first, limits);
        if (start) return start;
        // The conversation is busy: wait for it without counting the message again.
        args[0] = '0';
        const key = conv!.key;
        got = await pollForLock(
          key,
          conv!.timeoutMs ?? 10_000,
          async () => {
            const again = (await run('niangjiaTurnBegin', keys, args).catch(storeFailure('turn begin'))) as BeginReply;
            return again[0] === 4 ? again : undefined;
          },
          releases,
        );
      }
      let session: SessionState | undefined;
      try {
        session = got[1] === null ? undefined : (JSON.parse(got[1]) as SessionState);
      } catch (err) {
        // Nobody gets a handle to a lock whose session cannot be read: free it now, not after its TTL.
        if ((await run('niangjiaTurnFinish', [lockKey, sessionKey], [token, '', 1]).catch(() => 0)) === 1) releases.freed(conv!.key);
        throw new AppError('INTERNAL', `session ${conv!.key} is not readable JSON`, { cause: err });
      }
      const held: HeldTurn = { key: conv!.key };
      holds.set(held, { token, lockKey, sessionKey, stop: keepLock(run, lockKey, token, ttlMs) });
      return { status: 'held', held, session };
    },

    async finish(held, save) {
      const hold = holds.get(held);
      if (!hold) throw new AppError('INTERNAL', `turn on ${held.key} finished twice or never begun here`);
      holds.delete(held);
      hold.stop();
      const json = save ? JSON.stringify(save.state) : '';
      const written = await run('niangjiaTurnFinish', [hold.lockKey, hold.sessionKey], [hold.token, json, wholeSeconds(save?.ttlSeconds ?? 1)]).catch(storeFailure('turn finish'));
      if (written !== 1) return false;
      releases.freed(held.key);
      return true;
    },
  };
}

/** The start's answer when the first reply already settles it (duplicate, limited, passed); undefined when a lock is held or busy. */
function outcome(reply: BeginReply, limits: readonly { limit: number }[]): TurnStart | undefined {
  switch (reply[0]) {
    case 0:
      return { status: 'duplicate' };
    case 1:
      return { status: 'limited', decision: rateDecision(reply[2], limits[reply[1] - 1]!.limit, reply[3]) };
    case 3:
      return { status: 'passed' };
    default:
      return undefined;
  }
}
