import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { DELIVERY_STATUS_LABEL, NOTICE_STATUS_LABEL, type Audience, type NoticeDraft } from '../../notices/types.ts';
import { sendPage } from '../app.ts';
import type { ConsoleContext } from '../context.ts';
import { html, type SafeHtml } from '../html.ts';
import { done, flashOf, many, parse, sessionOf, wantsHtml } from '../http.ts';
import { formatTime, PLATFORM_LABEL } from '../labels.ts';
import { csrfField, page } from '../layout.ts';
import { noticePreview } from '../notice-preview.ts';
import type { WebSession } from '../../auth/web-sessions.ts';

const NOTICE_PLATFORMS = ['wechat', 'telegram'] as const;

function draftFrom(body: Record<string, unknown>): unknown {
  return {
    title: body.title ?? '',
    body: body.body ?? '',
    link: body.link ?? '',
    audience: { tags: many(body.tags), regions: many(body.regions), platforms: many(body.platforms) },
  };
}

/** `datetime-local` values are Beijing time. */
function beijing(value: string): string {
  return /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}${value.length === 16 ? ':00' : ''}+08:00`;
}

function audienceLabel(a: Audience): string {
  const parts = [
    a.tags.length ? `标签：${a.tags.join('、')}` : '所有标签',
    a.regions.length ? `地区：${a.regions.join('、')}` : '所有地区',
    a.platforms.length ? `平台：${a.platforms.map((p) => PLATFORM_LABEL[p] ?? p).join('、')}` : '所有平台',
  ];
  return parts.join(' · ');
}

function checks(name: string, items: readonly string[], chosen: readonly string[], label: (v: string) => string = (v) => v): SafeHtml {
  if (items.length === 0) return html`<span class="muted">（还没有）</span>`;
  return html`<span class="checks">${items.map((v) => html`<label><input type="checkbox" name="${name}" value="${v}" ${chosen.includes(v) ? html`checked` : ''}> ${label(v)}</label>`)}</span>`;
}

/** Officers compose, preview, send or schedule notices, and read each one's delivery report. */
export const noticeRoutes: FastifyPluginAsync<ConsoleContext> = async (app, ctx) => {
  const config = { permission: 'notices' as const };
  const { notices } = ctx;

  async function composePage(session: WebSession, draft: Partial<NoticeDraft>, error?: string): Promise<string> {
    const facets = await notices.groups.facets();
    const audience = draft.audience ?? { tags: [], regions: [], platforms: [] };
    const full = { title: draft.title ?? '', body: draft.body ?? '', link: draft.link ?? '', audience };
    const count = await notices.store.countAudience(full);
    const body = html`<h1>新建通知</h1>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<div class="grid">
<form method="post" action="/notices" data-notice-form class="card" id="notice-form">${csrfField(session)}
<label class="block"><span>标题</span><input type="text" name="title" value="${full.title}" maxlength="60" required class="wide"></label>
<label class="block"><span>正文</span><textarea name="body" maxlength="3000" required rows="8">${full.body}</textarea></label>
<label class="block"><span>链接（可选）</span><input type="url" name="link" value="${full.link}" placeholder="https://" class="wide"></label>
<h2>发送对象</h2>
<div class="block"><span class="muted">群标签（任选其一即可收到；不选 = 全部）</span><br>${checks('tags', facets.tags, audience.tags)}</div>
<div class="block"><span class="muted">地区</span><br>${checks('regions', facets.regions, audience.regions)}</div>
<div class="block"><span class="muted">平台</span><br>${checks('platforms', NOTICE_PLATFORMS, audience.platforms, (p) => PLATFORM_LABEL[p] ?? p)}</div>
<h2>发送</h2>
<p><button type="submit" name="mode" value="now" class="primary" data-confirm="确定立即发送给所选的群吗？">立即发送</button>
<label> 或定时 <input type="datetime-local" name="scheduledAt"></label> <button type="submit" name="mode" value="schedule">定时发送</button>
<button type="submit" name="mode" value="draft">存草稿</button></p>
</form>
<section class="card"><h2>预览</h2><div id="preview">${noticePreview(full, count)}</div></section>
</div>`;
    return page({ title: '新建通知', session, body, active: '/notices' });
  }

  app.get('/notices', { config }, async (request, reply) => {
    const session = sessionOf(request);
    const list = await notices.store.list({ limit: 100 });
    const body = html`<h1>政策通知 <a href="/notices/new" class="button primary">新建通知</a></h1>
<table><thead><tr><th>标题</th><th>对象</th><th>状态</th><th>定时/发送</th><th>创建人</th></tr></thead><tbody>
${list.map((n) => html`<tr><td><a href="/notices/${n.id}">${n.title}</a></td><td class="muted">${audienceLabel(n.audience)}</td><td>${NOTICE_STATUS_LABEL[n.status]}</td><td>${formatTime(n.sentAt ?? n.scheduledAt)}</td><td>${n.createdBy}</td></tr>`)}
${list.length === 0 ? html`<tr><td colspan="5" class="muted">还没有通知。</td></tr>` : ''}
</tbody></table>`;
    return sendPage(reply, page({ title: '通知', session, body, active: '/notices', flash: flashOf(request) }));
  });

  app.get('/notices/new', { config }, async (request, reply) => sendPage(reply, await composePage(sessionOf(request), {})));

  app.post('/notices/preview', { config }, async (request) => {
    const raw = (request.body ?? {}) as Record<string, unknown>;
    const draft = draftFrom(raw) as NoticeDraft;
    let count: number | undefined;
    try {
      count = await notices.store.countAudience(notices.validate({ ...(draft as object), title: draft.title || '-', body: draft.body || '-' }));
    } catch {
      count = undefined;
    }
    return { html: noticePreview({ title: String(draft.title ?? ''), body: String(draft.body ?? ''), link: String(draft.link ?? '') }, count).value, audience: count ?? null };
  });

  app.post('/notices', { config }, async (request, reply) => {
    const session = sessionOf(request);
    const raw = (request.body ?? {}) as Record<string, unknown>;
    const { mode, scheduledAt } = parse(z.object({ mode: z.enum(['now', 'schedule', 'draft']).default('draft'), scheduledAt: z.string().trim().max(40).optional() }), raw);
    let draft: NoticeDraft;
    try {
      draft = notices.validate(draftFrom(raw));
      if (mode === 'schedule' && !scheduledAt) throw new AppError('VALIDATION', '请选择定时发送的时间', { details: { field: 'scheduledAt' } });
    } catch (err) {
      if (!(err instanceof AppError) || !wantsHtml(request)) throw err;
      reply.code(400);
      return sendPage(reply, await composePage(session, draftFrom(raw) as NoticeDraft, err.message));
    }
    const notice = await notices.create(draft, session.username);
    await ctx.audit.record({ actor: session.username, action: 'notice.create', target: `notice:${notice.id}`, detail: notice.title });
    let code: 'created' | 'sent' | 'scheduled' = 'created';
    if (mode === 'now') {
      await notices.sendNow(notice.id);
      await ctx.audit.record({ actor: session.username, action: 'notice.send', target: `notice:${notice.id}` });
      code = 'sent';
    } else if (mode === 'schedule') {
      const at = beijing(scheduledAt!);
      await notices.schedule(notice.id, at);
      await ctx.audit.record({ actor: session.username, action: 'notice.schedule', target: `notice:${notice.id}`, detail: at });
      code = 'scheduled';
    }
    if (!wantsHtml(request)) return reply.code(201).send({ notice: await notices.store.get(notice.id) });
    return done(reply, `/notices/${notice.id}`, code);
  });

  app.get('/notices/:id', { config }, async (request, reply) => {
    const session = sessionOf(request);
    const id = Number((request.params as { id: string }).id);
    const notice = Number.isSafeInteger(id) ? await notices.store.get(id) : undefined;
    if (!notice) throw new AppError('VALIDATION', '没有这条通知');
    const report = await notices.report(id);
    if (!wantsHtml(request)) return reply.send({ notice, report });
    const csrf = csrfField(session);
    const body = html`<h1>${notice.title} <span class="badge" id="notice-status">${NOTICE_STATUS_LABEL[notice.status]}</span></h1>
<p class="muted">${audienceLabel(notice.audience)} · ${notice.createdBy} 创建于 ${formatTime(notice.createdAt)}${notice.scheduledAt ? html` · 定时 ${formatTime(notice.scheduledAt)}` : ''}${notice.sentAt ? html` · 发出 ${formatTime(notice.sentAt)}` : ''}</p>
${notice.status === 'draft' || notice.status === 'scheduled'
  ? html`<p><form method="post" action="/notices/${notice.id}/send" class="inline">${csrf}<button class="primary" data-confirm="确定立即发送吗？">立即发送</button></form>
<form method="post" action="/notices/${notice.id}/cancel" class="inline">${csrf}<button>取消</button></form></p>`
  : ''}
<div class="grid">
<section class="card">
<h2>送达情况</h2>
<div class="cards" id="delivery-counts">
<div class="stat">共 <b>${report.total}</b></div>
${(['queued', 'sent', 'failed'] as const).map((s) => html`<div class="stat" data-count="${s}">${DELIVERY_STATUS_LABEL[s]} <b>${report.counts[s]}</b></div>`)}
<div class="stat" data-count="retried">重试过 <b>${report.retried}</b></div>
</div>
<table><thead><tr><th>群</th><th>平台</th><th>状态</th><th>尝试</th><th>送达时间</th><th>错误</th></tr></thead><tbody>
${report.rows.map((r) => html`<tr><td>${r.groupTitle || r.chatId}</td><td>${PLATFORM_LABEL[r.platform] ?? r.platform}</td><td>${DELIVERY_STATUS_LABEL[r.status]}</td><td>${r.attempts}</td><td>${formatTime(r.sentAt)}</td><td class="muted">${r.lastError ?? ''}</td></tr>`)}
${report.rows.length === 0 ? html`<tr><td colspan="6" class="muted">${notice.status === 'sending' ? '正在准备…' : '尚未发送。'}</td></tr>` : ''}
</tbody></table>
</section>
<section class="card"><h2>内容</h2>${noticePreview(notice)}</section>
</div>`;
    return sendPage(reply, page({ title: notice.title, session, body, active: '/notices', flash: flashOf(request) }));
  });

  app.post('/notices/:id/send', { config }, async (request, reply) => {
    const session = sessionOf(request);
    const id = Number((request.params as { id: string }).id);
    await notices.sendNow(id);
    await ctx.audit.record({ actor: session.username, action: 'notice.send', target: `notice:${id}` });
    return wantsHtml(request) ? done(reply, `/notices/${id}`, 'sent') : reply.send({ ok: true });
  });

  app.post('/notices/:id/cancel', { config }, async (request, reply) => {
    const session = sessionOf(request);
    const id = Number((request.params as { id: string }).id);
    await notices.cancel(id);
    await ctx.audit.record({ actor: session.username, action: 'notice.cancel', target: `notice:${id}` });
    return wantsHtml(request) ? done(reply, `/notices/${id}`, 'cancelled') : reply.send({ ok: true });
  });
};
