import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { RecordingChannel } from '../../src/adapters/recording.ts';
import { createUserStore } from '../../src/auth/users.ts';
import type { Role } from '../../src/auth/roles.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildApi } from '../../src/api/plugin.ts';
import { buildConsole } from '../../src/console/app.ts';
import type { ConsoleDeps } from '../../src/console/context.ts';
import { createWorkerNotifier } from '../../src/tickets/notify.ts';
import { createTicketDesk, type TicketDesk } from '../../src/tickets/desk.ts';
import { createAuditLog } from '../../src/auth/audit.ts';
import { LiveHub } from '../../src/console/live.ts';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';
import type { EngineEventMap } from '../../src/engine/services.ts';
import { silentLogger } from '../../src/log.ts';
import { createNoticeService, type NoticeService } from '../../src/notices/service.ts';
import { withDeliveryTracking } from '../../src/notices/tracking.ts';
import { createMemoryOutbound, type ManagedOutbound } from '../../src/outbound/index.ts';
import { createMemorySessionStore } from '../../src/store/memory/index.ts';
import type { SessionStore } from '../../src/store/ports.ts';
import { observeTicketStore } from '../../src/tickets/events.ts';
import { createSqlTicketStore } from '../../src/tickets/sql-store.ts';
import type { NewTicket, TicketStore } from '../../src/tickets/types.ts';

export const PASSWORD = 'correct-horse-battery';
export const API_TOKEN = 'test-backoffice-token-0123456789';

/** A whole console on an in-memory PGlite, the real memory outbound queue and recording channels. */
export interface Harness {
  app: FastifyInstance;
  database: Database;
  tickets: TicketStore;
  desk: TicketDesk;
  live: LiveHub;
  sessions: SessionStore;
  notices: NoticeService;
  outbound: ManagedOutbound;
  wechat: RecordingChannel;
  telegram: RecordingChannel;
  terminal: RecordingChannel;
  events: EventEmitter<EngineEventMap>;
  config: Config;
  clock: { now: Date };
  close(): Promise<void>;
}

export async function buildHarness(options: { env?: Record<string, string>; users?: [string, Role][]; knowledge?: ConsoleDeps['knowledge'] } = {}): Promise<Harness> {
  const database = await openDatabase({ inMemory: true });
  await migrate(database);
  const clock = { now: new Date('2026-11-22T02:00:00Z') };
  const now = () => new Date(clock.now);
  const log = silentLogger();
  const config = loadConfig({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD, ...options.env });
  const observed = observeTicketStore(createSqlTicketStore({ database, clock: now }), { clock: now });
  const queue = createMemoryOutbound({ log, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
  let notices!: NoticeService;
  const outbound = withDeliveryTracking(queue, { tracks: (k) => notices.tracks(k), delivered: (k) => notices.delivered(k), failed: (k, e) => notices.failed(k, e) }, log);
  notices = createNoticeService({ database, outbound, clock: now, log });
  const wechat = new RecordingChannel({ platform: 'wechat' });
  const telegram = new RecordingChannel({ platform: 'telegram' });
  const terminal = new RecordingChannel({ platform: 'terminal' });
  for (const c of [wechat, telegram, terminal]) outbound.register(c);
  await outbound.start();
  const events = new EventEmitter<EngineEventMap>();
  const users = createUserStore({ database });
  for (const [name, role] of options.users ?? [['admin', 'admin'], ['op1', 'operator'], ['op2', 'operator'], ['off1', 'officer']]) {
    await users.create({ username: name, role, password: PASSWORD });
  }
  const sessions = createMemorySessionStore();
  const notifier = createWorkerNotifier({ outbound, sessions, sessionTtlSeconds: config.SESSION_TTL_SECONDS, clock: now });
  // One desk behind both doors, as the service wires it.
  const live = new LiveHub();
  const desk = createTicketDesk({
    tickets: observed.store,
    sessions,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
    notifier,
    audit: createAuditLog({ database, clock: now }),
    announce: (e) => live.emit('ticket', e),
    clock: now,
    log,
  });
  const backofficeApi = buildApi({ tickets: observed.store, desk, token: API_TOKEN, log, clock: now });
  const app = await buildConsole({ database, tickets: observed.store, ticketEvents: observed.on, outbound, sessions, notices, config, log, clock: now, events, backofficeApi, desk, live, ...(options.knowledge ? { knowledge: options.knowledge } : {}) });
  await app.ready();
  return {
    app,
    database,
    tickets: observed.store,
    desk,
    live,
    sessions,
    notices,
    outbound: queue,
    wechat,
    telegram,
    terminal,
    events,
    config,
    clock,
    async close() {
      await app.close();
      await queue.stop();
      await database.close();
    },
  };
}

export function newTicket(overrides: Partial<NewTicket> & { description?: string } = {}): NewTicket {
  const { description, ...rest } = overrides;
  return {
    fields: { name: '张师傅', phone: '13912346721', employer: '渝北某建筑公司', district: '渝北区', description: description ?? '老板拖欠工资三个月了' },
    category: 'rights',
    requestType: 'assistance',
    priority: 'normal',
    urgent: false,
    tier: '一般',
    origin: { platform: 'terminal', chatId: `w-${randomBytes(3).toString('hex')}`, senderId: 'w1' },
    transcript: [{ from: 'worker', text: '老板拖欠工资三个月了怎么办', at: '2026-11-22T01:00:00.000Z' }],
    idempotencyKey: randomBytes(8).toString('hex'),
    ...rest,
  };
}

/** A browser-like login through inject(): returns the session cookie and the page's CSRF token. */
export async function login(app: FastifyInstance, username: string, password = PASSWORD, ip = '10.0.0.1'): Promise<{ status: number; cookie: string; csrf: string; body: string }> {
  const form = await app.inject({ method: 'GET', url: '/login', headers: { accept: 'text/html' }, remoteAddress: ip });
  const loginCookie = form.cookies.find((c) => c.name === 'nj_login')!.value;
  const token = /name="_login" value="([^"]+)"/.exec(form.body)![1]!;
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `nj_login=${loginCookie}` },
    payload: new URLSearchParams({ username, password, _login: token, next: '/' }).toString(),
  });
  const session = res.cookies.find((c) => c.name === 'nj_session')?.value ?? '';
  if (!session) return { status: res.statusCode, cookie: '', csrf: '', body: res.body };
  const cookie = `nj_session=${session}`;
  const page = await app.inject({ method: 'GET', url: '/dashboard', headers: { cookie, accept: 'text/html' } });
  const csrf = /<meta name="csrf-token" content="([^"]*)">/.exec(page.body)?.[1] ?? '';
  return { status: res.statusCode, cookie, csrf, body: res.body };
}

/** A form post as the browser sends it. */
export function form(app: FastifyInstance, url: string, who: { cookie: string; csrf?: string }, fields: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) params.append(k, x);
  if (who.csrf !== undefined) params.set('_csrf', who.csrf);
  return app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: params.toString() });
}

export function get(app: FastifyInstance, url: string, who?: { cookie: string }) {
  return app.inject({ method: 'GET', url, headers: { ...(who ? { cookie: who.cookie } : {}), accept: 'text/html' } });
}
