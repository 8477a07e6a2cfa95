import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createAuditLog } from '../auth/audit.ts';
import { can, type Permission } from '../auth/roles.ts';
import { createLoginThrottle } from '../auth/throttle.ts';
import { createUserStore } from '../auth/users.ts';
import { createWebSessionStore } from '../auth/web-sessions.ts';
import { cleanDeep } from '../core/sanitize.ts';
import { AppError, httpStatusFor, toAppError } from '../errors.ts';
import type { ConsoleContext, ConsoleDeps } from './context.ts';
import { createTicketDesk } from '../tickets/desk.ts';
import { createWorkerNotifier } from '../tickets/notify.ts';
import { createFeedbackStore } from './feedback.ts';
import { html } from './html.ts';
import { wantsHtml } from './http.ts';
import { setDisplayTimeZone } from './labels.ts';
import { page } from './layout.ts';
import { LiveHub } from './live.ts';
import { bridgeEngineEvents } from './bridge.ts';
import { authRoutes, SESSION_COOKIE } from './routes/auth.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { noticeRoutes } from './routes/notices.ts';
import { groupRoutes } from './routes/groups.ts';
import { userRoutes } from './routes/users.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { eventRoutes } from './routes/events.ts';
import { cannedRoutes } from './routes/canned.ts';
import { knowledgeRoutes } from './routes/knowledge.ts';

const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const ASSETS: Record<string, { type: string; body: string }> = {
  'console.css': { type: 'text/css; charset=utf-8', body: readFileSync(path.join(ASSETS_DIR, 'console.css'), 'utf8') },
  'console.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(path.join(ASSETS_DIR, 'console.js'), 'utf8') },
};

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function allowed(role: Parameters<typeof can>[0], need: Permission | Permission[] | undefined): boolean {
  if (!need) return true;
  return [need].flat().some((p) => can(role, p));
}

/**
 * The hotline console: a fastify instance (not listening) serving server-rendered pages for
 * operators (tickets), officers (notices) and admins (accounts, group tags), plus the back-office
 * API under /api/v1 when given. Every route needs a login unless marked public; every
 * state-changing request needs the session's CSRF token.
 */
export async function buildConsole(deps: ConsoleDeps): Promise<FastifyInstance> {
  const { database, clock } = deps;
  setDisplayTimeZone(deps.config.TIME_ZONE);
  const log = deps.log.child({ mod: 'console' });
  const audit = createAuditLog({ database, clock });
  const live = deps.live ?? new LiveHub();
  const notifier = createWorkerNotifier({ outbound: deps.outbound, sessions: deps.sessions, sessionTtlSeconds: deps.config.SESSION_TTL_SECONDS, clock });
  const notify = deps.notify ?? ((ticket, text, replyId) => notifier.reply(ticket, text, replyId));
  const desk =
    deps.desk ??
    createTicketDesk({
      tickets: deps.tickets,
      sessions: deps.sessions,
      sessionTtlSeconds: deps.config.SESSION_TTL_SECONDS,
      notifier: { ...notifier, reply: notify },
      audit,
      announce: (e) => live.emit('ticket', e),
      clock,
      log,
    });
  const ctx: ConsoleContext = {
    ...deps,
    log,
    users: createUserStore({ database }),
    webSessions: createWebSessionStore({ database, clock }),
    throttle: createLoginThrottle({ database, clock }),
    audit,
    live,
    desk,
    feedback: createFeedbackStore({ database }),
    notify,
  };

  const app = Fastify({ loggerInstance: deps.log.child({ mod: 'console-http' }), logController: new LogController({ disableRequestLogging: true }), forceCloseConnections: true, bodyLimit: 256 * 1024, trustProxy: deps.config.TRUST_PROXY as boolean }); // a boolean, hop count or address list; the cast only keeps fastify on its HTTP/1 typing
  const routes: ConsoleRoute[] = [];
  routeLists.set(app as unknown as FastifyInstance, routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url, public: Boolean(r.config?.public) });
  });
  await app.register(cookie);
  await app.register(formbody);
  app.decorateRequest('consoleSession', null);

  const unbridge = bridgeEngineEvents(deps.events, ctx);
  app.addHook('onClose', async () => unbridge());

  app.setNotFoundHandler(async (request, reply) => {
    reply.code(404);
    if (!wantsHtml(request)) return reply.send({ error: 'NOT_FOUND', message: '没有这个页面' });
    return sendPage(reply, page({ title: '没有这个页面', session: request.consoleSession ?? undefined, body: html`<p>没有这个页面。</p>` }));
  });

  // The console lives in its own scope: its login, CSRF and error pages do not touch the
  // API (own bearer token) or mounted routes such as the Telegram webhook (own secret).
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config?.public) return;
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await ctx.webSessions.get(token) : undefined;
      if (!session) {
        if (request.method === 'GET' && wantsHtml(request)) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
        return reply.code(401).send({ error: 'UNAUTHORIZED', message: '请先登录' });
      }
      request.consoleSession = session;
      if (!allowed(session.role, request.routeOptions.config?.permission)) {
        throw new AppError('FORBIDDEN', '您的账号没有这个权限');
      }
    });

    // Control characters and lone surrogates never reach a ticket, a note or a notice.
    scope.addHook('preValidation', async (request) => {
      if (request.body && typeof request.body === 'object') request.body = cleanDeep(request.body);
    });

    scope.addHook('preHandler', async (request) => {
      if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
      const session = request.consoleSession;
      if (!session) return; // public routes check their own token (login)
      const body = request.body as Record<string, unknown> | undefined;
      const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrf)) throw new AppError('FORBIDDEN', '页面已过期（缺少或错误的校验码），请刷新后重试');
    });

    scope.addHook('onSend', async (request, reply, payload) => {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'same-origin');
      reply.header('content-security-policy', CSP);
      if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
      return payload;
    });

    scope.setErrorHandler(async (err, request, reply) => {
      const error = (err as { validation?: unknown }).validation ? new AppError('VALIDATION', (err as Error).message) : toAppError(err);
      const status = (err as { statusCode?: number }).statusCode && !(err instanceof AppError) ? (err as { statusCode: number }).statusCode : httpStatusFor(error.code);
      if (status >= 500) log.error({ err, url: request.url }, 'console request failed');
      const message = status >= 500 ? '服务器出错了，请稍后再试。' : error.message;
      reply.code(status);
      if (!wantsHtml(request)) return reply.send({ error: error.code, message, details: error.details ?? undefined });
      return sendPage(reply, page({ title: '出错了', session: request.consoleSession ?? undefined, body: html`<div class="error" role="alert">${message}</div><p><a href="/" class="button">返回首页</a></p>` }));
    });

    scope.get('/assets/:file', { config: { public: true } }, async (request, reply) => {
      const name = (request.params as { file: string }).file;
      const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      if (!asset) return reply.code(404).send('');
      return reply.type(asset.type).header('cache-control', 'public, max-age=300').send(asset.body);
    });
    // The embedded database opens on its first real need; the check does not open it, it says so.
    scope.get('/healthz', { config: { public: true } }, async () => {
      const state = database.state();
      if (state === 'open') await database.query('SELECT 1');
      return { ok: true, database: state };
    });
    scope.get('/', async (request, reply) => {
      const s = request.consoleSession!;
      return reply.redirect(can(s.role, 'tickets') ? '/tickets' : '/notices', 303);
    });
    await scope.register(authRoutes, ctx);
    await scope.register(ticketRoutes, ctx);
    await scope.register(noticeRoutes, ctx);
    await scope.register(groupRoutes, ctx);
    await scope.register(userRoutes, ctx);
    await scope.register(dashboardRoutes, ctx);
    await scope.register(eventRoutes, ctx);
    await scope.register(cannedRoutes, ctx);
    await scope.register(knowledgeRoutes, ctx);
  });
  if (deps.mount) deps.mount(app as unknown as FastifyInstance);
  if (deps.backofficeApi) await app.register(deps.backofficeApi);
  return app as unknown as FastifyInstance;
}

export interface ConsoleRoute {
  method: string;
  url: string;
  public: boolean;
}
const routeLists = new WeakMap<FastifyInstance, ConsoleRoute[]>();

/** Every route the console registered (pages, actions and the mounted API), for the auth tests and docs. */
export function consoleRoutes(app: FastifyInstance): readonly ConsoleRoute[] {
  return routeLists.get(app) ?? [];
}

export function sendPage(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(body);
}

export type { FastifyRequest };
