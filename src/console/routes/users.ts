import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { generatePassword } from '../../auth/password.ts';
import { ROLE_LABEL, ROLES } from '../../auth/roles.ts';
import { AppError } from '../../errors.ts';
import { sendPage } from '../app.ts';
import type { ConsoleContext } from '../context.ts';
import { html } from '../html.ts';
import { done, flashOf, parse, sessionOf } from '../http.ts';
import { CONSOLE_AUDIT_LABEL, formatTime } from '../labels.ts';
import { csrfField, options, page } from '../layout.ts';
import { idParam } from '../params.ts';

/** Admins manage console accounts and read the audit log. */
export const userRoutes: FastifyPluginAsync<ConsoleContext> = async (app, ctx) => {
  const roleOptions = ROLES.map((r) => [r, ROLE_LABEL[r]] as const);

  async function usersPage(session: NonNullable<ReturnType<typeof sessionOf>>, extra?: { created?: { username: string; role: (typeof ROLES)[number]; password?: string }; flash?: string | undefined }) {
    const users = await ctx.users.list();
    const csrf = csrfField(session);
    const body = html`<h1>账号</h1>
${extra?.created
  ? html`<p class="flash" role="status" id="user-created">已创建账号 <b>${extra.created.username}</b>（${ROLE_LABEL[extra.created.role]}），现在可以登录。${
      extra.created.password ? html`初始密码：<code id="new-password">${extra.created.password}</code>（只显示这一次，请转告本人）` : '密码是刚才填写的那个。'
    }</p>`
  : ''}
<table><thead><tr><th>用户名</th><th>角色</th><th>状态</th><th>创建</th><th>修改</th></tr></thead><tbody>
${users.map((u) => html`<tr class="${u.username === extra?.created?.username ? 'new' : ''}"><td>${u.username}</td><td>${ROLE_LABEL[u.role]}</td><td>${u.disabled ? '已停用' : '正常'}</td><td>${formatTime(u.createdAt)}</td>
<td><form method="post" action="/users/${u.id}" class="inline">${csrf}<select name="role">${options(roleOptions, u.role)}</select>
<label><input type="checkbox" name="disabled" value="1" ${u.disabled ? html`checked` : ''}> 停用</label>
<input type="password" name="password" placeholder="新密码（可选）" autocomplete="new-password" size="12">
<button type="submit">保存</button></form></td></tr>`)}
</tbody></table>
<div class="card"><h2>新建账号</h2>
<form method="post" action="/users">${csrf}
<label>用户名 <input type="text" name="username" required maxlength="32"></label>
<label>角色 <select name="role">${options(roleOptions, 'operator')}</select></label>
<label>密码 <input type="password" name="password" placeholder="留空自动生成" autocomplete="new-password"></label>
<button type="submit" class="primary">创建</button></form></div>`;
    return page({ title: '账号', session, body, active: '/users', flash: extra?.flash });
  }

  app.get('/users', { config: { permission: 'users' } }, async (request, reply) => {
    const session = sessionOf(request);
    return sendPage(reply, await usersPage(session, { flash: flashOf(request) }));
  });

  app.post('/users', { config: { permission: 'users' } }, async (request, reply) => {
    const session = sessionOf(request);
    const body = parse(z.object({ username: z.string().trim(), role: z.enum(ROLES), password: z.string().max(200).default('') }), request.body);
    const password = body.password || generatePassword();
    const user = await ctx.users.create({ username: body.username, role: body.role, password });
    await ctx.audit.record({ actor: session.username, action: 'user.add', target: user.username, detail: user.role });
    return sendPage(reply.code(201), await usersPage(session, { created: { username: user.username, role: user.role, ...(body.password ? {} : { password }) } }));
  });

  app.post('/users/:id', { config: { permission: 'users' } }, async (request, reply) => {
    const session = sessionOf(request);
    const id = idParam(request);
    const body = parse(z.object({ role: z.enum(ROLES), disabled: z.string().optional(), password: z.string().max(200).default('') }), request.body);
    const disabled = body.disabled === '1';
    if (id === session.userId && (disabled || body.role !== 'admin')) throw new AppError('VALIDATION', '不能停用自己或取消自己的管理员角色');
    const user = await ctx.users.update(id, { role: body.role, disabled, ...(body.password ? { password: body.password } : {}) });
    await ctx.audit.record({ actor: session.username, action: 'user.update', target: user.username, detail: `${user.role}${disabled ? ' 停用' : ''}${body.password ? ' 重置密码' : ''}` });
    return done(reply, '/users', body.password ? 'password' : 'saved');
  });

  app.get('/audit', { config: { permission: 'audit' } }, async (request, reply) => {
    const session = sessionOf(request);
    const q = parse(z.object({ actor: z.string().trim().max(64).optional(), page: z.coerce.number().int().min(1).max(1000).default(1) }), request.query);
    const rows = await ctx.audit.recent({ limit: 100, offset: (q.page - 1) * 100, ...(q.actor ? { actor: q.actor } : {}) });
    const body = html`<h1>操作日志</h1>
<form method="get" action="/audit" class="filters"><label>操作人<input type="text" name="actor" value="${q.actor ?? ''}"></label><button type="submit">筛选</button></form>
<table><thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>详情</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td>${formatTime(r.at)}</td><td>${r.actor}</td><td>${CONSOLE_AUDIT_LABEL[r.action] ?? r.action}</td><td>${r.target ?? ''}</td><td class="muted">${r.detail ?? ''}</td></tr>`)}
</tbody></table>
<div class="pager">${q.page > 1 ? html`<a class="button" href="/audit?page=${q.page - 1}">上一页</a>` : ''}${rows.length === 100 ? html`<a class="button" href="/audit?page=${q.page + 1}">下一页</a>` : ''}</div>`;
    return sendPage(reply, page({ title: '操作日志', session, body, active: '/audit' }));
  });
};
