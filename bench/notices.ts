import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Channel } from '../src/adapters/channel.ts';
import { loadConfig } from '../src/config.ts';
import type { Platform } from '../src/core/message.ts';
import { migrate, openDatabase, type Database } from '../src/db/index.ts';
import { silentLogger } from '../src/log.ts';
import { createNoticeService } from '../src/notices/service.ts';
import { noticeEventRecorder } from '../src/notices/tracking.ts';
import { createMemoryOutbound, createRedisOutbound, pacingFromConfig, type ManagedOutbound } from '../src/outbound/index.ts';
import { maxInWindow, sustainedRate } from '../src/outbound/measure.ts';

interface Row {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

function counter(platform: Platform): Channel & { count: number; times: number[] } {
  return {
    platform,
    capabilities: { buttons: false, markdown: false, maxLength: 4096 },
    count: 0,
    times: [],
    async send() {
      this.count += 1;
      this.times.push(Date.now());
    },
  };
}

/** The pacing rows of one run: most sends in any 1 s (sliding) beside the limit, and the rate over the sends' own span. */
function pacingRows(label: string, times: number[], limit: number): Row[] {
  const rate = sustainedRate(times);
  return [
    { name: `${label}: most sends in any 1 s`, value: maxInWindow(times, 1000), unit: 'msg', note: `limit ${limit}; any window, not aligned` },
    { name: `${label}: sustained rate`, value: Number(rate.toFixed(1)), unit: 'msg/s', note: `${((rate / limit) * 100).toFixed(1)}% of the limit, first to last send (the first small burst can put it a little over 100 %)` },
  ];
}

async function addGroups(database: Database, platform: Platform, n: number, tag: string): Promise<void> {
  const values = Array.from({ length: n }, (_, i) => `('${platform}', '${platform === 'telegram' ? '-' : ''}${tag}${i}${platform === 'wechat' ? '@chatroom' : ''}', 'g${i}', '{${tag}}', '重庆', true, now())`);
  await database.exec(`INSERT INTO notice_groups (platform, chat_id, title, tags, region, subscribed, updated_at) VALUES ${values.join(',')}`);
}

/** Sends one notice to `n` groups and measures how fast the groups received it. */
async function run(options: { database: Database; queue: ManagedOutbound; channel: Channel & { count: number; times: number[] }; n: number; tag: string }): Promise<{ perSecond: number; seconds: number; sent: number }> {
  const { database, queue, channel, n, tag } = options;
  const log = silentLogger();
  const service = createNoticeService({ database, outbound: queue, clock: () => new Date(), log });
  await addGroups(database, channel.platform, n, tag);
  const notice = await service.create({ title: '压测通知', body: '高温津贴按月发放。', link: '', audience: { tags: [tag], regions: [], platforms: [] } }, 'bench');
  const started = performance.now();
  await service.sendNow(notice.id);
  const deadline = Date.now() + 120_000;
  while (channel.count < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: channel.count / seconds, seconds, sent: channel.count };
}

/** Groups a notice is planned for when planning alone is timed: a rate, steady from a few hundred on. */
const PLANNED = 500;

/**
 * Notice delivery rate against the configured platform limits (TELEGRAM_GLOBAL_PER_SECOND,
 * WECHAT_SEND_INTERVAL_MS): through the memory queue, through Redis Streams when REDIS_URL is
 * set, and how fast a notice is planned and queued (rows written, messages enqueued).
 */
export async function benchNotices(): Promise<Row[]> {
  const config = loadConfig();
  const log = silentLogger();
  const rows: Row[] = [];
  const database = await openDatabase({ inMemory: true });
  await migrate(database);
  try {
    const tgLimit = config.TELEGRAM_GLOBAL_PER_SECOND;
    // Three seconds of sends at the limit: enough for the most in any 1 s window to show an overrun.
    const tgGroups = tgLimit * 3;
    {
      const queue = createMemoryOutbound({ log, pacing: pacingFromConfig(config) });
      const channel = counter('telegram');
      queue.register(channel);
      await queue.start();
      const r = await run({ database, queue, channel, n: tgGroups, tag: 'tgmem' });
      await queue.stop();
      rows.push({ name: `Telegram, memory queue, ${tgGroups} groups`, value: Number(r.perSecond.toFixed(1)), unit: 'msg/s', note: `limit ${tgLimit}/s, from the send of the notice; ${r.sent} sent in ${r.seconds.toFixed(1)} s` });
    }
    {
      // The pacer alone: the notice is fully queued before the queue starts, so planning does not set the pace.
      const queue = createMemoryOutbound({ log, pacing: pacingFromConfig(config) });
      const channel = counter('telegram');
      queue.register(channel);
      const service = createNoticeService({ database, outbound: queue, clock: () => new Date(), log });
      await addGroups(database, 'telegram', tgGroups, 'tgpace');
      const notice = await service.create({ title: '限速', body: '内容', link: '', audience: { tags: ['tgpace'], regions: [], platforms: [] } }, 'bench');
      await service.sendNow(notice.id);
      await queue.start();
      await queue.drain(120_000);
      await queue.stop();
      rows.push(...pacingRows(`Telegram, memory queue, ${tgGroups} groups queued first`, channel.times, tgLimit));
    }
    {
      const interval = config.WECHAT_SEND_INTERVAL_MS;
      const n = interval > 0 ? 5 : 200;
      const queue = createMemoryOutbound({ log, pacing: pacingFromConfig(config) });
      const channel = counter('wechat');
      queue.register(channel);
      await queue.start();
      const r = await run({ database, queue, channel, n, tag: 'wxmem' });
      await queue.stop();
      rows.push({ name: `WeChat, memory queue, ${n} groups`, value: Number(r.perSecond.toFixed(2)), unit: 'msg/s', note: interval > 0 ? `limit ${(1000 / interval).toFixed(2)}/s (one per ${interval} ms)` : 'no interval configured' });
    }
    if (config.REDIS_URL) {
      const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
      redis.on('error', () => undefined);
      const keyPrefix = `bench:notices:${randomBytes(4).toString('hex')}:`;
      const channel = counter('telegram');
      let service: ReturnType<typeof createNoticeService> | undefined;
      const consumers = [0, 1].map((i) =>
        createRedisOutbound({ redis, keyPrefix, log, consumer: `bench-${i}`, pacing: pacingFromConfig(config), onEvent: (e) => service && noticeEventRecorder(service, log)(e) }),
      );
      for (const q of consumers) {
        q.register(channel);
        await q.start();
      }
      service = createNoticeService({ database, outbound: consumers[0]!, clock: () => new Date(), log });
      const r = await run({ database, queue: consumers[0]!, channel, n: tgGroups, tag: 'tgredis' });
      for (const q of consumers) await q.stop();
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      rows.push({ name: `Telegram, Redis Streams (2 consumers), ${tgGroups} groups`, value: Number(r.perSecond.toFixed(1)), unit: 'msg/s', note: `limit ${tgLimit}/s shared through Redis` });
      rows.push(...pacingRows('Telegram, Redis Streams (2 consumers)', channel.times, tgLimit));
    } else {
      rows.push({ name: 'Telegram, Redis Streams', value: 0, unit: 'msg/s', note: 'skipped: REDIS_URL not set' });
    }
    {
      // Planning and queueing alone: no pacing, a channel that is never started.
      const queue = createMemoryOutbound({ log });
      const service = createNoticeService({ database, outbound: queue, clock: () => new Date(), log, batchSize: 500 });
      await addGroups(database, 'telegram', PLANNED, 'plan');
      const notice = await service.create({ title: '规划', body: '内容', link: '', audience: { tags: ['plan'], regions: [], platforms: [] } }, 'bench');
      const t0 = performance.now();
      await service.sendNow(notice.id);
      const seconds = (performance.now() - t0) / 1000;
      rows.push({ name: `Plan + enqueue a notice to ${PLANNED} groups (PGlite)`, value: Math.round(PLANNED / seconds), unit: 'deliveries/s', note: `${seconds.toFixed(2)} s` });
    }
  } finally {
    await database.close();
  }
  return rows;
}
