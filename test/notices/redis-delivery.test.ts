import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';
import { silentLogger } from '../../src/log.ts';
import { createNoticeService } from '../../src/notices/service.ts';
import { noticeEventRecorder } from '../../src/notices/tracking.ts';
import { createRedisOutbound, type ManagedOutbound } from '../../src/outbound/index.ts';
import { DELIVER_ONCE } from './fixtures/relay.ts';
import { dropPrefix, randomPrefix, testRedis } from '../helpers/redis.ts';

/** What an idempotent relay does: record a delivery only the first time its key is seen. */
const { REDIS_URL, DATABASE_URL } = process.env;
const GROUPS = 1000;
const PER_SECOND = 250;
const WORKER = fileURLToPath(new URL('./fixtures/delivery-worker.ts', import.meta.url));

describe.skipIf(!REDIS_URL || !DATABASE_URL)('a notice to 1,000 groups on Redis Streams (REDIS_URL, DATABASE_URL)', () => {
  const schema = `t_notices_${randomBytes(4).toString('hex')}`;
  const prefix = randomPrefix('notices');
  const redis = testRedis(REDIS_URL ?? 'redis://127.0.0.1:6379');
  let database: Database;
  let survivor: ManagedOutbound | undefined;

  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: DATABASE_URL, schema });
    await migrate(database);
  });
  afterAll(async () => {
    await survivor?.stop();
    await dropPrefix(redis, prefix);
    redis.disconnect();
    if (database) {
      await database.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await database.close();
    }
  });

  it('reaches every group of the tag exactly once when a delivery worker is killed half-way', { timeout: 90_000 }, async () => {
    const log = silentLogger();
    // The officer's side: only enqueues (this process consumes nothing yet).
    const producer = createRedisOutbound({ redis, keyPrefix: prefix, log });
    const service = createNoticeService({ database, outbound: producer, clock: () => new Date(), log, batchSize: 250 });
    const values = Array.from({ length: GROUPS }, (_, i) => `('telegram', '-100${String(i).padStart(5, '0')}', '工地群${i}', '{建筑}', '重庆', true, now())`);
    await database.exec(`INSERT INTO notice_groups (platform, chat_id, title, tags, region, subscribed, updated_at) VALUES ${values.join(',')}`);
    await database.exec(`INSERT INTO notice_groups (platform, chat_id, title, tags, region, subscribed, updated_at) VALUES ('telegram', '-9990001', '快递群', '{快递}', '重庆', true, now())`);
    const notice = await service.create({ title: '高温津贴发放提醒', body: '6-9 月高温津贴按月发放。', link: '', audience: { tags: ['建筑'], regions: [], platforms: [] } }, 'off1');
    await service.sendNow(notice.id);
    expect((await service.report(notice.id)).counts.queued).toBe(GROUPS);

    // Worker A starts sending, and is killed (SIGKILL) part-way through.
    const env = { ...process.env, SCHEMA: schema, PREFIX: prefix, CONSUMER: 'worker-a', PER_SECOND: String(PER_SECOND) };
    const child = fork(WORKER, [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const received = () => redis.llen(`${prefix}received`);
    const deadline = Date.now() + 30_000;
    while ((await received()) < GROUPS * 0.4 && Date.now() < deadline) await sleep(20);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const atKill = await received();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(GROUPS);

    // Worker B takes over what A held and finishes.
    survivor = createRedisOutbound({
      redis,
      keyPrefix: prefix,
      log,
      consumer: 'worker-b',
      claimIdleMs: 1000,
      pacing: { telegram: { global: { limit: PER_SECOND, windowMs: 1000 } } },
      onEvent: noticeEventRecorder(service, log),
    });
    survivor.register({
      platform: 'telegram',
      capabilities: { buttons: false, markdown: false, maxLength: 4096, idempotent: true },
      send: async (chatId, _reply, options) => void (await redis.eval(DELIVER_ONCE, 2, `${prefix}delivered:${options?.dedupeKey}`, `${prefix}received`, chatId)),
    });
    await survivor.start();
    const until = Date.now() + 40_000;
    while ((await received()) < GROUPS && Date.now() < until) await sleep(50);
    await survivor.drain(20_000).catch(() => undefined);

    const chats = await redis.lrange(`${prefix}received`, 0, -1);
    const counts = new Map<string, number>();
    for (const c of chats) counts.set(c, (counts.get(c) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1);
    expect(twice, 'groups that got the notice twice').toEqual([]);
    expect(counts.has('-9990001')).toBe(false);
    const report = await service.report(notice.id);
    const lost = report.rows.filter((r) => r.status !== 'sent').map((r) => `${r.chatId} ${r.status} ${r.lastError ?? ''}`);
    expect(counts.size, `groups reached (${atKill} before the kill); not sent: ${lost.slice(0, 5).join('; ')}`).toBe(GROUPS);
    await expect.poll(async () => (await service.report(notice.id)).counts.sent, { timeout: 10_000 }).toBe(GROUPS);
  });
});
