import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingChannel } from '../../src/adapters/recording.ts';
import { migrate, MIGRATIONS_DIR, openDatabase, type Database } from '../../src/db/index.ts';
import { AppError } from '../../src/errors.ts';
import { createGroupStore } from '../../src/notices/groups.ts';
import { createNoticeStore } from '../../src/notices/store.ts';
import { noticeCommand } from '../../src/notices/commands.ts';
import { noticeText } from '../../src/notices/render.ts';
import { buildHarness, form, get, login, type Harness } from '../console/harness.ts';

describe('noticeCommand', () => {
  it.each([
    ['/subscribe', 'subscribe'],
    ['/subscribe@niangjia_bot', 'subscribe'],
    ['订阅通知', 'subscribe'],
    [' 取消订阅 ', 'unsubscribe'],
    ['/unsubscribe', 'unsubscribe'],
    ['我想订阅通知怎么弄', undefined],
  ])('reads %j as %s', (text, expected) => {
    expect(noticeCommand(text)).toBe(expected);
  });
});

describe('policy notices', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await buildHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function tagged(platform: 'wechat' | 'telegram', chatId: string, tags: string[], region = '重庆') {
    const { group } = await h.notices.groups.subscribe({ platform, chatId, title: `群${chatId}` });
    return h.notices.groups.update(group.id, { tags, region });
  }

  it('subscribes and unsubscribes a group by chat command, idempotently', async () => {
    const chat = { platform: 'telegram' as const, chatId: '-100777', title: '快递小哥群' };
    expect((await h.notices.subscribe(chat)).changed).toBe(true);
    const again = await h.notices.subscribe(chat);
    expect(again.changed).toBe(false);
    expect(again.text).toContain('已经订阅');
    expect((await h.notices.unsubscribe(chat)).text).toContain('已取消订阅');
    const [g] = (await h.notices.groups.list({ platform: 'telegram' })).filter((x) => x.chatId === '-100777');
    expect(g?.subscribed).toBe(false);
  });

  it('sends a notice to the subscribed groups of one tag only, once each, and reports it', async () => {
    const a = await tagged('wechat', 'build1@chatroom', ['建筑']);
    const b = await tagged('telegram', '-200001', ['建筑', '农民工'], '江北');
    await tagged('wechat', 'courier@chatroom', ['快递']);
    const gone = await tagged('telegram', '-200002', ['建筑']);
    await h.notices.unsubscribe({ platform: 'telegram', chatId: gone.chatId });

    const officer = await login(h.app, 'off1');
    const res = await form(h.app, '/notices', officer, { title: '欠薪维权指引', body: '遇到欠薪先固定证据。', link: 'https://example.org/guide', tags: '建筑', mode: 'now' });
    expect(res.statusCode).toBe(303);
    await h.outbound.drain();
    const expected = noticeText({ title: '欠薪维权指引', body: '遇到欠薪先固定证据。', link: 'https://example.org/guide' });
    const received = [...h.wechat.sent, ...h.telegram.sent].filter((s) => s.reply.text === expected).map((s) => s.chatId);
    expect(received.sort()).toEqual([a.chatId, b.chatId].sort());

    const id = Number(String(res.headers.location).split('/')[2]!.split('?')[0]);
    await expect.poll(async () => (await h.notices.report(id)).counts.sent).toBe(2);
    const report = await h.notices.report(id);
    expect(report.total).toBe(2);
    // Dispatching again sends nothing twice.
    await h.notices.dispatch();
    await h.outbound.drain();
    expect([...h.wechat.sent, ...h.telegram.sent].filter((s) => s.reply.text === expected)).toHaveLength(2);
    const page = await get(h.app, `/notices/${id}`, officer);
    expect(page.body).toContain('已送达');
  });

  it('records failed and retried deliveries', async () => {
    let calls = 0;
    const flaky = new RecordingChannel({
      platform: 'web',
      beforeSend: () => {
        calls += 1;
        if (calls === 1) throw new AppError('PLATFORM_NETWORK_ERROR', 'timeout');
      },
    });
    const { withDeliveryTracking } = await import('../../src/notices/tracking.ts');
    const { createMemoryOutbound } = await import('../../src/outbound/index.ts');
    const { silentLogger } = await import('../../src/log.ts');
    const queue = createMemoryOutbound({ log: silentLogger(), retry: { baseDelayMs: 5, maxDelayMs: 10 } });
    const tracked = withDeliveryTracking(queue, h.notices, silentLogger());
    tracked.register(flaky);
    await queue.start();
    const { createNoticeService } = await import('../../src/notices/service.ts');
    const service = createNoticeService({ database: h.database, outbound: tracked, clock: () => h.clock.now, log: silentLogger() });
    const { group } = await service.groups.subscribe({ platform: 'web', chatId: 'web-room-1' });
    await service.groups.update(group.id, { tags: ['网页'] });
    const notice = await service.create({ title: '测试', body: '重试', link: '', audience: { tags: ['网页'], regions: [], platforms: ['web'] } }, 'off1');
    await service.sendNow(notice.id);
    await queue.drain();
    await expect.poll(async () => (await service.report(notice.id)).counts.sent).toBe(1);
    const report = await service.report(notice.id);
    expect(report.retried).toBe(1);
    expect(report.rows[0]!.attempts).toBe(2);
    expect(flaky.sent).toHaveLength(1);
    await queue.stop();
  });

  it('sends a scheduled notice when it is due, not before', async () => {
    const g = await tagged('wechat', 'sched@chatroom', ['定时']);
    const draft = h.notices.validate({ title: '疗休养报名', body: '下周一开始报名。', audience: { tags: ['定时'] } });
    const notice = await h.notices.create(draft, 'off1');
    await h.notices.schedule(notice.id, new Date(h.clock.now.getTime() + 3_600_000).toISOString());
    await h.notices.dispatch();
    await h.outbound.drain();
    expect(h.wechat.texts(g.chatId)).toHaveLength(0);
    h.clock.now = new Date(h.clock.now.getTime() + 3_600_001);
    await h.notices.dispatch();
    await h.outbound.drain();
    expect(h.wechat.texts(g.chatId)).toHaveLength(1);
    expect((await h.notices.store.get(notice.id))!.status).toBe('sent');
  });

  /** A notice scheduled an hour ahead to the groups of `tag`; `due()` moves the clock past it. */
  async function scheduledTo(tag: string, title: string) {
    const notice = await h.notices.create(h.notices.validate({ title, body: `${title}的正文。`, audience: { tags: [tag] } }), 'off1');
    const at = h.clock.now.getTime() + 3_600_000;
    await h.notices.schedule(notice.id, new Date(at).toISOString());
    return { notice, due: () => (h.clock.now = new Date(at + 1)) };
  }

  it('ends a scheduled notice as unsent, not sent, when every group it targets has unsubscribed before it is due', async () => {
    const groups = [await tagged('wechat', 'left1@chatroom', ['全退']), await tagged('telegram', '-400001', ['全退'])];
    const { notice, due } = await scheduledTo('全退', '全部退订');
    for (const g of groups) await h.notices.unsubscribe({ platform: g.platform, chatId: g.chatId });
    due();
    expect(await h.notices.dispatch()).toBe(0);
    await h.outbound.drain();
    const after = (await h.notices.store.get(notice.id))!;
    expect(after.status).toBe('unsent');
    expect(after.sentAt).toBeNull();
    for (const g of groups) expect([...h.wechat.texts(g.chatId), ...h.telegram.texts(g.chatId)]).toHaveLength(0);
    // Finished: the scheduler has nothing left to wait for.
    expect(await h.notices.store.anyWaiting()).toBe(false);

    const officer = await login(h.app, 'off1');
    const list = await get(h.app, '/notices', officer);
    const row = list.body.split('<tr>').find((r) => r.includes(`/notices/${notice.id}"`))!;
    expect(row).toContain('未发出（没有已订阅的目标群）');
    expect(row).not.toContain('已发出');
    const page = await get(h.app, `/notices/${notice.id}`, officer);
    expect(page.body).toContain('<span class="badge" id="notice-status">未发出（没有已订阅的目标群）</span>');
    expect(page.body).toContain('没有已订阅的群');
  });

  it('lists the groups that left after the notice was claimed as skipped, and ends it as unsent', async () => {
    const groups = [await tagged('wechat', 'late1@chatroom', ['晚退']), await tagged('wechat', 'late2@chatroom', ['晚退'])];
    const { notice, due } = await scheduledTo('晚退', '认领后退订');
    due();
    // Claimed (its delivery rows written) by a pass that died before queueing; the groups leave in between.
    expect(await h.notices.store.claimDue(h.clock.now.toISOString())).toContain(notice.id);
    for (const g of groups) await h.notices.unsubscribe({ platform: g.platform, chatId: g.chatId });
    await h.notices.dispatch();
    await h.outbound.drain();
    expect((await h.notices.store.get(notice.id))!.status).toBe('unsent');
    const report = await h.notices.report(notice.id);
    expect(report.counts).toMatchObject({ skipped: 2, queued: 0, sent: 0, failed: 0 });

    const page = await get(h.app, `/notices/${notice.id}`, await login(h.app, 'off1'));
    expect(page.body).toContain('未发出（没有已订阅的目标群）');
    expect(page.body).toContain('要送达的 2 个群在发出前都已退订');
    expect(page.body.match(/已退订跳过<\/td>/g)).toHaveLength(2);
  });

  it('ends a notice as sent when one group it targets is still subscribed', async () => {
    const stays = await tagged('telegram', '-400101', ['半退']);
    const leaves = await tagged('wechat', 'half@chatroom', ['半退']);
    const { notice, due } = await scheduledTo('半退', '一半退订');
    due();
    expect(await h.notices.store.claimDue(h.clock.now.toISOString())).toContain(notice.id);
    await h.notices.unsubscribe({ platform: leaves.platform, chatId: leaves.chatId });
    await h.notices.dispatch();
    await h.outbound.drain();
    const after = (await h.notices.store.get(notice.id))!;
    expect(after.status).toBe('sent');
    expect(after.sentAt).not.toBeNull();
    expect(h.telegram.texts(stays.chatId)).toHaveLength(1);
    expect(h.wechat.texts(leaves.chatId)).toHaveLength(0);
    expect((await h.notices.report(notice.id)).counts).toMatchObject({ skipped: 1 });
    const page = await get(h.app, `/notices/${notice.id}`, await login(h.app, 'off1'));
    expect(page.body).toContain('<span class="badge" id="notice-status">已发出</span>');
  });

  it('resumes a dispatch that died half-way without sending anything twice', async () => {
    const groups = [];
    for (let i = 0; i < 6; i++) groups.push(await tagged('telegram', `-3000${i}`, ['续发']));
    const { createNoticeService } = await import('../../src/notices/service.ts');
    const { silentLogger } = await import('../../src/log.ts');
    let enqueued = 0;
    // A dispatcher whose process dies after queueing three messages (before marking the third).
    const dying = createNoticeService({
      database: h.database,
      clock: () => h.clock.now,
      log: silentLogger(),
      outbound: {
        ...h.outbound,
        enqueue: async (m) => {
          await h.outbound.enqueue(m);
          if (++enqueued === 3) throw new Error('process killed');
        },
      },
    });
    const notice = await dying.create({ title: '续发测试', body: '内容', link: '', audience: { tags: ['续发'], regions: [], platforms: [] } }, 'off1');
    await expect(dying.sendNow(notice.id)).rejects.toThrow('process killed');
    await h.notices.dispatch();
    await h.outbound.drain();
    for (const g of groups) expect(h.telegram.texts(g.chatId), g.chatId).toHaveLength(1);
    expect((await h.notices.store.get(notice.id))!.status).toBe('sent');
  });

  it('rejects a notice without a title or with a javascript: link', async () => {
    const officer = await login(h.app, 'off1');
    const noTitle = await form(h.app, '/notices', officer, { title: '', body: '内容', mode: 'now' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.body).toContain('请填写标题');
    const js = await form(h.app, '/notices', officer, { title: '标题', body: '内容', link: 'javascript:alert(1)', mode: 'now' });
    expect(js.statusCode).toBe(400);
  });
});

/**
 * 0016 replaces the notices status check on a database that already holds notices: the old ones
 * keep their status, a notice whose groups all left ends as unsent, and a status outside the list
 * is still refused.
 */
function unsentMigration(open: () => Promise<{ database: Database; drop(): Promise<void> }>) {
  return async () => {
    const { database, drop } = await open();
    const before = await mkdtemp(path.join(tmpdir(), 'niangjia-migrations-'));
    try {
      for (const f of await readdir(MIGRATIONS_DIR)) if (f < '0016_') await cp(path.join(MIGRATIONS_DIR, f), path.join(before, f));
      await migrate(database, before);
      const clock = () => new Date('2026-11-22T02:00:00Z');
      const store = createNoticeStore({ database, clock });
      const groups = createGroupStore({ database, clock });
      const draft = { title: '旧通知', body: '正文', link: '', audience: { tags: [], regions: [], platforms: [] } };
      const chat = { platform: 'wechat' as const, chatId: 'm@chatroom' };
      const { group } = await groups.subscribe(chat);
      const old = (await store.create(draft, 'off1')).notice;
      await store.claim(old.id);
      await store.setStatus(old.id, group.id, 'queued');
      expect((await store.finish(clock().toISOString())).sent).toEqual([old.id]);

      expect(await migrate(database)).toEqual(['0016_notice_unsent.sql']);
      expect((await store.get(old.id))!.status).toBe('sent');
      const left = (await store.create({ ...draft, title: '没人收' }, 'off1')).notice;
      await store.claim(left.id);
      await groups.unsubscribe(chat);
      await store.setStatus(left.id, group.id, 'skipped', { from: ['pending'] });
      expect(await store.finish(clock().toISOString())).toEqual({ sent: [], unsent: [left.id] });
      expect((await store.get(left.id))!.status).toBe('unsent');
      await expect(database.query("UPDATE notices SET status = 'lost' WHERE id = $1", [left.id])).rejects.toThrow(/notices_status_check/);
    } finally {
      await rm(before, { recursive: true, force: true });
      await drop();
    }
  };
}

describe('the unsent notice status migration', () => {
  it(
    'applies on PGlite',
    unsentMigration(async () => {
      const database = await openDatabase({ inMemory: true });
      return { database, drop: () => database.close() };
    }),
  );

  const DATABASE_URL = process.env.DATABASE_URL;
  it.skipIf(!DATABASE_URL)(
    'applies on PostgreSQL (DATABASE_URL)',
    unsentMigration(async () => {
      const schema = `t_unsent_${randomBytes(4).toString('hex')}`;
      const database = await openDatabase({ databaseUrl: DATABASE_URL!, schema });
      return {
        database,
        async drop() {
          await database.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await database.close();
        },
      };
    }),
  );
});
