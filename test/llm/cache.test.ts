import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FakeOpenAI } from '../helpers/fake-openai.ts';
import { hitsFor } from '../helpers/kb-hits.ts';
import { modelPathOnFake } from '../helpers/model-on-fake.ts';
import { silentLogger } from '../../src/log.ts';
import { createModelPath } from '../../src/llm/model-path.ts';
import { createMemoryModelCache, createRedisModelCache, normalizeQuestion, type ModelCache } from '../../src/llm/cache.ts';

const GROUNDED = '工会文旅年票每张200元 [[cq-nianpiao-200yuan-huifei]]。';
const UNDERSTOOD = { intent: 'annual_pass', confidence: 0.9, slots: { phone: null, district: null, name: null, employer: null, ticketNumber: null } };

function cacheLeg(name: string, makeCache: () => ModelCache) {
  describe(`model answer cache (${name})`, () => {
    let fake: FakeOpenAI | undefined;
    afterEach(async () => {
      await fake?.close();
      fake = undefined;
    });

    it('answers a repeated question from the cache: no second HTTP call, no tokens', async () => {
      const env = await modelPathOnFake({ cache: makeCache() });
      fake = env.fake;
      fake.respond({ text: GROUNDED });
      const hits = await hitsFor('cq-nianpiao-200yuan-huifei');
      const first = await env.model.compose({ question: '年票多少钱？', hits, offlineText: 'x' });
      const again = await env.model.compose({ question: ' 年票 多少钱 ', hits, offlineText: 'x' });
      expect(first).toMatchObject({ ok: true, cached: false });
      expect(again).toEqual({
        ok: true,
        value: { text: '工会文旅年票每张200元。', citedIds: ['cq-nianpiao-200yuan-huifei'] },
        usage: { promptTokens: 0, completionTokens: 0 },
        cached: true,
      });
      expect(fake.requests).toHaveLength(1);
      expect(env.model.stats()).toMatchObject({ cacheHits: 1, cacheMisses: 1, calls: 1 });
    });

    it('caches understanding too, and a new knowledge-base version misses', async () => {
      const cache = makeCache();
      const env = await modelPathOnFake({ cache, kbVersion: `v1-${randomUUID()}` });
      fake = env.fake;
      fake.respond({ json: UNDERSTOOD });
      await env.model.understand('年票咋个买');
      const again = await env.model.understand('年票咋个买');
      expect(again).toMatchObject({ ok: true, cached: true, value: { intent: 'annual_pass' } });
      expect(fake.requests).toHaveLength(1);

      const next = createModelPath({
        apiKey: 'sk-test',
        baseURL: fake.baseURL,
        model: 'fake-model',
        timeoutMs: 2000,
        structuredMethod: 'functionCalling',
        kbVersion: `v2-${randomUUID()}`,
        cache,
        log: silentLogger(),
      });
      const out = await next.understand('年票咋个买');
      expect(out).toMatchObject({ ok: true, cached: false });
      expect(fake.requests).toHaveLength(2);
    });

    it('does not cache a rejected answer', async () => {
      const env = await modelPathOnFake({ cache: makeCache() });
      fake = env.fake;
      fake.respond({ text: '年票300元 [[cq-nianpiao-200yuan-huifei]]' });
      const hits = await hitsFor('cq-nianpiao-200yuan-huifei');
      await env.model.compose({ question: '年票价格', hits, offlineText: 'x' });
      fake.respond({ text: GROUNDED });
      const out = await env.model.compose({ question: '年票价格', hits, offlineText: 'x' });
      expect(out).toMatchObject({ ok: true, cached: false });
      expect(fake.requests).toHaveLength(2);
    });
  });
}

cacheLeg('memory', () => createMemoryModelCache());

const REDIS_URL = process.env.REDIS_URL;
const redis = REDIS_URL ? new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true }) : undefined;
redis?.on('error', () => undefined);
const prefix = `test:model:${randomUUID()}:`;
afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe.skipIf(!REDIS_URL)('Redis leg (REDIS_URL)', () => {
  cacheLeg('redis', () => createRedisModelCache({ redis: redis!, keyPrefix: prefix, ttlSeconds: 60 }));

  it('stores entries under its prefix with a TTL', async () => {
    const cache = createRedisModelCache({ redis: redis!, keyPrefix: prefix, ttlSeconds: 60 });
    await cache.set('k1', '{"a":1}');
    expect(await cache.get('k1')).toBe('{"a":1}');
    const ttl = await redis!.ttl(`${prefix}k1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });
});

describe('Redis cache when Redis is away', () => {
  it('behaves as a miss within its time limit', async () => {
    const dead = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on('error', () => undefined);
    const cache = createRedisModelCache({ redis: dead, timeoutMs: 200 });
    const t = performance.now();
    expect(await cache.get('x')).toBeUndefined();
    await cache.set('x', 'y');
    expect(performance.now() - t).toBeLessThan(600);
    dead.disconnect();
  });
});

describe('memory cache', () => {
  it('evicts the least recently used entry and expires old ones', async () => {
    let now = 0;
    const cache = createMemoryModelCache({ maxEntries: 2, ttlMs: 1000, now: () => now });
    await cache.set('a', '1');
    await cache.set('b', '2');
    await cache.get('a');
    await cache.set('c', '3');
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe('1');
    now += 1001;
    expect(await cache.get('c')).toBeUndefined();
  });

  it('normalizes width, case, spaces and punctuation', () => {
    expect(normalizeQuestion(' 年票 多少钱？ ')).toBe(normalizeQuestion('年票多少钱?'));
    expect(normalizeQuestion('ＡＢＣ')).toBe('abc');
    expect(normalizeQuestion('50%')).not.toBe(normalizeQuestion('50'));
  });
});
