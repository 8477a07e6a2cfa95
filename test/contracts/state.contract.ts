import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { initialSession, type StateBackend, type TurnRequest } from '../../src/store/ports.ts';

/**
 * Two views of one state: `a` and `b` share storage (for Redis, two clients on one key prefix,
 * like two processes), so the suite checks what several processes rely on, not only one.
 */
export interface StatePair {
  a: StateBackend;
  b: StateBackend;
  cleanup(): Promise<void>;
}

/** The behaviour every StateBackend owes the engine; run on memory and on real Redis. */
export function stateContract(name: string, makePair: () => Promise<StatePair>): void {
  describe(`StateBackend contract: ${name}`, () => {
    let pair: StatePair;
    beforeEach(async () => {
      pair = await makePair();
    });
    afterEach(async () => {
      await pair.cleanup();
    });

    it('round-trips a session and forgets it after its TTL', async () => {
      const state = { ...initialSession('2026-11-22T08:00:00.000Z'), lastRegion: '重庆', misses: 1 };
      await pair.a.sessions.put('wechat:room1:alice', state, 1);
      expect(await pair.b.sessions.get('wechat:room1:alice')).toEqual(state);
      expect(await pair.a.sessions.get('wechat:room1:bob')).toBeUndefined();
      await sleep(1100);
      expect(await pair.a.sessions.get('wechat:room1:alice')).toBeUndefined();
    });

    it('deletes a session', async () => {
      await pair.a.sessions.put('k', initialSession('2026-11-22T08:00:00.000Z'), 60);
      await pair.b.sessions.delete('k');
      expect(await pair.a.sessions.get('k')).toBeUndefined();
    });

    it('reports a message id as first seen exactly once, across both views', async () => {
      const results = await Promise.all([
        pair.a.dedupe.firstSeen('telegram:m1', 60),
        pair.b.dedupe.firstSeen('telegram:m1', 60),
        pair.a.dedupe.firstSeen('telegram:m1', 60),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await pair.b.dedupe.firstSeen('telegram:m2', 60)).toBe(true);
    });

    it('honours a rate limit for 50 hits in one second, says firstDenied once, and leaves other keys alone', async () => {
      const hits = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? pair.a : pair.b).rateLimit.hit('user:alice', 12, 1000)),
      );
      expect(hits.filter((h) => h.allowed)).toHaveLength(12);
      expect(hits.filter((h) => h.firstDenied)).toHaveLength(1);
      const denied = hits.find((h) => !h.allowed)!;
      expect(denied.retryAfterMs).toBeGreaterThan(0);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(1000);
      const other = await pair.a.rateLimit.hit('user:bob', 12, 1000);
      expect(other).toMatchObject({ allowed: true, firstDenied: false });
      await sleep(1050);
      expect((await pair.a.rateLimit.hit('user:alice', 12, 1000)).allowed).toBe(true);
    });

    it('serializes concurrent turns on one key, so no update is lost', async () => {
      const key = 'telegram:g1:alice';
      const turn = (backend: StateBackend) =>
        backend.locks.withLock(key, async () => {
          const s = (await backend.sessions.get(key)) ?? initialSession('2026-11-22T08:00:00.000Z');
          await sleep(15); // a turn's work between load and save
          await backend.sessions.put(key, { ...s, misses: s.misses + 1 }, 60);
        });
      await Promise.all(Array.from({ length: 8 }, (_, i) => turn(i % 2 ? pair.a : pair.b)));
      expect((await pair.a.sessions.get(key))?.misses).toBe(8);
    });

    it('updates a session under the turn\'s lock, so neither a running turn nor the update loses its write', async () => {
      const key = 'wechat:w1';
      const turn = pair.a.locks.withLock(key, async () => {
        const s = (await pair.a.sessions.get(key)) ?? initialSession('2026-11-22T08:00:00.000Z');
        await sleep(60); // the turn is busy between load and save while the operator takes over
        await pair.a.sessions.put(key, { ...s, misses: s.misses + 1 }, 60);
      });
      await sleep(10);
      const taken = pair.b.sessions.update(key, (s) => ({ ...(s ?? initialSession('2026-11-22T08:00:00.000Z')), takenOverBy: 'op1' }), 60);
      await Promise.all([turn, taken]);
      const after = await pair.a.sessions.get(key);
      expect(after?.misses).toBe(1);
      expect(after?.takenOverBy).toBe('op1');
    });

    it('counts every one of many concurrent updates from both views, and leaves a session alone when told to', async () => {
      const key = 'telegram:42';
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? pair.a : pair.b).sessions.update(key, (s) => {
            const next = s ?? initialSession('2026-11-22T08:00:00.000Z');
            return { ...next, misses: next.misses + 1 };
          }, 60),
        ),
      );
      expect((await pair.b.sessions.get(key))?.misses).toBe(10);
      expect(await pair.a.sessions.update('nobody', () => undefined, 60)).toBeUndefined();
      expect(await pair.b.sessions.get('nobody')).toBeUndefined();
    });

    it('does not serialize turns of different conversations', async () => {
      // The first turn waits for the second to begin: serialized, the second could begin only after the first gave up waiting.
      let secondIn!: () => void;
      const second = new Promise<string>((resolve) => (secondIn = () => resolve('both at once')));
      const [first] = await Promise.all([
        pair.a.locks.withLock('c1', () => Promise.race([second, sleep(5000).then(() => 'one after the other')])),
        pair.b.locks.withLock('c2', async () => secondIn()),
      ]);
      expect(first).toBe('both at once');
    });

    it('gives up with LOCK_TIMEOUT when the lock stays busy, and frees the lock after a failing turn', async () => {
      // The holder keeps the lock until the other side has given up, however slow the machine.
      let entered!: () => void;
      let release!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const done = new Promise<void>((resolve) => (release = resolve));
      const holder = pair.a.locks.withLock('busy', async () => {
        entered();
        await done;
      });
      await inside;
      const err = await pair.b.locks.withLock('busy', async () => 'never', { timeoutMs: 100 }).catch((e: unknown) => e);
      release();
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('LOCK_TIMEOUT');
      await holder;
      await expect(pair.a.locks.withLock('busy', () => Promise.reject(new Error('turn failed')))).rejects.toThrow('turn failed');
      expect(await pair.b.locks.withLock('busy', async () => 'free', { timeoutMs: 200 })).toBe('free');
    });

    describe('turns: begin and finish', () => {
      const session = (misses: number) => ({ ...initialSession('2026-11-22T08:00:00.000Z'), misses });
      let n = 0;
      /** A fresh message of one conversation, under a user limit of 100 unless told otherwise. */
      const request = (conversation: string | undefined, extra: Partial<TurnRequest> = {}): TurnRequest => ({
        dedupe: { key: `m-${(n += 1)}`, ttlSeconds: 60 },
        limits: [{ key: 'u:alice', limit: 100, windowMs: 60_000 }],
        ...(conversation ? { conversation: { key: conversation } } : {}),
        ...extra,
      });

      it('answers a message id once across both views, and counts nothing for the duplicate', async () => {
        const req = request(undefined, { limits: [{ key: 'u:dup', limit: 2, windowMs: 60_000 }] });
        const starts = await Promise.all([pair.a.turns.begin(req), pair.b.turns.begin(req), pair.a.turns.begin(req)]);
        expect(starts.map((s) => s.status).sort()).toEqual(['duplicate', 'duplicate', 'passed']);
        // The sender's window holds the one message that passed: one more hit fits, the next is the first denied.
        expect((await pair.a.rateLimit.hit('u:dup', 2, 60_000)).allowed).toBe(true);
        expect((await pair.a.rateLimit.hit('u:dup', 2, 60_000)).firstDenied).toBe(true);
      });

      it('stops at the first limit exceeded, says so once, and does not count the later limits', async () => {
        const limits = [
          { key: 'u:bob', limit: 2, windowMs: 60_000 },
          { key: 'g:room', limit: 100, windowMs: 60_000 },
        ];
        const starts = [];
        for (let i = 0; i < 4; i++) starts.push(await (i % 2 ? pair.a : pair.b).turns.begin(request(undefined, { limits })));
        expect(starts.map((s) => s.status)).toEqual(['passed', 'passed', 'limited', 'limited']);
        const denied = starts.filter((s) => s.status === 'limited').map((s) => (s.status === 'limited' ? s.decision : undefined)!);
        expect(denied.map((d) => d.firstDenied)).toEqual([true, false]);
        expect(denied[0]!.retryAfterMs).toBeGreaterThan(0);
        expect(denied[0]!.retryAfterMs).toBeLessThanOrEqual(60_000);
        // The group window saw the two turns that passed the sender's limit, not the two stopped by it.
        const group = await pair.a.rateLimit.hit('g:room', 3, 60_000);
        expect(group).toMatchObject({ allowed: true });
        expect((await pair.a.rateLimit.hit('g:room', 3, 60_000)).firstDenied).toBe(true);
      });

      it('reads the session under the lock and saves it with the unlock; a finish without a session leaves it', async () => {
        await pair.a.sessions.put('c', session(3), 60);
        const start = await pair.a.turns.begin(request('c'));
        expect(start.status).toBe('held');
        if (start.status !== 'held') return;
        expect(start.session).toEqual(session(3));
        expect(await pair.a.turns.finish(start.held, { state: session(4), ttlSeconds: 60 })).toBe(true);
        expect(await pair.b.sessions.get('c')).toEqual(session(4));
        const next = await pair.b.turns.begin(request('c', { conversation: { key: 'c', timeoutMs: 200 } }));
        if (next.status !== 'held') throw new Error(`expected the lock, got ${next.status}`);
        expect(next.session?.misses).toBe(4);
        await pair.b.turns.finish(next.held);
        expect(await pair.a.sessions.get('c')).toEqual(session(4));
        const fresh = await pair.a.turns.begin(request('nobody-yet'));
        expect(fresh.status === 'held' && fresh.session).toBeUndefined();
        if (fresh.status === 'held') await pair.a.turns.finish(fresh.held);
      });

      it('serializes turns with each other and with updates from outside the turn, so no write is lost', async () => {
        const key = 'telegram:g9:carol';
        const turn = async (backend: StateBackend) => {
          const start = await backend.turns.begin(request(key));
          if (start.status !== 'held') throw new Error(start.status);
          await sleep(15); // a turn's work between load and save
          const s = start.session ?? session(0);
          await backend.turns.finish(start.held, { state: { ...s, misses: s.misses + 1 }, ttlSeconds: 60 });
        };
        const takeOver = (backend: StateBackend) => backend.sessions.update(key, (s) => ({ ...(s ?? session(0)), takenOverBy: 'op1' }), 60);
        await Promise.all([...Array.from({ length: 6 }, (_, i) => turn(i % 2 ? pair.a : pair.b)), takeOver(pair.b)]);
        const after = await pair.a.sessions.get(key);
        expect(after?.misses).toBe(6);
        expect(after?.takenOverBy).toBe('op1');
      });

      it('gives up with LOCK_TIMEOUT on a busy conversation, having counted the message once', async () => {
        const holder = await pair.a.turns.begin(request('busy-c'));
        if (holder.status !== 'held') throw new Error(holder.status);
        const limits = [{ key: 'u:dave', limit: 1, windowMs: 60_000 }];
        const err = await pair.b.turns.begin(request('busy-c', { limits, conversation: { key: 'busy-c', timeoutMs: 150 } })).catch((e: unknown) => e);
        expect((err as AppError).code).toBe('LOCK_TIMEOUT');
        // Waiting for the lock did not count the sender again: their one hit so far is the one above.
        expect((await pair.a.rateLimit.hit('u:dave', 1, 60_000)).firstDenied).toBe(true);
        await pair.a.turns.finish(holder.held);
        const after = await pair.b.turns.begin(request('busy-c', { conversation: { key: 'busy-c', timeoutMs: 200 } }));
        expect(after.status).toBe('held');
        if (after.status === 'held') await pair.b.turns.finish(after.held);
      });

      it('passes without a lock when no conversation is asked for, and refuses a second finish', async () => {
        const start = await pair.a.turns.begin(request(undefined));
        expect(start).toEqual({ status: 'passed' });
        const held = await pair.a.turns.begin(request('twice'));
        if (held.status !== 'held') throw new Error(held.status);
        await pair.a.turns.finish(held.held);
        await expect(pair.a.turns.finish(held.held)).rejects.toThrow(/finished twice/);
      });
    });
  });
}
