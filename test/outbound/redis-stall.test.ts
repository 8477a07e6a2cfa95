import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { silentLogger } from '../../src/log.ts';
import { RecordingChannel } from '../../src/adapters/recording.ts';
import { connectRedis } from '../../src/store/redis/connect.ts';
import { createRedisOutbound, type ManagedOutbound } from '../../src/outbound/index.ts';
import { dropPrefix, randomPrefix, testRedis } from '../helpers/redis.ts';
import { makeOutbound } from './fixtures.ts';

const REDIS_URL = process.env.REDIS_URL;
const PAUSE_MS = 3000;

describe.skipIf(!REDIS_URL)('Redis outbound after Redis stalls (REDIS_URL)', () => {
  const prefix = randomPrefix('outstall');
  const clients: Redis[] = [];
  const queues: ManagedOutbound[] = [];

  afterAll(async () => {
    await Promise.all(queues.map((q) => q.stop()));
    await dropPrefix(clients[0]!, prefix);
    for (const c of clients) c.disconnect();
  });

  it('delivers a reply enqueued while Redis was paused within seconds of the pause ending, once', async () => {
    // The service's own client: commands time out (here after 1 s) while Redis does not answer.
    const redis = await connectRedis(REDIS_URL!, silentLogger(), { commandTimeoutMs: 1000 });
    const admin = testRedis(REDIS_URL!);
    const producerClient = testRedis(REDIS_URL!);
    clients.push(admin, redis, producerClient);
    // One send is still in progress when Redis pauses: its acknowledgement fails and must be retried, not the send.
    const tg = new RecordingChannel({ platform: 'telegram', beforeSend: (_c, reply) => (reply.text === '暂停时在发送' ? sleep(400) : undefined) });
    // Stale entries are taken over only after 30 s: recovery must not wait for that.
    const q = createRedisOutbound({ log: silentLogger(), redis, keyPrefix: prefix, consumer: 'stall-a', claimIdleMs: 30_000 });
    const producer = createRedisOutbound({ log: silentLogger(), redis: producerClient, keyPrefix: prefix });
    queues.push(q);
    q.register(tg);
    await q.start();
    await producer.enqueue(makeOutbound({ text: '暂停前' }));
    await tg.waitFor(1, 5000);

    await producer.enqueue(makeOutbound({ text: '暂停时在发送' }));
    while (tg.attempts < 2) await sleep(5);
    const pausedAt = Date.now();
    await admin.call('CLIENT', 'PAUSE', String(PAUSE_MS), 'ALL');
    let unpausedAt = pausedAt + PAUSE_MS;
    try {
      await sleep(1500);
      // Another process enqueues while Redis is paused: its XADD runs when the pause ends.
      await producer.enqueue(makeOutbound({ text: '暂停中入队的答复' }));
      unpausedAt = Date.now();
    } finally {
      await admin.call('CLIENT', 'UNPAUSE').catch(() => undefined);
    }

    const deadline = unpausedAt + 10_000;
    while (tg.sent.length < 3 && Date.now() < deadline) await sleep(20);
    const delivered = tg.sent.find((s) => s.reply.text === '暂停中入队的答复');
    expect(delivered, 'the reply enqueued during the pause was not delivered within 10 s of the pause ending').toBeDefined();
    expect(delivered!.at - unpausedAt).toBeLessThan(10_000);
    // Nothing is sent twice, and nothing is left unacknowledged for the 30 s takeover.
    const settle = Date.now() + 5000;
    while (Number(((await admin.xpending(`${prefix}out:telegram`, 'senders')) as [number])[0]) > 0 && Date.now() < settle) await sleep(50);
    expect(Number(((await admin.xpending(`${prefix}out:telegram`, 'senders')) as [number])[0])).toBe(0);
    expect(tg.texts().sort()).toEqual(['暂停中入队的答复', '暂停前', '暂停时在发送'].sort());
  }, 30_000);
});
