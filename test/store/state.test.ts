import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryBackend } from '../../src/store/memory/index.ts';
import { connectRedis, createRedisBackend } from '../../src/store/redis/index.ts';
import { AppError } from '../../src/errors.ts';
import { initialSession, type HeldTurn } from '../../src/store/ports.ts';
import { silentLogger } from '../../src/log.ts';
import { stateContract } from '../contracts/state.contract.ts';
import { dropPrefix, randomPrefix, testRedis } from '../helpers/redis.ts';

const REDIS_URL = process.env.REDIS_URL;

stateContract('memory', async () => {
  const backend = createMemoryBackend();
  return { a: backend, b: backend, cleanup: () => backend.close() };
});

describe('memory rate limit', () => {
  it('counts a burst in one window even when it crosses a second of the clock', async () => {
    let now = 10_999;
    const backend = createMemoryBackend(() => now);
    for (let i = 0; i < 12; i++) expect((await backend.rateLimit.hit('user:alice', 12, 1000)).allowed).toBe(true);
    now = 11_001;
    const next = await backend.rateLimit.hit('user:alice', 12, 1000);
    expect(next).toMatchObject({ allowed: false, firstDenied: true, retryAfterMs: 998 });
    now = 11_999;
    expect((await backend.rateLimit.hit('user:alice', 12, 1000)).allowed).toBe(true);
    await backend.close();
  });
});

describe.skipIf(!REDIS_URL)('Redis state (REDIS_URL)', () => {
  const clients: ReturnType<typeof testRedis>[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  stateContract('redis', async () => {
    const prefix = randomPrefix('state');
    const ra = testRedis(REDIS_URL!);
    const rb = testRedis(REDIS_URL!);
    clients.push(ra, rb);
    return {
      a: createRedisBackend({ redis: ra, keyPrefix: prefix }),
      b: createRedisBackend({ redis: rb, keyPrefix: prefix }),
      cleanup: () => dropPrefix(ra, prefix),
    };
  });

  it('lets the worker in within seconds when the process holding the conversation lock dies mid-turn', async () => {
    const prefix = randomPrefix('dead-holder');
    const dying = testRedis(REDIS_URL!);
    const alive = testRedis(REDIS_URL!);
    clients.push(alive);
    try {
      let entered!: () => void;
      const inTurn = new Promise<void>((r) => (entered = r));
      // The holder never finishes: its process is killed (its Redis connection drops) in the middle of the turn.
      void createRedisBackend({ redis: dying, keyPrefix: prefix }).locks.withLock('telegram:42', async () => {
        entered();
        await new Promise(() => {});
      }).catch(() => undefined);
      await inTurn;
      dying.disconnect();
      const started = Date.now();
      // The worker resends 确认: the turn waits as the engine does (8 s) and must get in.
      const got = await createRedisBackend({ redis: alive, keyPrefix: prefix }).locks.withLock('telegram:42', async () => 'answered', { timeoutMs: 8000 });
      expect(got).toBe('answered');
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      await dropPrefix(alive, prefix);
    }
  });

  it('keeps a live holder\'s lock past its TTL for as long as the turn runs', async () => {
    const prefix = randomPrefix('renew');
    const r = testRedis(REDIS_URL!);
    clients.push(r);
    const locks = createRedisBackend({ redis: r, keyPrefix: prefix }).locks;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const long = locks.withLock('k', async () => {
      entered();
      await sleep(900);
    }, { ttlMs: 300 });
    await inside;
    const err = await locks.withLock('k', async () => 'too early', { timeoutMs: 600, ttlMs: 300 }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('LOCK_TIMEOUT');
    await long;
    expect(await locks.withLock('k', async () => 'free', { timeoutMs: 500 })).toBe('free');
    await dropPrefix(r, prefix);
  });

  /** A Redis backend of its own for one test, and a message of conversation `k` (lock TTL and wait as given). */
  function ownBackend(tag: string) {
    const prefix = randomPrefix(tag);
    const r = testRedis(REDIS_URL!);
    clients.push(r);
    const message = (id: string, conversation: { timeoutMs?: number; ttlMs?: number } = {}) => ({ dedupe: { key: id, ttlSeconds: 60 }, limits: [], conversation: { key: 'k', ...conversation } });
    return { prefix, r, message, ...createRedisBackend({ redis: r, keyPrefix: prefix }) };
  }

  it('keeps a turn\'s lock past its TTL from begin to finish', async () => {
    const { prefix, r, turns, message } = ownBackend('turn-renew');
    const req = (id: string, timeoutMs: number) => message(id, { timeoutMs, ttlMs: 300 });
    const first = await turns.begin(req('m1', 100));
    if (first.status !== 'held') throw new Error(first.status);
    // Three TTLs of work (a ticket filed while the database is slow): nobody else gets in.
    const err = await turns.begin(req('m2', 900)).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('LOCK_TIMEOUT');
    expect(await turns.finish(first.held, { state: initialSession('2026-11-22T08:00:00.000Z'), ttlSeconds: 60 })).toBe(true);
    const second = await turns.begin(req('m3', 200));
    expect(second.status).toBe('held');
    if (second.status === 'held') await turns.finish(second.held);
    await dropPrefix(r, prefix);
  });

  it('lets a message waiting for a conversation held in this process in as soon as the turn ends, not at its next poll', async () => {
    const { prefix, r, turns, sessions, message } = ownBackend('local-wake');
    /** How long after the holder's finish the waiter got in. */
    const gapAfterFinish = async (wait: () => Promise<unknown>) => {
      const first = await turns.begin(message(`m-${Math.random()}`));
      if (first.status !== 'held') throw new Error(first.status);
      let inAt = 0;
      const waiting = wait().then((x) => ((inAt = performance.now()), x));
      // Long enough that polling has backed off to pauses of 50 ms: the next poll is ~25 ms after the finish.
      await sleep(150);
      await turns.finish(first.held, { state: initialSession('2026-11-22T08:00:00.000Z'), ttlSeconds: 60 });
      const freedAt = performance.now();
      const got = await waiting;
      if (got && typeof got === 'object' && 'held' in got) await turns.finish((got as { held: HeldTurn }).held);
      return inAt - freedAt;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const turnGaps: number[] = [];
    for (let i = 0; i < 3; i++) turnGaps.push(await gapAfterFinish(() => turns.begin(message(`m-${Math.random()}`, { timeoutMs: 2000 }))));
    expect(median(turnGaps)).toBeLessThan(12);
    // An update from outside the turn (a take-over) waits on the same lock, and is woken the same way.
    const updateGaps: number[] = [];
    for (let i = 0; i < 3; i++) updateGaps.push(await gapAfterFinish(() => sessions.update('k', (s) => ({ ...(s ?? initialSession('2026-11-22T08:00:00.000Z')), takenOverBy: 'op1' }), 60)));
    expect(median(updateGaps)).toBeLessThan(12);
    expect((await sessions.get('k'))?.takenOverBy).toBe('op1');
    await dropPrefix(r, prefix);
  });

  it('does not write over the state of whoever holds the lock after ours was lost', async () => {
    const { prefix, r, turns, sessions, message } = ownBackend('turn-lost');
    const start = await turns.begin(message('m1'));
    if (start.status !== 'held') throw new Error(start.status);
    // Our lock expired while cut off, and another process took it and saved its own state.
    await r.set(`${prefix}lock:k`, 'someone-else');
    await sessions.put('k', { ...initialSession('2026-11-22T08:00:00.000Z'), misses: 7 }, 60);
    expect(await turns.finish(start.held, { state: initialSession('2026-11-22T08:00:00.000Z'), ttlSeconds: 60 })).toBe(false);
    expect((await sessions.get('k'))?.misses).toBe(7);
    expect(await r.get(`${prefix}lock:k`)).toBe('someone-else');
    await dropPrefix(r, prefix);
  });

  it('frees the lock at once when the session it read is not readable', async () => {
    const { prefix, r, turns, sessions, message } = ownBackend('turn-garbled');
    await r.set(`${prefix}session:k`, '{"v":1,');
    const err = await turns.begin(message('m1')).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('INTERNAL');
    expect(await r.exists(`${prefix}lock:k`)).toBe(0);
    // The conversation is usable again as soon as the session is replaced.
    await sessions.put('k', initialSession('2026-11-22T08:00:00.000Z'), 60);
    const next = await turns.begin(message('m2', { timeoutMs: 200 }));
    expect(next.status).toBe('held');
    if (next.status === 'held') await turns.finish(next.held);
    await dropPrefix(r, prefix);
  });

  it('fails start-up with an error naming REDIS_URL when Redis is unreachable', async () => {
    const err = await connectRedis('redis://:secret@127.0.0.1:1/0', silentLogger(), { attempts: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('STORE_UNAVAILABLE');
    expect((err as AppError).message).toContain('REDIS_URL');
    expect((err as AppError).message).not.toContain('secret');
  });

  it('surfaces a closed client as STORE_UNAVAILABLE', async () => {
    const redis = await connectRedis(REDIS_URL!, silentLogger());
    const backend = createRedisBackend({ redis, keyPrefix: randomPrefix('closed'), ownsClient: true });
    expect(await backend.dedupe.firstSeen('x', 10)).toBe(true);
    await backend.close();
    const err = await backend.sessions.get('x').catch((e: unknown) => e);
    expect((err as AppError).code).toBe('STORE_UNAVAILABLE');
  });
});
