import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { can } from '../../auth/roles.ts';
import { normalizeTags } from '../../notices/groups.ts';
import { sendPage } from '../app.ts';
import type { ConsoleContext } from '../context.ts';
import { html } from '../html.ts';
import { done, flashOf, parse, sessionOf } from '../http.ts';
import { formatTime, PLATFORM_LABEL } from '../labels.ts';
import { csrfField, page } from '../layout.ts';
import { idParam } from '../params.ts';

/** The subscribed groups; admins tag them with industries and regions, officers read them. */
export const groupRoutes: FastifyPluginAsync<ConsoleContext> = async (app, ctx) => {
  app.get('/groups', { config: { permission: ['notices', 'groups.edit'] } }, async (request, reply) => {
    const session = sessionOf(request);
    const groups = await ctx.notices.groups.list();
    const edit = can(session.role, 'groups.edit');
    const body = html`<h1>群组 <span class="muted">${groups.filter((g) => g.subscribed).length} 个已订阅</span></h1>
<p class="muted">群里发送“订阅通知”或 /subscribe 即可订阅，发送“取消订阅”退订。${edit ? '标签用逗号分隔，如：建筑,农民工。' : ''}</p>
<table id="groups"><thead><tr><th>群名</th><th>平台</th><th>订阅</th><th>地区</th><th>标签</th><th>更新</th>${edit ? html`<th></th>` : ''}</tr></thead><tbody>
${groups.map((g) =>
  edit
    ? html`<tr data-group="${g.id}"><td>${g.title || g.chatId}</td><td>${PLATFORM_LABEL[g.platform] ?? g.platform}</td><td>${g.subscribed ? '是' : '已退订'}</td>
<td colspan="2"><form method="post" action="/groups/${g.id}" class="inline">${csrfField(session)}
<input type="text" name="region" value="${g.region}" size="6" placeholder="地区" aria-label="地区">
<input type="text" name="tags" value="${g.tags.join(',')}" size="24" placeholder="标签" aria-label="标签">
<button type="submit">保存</button></form></td><td>${formatTime(g.updatedAt)}</td><td></td></tr>`
    : html`<tr data-group="${g.id}"><td>${g.title || g.chatId}</td><td>${PLATFORM_LABEL[g.platform] ?? g.platform}</td><td>${g.subscribed ? '是' : '已退订'}</td><td>${g.region}</td><td>${g.tags.join('、')}</td><td>${formatTime(g.updatedAt)}</td></tr>`,
)}
${groups.length === 0 ? html`<tr><td colspan="7" class="muted">还没有群订阅。</td></tr>` : ''}
</tbody></table>`;
    return sendPage(reply, page({ title: '群组', session, body, active: '/groups', flash: flashOf(request) }));
  });

  app.post('/groups/:id', { config: { permission: 'groups.edit' } }, async (request, reply) => {
    const session = sessionOf(request);
    const id = idParam(request);
    const body = parse(z.object({ tags: z.string().max(400).default(''), region: z.string().trim().max(20).default('') }), request.body);
    const group = await ctx.notices.groups.update(id, { tags: normalizeTags(body.tags), region: body.region });
    await ctx.audit.record({ actor: session.username, action: 'group.tag', target: `${group.platform}:${group.chatId}`, detail: `地区 ${group.region}；标签 ${group.tags.join(',')}` });
    return done(reply, '/groups', 'saved');
  });
};
