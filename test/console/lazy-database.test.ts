import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordingChannel } from '../../src/adapters/recording.ts';
import { loadConfig } from '../../src/config.ts';
import { startConsole } from '../../src/console/start.ts';
import { openDatabase, type Database } from '../../src/db/index.ts';
import { createLogger, silentLogger } from '../../src/log.ts';
import { createNoticeService } from '../../src/notices/service.ts';
import { createMemoryOutbound } from '../../src/outbound/memory.ts';
import { createMemorySessionStore } from '../../src/store/memory/index.ts';
import { createSqlTicketStore } from '../../src/tickets/sql-store.ts';

/** The embedded database as `npm start` opens it: on its first need, not at start. */
describe('the embedded database opened on first need', () => {
  const dirs: string[] = [];
  const opened: Database[] = [];
  afterEach(async () => {
    for (const d of opened.splice(0)) await d.close();
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  async function dataDir(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nj-lazy-'));
    dirs.push(dir);
    return dir;
  }
  async function lazy(dir: string): Promise<Database> {
    const database = await openDatabase({ dataDir: dir, lazy: true });
    opened.push(database);
    return database;
  }

  it('says whether it is created and open without opening itself, and prepares itself on opening before the query that opened it', async () => {
    const dir = await dataDir();
    const first = await lazy(dir);
    expect(first.state()).toBe('not created yet');
    const ran: string[] = [];
    await first.whenOpen(async (db) => {
      await db.exec('CREATE TABLE prepared (x int)');
      ran.push('prepared');
    });
    expect(ran).toEqual([]);
    expect(await first.query('SELECT count(*)::int AS n FROM prepared')).toEqual([{ n: 0 }]);
    expect(ran).toEqual(['prepared']);
    expect(first.state()).toBe('open');
    await first.whenOpen(async () => void ran.push('at once'));
    expect(ran).toEqual(['prepared', 'at once']);
    await first.close();
    opened.length = 0;
    const again = await lazy(dir);
    expect(again.state()).toBe('not opened yet');
  });

  async function loginForm(app: Awaited<ReturnType<typeof startConsole>>['app'], username: string, password: string) {
    const page = await app.inject('/login');
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const token = /name="_login" value="([^"]+)"/.exec(page.body)![1]!;
    return app.inject({ method: 'POST', url: '/login', headers: { cookie }, payload: { _login: token, username, password, next: '/' } });
  }

  it('a started console answers its health check and warns of no accounts without opening the database; a login opens it', async () => {
    const dir = await dataDir();
    await (await lazy(dir)).query('SELECT 1');
    await opened.pop()!.close();
    const database = await lazy(dir);
    const lines: string[] = [];
    const log = createLogger({
      level: 'warn',
      destination: new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    });
    const config = loadConfig({ PORT: '0', DATA_DIR: dir });
    const clock = () => new Date();
    const outbound = createMemoryOutbound({ log: silentLogger() });
    const running = await startConsole({ config, log, clock, database, tickets: createSqlTicketStore({ database, clock }), outbound, sessions: createMemorySessionStore() });
    try {
      const health = await running.app.inject('/healthz');
      expect(health.json()).toEqual({ ok: true, database: 'not opened yet' });
      expect(database.state()).toBe('not opened yet');
      expect(lines.join('')).not.toContain('no console accounts');

      expect((await loginForm(running.app, 'nobody', 'wrong-password')).statusCode).toBe(401);
      expect(database.state()).toBe('open');
      expect((await running.app.inject('/healthz')).json()).toEqual({ ok: true, database: 'open' });
      await expect.poll(() => lines.join('')).toContain('no console accounts yet');
    } finally {
      await running.close();
    }
  });

  it('with ADMIN_USERNAME/ADMIN_PASSWORD on a fresh DATA_DIR, the first admin is made by the first login, which succeeds', async () => {
    const dir = await dataDir();
    const database = await lazy(dir);
    const config = loadConfig({ PORT: '0', DATA_DIR: dir, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'change-me-now' });
    const clock = () => new Date();
    const outbound = createMemoryOutbound({ log: silentLogger() });
    const running = await startConsole({ config, log: silentLogger(), clock, database, tickets: createSqlTicketStore({ database, clock }), outbound, sessions: createMemorySessionStore() });
    try {
      expect((await running.app.inject('/healthz')).json()).toEqual({ ok: true, database: 'not created yet' });
      const res = await loginForm(running.app, 'admin', 'change-me-now');
      expect(res.statusCode).toBe(303);
      expect(database.state()).toBe('open');
    } finally {
      await running.close();
    }
  });

  it('a bad ADMIN_USERNAME still stops the console at start', async () => {
    const database = await lazy(await dataDir());
    const config = loadConfig({ PORT: '0', ADMIN_USERNAME: 'a', ADMIN_PASSWORD: 'change-me-now' });
    const clock = () => new Date();
    const start = startConsole({ config, log: silentLogger(), clock, database, tickets: createSqlTicketStore({ database, clock }), outbound: createMemoryOutbound({ log: silentLogger() }), sessions: createMemorySessionStore() });
    await expect(start).rejects.toThrow('用户名');
    expect(database.state()).toBe('not created yet');
  });

  it('the notice scheduler leaves an idle database closed, and opens it at the next start while a notice is scheduled', async () => {
    const dir = await dataDir();
    const idleFile = path.join(dir, 'notices-idle');
    const log = silentLogger();
    const wechat = new RecordingChannel({ platform: 'wechat' });
    const outbound = createMemoryOutbound({ log });
    outbound.register(wechat);
    await outbound.start();
    const at = new Date(Date.now() + 400);

    // A first run schedules a notice and stops before it is due.
    const first = await lazy(dir);
    const notices = createNoticeService({ database: first, outbound, clock: () => new Date(), log, idleFile });
    await notices.groups.subscribe({ platform: 'wechat', chatId: 'lazy@chatroom', title: '测试群' });
    await notices.dispatch();
    expect(existsSync(idleFile)).toBe(true);
    const notice = await notices.create(notices.validate({ title: '疗休养报名', body: '下周一开始报名。' }), 'off1');
    await notices.schedule(notice.id, at.toISOString());
    expect(existsSync(idleFile)).toBe(false);
    await first.close();
    opened.length = 0;

    // The next start opens the database for the scheduler, sends the notice when due, then marks idle.
    const second = await lazy(dir);
    const scheduler = createNoticeService({ database: second, outbound, clock: () => new Date(), log, idleFile }).startScheduler({ intervalMs: 50 });
    try {
      await expect.poll(() => wechat.texts('lazy@chatroom').length, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => existsSync(idleFile), { timeout: 5_000 }).toBe(true);
    } finally {
      await scheduler.stop();
    }
    await second.close();
    opened.length = 0;

    // With nothing waiting, a start leaves the database closed.
    const third = await lazy(dir);
    const idle = createNoticeService({ database: third, outbound, clock: () => new Date(), log, idleFile }).startScheduler({ intervalMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await idle.stop();
    expect(third.state()).toBe('not opened yet');
  }, 60_000);
});
