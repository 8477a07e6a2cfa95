import { afterEach, describe, expect, it } from 'vitest';
import type { FakeOpenAI } from '../helpers/fake-openai.ts';
import { hitsFor } from '../helpers/kb-hits.ts';
import { modelPathOnFake } from '../helpers/model-on-fake.ts';

const GROUNDED = '工会文旅年票每张200元 [[cq-nianpiao-200yuan-huifei]]。';
const SLACK_MS = 400;

describe('reliability', () => {
  let fake: FakeOpenAI | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function compose(model: Awaited<ReturnType<typeof modelPathOnFake>>['model'], question = '年票多少钱') {
    const hits = await hitsFor('cq-nianpiao-200yuan-huifei');
    const t = performance.now();
    const out = await model.compose({ question, hits, offlineText: '年票200元' });
    return { out, ms: performance.now() - t };
  }

  it('answers {ok:false} within the budget when the server returns HTTP 500 every time, after bounded retries', async () => {
    const env = await modelPathOnFake({ timeoutMs: 1500, maxAttempts: 3, backoffMs: 30 });
    fake = env.fake;
    fake.respond({ status: 500 });
    const { out, ms } = await compose(env.model);
    expect(out).toMatchObject({ ok: false, reason: expect.stringContaining('http_5xx') });
    expect(fake.requests).toHaveLength(3);
    expect(ms).toBeLessThan(1500 + SLACK_MS);
  });

  it('recovers when a retry succeeds after a 500', async () => {
    const env = await modelPathOnFake({ maxAttempts: 3, backoffMs: 20 });
    fake = env.fake;
    fake.queue({ status: 500 }, { status: 503 });
    fake.respond({ text: GROUNDED });
    const { out } = await compose(env.model);
    expect(out).toMatchObject({ ok: true, value: { citedIds: ['cq-nianpiao-200yuan-huifei'] } });
    expect(fake.requests).toHaveLength(3);
  });

  it('answers {ok:false} when the body is not JSON', async () => {
    const env = await modelPathOnFake({ timeoutMs: 1500, maxAttempts: 2, backoffMs: 20 });
    fake = env.fake;
    fake.respond({ malformed: true });
    const { out, ms } = await compose(env.model);
    expect(out).toMatchObject({ ok: false, reason: expect.stringContaining('malformed') });
    expect(fake.requests).toHaveLength(2);
    expect(ms).toBeLessThan(1500 + SLACK_MS);
  });

  it('gives up on a hanging server when the budget is spent', async () => {
    const env = await modelPathOnFake({ timeoutMs: 600 });
    fake = env.fake;
    fake.respond({ hang: true });
    const { out, ms } = await compose(env.model);
    expect(out).toEqual({ ok: false, reason: 'no answer within 600 ms' });
    expect(ms).toBeGreaterThanOrEqual(550);
    expect(ms).toBeLessThan(600 + SLACK_MS);
    expect(fake.requests).toHaveLength(1);
  });

  it('stops when the caller’s own signal fires first', async () => {
    const env = await modelPathOnFake({ timeoutMs: 5000 });
    fake = env.fake;
    fake.respond({ hang: true });
    const hits = await hitsFor('cq-nianpiao-200yuan-huifei');
    const t = performance.now();
    const out = await env.model.compose({ question: '年票', hits, offlineText: 'x' }, { signal: AbortSignal.timeout(200) });
    expect(out.ok).toBe(false);
    expect(performance.now() - t).toBeLessThan(200 + SLACK_MS);
    expect(env.model.stats().breaker).toBe('closed');
  });

  it('opens the breaker after consecutive failures, sends nothing while open, and closes after the cool-down', async () => {
    let now = Date.parse('2026-11-22T10:00:00Z');
    const env = await modelPathOnFake({ maxAttempts: 1, breaker: { threshold: 3, coolDownMs: 30_000 }, clock: () => new Date(now) });
    fake = env.fake;
    fake.respond({ status: 500 });
    for (let i = 0; i < 3; i++) expect((await compose(env.model, `问题${i}`)).out.ok).toBe(false);
    expect(fake.requests).toHaveLength(3);
    expect(env.model.stats().breaker).toBe('open');

    const refused = await compose(env.model, '年票多少钱');
    expect(refused.out).toEqual({ ok: false, reason: 'circuit breaker open' });
    expect(refused.ms).toBeLessThan(50);
    expect(fake.requests).toHaveLength(3);

    now += 29_000;
    await compose(env.model, '还是关着');
    expect(fake.requests).toHaveLength(3);

    now += 2_000; // cool-down over: one trial goes out
    fake.respond({ text: GROUNDED });
    expect(env.model.stats().breaker).toBe('half_open');
    const trial = await compose(env.model, '年票到底多少钱');
    expect(trial.out.ok).toBe(true);
    expect(fake.requests).toHaveLength(4);
    expect(env.model.stats().breaker).toBe('closed');
  });

  it('opens again when the half-open trial fails', async () => {
    let now = 0;
    const env = await modelPathOnFake({ maxAttempts: 1, breaker: { threshold: 2, coolDownMs: 1000 }, clock: () => new Date(now) });
    fake = env.fake;
    fake.respond({ status: 502 });
    await compose(env.model, 'a');
    await compose(env.model, 'b');
    expect(env.model.stats().breaker).toBe('open');
    now += 1000;
    await compose(env.model, 'c');
    expect(fake.requests).toHaveLength(3);
    expect(env.model.stats().breaker).toBe('open');
    await compose(env.model, 'd');
    expect(fake.requests).toHaveLength(3);
  });

  it('does not count rejected answers against the endpoint', async () => {
    const env = await modelPathOnFake({ breaker: { threshold: 2 } });
    fake = env.fake;
    fake.respond({ text: '年票9999元 [[cq-nianpiao-200yuan-huifei]]' });
    for (let i = 0; i < 4; i++) expect((await compose(env.model, `q${i}`)).out.ok).toBe(false);
    expect(fake.requests).toHaveLength(4);
    expect(env.model.stats()).toMatchObject({ breaker: 'closed', rejected: 4, failed: 0 });
  });
});
