import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { DELIVERY_STATUS_LABEL, NOTICE_STATUS_LABEL, type Audience, type NoticeDraft } from '../../notices/types.ts';
import { sendPage } from '../app.ts';
import type { ConsoleContext } from '../context.ts';
import { html, type SafeHtml } from '../html.ts';
import { done, flashOf, many, parse, sessionOf, wantsHtml } from '../http.ts';
import { displayTimeZone, formatTime, PLATFORM_LABEL } from '../labels.ts';
import { parseWallTime } from '../../core/time.ts';
import { NO_AUDIENCE } from '../../notices/service.ts';
import { csrfField, page } from '../layout.ts';
import { audienceSentence, audienceTotal, noticePreview, sendConfirmation } from '../notice-preview.ts';
import type { WebSession } from '../../auth/web-sessions.ts';
import { idParam } from '../params.ts';

const NOTICE_PLATFORMS = ['wechat', 'telegram'] as const;

/** Why an unsent notice reached nobody: groups that left after it was claimed are listed below it, as skipped. */
function unsentReason(skipped: number): string {
  return skipped > 0
    ? `这条通知没有发出：要送达的 ${skipped} 个群在发出前都已退订，见下方送达情况。`
    : '这条通知没有发出：到发送时，所选的标签、地区和平台下没有已订阅的群。';
}

function draftFrom(body: Record<string, unknown>): unknown {
  return {
    title: body.title ?? '',
    body: body.body ?? '',
    link: body.link ?? '',
    audience: { tags: many(body.tags), regions: many(body.regions), platforms: many(body.platforms) },
  };
}

/** A typed schedule time: wall-clock time in the console's zone, or an ISO instant from a script. */
function scheduleTime(value: string): Date | undefined {
  if (/T.*([zZ]|[+-]\d\d:?\d\d)$/.test(value)) {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? undefined : at;
  }
  return parseWallTime(value, displayTimeZone());
}

interface ComposeState {
  scheduledAt?: string | undefined;
  /** One key per compose form: posting it again (double click, retry) saves no second notice. */
  formKey?: string | undefined;
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

function zoneLabel(): string {
  const zone = displayTimeZone();
  return zone === 'Asia/Shanghai' ? '北京时间' : zone;
}

/** The schedule time typed on the form, or a form error saying what is wrong with it. */
function checkedScheduleTime(value: string | undefined, now: Date): Date {
  if (!value) throw new AppError('VALIDATION', '请填写定时发送的时间', { details: { field: 'scheduledAt' } });
  const at = scheduleTime(value);
  if (!at) throw new AppError('VALIDATION', `看不懂定时时间“${value}”，请按 ${formatTime(now.toISOString())} 这样的格式填写`, { details: { field: 'scheduledAt' } });
  if (at.getTime() <= now.getTime()) {
    throw new AppError('VALIDATION', `定时时间 ${formatTime(at.toISOString())} 已经过去了（现在是 ${formatTime(now.toISOString())}），请填写以后的时间`, { details: { field: 'scheduledAt' } });
  }
  return at;
}

/** Officers compose, preview, send or schedule notices, and read each one's delivery report. */
export const noticeRoutes: FastifyPluginAsync<ConsoleContext> = async (app, ctx) => {
  const config = { permission: 'notices' as const };
  const { notices } = ctx;

  async function composePage(session: WebSession, draft: Partial<NoticeDraft>, error?: string, state: ComposeState = {}): Promise<string> {
    const facets = await notices.groups.facets();
    const audience = draft.audience ?? { tags: [], regions: [], platforms: [] };
    const full = { title: draft.title ?? '', body: draft.body ?? '', link: draft.link ?? '', audience };
    const byPlatform = await notices.store.audienceByPlatform(full);
    const example = formatTime(new Date(Math.ceil(ctx.clock().getTime() / 3_600_000) * 3_600_000 + 86_400_000).toISOString());
    const body = html`<h1>新建通知</h1>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<div class="grid">
<form method="post" action="/notices" data-notice-form class="card" id="notice-form">${csrfField(session)}
<input type="hidden" name="formKey" value="${state.formKey ?? crypto.randomUUID()}">
<label class="block"><span>标题</span><input type="text" name="title" value="${full.title}" maxlength="60" required class="wide"></label>
<label class="block"><span>正文</span><textarea name="body" maxlength="3000" required rows="8">${full.body}</textarea></label>
<label class="block"><span>链接（可选）</span><input type="url" name="link" value="${full.link}" placeholder="https://" class="wide"></label>
<h2>发送对象</h2>
<div class="block"><span class="muted">群标签（任选其一即可收到；不选 = 全部）</span><br>${checks('tags', facets.tags, audience.tags)}</div>
<div class="block"><span class="muted">地区</span><br>${checks('regions', facets.regions, audience.regions)}</div>
<div class="block"><span class="muted">平台</span><br>${checks('platforms', NOTICE_PLATFORMS, audience.platforms, (p) => PLATFORM_LABEL[p] ?? p)}</div>
<h2>发送</h2>
<p><button type="submit" name="mode" value="now" class="primary" data-confirm-audience>立即发送</button></p>
<p><label>或定时（${zoneLabel()}） <input type="text" name="scheduledAt" value="${state.scheduledAt ?? ''}" placeholder="如 ${example}" size="20" inputmode="text" autocomplete="off"></label>
<button type="submit" name="mode" value="schedule">定时发送</button></p>
<p><button type="submit" name="mode" value="draft">存草稿</button></p>
</form>
<section class="card"><h2>预览</h2><div id="preview">${noticePreview(full, byPlatform)}</div></section>
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
    let byPlatform: Partial<Record<string, number>> | undefined;
    try {
      byPlatform = await notices.store.audienceByPlatform(notices.validate({ ...(draft as object), title: draft.title || '-', body: draft.body || '-' }));
    } catch {
      byPlatform = undefined;
    }
    const text = { title: String(draft.title ?? ''), body: String(draft.body ?? ''), link: String(draft.link ?? '') };
    return {
      html: noticePreview(text, byPlatform).value,
      audience: byPlatform ? audienceTotal(byPlatform) : null,
      confirm: byPlatform ? sendConfirmation(byPlatform) : null,
    };
  });

  app.post('/notices', { config }, async (request, reply) => {
    const session = sessionOf(request);
    const raw = (request.body ?? {}) as Record<string, unknown>;
    const form = parse(
      z.object({
        mode: z.enum(['now', 'schedule', 'draft']).default('draft'),
        scheduledAt: z.string().trim().max(40).optional(),
        formKey: z.string().trim().min(8).max(64).optional(),
      }),
      raw,
    );
    let draft: NoticeDraft;
    let at: Date | undefined;
    // Everything is checked before anything is saved: a refused send or a bad time saves no draft,
    // and the form comes back with what was typed.
    try {
      draft = notices.validate(draftFrom(raw));
      if (form.mode === 'schedule') at = checkedScheduleTime(form.scheduledAt, ctx.clock());
      if (form.mode === 'now' && (await notices.store.countAudience(draft)) === 0) throw new AppError('VALIDATION', NO_AUDIENCE, { details: { field: 'audience' } });
    } catch (err) {
      if (!(err instanceof AppError) || !wantsHtml(request)) throw err;
      reply.code(400);
      return sendPage(reply, await composePage(session, draftFrom(raw) as NoticeDraft, err.message, form));
    }
    const { notice, created } = await notices.store.create(draft, session.username, form.formKey ? { formKey: form.formKey } : {});
    if (created) await ctx.audit.record({ actor: session.username, action: 'notice.create', target: `notice:${notice.id}`, detail: notice.title });
    let code: 'created' | 'sent' | 'scheduled' = 'created';
    if (notice.status !== 'draft') {
      // The same form again after it was sent or scheduled: show what happened the first time.
    } else if (form.mode === 'now') {
      await notices.sendNow(notice.id);
      await ctx.audit.record({ actor: session.username, action: 'notice.send', target: `notice:${notice.id}` });
      code = 'sent';
    } else if (form.mode === 'schedule') {
      await notices.schedule(notice.id, at!.toISOString());
      await ctx.audit.record({ actor: session.username, action: 'notice.schedule', target: `notice:${notice.id}`, detail: at!.toISOString() });
      code = 'scheduled';
    }
    if (!wantsHtml(request)) return reply.code(created ? 201 : 200).send({ notice: await notices.store.get(notice.id) });
    return done(reply, `/notices/${notice.id}`, code);
  });

  app.get('/notices/:id', { config }, async (request, reply) => {
    const session = sessionOf(request);
    const id = idParam(request);
    const notice = Number.isSafeInteger(id) ? await notices.store.get(id) : undefined;
    if (!notice) throw new AppError('VALIDATION', '没有这条通知');
    const report = await notices.report(id);
    if (!wantsHtml(request)) return reply.send({ notice, report });
    const csrf = csrfField(session);
    const pending = notice.status === 'draft' || notice.status === 'scheduled';
    const reach = pending ? await notices.store.audienceByPlatform(notice) : {};
    const body = html`<h1>${notice.title} <span class="badge" id="notice-status">${NOTICE_STATUS_LABEL[notice.status]}</span></h1>
<p class="muted">${audienceLabel(notice.audience)} · ${notice.createdBy} 创建于 ${formatTime(notice.createdAt)}${notice.scheduledAt ? html` · 定时 ${formatTime(notice.scheduledAt)}` : ''}${notice.sentAt ? html` · 发出 ${formatTime(notice.sentAt)}` : ''}</p>
${pending
  ? html`${audienceTotal(reach) === 0 ? html`<p class="error" role="alert">${NO_AUDIENCE}</p>` : html`<p>现在发送会送到 ${audienceSentence(reach)}。</p>`}
<p><form method="post" action="/notices/${notice.id}/send" class="inline">${csrf}<button class="primary" data-confirm="${sendConfirmation(reach)}" ${audienceTotal(reach) === 0 ? html`disabled` : ''}>立即发送</button></form>
<form method="post" action="/notices/${notice.id}/cancel" class="inline">${csrf}<button>取消</button></form></p>`
  : ''}
${notice.status === 'unsent' ? html`<p class="error" role="alert" id="notice-unsent">${unsentReason(report.counts.skipped)}</p>` : ''}
<div class="grid">
<section class="card">
<h2>送达情况</h2>
<div class="cards" id="delivery-counts">
<div class="stat">共 <b>${report.total}</b></div>
${(['queued', 'sent', 'failed', 'skipped'] as const).map((s) => html`<div class="stat" data-count="${s}">${DELIVERY_STATUS_LABEL[s]} <b>${report.counts[s]}</b></div>`)}
<div class="stat" data-count="retried">重试过 <b>${report.retried}</b></div>
</div>
<table><thead><tr><th>群</th><th>平台</th><th>状态</th><th>尝试</th><th>送达时间</th><th>错误</th></tr></thead><tbody>
${report.rows.map((r) => html`<tr><td>${r.groupTitle || r.chatId}</td><td>${PLATFORM_LABEL[r.platform] ?? r.platform}</td><td>${DELIVERY_STATUS_LABEL[r.status]}</td><td>${r.attempts}</td><td>${formatTime(r.sentAt)}</td><td class="muted">${r.lastError ?? ''}</td></tr>`)}
${report.rows.length === 0 ? html`<tr><td colspan="6" class="muted">${notice.status === 'sending' ? '正在准备…' : notice.status === 'unsent' ? '没有要送达的群。' : '尚未发送。'}</td></tr>` : ''}
</tbody></table>
</section>
<section class="card"><h2>内容</h2>${noticePreview(notice)}</section>
</div>`;
    return sendPage(reply, page({ title: notice.title, session, body, active: '/notices', flash: flashOf(request) }));
  });

  app.post('/notices/:id/send', { config }, async (request, reply) => {
    const session = sessionOf(request);
    const id = idParam(request);
    await notices.sendNow(id);
    await ctx.audit.record({ actor: session.username, action: 'notice.send', target: `notice:${id}` });
    return wantsHtml(request) ? done(reply, `/notices/${id}`, 'sent') : reply.send({ ok: true });
  });

  app.post('/notices/:id/cancel', { config }, async (request, reply) => {
    const session = sessionOf(request);
    const id = idParam(request);
    await notices.cancel(id);
    await ctx.audit.record({ actor: session.username, action: 'notice.cancel', target: `notice:${id}` });
    return wantsHtml(request) ? done(reply, `/notices/${id}`, 'cancelled') : reply.send({ ok: true });
  });
};
