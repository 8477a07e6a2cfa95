import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/index.ts';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import { silentLogger } from '../../src/log.ts';
import { buildServices, type RunningServices } from '../../src/services.ts';
import { conversation } from '../fixtures/messages.ts';
import { buildHarness, PASSWORD, type Harness } from '../console/harness.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const root = path.resolve(import.meta.dirname, '../..');

if (!existsSync(CHROMIUM)) console.warn(`[browser tests] skipped: ${CHROMIUM} not found (apt-get install -y chromium fonts-wqy-microhei)`);

/**
 * The knowledge editor's loop in Debian's chromium: a question the running service could not
 * answer shows on the dashboard, an officer turns it into an entry, and the next worker who asks
 * gets the new answer from the same running service, without a restart.
 */
describe.skipIf(!existsSync(CHROMIUM))('knowledge editor (Debian chromium)', () => {
  let dir: string;
  let database: Database;
  let services: RunningServices;
  let engine: Engine;
  let h: Harness;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'niangjia-editor-'));
    await cp(path.join(root, 'knowledge'), path.join(dir, 'knowledge'), { recursive: true });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: path.join(dir, 'data'), KB_DIR: path.join(dir, 'knowledge'), TERMINAL_CHAT: 'off' });
    database = await openDatabase({ inMemory: true });
    services = await buildServices(config, { log: silentLogger(), database, noFlusher: true });
    engine = createEngine(services);
    h = await buildHarness({ knowledge: { kb: services.kb, dir: config.KB_DIR } });
    // The console hears what the running engine could not answer.
    services.events.on('unanswered', (e) => h.events.emit('unanswered', e));
    base = await h.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await services?.close();
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('an officer turns an unanswered question into an entry, and the next worker gets the new answer', async () => {
    const question = '工会健步走比赛的奖品去哪里领';
    const first = await conversation(engine).say(question);
    expect(first.map((r) => r.citations.map((c) => c.id)).flat()).toEqual([]);

    const context = await browser.newContext({ locale: 'zh-CN' });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=username]', 'off1');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('nav.top');

    // The question is on the dashboard's unanswered list (recorded asynchronously).
    await expect
      .poll(async () => {
        await page.goto(`${base}/dashboard`);
        return page.locator('#unanswered a.draft-entry', { hasText: question }).count();
      }, { timeout: 30_000, interval: 500 })
      .toBe(1);
    await page.click(`#unanswered a.draft-entry:has-text("${question}")`);
    await page.waitForSelector('#entry-form');
    expect(await page.textContent('#question')).toBe(question);
    expect(await page.locator('#kb-hits tbody tr').count()).toBeGreaterThan(0);
    // Pre-filled from the question: the phrasing, a title, a topic, a date.
    expect(await page.inputValue('textarea[name=questions]')).toBe(question);
    expect(await page.inputValue('input[name=title]')).toBe(question);

    // First without a source: kb check refuses and nothing is written.
    await page.fill('input[name=issuer]', '示例区总工会');
    await page.fill('textarea[name=questions]', `${question}\n健步走奖品找哪个领`);
    await page.fill('textarea[name=keyFacts]', '每月最后一周\n基层工会');
    await page.fill('textarea[name=answer]', '健步走比赛的奖品在每月最后一周到所在基层工会领取，带上会员证。');
    // The browser would stop an empty required field itself; the server must refuse it too.
    await page.evaluate("document.querySelector('input[name=source]').removeAttribute('required')");
    await page.click('#entry-form button[type=submit]');
    await page.waitForSelector('#kb-problems');
    expect(await page.textContent('#kb-problems')).toContain('source');

    await page.fill('input[name=source]', '示例区总工会健步走活动通知');
    await page.click('#entry-form button[type=submit]');
    await page.waitForURL(/\/knowledge\/entries\/.+ok=entry/);
    expect(await page.textContent('#entry')).toContain('每月最后一周');
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const file = await readFile(path.join(dir, 'knowledge', 'member_benefits', `${id}.md`), 'utf8');
    expect(file).toContain('健步走奖品找哪个领');
    await context.close();

    // The same running service answers the next worker with the new entry.
    const next = await conversation(engine).say('健步走比赛奖品去哪里领呀');
    expect(next.map((r) => r.citations.map((c) => c.id)).flat()).toContain(id);
    expect(next.map((r) => r.text).join('\n')).toContain('每月最后一周');
  }, 120_000);
});
