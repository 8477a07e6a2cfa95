import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOFF_MARK } from '../../src/tickets/handoff.ts';
import { buildHarness, newTicket, PASSWORD, type Harness } from '../console/harness.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const WAIT = { timeout: 20_000 };

if (!existsSync(CHROMIUM)) console.warn(`[browser tests] skipped: ${CHROMIUM} not found (apt-get install -y chromium fonts-wqy-microhei)`);

/** The console on a phone (390 px wide) and the notice form's guards, in Debian's chromium. */
describe.skipIf(!existsSync(CHROMIUM))('console on a phone and notices that cannot misfire (Debian chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    h = await buildHarness();
    base = await h.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    await mkdir('reports', { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function loginAs(username: string, viewport = { width: 390, height: 844 }): Promise<{ page: Page; dialogs: string[] }> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await page.goto(`${base}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('nav.top', WAIT);
    return { page, dialogs };
  }

  const overflow = (page: Page) => page.evaluate('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })') as Promise<{ scroll: number; inner: number }>;

  it('inbox, ticket, notices and dashboard fit 390 px with no sideways scrolling; the menu folds and opens', async () => {
    const ticket = (await h.tickets.file(newTicket({ description: '包工头跑路，三个月工资没发，工地在两江新区某某项目部，联系了好几次都没人管' }), 'bot')).ticket;
    await h.tickets.addNote(ticket.number, '已电话联系用人单位，对方说下周结清。', 'op1');
    // A worker waiting in the 转人工 queue, so the inbox shows it too.
    await h.tickets.file(newTicket({ description: `${HANDOFF_MARK}职工要求人工。最后一句：我要找真人，工资的事说不清楚，已经等了一上午了` }), 'bot');
    const { page } = await loginAs('admin');
    const pages: [string, string, string][] = [
      ['inbox', '/tickets', '#inbox'],
      ['ticket', `/tickets/${ticket.number}`, '#transcript'],
      ['notices', '/notices', 'h1'],
      ['notice-new', '/notices/new', '#notice-form'],
      ['dashboard', '/dashboard', '#open-count'],
    ];
    for (const [name, path, ready] of pages) {
      await page.goto(`${base}${path}`);
      await page.waitForSelector(ready, WAIT);
      await page.screenshot({ path: `reports/phone-${name}.png`, fullPage: true });
      const { scroll, inner } = await overflow(page);
      expect({ page: name, scroll: scroll <= inner }).toEqual({ page: name, scroll: true });
    }

    // Every other page, and the narrowest phones (360 px), fit too.
    const { group } = await h.notices.groups.subscribe({ platform: 'wechat', chatId: 'phone-site@chatroom', title: '某某项目部农民工群' });
    await h.notices.groups.update(group.id, { tags: ['建筑', '农民工'], region: '两江新区' });
    const notice = await h.notices.create({ title: '冬季送温暖活动报名', body: '各基层工会请于月底前报送困难职工名单。', link: 'https://example.org/a/very/long/path/that/should/wrap/on/a/phone', audience: { tags: [], regions: [], platforms: [] } }, 'admin');
    const narrow = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, storageState: await page.context().storageState() });
    const small = await narrow.newPage();
    for (const [path, ready] of [...pages.map(([, p, r]) => [p, r] as const), ['/groups', '#groups'], ['/users', 'h1'], ['/audit', 'h1'], ['/canned', '#canned'], [`/notices/${notice.id}`, '#delivery-counts']] as const) {
      await small.goto(`${base}${path}`);
      await small.waitForSelector(ready, WAIT);
      if (['/users', '/groups', '/canned'].includes(path)) await small.screenshot({ path: `reports/phone360${path.replace('/', '-')}.png`, fullPage: true });
      const { scroll, inner } = await overflow(small);
      expect({ path, scroll: scroll <= inner }).toEqual({ path, scroll: true });
    }
    await narrow.close();

    // Folded navigation: the links are hidden until 菜单 is tapped.
    await page.goto(`${base}/tickets`);
    await page.waitForSelector('#inbox', WAIT);
    expect(await page.isVisible('nav.top a[href="/dashboard"]')).toBe(false);
    await page.click('nav.top .nav-button');
    await page.waitForSelector('nav.top a[href="/dashboard"]', { state: 'visible', ...WAIT });
    // Tables become cards: a row is one block, its cells labelled by their column.
    expect(await page.getAttribute(`#inbox tr[data-number="${ticket.number}"] td:nth-child(4)`, 'data-label')).toBe('区县');
    // The ticket page stacks: the form facts come below the transcript, not beside it.
    await page.goto(`${base}/tickets/${ticket.number}`);
    const transcript = await page.locator('#transcript').boundingBox();
    const facts = await page.locator('dl.facts').boundingBox();
    expect(facts!.y).toBeGreaterThan(transcript!.y);
    expect(facts!.x + facts!.width).toBeLessThanOrEqual(390);
    await page.context().close();
  }, 120_000);

  it('refuses to send a notice to 0 groups, saying why, and saves nothing', async () => {
    // The only group with this tag has left: the tag is offered, but nobody would receive the notice.
    const { group } = await h.notices.groups.subscribe({ platform: 'wechat', chatId: 'left@chatroom', title: '已退群' });
    await h.notices.groups.update(group.id, { tags: ['已退订标签'], region: '重庆' });
    await h.notices.groups.unsubscribe({ platform: 'wechat', chatId: 'left@chatroom' });
    const { page, dialogs } = await loginAs('off1', { width: 1200, height: 900 });
    await page.goto(`${base}/notices/new`);
    await page.fill('input[name=title]', '无人订阅的通知');
    await page.fill('textarea[name=body]', '这条通知没有任何群会收到。');
    await page.check('input[name=tags][value="已退订标签"]');
    await page.waitForSelector('#audience-none', WAIT);
    const before = (await h.notices.store.list({ limit: 1000 })).length;
    await page.click('button[name=mode][value=now]');
    await expect.poll(() => dialogs.length, WAIT).toBeGreaterThan(0);
    expect(dialogs.at(-1)).toContain('没有已订阅的群');

    // Past the browser's check (a script, an old page): the server refuses too and keeps the text.
    const res = await page.evaluate(`(async () => {
      const fd = new URLSearchParams(new FormData(document.querySelector('#notice-form')));
      fd.set('mode', 'now');
      const r = await fetch('/notices', { method: 'POST', body: fd, headers: { accept: 'text/html' } });
      return { status: r.status, body: await r.text() };
    })()`) as { status: number; body: string };
    expect(res.status).toBe(400);
    expect(res.body).toContain('没有已订阅的群');
    expect(res.body).toContain('这条通知没有任何群会收到。');
    expect((await h.notices.store.list({ limit: 1000 })).length).toBe(before);
    await page.context().close();
  }, 90_000);

  it('asks before 立即发送 with the exact number of groups per platform', async () => {
    for (const [platform, chatId] of [['wechat', 'confirm-a@chatroom'], ['wechat', 'confirm-b@chatroom'], ['telegram', '-5001']] as const) {
      const { group } = await h.notices.groups.subscribe({ platform, chatId, title: chatId });
      await h.notices.groups.update(group.id, { tags: ['确认测试'], region: '重庆' });
    }
    const { page, dialogs } = await loginAs('off1', { width: 1200, height: 900 });
    await page.goto(`${base}/notices/new`);
    await page.fill('input[name=title]', '确认人数的通知');
    await page.fill('textarea[name=body]', '发送前要说清发给几个群。');
    await page.check('input[name=tags][value="确认测试"]');
    await expect.poll(() => page.textContent('#audience-count'), WAIT).toBe('3');
    await page.click('button[name=mode][value=now]');
    await page.waitForURL(/\/notices\/\d+\?ok=sent/, WAIT);
    expect(dialogs.at(-1)).toContain('3 个群（微信 2 个、Telegram 1 个）');
    await page.context().close();
  }, 90_000);

  it('a schedule time in the past is a form error that keeps the typed text and saves no draft, however often it is tried', async () => {
    const { page } = await loginAs('off1', { width: 390, height: 844 });
    await page.goto(`${base}/notices/new`);
    await page.fill('input[name=title]', '过期定时的通知');
    await page.fill('textarea[name=body]', '正文：请各单位在月底前报送名单。');
    await expect.poll(() => page.getAttribute('input[name=scheduledAt]', 'placeholder'), WAIT).toMatch(/^如 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/);
    const before = (await h.notices.store.list({ limit: 1000 })).length;
    for (let i = 0; i < 2; i++) {
      await page.fill('input[name=scheduledAt]', '2020年1月2日 09:30');
      await page.click('button[name=mode][value=schedule]');
      await page.waitForSelector('p.error[role=alert]', WAIT);
      expect(await page.textContent('p.error[role=alert]')).toContain('已经过去');
      expect(await page.inputValue('input[name=title]')).toBe('过期定时的通知');
      expect(await page.inputValue('textarea[name=body]')).toBe('正文：请各单位在月底前报送名单。');
      expect(await page.inputValue('input[name=scheduledAt]')).toBe('2020年1月2日 09:30');
    }
    expect((await h.notices.store.list({ limit: 1000 })).length).toBe(before);

    // Corrected, it is scheduled once, and the time reads in Chinese, Beijing time.
    await page.fill('input[name=scheduledAt]', '2026年12月1日 09:30');
    await page.click('button[name=mode][value=schedule]');
    await page.waitForURL(/\/notices\/\d+\?ok=scheduled/, WAIT);
    const saved = (await h.notices.store.list({ limit: 1000 })).filter((n) => n.title === '过期定时的通知');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.scheduledAt).toBe('2026-12-01T01:30:00.000Z');
    expect(await page.textContent('main')).toContain('定时 2026年12月1日 09:30');
    await page.screenshot({ path: 'reports/phone-notice-scheduled.png', fullPage: true });
    await page.context().close();
  }, 90_000);
});
