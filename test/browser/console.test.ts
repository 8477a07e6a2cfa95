import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKey } from '../../src/core/message.ts';
import { noticeText } from '../../src/notices/render.ts';
import { buildHarness, newTicket, PASSWORD, type Harness } from '../console/harness.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

if (!existsSync(CHROMIUM)) console.warn(`[browser tests] skipped: ${CHROMIUM} not found (apt-get install -y chromium fonts-wqy-microhei)`);

describe.skipIf(!existsSync(CHROMIUM))('console in a real browser (Debian chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    h = await buildHarness();
    base = await h.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function loginAs(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${base}/tickets`);
    expect(page.url()).toContain('/login');
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForLoadState('domcontentloaded');
    return page;
  }

  it('logs in, filters the inbox, opens a ticket, replies into the worker chat, takes over and hands back', async () => {
    const rights = (await h.tickets.file(newTicket({ description: '包工头跑路，三个月工资没发' }), 'bot')).ticket;
    const pass = (await h.tickets.file(newTicket({ category: 'annual_pass', description: '年票景区不认' }), 'bot')).ticket;
    const page = await loginAs('op1');
    expect(new URL(page.url()).pathname).toBe('/tickets');
    await expect.poll(() => page.locator('#inbox tbody tr[data-number]').count()).toBe(2);

    await page.selectOption('select[name=category]', 'annual_pass');
    await page.click('#filters button[type=submit]');
    await page.waitForURL(/category=annual_pass/);
    expect(await page.locator('#inbox tbody tr[data-number]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')))).toEqual([pass.number]);

    await page.goto(`${base}/tickets?q=${encodeURIComponent('跑路')}`);
    await page.click(`a[href="/tickets/${rights.number}"]`);
    await page.waitForURL(`**/tickets/${rights.number}`);
    expect(await page.textContent('#phone')).toBe('13912346721');

    await page.selectOption('select[data-canned]', { label: '需补充材料' });
    expect(await page.inputValue('#reply-text')).toContain('劳动合同');
    await page.fill('#reply-text', '张师傅您好，我们已联系用人单位，请保持电话畅通。');
    await page.click('#reply-form button[type=submit]');
    await page.waitForURL(/ok=replied/);
    await h.terminal.waitFor(1);
    expect(h.terminal.texts(rights.origin.chatId).join('\n')).toContain('我们已联系用人单位');
    expect(await page.textContent('#transcript')).toContain('我们已联系用人单位');

    const key = conversationKey({ platform: 'terminal', chatId: rights.origin.chatId, senderId: rights.origin.senderId, chatType: 'private' });
    await page.click('button:has-text("接管对话")');
    await page.waitForURL(/ok=takeover/);
    expect(await page.textContent('#takeover-state')).toContain('op1');
    expect((await h.sessions.get(key))?.takenOverBy).toBe('op1');

    // The worker writes while the operator holds the chat: it appears on the open page live.
    h.events.emit('workerMessage', { conversationKey: key, text: '好的，我等电话', at: new Date().toISOString() });
    await page.waitForSelector('#transcript li.worker >> text=好的，我等电话');

    await page.click('button:has-text("交还机器人")');
    await page.waitForURL(/ok=handback/);
    expect((await h.sessions.get(key))?.takenOverBy).toBeUndefined();
    await page.screenshot({ path: 'reports/console-ticket.png', fullPage: true }).catch(() => undefined);
    await page.context().close();
  });

  it('composes a notice to one tag and it arrives in that tag’s subscribed groups only', async () => {
    const subscribe = async (platform: 'wechat' | 'telegram', chatId: string, tags: string[]) => {
      const { group } = await h.notices.groups.subscribe({ platform, chatId, title: chatId });
      await h.notices.groups.update(group.id, { tags, region: '重庆' });
    };
    await subscribe('wechat', 'site-a@chatroom', ['建筑']);
    await subscribe('telegram', '-4001', ['建筑', '农民工']);
    await subscribe('wechat', 'express@chatroom', ['快递']);
    await subscribe('telegram', '-4002', ['快递']);

    const page = await loginAs('off1');
    await page.goto(`${base}/notices/new`);
    await page.fill('input[name=title]', '夏季高温津贴提醒');
    await page.fill('textarea[name=body]', '6 月至 9 月，高温作业应按月发放高温津贴。');
    await page.check('input[name=tags][value="建筑"]');
    await expect.poll(() => page.locator('#preview [data-preview=telegram]').textContent()).toContain('夏季高温津贴提醒');
    expect(await page.textContent('#audience-count')).toBe('2');
    await page.click('button[name=mode][value=now]');
    await page.waitForURL(/\/notices\/\d+/);

    const text = noticeText({ title: '夏季高温津贴提醒', body: '6 月至 9 月，高温作业应按月发放高温津贴。', link: '' });
    await h.outbound.drain();
    const got = [...h.wechat.sent, ...h.telegram.sent].filter((s) => s.reply.text === text).map((s) => s.chatId).sort();
    expect(got).toEqual(['-4001', 'site-a@chatroom']);
    await page.reload();
    expect(await page.textContent('[data-count=sent] b')).toBe('2');
    await page.screenshot({ path: 'reports/console-notice.png', fullPage: true }).catch(() => undefined);
    await page.context().close();
  });
});
