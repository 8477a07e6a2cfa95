import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { silentLogger } from '../../src/log.ts';
import { RecordingChannel } from '../../src/adapters/recording.ts';
import { createRedisOutbound, type ManagedOutbound, type PacingConfig } from '../../src/outbound/index.ts';
import { dropPrefix, randomPrefix, testRedis } from '../helpers/redis.ts';
import { makeOutbound, maxInWindow } from './fixtures.ts';

const REDIS_URL = process.env.REDIS_URL;

describe.skipIf(!REDIS_URL)('Redis outbound shared by several consumers (REDIS_URL)', () => {
  const clients: Redis[] = [];
  const queues: ManagedOutbound[] = [];
  let prefix = '';
  const client = () => {
    const r = testRedis(REDIS_URL!);
    clients.push(r);
    return r;
  };
  const consumer = (name: string, channel: RecordingChannel, extra: { claimIdleMs?: number; pacing?: PacingConfig } = {}) => {
    const q = createRedisOutbound({ log: silentLogger(), redis: client(), keyPrefix: prefix, consumer: name, blockMs: 50, claimIdleMs: extra.claimIdleMs ?? 30_000, pacing: extra.pacing ?? {} });
    q.register(channel);
    queues.push(q);
    return q;
  };
  const keysOf = (...channels: RecordingChannel[]) => channels.flatMap((c) => c.sent.map((s) => s.reply.text));

  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
    if (clients[0]) await dropPrefix(clients[0], prefix);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('two consumers deliver 1,000 messages exactly once in total, sharing the work', async () => {
    prefix = randomPrefix('outq2');
    const a = new RecordingChannel({ platform: 'telegram', beforeSend: () => sleep(1) });
    const b = new RecordingChannel({ platform: 'telegram', beforeSend: () => sleep(1) });
    const qa = consumer('a', a);
    const qb = consumer('b', b);
    await Promise.all([qa.start(), qb.start()]);
    const producer = createRedisOutbound({ log: silentLogger(), redis: client(), keyPrefix: prefix });
    for (let i = 0; i < 1000; i++) await producer.enqueue(makeOutbound({ chatId: String(i % 50), text: `n${i}` }));
    const deadline = Date.now() + 20_000;
    while (a.sent.length + b.sent.length < 1000 && Date.now() < deadline) await sleep(20);
    await sleep(300);
    const texts = keysOf(a, b);
    expect(texts).toHaveLength(1000);
    expect(new Set(texts).size).toBe(1000);
    expect(a.sent.length).toBeGreaterThan(0);
    expect(b.sent.length).toBeGreaterThan(0);
  });

  it('two consumers together keep the bot account to its limit in every 1 s window', async () => {
    prefix = randomPrefix('outq4');
    const pacing: PacingConfig = { telegram: { global: { limit: 40, windowMs: 1000 } } };
    const a = new RecordingChannel({ platform: 'telegram' });
    const b = new RecordingChannel({ platform: 'telegram' });
    const qa = consumer('a', a, { pacing });
    const qb = consumer('b', b, { pacing });
    await Promise.all([qa.start(), qb.start()]);
    const producer = createRedisOutbound({ log: silentLogger(), redis: client(), keyPrefix: prefix });
    for (let i = 0; i < 120; i++) await producer.enqueue(makeOutbound({ chatId: String(3000 + i) }));
    const deadline = Date.now() + 20_000;
    while (a.sent.length + b.sent.length < 120 && Date.now() < deadline) await sleep(20);
    const at = [...a.sent, ...b.sent].map((s) => s.at);
    expect(at).toHaveLength(120);
    expect(a.sent.length).toBeGreaterThan(0);
    expect(b.sent.length).toBeGreaterThan(0);
    expect(maxInWindow(at, 1000)).toBeLessThanOrEqual(40);
  });

  it('when a consumer dies holding messages, another takes them over and nothing is sent twice', async () => {
    prefix = randomPrefix('outq3');
    const redis = client();
    const producer = createRedisOutbound({ log: silentLogger(), redis, keyPrefix: prefix });
    // A process read 40 messages and was killed before sending any of them.
    const slow = new RecordingChannel({ platform: 'telegram', beforeSend: () => sleep(5) });
    const qa = consumer('a', slow);
    await qa.start(); // creates the group
    await qa.stop();
    for (let i = 0; i < 300; i++) await producer.enqueue(makeOutbound({ chatId: String(i % 20), text: `n${i}` }));
    const stream = `${prefix}out:telegram`;
    const read = (await redis.xreadgroup('GROUP', 'senders', 'killed', 'COUNT', 40, 'STREAMS', stream, '>')) as [string, unknown[]][];
    expect(read[0]![1]).toHaveLength(40);

    // Another consumer stops half-way without acknowledging what it holds.
    const qa2 = consumer('a2', slow, { claimIdleMs: 300 });
    await qa2.start();
    while (slow.sent.length < 60) await sleep(5);
    await qa2.stop();
    const sentByA = slow.sent.length;
    expect(sentByA).toBeLessThan(260);

    const rescue = new RecordingChannel({ platform: 'telegram' });
    const qb = consumer('b', rescue, { claimIdleMs: 300 });
    await qb.start();
    const deadline = Date.now() + 15_000;
    while (slow.sent.length + rescue.sent.length < 300 && Date.now() < deadline) await sleep(20);
    await sleep(800); // a second claim round must not resend anything
    const texts = keysOf(slow, rescue);
    expect(new Set(texts).size).toBe(300);
    expect(texts).toHaveLength(300);
    expect(slow.sent.length).toBe(sentByA);
    const pending = (await redis.xpending(stream, 'senders')) as [number, ...unknown[]];
    expect(pending[0]).toBe(0);
  });
});
