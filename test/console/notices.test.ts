import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHarness, form, get, login, type Harness } from './harness.ts';

describe('notices that cannot misfire', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await buildHarness();
    for (const [platform, chatId, tag] of [
      ['wechat', 'nm-a@chatroom', '环卫'],
      ['wechat', 'nm-b@chatroom', '环卫'],
      ['telegram', '-6001', '环卫'],
      ['telegram', '-6002', '退群'],
    ] as const) {
      const { group } = await h.notices.groups.subscribe({ platform, chatId, title: chatId });
      await h.notices.groups.update(group.id, { tags: [tag], region: '重庆' });
    }
    await h.notices.groups.unsubscribe({ platform: 'telegram', chatId: '-6002' });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const fields = (title: string, tag: string, extra: Record<string, string> = {}) => ({ title, body: `${title}的正文。`, tags: tag, ...extra });

  it('saves one draft for one compose form, however often it is posted', async () => {
    const off = await login(h.app, 'off1');
    const key = 'form-key-0123456789';
    const first = await form(h.app, '/notices', off, fields('只存一次', '环卫', { mode: 'draft', formKey: key }));
    const again = await form(h.app, '/notices', off, fields('只存一次', '环卫', { mode: 'draft', formKey: key }));
    expect(first.statusCode).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect((await h.notices.store.list({ limit: 1000 })).filter((n) => n.title === '只存一次')).toHaveLength(1);
  });

  it('states on a draft exactly who 立即发送 reaches, by platform, and refuses a draft that reaches nobody', async () => {
    const off = await login(h.app, 'off1');
    const reach = await form(h.app, '/notices', off, fields('有人收', '环卫', { mode: 'draft' }));
    const page = (await get(h.app, reach.headers.location!.replace(/\?.*/, ''), off)).body;
    expect(page).toContain('现在发送会送到 3 个群（微信 2 个、Telegram 1 个）');
    expect(page).toContain('data-confirm="立即发送到 3 个群（微信 2 个、Telegram 1 个），发出后不能撤回。确定发送吗？"');

    const nobody = await form(h.app, '/notices', off, fields('没人收', '退群', { mode: 'draft' }));
    const url = nobody.headers.location!.replace(/\?.*/, '');
    const draft = (await get(h.app, url, off)).body;
    expect(draft).toContain('没有已订阅的群');
    expect(draft).toMatch(/<button class="primary" data-confirm="[^"]*" disabled>立即发送<\/button>/);
    const sent = await form(h.app, `${url}/send`, off, {});
    expect(sent.statusCode).toBe(400);
    expect(sent.body).toContain('没有已订阅的群');
    const id = Number(url.split('/').pop());
    expect((await h.notices.store.get(id))!.status).toBe('draft');
    await expect(h.notices.sendNow(id)).rejects.toThrow('没有已订阅的群');
  });
});
