import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserStore } from '../../src/auth/users.ts';
import { JOINED_TEXT, LEFT_TEXT } from '../../src/tickets/notify.ts';
import { makeInbound } from '../fixtures/messages.ts';
import { PASSWORD } from '../console/harness.ts';
import { startServiceWithConsole, type ServiceWithConsole } from '../helpers/service-console.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

describe.skipIf(!existsSync(CHROMIUM))('转人工 reaches a person (Debian chromium)', () => {
  let s: ServiceWithConsole;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    s = await startServiceWithConsole();
    await createUserStore({ database: s.services.database }).create({ username: 'op1', role: 'operator', password: PASSWORD });
    base = await s.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  async function loginAs(username: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${base}/tickets`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/tickets/);
    return page;
  }

  it('puts the worker in the console queue within a second; an operator claims, replies and hands back, and the worker is told each step', async () => {
    const chatId = `w-${randomBytes(4).toString('hex')}`;
    const worker = { platform: 'terminal' as const, chatId, senderId: chatId, chatType: 'private' as const, senderName: '李师傅' };
    const received = () => s.terminal.texts(chatId).join('\n');
    const page = await loginAs('op1');
    await page.waitForSelector('#handoff-queue');
    // Let the page's live connection open before the worker writes.
    await page.waitForFunction(() => (globalThis as unknown as { njLive?: boolean }).njLive === true);

    await s.engine.handle(makeInbound({ ...worker, text: '年票在哪里办' }));
    const asked = Date.now();
    const [handoff] = await s.engine.handle(makeInbound({ ...worker, text: '转人工' }));
    const number = /工单 (12351-\d{8}-\d{4})/.exec(handoff!.text)?.[1];
    expect(number, handoff!.text).toBeDefined();
    const entry = page.locator(`#handoff-queue [data-number="${number}"]`);
    await entry.waitFor({ timeout: 5000 });
    const shownAfterMs = Date.now() - asked;
    expect(shownAfterMs).toBeLessThan(1000);
    expect(await entry.textContent()).toContain('李师傅');

    await entry.locator('button:has-text("接入")').click();
    await page.waitForURL(new RegExp(`/tickets/${number}\\?ok=takeover`));
    expect(await page.textContent('#takeover-state')).toContain('op1');
    await expect.poll(received).toContain(JOINED_TEXT);
    expect(await page.textContent('#transcript')).toContain('年票在哪里办');

    await page.fill('#reply-text', '李师傅您好，我是12351话务员，年票在区总工会服务窗口办理。');
    await page.click('#reply-form button[type=submit]');
    await page.waitForURL(/ok=replied/);
    await expect.poll(received).toContain('年票在区总工会服务窗口办理');

    // While the operator holds the chat the bot stays out, and the worker's words appear on the open page.
    await page.waitForFunction(() => (globalThis as unknown as { njLive?: boolean }).njLive === true);
    expect(await s.engine.handle(makeInbound({ ...worker, text: '好的，谢谢，周末开门吗' }))).toEqual([]);
    await page.waitForSelector('#transcript li.worker >> text=周末开门吗', { timeout: 10_000 });

    await page.click('button:has-text("交还机器人")');
    await page.waitForURL(/ok=handback/);
    await expect.poll(received).toContain(LEFT_TEXT);
    const back = await s.engine.handle(makeInbound({ ...worker, text: '工会年票多少钱' }));
    expect(back.length).toBeGreaterThan(0);
    await page.screenshot({ path: 'reports/console-handoff.png', fullPage: true }).catch(() => undefined);
    await page.context().close();
  });
});
