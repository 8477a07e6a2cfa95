import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { sendPage } from '../app.ts';
import { createCannedReplyStore } from '../canned.ts';
import type { ConsoleContext } from '../context.ts';
import { html } from '../html.ts';
import { done, flashOf, parse, sessionOf } from '../http.ts';
import { formatTime } from '../labels.ts';
import { csrfField, page } from '../layout.ts';

const input = z.object({
  title: z.string().trim().min(1, '请填写名称').max(30, '名称最多 30 字'),
  body: z.string().trim().min(1, '请填写回复内容').max(2000, '内容最多 2000 字'),
  position: z.coerce.number().int().min(0).max(999).default(0),
});

/** Admins keep the canned replies operators pick on the ticket page; every change is audited. */
export const cannedRoutes: FastifyPluginAsync<ConsoleContext> = async (app, ctx) => {
  const config = { permission: 'canned' as const };
  const store = createCannedReplyStore({ database: ctx.database, clock: ctx.clock });

  app.get('/canned', { config }, async (request, reply) => {
    const session = sessionOf(request);
    const replies = await store.list();
    const csrf = csrfField(session);
    const body = html`<h1>常用回复 <span class="muted">话务员在工单页选用，发送前可修改</span></h1>
<table id="canned"><thead><tr><th>顺序</th><th>名称</th><th>内容</th><th>最后修改</th><th></th></tr></thead><tbody>
${replies.map(
  (c) => html`<tr data-canned-id="${c.id}">
<td colspan="3"><form method="post" action="/canned/${c.id}" class="canned-edit">${csrf}
<label class="block"><span>顺序</span><input type="text" name="position" value="${c.position}" size="3" inputmode="numeric"></label>
<label class="block"><span>名称</span><input type="text" name="title" value="${c.title}" maxlength="30" required class="wide"></label>
<label class="block"><span>内容</span><textarea name="body" maxlength="2000" required>${c.body}</textarea></label>
<button type="submit">保存</button></form></td>
<td class="muted">${c.updatedBy ? html`${c.updatedBy} · ${formatTime(c.updatedAt)}` : '初始'}</td>
<td><form method="post" action="/canned/${c.id}/delete">${csrf}<button type="submit" data-confirm="删除常用回复“${c.title}”？">删除</button></form></td>
</tr>`,
)}
${replies.length === 0 ? html`<tr><td colspan="5" class="muted">还没有常用回复。</td></tr>` : ''}
</tbody></table>
<div class="card"><h2>新增常用回复</h2>
<form method="post" action="/canned" id="canned-new">${csrf}
<label class="block"><span>名称</span><input type="text" name="title" maxlength="30" required class="wide"></label>
<label class="block"><span>内容</span><textarea name="body" maxlength="2000" required></textarea></label>
<label class="block"><span>顺序（小的在前）</span><input type="text" name="position" value="${(replies.at(-1)?.position ?? 0) + 1}" size="3" inputmode="numeric"></label>
<button type="submit" class="primary">新增</button></form></div>`;
    return sendPage(reply, page({ title: '常用回复', session, body, active: '/canned', flash: flashOf(request) }));
  });

  app.post('/canned', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const added = await store.add(parse(input, request.body), actor);
    await ctx.audit.record({ actor, action: 'canned.add', target: `canned:${added.id}`, detail: added.title });
    return done(reply, '/canned', 'saved');
  });

  app.post('/canned/:id', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const id = Number((request.params as { id: string }).id);
    const before = (await store.list()).find((c) => c.id === id);
    const updated = await store.update(id, parse(input, request.body), actor);
    const renamed = before && before.title !== updated.title ? `${before.title} → ` : '';
    await ctx.audit.record({ actor, action: 'canned.update', target: `canned:${id}`, detail: `${renamed}${updated.title}：${updated.body.slice(0, 150)}` });
    return done(reply, '/canned', 'saved');
  });

  app.post('/canned/:id/delete', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const removed = await store.remove(Number((request.params as { id: string }).id));
    await ctx.audit.record({ actor, action: 'canned.delete', target: `canned:${removed.id}`, detail: removed.title });
    return done(reply, '/canned', 'deleted');
  });
};
