import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { Inbound, Reply } from '../../src/core/message.ts';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import { createRedisBackend } from '../../src/store/redis/index.ts';
import type { RunningServices } from '../../src/services.ts';
import { buildTestServices } from '../fixtures/services.ts';
import { makeInbound } from '../fixtures/messages.ts';
import { dropPrefix, randomPrefix, testRedis } from '../helpers/redis.ts';

const REDIS_URL = process.env.REDIS_URL;

const QUESTIONS = ['年票多少钱', '疗休养有几天', '老板拖欠工资怎么办', '工会驿站在哪里', '送温暖慰问标准是多少', '内蒙古疗休养补贴多少', '你好', '劳动仲裁要交钱吗', '困难职工怎么申请帮扶', '会员有哪些福利'];

/**
 * Two engines, each on its own Redis client (as two processes would be), sharing one Redis:
 * whichever receives a message first answers it, and a conversation may hop between them.
 */
describe.skipIf(!REDIS_URL)('two engines sharing one Redis (REDIS_URL)', () => {
  let services: RunningServices;
  const clients: Redis[] = [];
  let a: Engine;
  let b: Engine;
  const prefix = randomPrefix('two');

  beforeAll(async () => {
    services = await buildTestServices();
    const engineOn = () => {
      const redis = testRedis(REDIS_URL!);
      clients.push(redis);
      return createEngine({ ...services, state: createRedisBackend({ redis, keyPrefix: prefix }) });
    };
    a = engineOn();
    b = engineOn();
  });

  afterAll(async () => {
    await dropPrefix(clients[0]!, prefix);
    await Promise.all(clients.map((c) => c.quit()));
    await services.close();
  });

  it('answers 1,000 messages delivered to both exactly once', async () => {
    const messages: Inbound[] = Array.from({ length: 1000 }, (_, i) =>
      makeInbound({ platform: 'telegram', chatId: `c${i % 100}`, senderId: `u${i % 100}`, text: QUESTIONS[i % QUESTIONS.length]!, messageId: `two-${i}` }),
    );
    const answered: Reply[][] = [];
    let doubled = 0;
    for (let i = 0; i < messages.length; i += 50) {
      const batch = messages.slice(i, i + 50);
      const results = await Promise.all(batch.map(async (m) => Promise.all([a.handle(m), b.handle({ ...m })])));
      for (const [ra, rb] of results) {
        if (ra.length && rb.length) doubled += 1;
        answered.push(ra.length ? ra : rb);
      }
    }
    expect(doubled).toBe(0);
    expect(answered.filter((r) => r.length > 0)).toHaveLength(1000);
    expect(answered.flat().some((r) => r.text.includes('忙'))).toBe(false);
  });

  it('continues a ticket form started on one engine on the other', async () => {
    const who = { platform: 'telegram' as const, senderId: 'worker-77', senderName: '老周' };
    const group = (text: string) => makeInbound({ ...who, chatId: '-500', chatType: 'group', mentionsBot: true, text });
    const dm = (text: string) => makeInbound({ ...who, chatId: 'worker-77', chatType: 'private', mentionsBot: true, text });
    const [start] = await a.handle(group('老板拖欠工资三个月了，我要投诉，电话 139 1234 6721'));
    expect(start!.privateFollowUp?.awaiting).toBe('name');
    expect((await b.handle(dm('周建国')))[0]!.awaiting).toBe('employer');
    expect((await a.handle(dm('重庆某建筑公司')))[0]!.awaiting).toBe('district');
    expect((await b.handle(dm('渝北区')))[0]!.awaiting).toBe('confirm');
    const [filed] = await a.handle(dm('确认'));
    expect(filed!.text).toMatch(/12351-\d{8}-\d{4}/);
  });
});
