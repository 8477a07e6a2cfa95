import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingChannel } from '../../src/adapters/recording.ts';
import { AppError } from '../../src/errors.ts';
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
