import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dummyPasswordHash, verifyPassword } from '../../auth/password.ts';
import { throttleKey } from '../../auth/throttle.ts';
import { SESSION_HOURS } from '../../auth/web-sessions.ts';
import { sendPage } from '../app.ts';
import type { ConsoleContext } from '../context.ts';
import { html } from '../html.ts';
import { parse, sessionOf } from '../http.ts';
import { page } from '../layout.ts';

export const SESSION_COOKIE = 'nj_session';
/** Login forms carry a random token that must match this cookie (no session exists yet to hold one). */
const LOGIN_COOKIE = 'nj_login';

const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
  _login: z.string().optional(),
  next: z.string().optional(),
});

const HOME = 'http://console.invalid';

/**
 * Where to go after login: a path on the console, nothing else. A browser drops tabs and line
 * breaks in a URL and reads a backslash as a slash ("/\t/evil.example" is "//evil.example"),
 * so any control character or backslash sends the user home; what remains is re-read as a
 * URL and kept only when it stays on this origin, percent-encoded, so the Location header is
 * always valid.
 */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  const url = new URL(next, HOME);
  return url.origin === HOME ? `${url.pathname}${url.search}${url.hash}` : '/';
}

function loginPage(reply: FastifyReply, request: FastifyRequest, options: { error?: string; username?: string; next?: string }) {
  const token = randomBytes(18).toString('base64url');
  reply.setCookie(LOGIN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/login', secure: request.protocol === 'https', maxAge: 3600 });
  return sendPage(
    reply,
    page({
      title: '登录',
      body: html`<div class="login card">
<h1>娘家人 · 12351 工作台</h1>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form method="post" action="/login">
<input type="hidden" name="_login" value="${token}">
<input type="hidden" name="next" value="${options.next ?? '/'}">
<label class="block"><span>用户名</span><input type="text" name="username" value="${options.username ?? ''}" autocomplete="username" required autofocus class="wide"></label>
<label class="block"><span>密码</span><input type="password" name="password" autocomplete="current-password" required class="wide"></label>
<p><button class="primary" type="submit">登录</button></p>
</form>
<p class="muted">忘记密码请联系管理员。职工求助请拨打 12351。</p>
</div>`,
    }),
  );
}

/** Log in, log out. The only routes reachable without a session. */
export const authRoutes: FastifyPluginAsync<ConsoleContext> = async (app, ctx) => {
  app.get('/login', { config: { public: true } }, async (request, reply) => {
    const next = (request.query as { next?: string }).next;
    return loginPage(reply, request, { next: safeNext(next) });
  });

  app.post('/login', { config: { public: true } }, async (request, reply) => {
    const body = parse(loginBody, request.body);
    const next = safeNext(body.next);
    const expected = request.cookies[LOGIN_COOKIE] ?? '';
    const sent = body._login ?? '';
    if (!expected || expected.length !== sent.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(sent))) {
      reply.code(403);
      return loginPage(reply, request, { error: '登录页已过期，请重新输入。', username: body.username, next });
    }
    const key = throttleKey(body.username, request.ip);
    const slot = await ctx.throttle.attempt(key);
    if (!slot.ok) {
      const seconds = Math.ceil(slot.waitMs / 1000);
      reply.code(429).header('retry-after', String(seconds));
      return loginPage(reply, request, { error: `密码错误次数过多，请 ${seconds} 秒后再试。`, username: body.username, next });
    }
    const user = await ctx.users.find(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok || user.disabled) {
      await ctx.audit.record({ actor: body.username, action: 'login.failed', detail: `ip ${request.ip}, ${slot.failures} 次` });
      reply.code(401);
      return loginPage(reply, request, { error: user?.disabled && ok ? '账号已停用，请联系管理员。' : '用户名或密码不对。', username: body.username, next });
    }
    await ctx.throttle.succeeded(key);
    const { token } = await ctx.webSessions.create(user.id);
    await ctx.audit.record({ actor: user.username, action: 'login', detail: `ip ${request.ip}` });
    reply.clearCookie(LOGIN_COOKIE, { path: '/login' });
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: request.protocol === 'https',
      maxAge: SESSION_HOURS * 3600,
    });
    return reply.redirect(next, 303);
  });

  app.post('/logout', async (request, reply) => {
    const session = sessionOf(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) await ctx.webSessions.destroy(token);
    await ctx.audit.record({ actor: session.username, action: 'logout' });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
};
