import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { CHONGQING_DISTRICTS, findDistrict } from '../../intents/districts.ts';
import { TOPICS } from '../../intents/types.ts';
import { redact } from '../../core/redact.ts';
import { HANDOFF_MARK, isHandoffTicket } from '../../tickets/handoff.ts';
import { OPEN_STATUSES } from '../../tickets/lifecycle.ts';
import { isTicketNumber } from '../../tickets/number.ts';
import { PRIORITIES, REQUEST_TYPE_LABEL, STATUS_LABEL, TICKET_STATUSES, TRANSITIONS, type Ticket, type TicketFilter, type TicketStatus } from '../../tickets/types.ts';
import { AppError } from '../../errors.ts';
import { sendPage } from '../app.ts';
import type { ConsoleContext } from '../context.ts';
import { html, type SafeHtml } from '../html.ts';
import { flashOf, parse, sessionOf } from '../http.ts';
import { AUDIT_ACTION_LABEL, auditValue, CATEGORY_LABEL, formatTime, PLATFORM_LABEL, PRIORITY_LABEL, TRANSCRIPT_FROM_LABEL } from '../labels.ts';
import { csrfField, options, page } from '../layout.ts';
import { compareForInbox, slaLabel, slaOf, type Sla } from '../sla.ts';
import { ticketConversation } from '../../tickets/conversation.ts';
import { canReply } from '../../tickets/lifecycle.ts';
import { ticketActionRoutes } from './ticket-actions.ts';

export const PAGE_SIZE = 30;
/** The inbox sorts by SLA in memory, over at most this many matching tickets. */
const SORT_WINDOW = 5000;

const inboxQuery = z.object({
  status: z.union([z.enum(TICKET_STATUSES), z.enum(['open', 'all'])]).default('open'),
  category: z.union([z.enum(TOPICS), z.literal('')]).default(''),
  priority: z.union([z.enum(PRIORITIES), z.literal('')]).default(''),
  district: z.string().trim().max(20).default(''),
  assignee: z.string().trim().max(64).default(''),
  q: z.string().trim().max(100).default(''),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  ok: z.string().optional(),
});
export type InboxQuery = z.output<typeof inboxQuery>;

/** Every ticket matching the filters, in inbox order (urgent, overdue, then by SLA). */
export async function inboxTickets(ctx: ConsoleContext, query: InboxQuery, me: string): Promise<{ items: Ticket[]; total: number }> {
  const filter: TicketFilter = {};
  if (query.status === 'open') filter.status = TICKET_STATUSES.filter((s) => s !== 'closed');
  else if (query.status !== 'all') filter.status = [query.status];
  if (query.category) filter.category = [query.category];
  if (query.priority) filter.priority = [query.priority];
  // A short name people use (沙区, 江北) finds the district; anything else matches part of the name.
  if (query.district) filter.district = findDistrict(query.district) ?? query.district;
  if (query.assignee && query.assignee !== 'none') filter.assignee = query.assignee === 'me' ? me : query.assignee;
  if (query.q) filter.q = query.q;
  const all: Ticket[] = [];
  for (let offset = 0; all.length < SORT_WINDOW; offset += 500) {
    const { items } = await ctx.tickets.list({ ...filter, limit: 500, offset });
    all.push(...items);
    if (items.length < 500) break;
  }
  const matching = query.assignee === 'none' ? all.filter((t) => !t.assignee) : all;
  matching.sort(compareForInbox(ctx.config.SLA_HOURS, ctx.clock()));
  return { items: matching, total: matching.length };
}

export function slaCell(sla: Sla): SafeHtml {
  if (!sla.running) return html`<span class="sla muted">—</span>`;
  return html`<span class="sla ${sla.overdue ? 'overdue' : ''}" data-deadline="${sla.deadline}" title="时限 ${formatTime(sla.deadline)}">${slaLabel(sla)}</span>`;
}

function priorityBadge(t: Ticket): SafeHtml {
  const p = t.urgent && t.priority !== 'urgent' ? 'urgent' : t.priority;
  return html`<span class="badge ${p}" title="${t.urgentReason ?? ''}">${PRIORITY_LABEL[p]}</span>`;
}

/** The status button's words: what the move does, as an operator says it. */
function moveLabel(from: TicketStatus, to: TicketStatus): string {
  if (to === 'in_progress' && from === 'closed') return '重新打开';
  if (to === 'in_progress' && (from === 'follow_up' || from === 'replied')) return '继续办理';
  if (to === 'follow_up') return '转回访（请职工打分）';
  if (to === 'closed') return '办结';
  return `改为${STATUS_LABEL[to]}`;
}

function clip(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

/** Workers waiting for a person: open 转人工 tickets nobody has claimed yet, oldest first. */
async function handoffQueue(ctx: ConsoleContext): Promise<Ticket[]> {
  const { items } = await ctx.tickets.list({ status: [...OPEN_STATUSES], q: HANDOFF_MARK, limit: 100 });
  return items.filter((t) => isHandoffTicket(t) && !t.assignee).reverse();
}

async function staffOptions(ctx: ConsoleContext): Promise<string[]> {
  return (await ctx.users.list()).filter((u) => !u.disabled && u.role !== 'officer').map((u) => u.username);
}

/** The operators' inbox and ticket page. */
export const ticketRoutes: FastifyPluginAsync<ConsoleContext> = async (app, ctx) => {
  app.get('/tickets', { config: { permission: 'tickets' } }, async (request, reply) => {
    const session = sessionOf(request);
    const query = parse(inboxQuery, request.query);
    const { items, total } = await inboxTickets(ctx, query, session.username);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const pageNo = Math.min(query.page, pages);
    const shown = items.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE);
    const now = ctx.clock();
    const staff = await staffOptions(ctx);
    const link = (p: number) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...query, page: String(p) })) if (v && k !== 'ok') params.set(k, String(v));
      return `/tickets?${params}`;
    };
    const queue = await handoffQueue(ctx);
    const csrf = csrfField(session);
    const body = html`<div data-live="inbox">
<h1>工单收件箱 <span class="muted">共 ${total} 件</span></h1>
<div id="live-banner" class="banner hidden" role="status"></div>
<section class="card" id="handoff-queue">
<h2>转人工排队 <span class="muted">${queue.length} 人等待</span></h2>
${queue.length === 0
  ? html`<p class="muted">现在没有职工在等工作人员。</p>`
  : html`<ul>${queue.map((t) => html`<li data-number="${t.number}"><a href="/tickets/${t.number}">${t.number}</a> ${t.fields.name || '职工'} · ${PLATFORM_LABEL[t.origin.platform] ?? t.origin.platform} · 等待自 ${formatTime(t.createdAt)}<br><span class="muted">${clip(redact(t.fields.description.slice(HANDOFF_MARK.length)), 80)}</span>
<form method="post" action="/tickets/${t.number}/takeover" class="inline">${csrf}<button type="submit" class="primary">接入</button></form></li>`)}</ul>`}
</section>
<form class="filters" method="get" action="/tickets" id="filters">
<label>状态<select name="status">${options([['open', '未办结'], ['all', '全部'], ...TICKET_STATUSES.map((s) => [s, STATUS_LABEL[s]] as const)], query.status)}</select></label>
<label>分类<select name="category">${options([['', '全部'], ...TOPICS.map((t) => [t, CATEGORY_LABEL[t]] as const)], query.category)}</select></label>
<label>优先级<select name="priority">${options([['', '全部'], ...PRIORITIES.map((p) => [p, PRIORITY_LABEL[p]] as const)], query.priority)}</select></label>
<label>区县<input type="text" name="district" value="${query.district}" size="8" placeholder="如 江北" list="district-list" autocomplete="off"></label>
<datalist id="district-list">${CHONGQING_DISTRICTS.map((d) => html`<option value="${d.name}"></option>`)}</datalist>
<label>处理人<select name="assignee">${options([['', '全部'], ['me', '我的'], ['none', '未指派'], ...staff.map((u) => [u, u] as const)], query.assignee)}</select></label>
<label>搜索<input type="search" name="q" value="${query.q}" placeholder="工单号、姓名、单位、诉求…" size="22"></label>
<button type="submit" class="primary">筛选</button>
<a href="/tickets" class="button">重置</a>
</form>
<table id="inbox">
<thead><tr><th>工单号</th><th>优先级</th><th>分类</th><th>区县</th><th>诉求</th><th>状态</th><th>处理人</th><th>时限</th><th>受理时间</th></tr></thead>
<tbody>
${shown.map((t) => {
  const sla = slaOf(t, ctx.config.SLA_HOURS, now);
  return html`<tr class="${t.urgent || t.priority === 'urgent' ? 'urgent' : ''} ${sla.overdue ? 'overdue' : ''}" data-number="${t.number}">
<td><a href="/tickets/${t.number}">${t.number}</a></td>
<td>${priorityBadge(t)}</td>
<td>${CATEGORY_LABEL[t.category] ?? t.category}</td>
<td>${t.fields.district}</td>
<td>${clip(redact(t.fields.description), 40)}</td>
<td>${STATUS_LABEL[t.status]}</td>
<td>${t.assignee ?? html`<span class="muted">未指派</span>`}</td>
<td>${slaCell(sla)}</td>
<td>${formatTime(t.createdAt)}</td>
</tr>`;
})}
${shown.length === 0 ? html`<tr><td colspan="9" class="muted">没有符合条件的工单。</td></tr>` : ''}
</tbody>
</table>
<div class="pager">
${pageNo > 1 ? html`<a href="${link(pageNo - 1)}" class="button">上一页</a>` : ''}
<span>第 ${pageNo} / ${pages} 页</span>
${pageNo < pages ? html`<a href="${link(pageNo + 1)}" class="button" rel="next">下一页</a>` : ''}
</div>
</div>`;
    return sendPage(reply, page({ title: '工单', session, body, active: '/tickets', flash: flashOf(request) }));
  });

  app.get('/tickets/:number', { config: { permission: 'tickets' } }, async (request, reply) => {
    const session = sessionOf(request);
    const { number } = request.params as { number: string };
    if (!isTicketNumber(number)) throw new AppError('TICKET_NOT_FOUND', '没有这个工单');
    const ticket = await ctx.tickets.get(number);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', '没有这个工单');
    const [notes, audit, staff, canned] = await Promise.all([
      ctx.tickets.notes(number),
      ctx.tickets.audit(number),
      staffOptions(ctx),
      ctx.database.query<{ title: string; body: string }>('SELECT title, body FROM console_canned_replies ORDER BY position, id'),
    ]);
    const conv = ticketConversation(ticket);
    const holder = await ctx.desk.holder(ticket);
    const sla = slaOf(ticket, ctx.config.SLA_HOURS, ctx.clock());
    const f = ticket.fields;
    const csrf = csrfField(session);
    const nonce = crypto.randomUUID();
    const body = html`<div data-live="ticket" data-ticket="${ticket.number}" data-conversation="${conv?.key ?? ''}" data-me="${session.username}">
<div id="live-banner" class="banner hidden" role="status"></div>
<h1>${ticket.number} ${priorityBadge(ticket)} <span class="badge" id="status">${STATUS_LABEL[ticket.status]}</span></h1>
<p class="muted">${CATEGORY_LABEL[ticket.category] ?? ticket.category} · ${REQUEST_TYPE_LABEL[ticket.requestType]} · 难度 ${ticket.tier} · 时限 ${slaCell(sla)} · 来源 ${PLATFORM_LABEL[ticket.origin.platform] ?? ticket.origin.platform} · 受理 ${formatTime(ticket.createdAt)}</p>
<div class="grid">
<section>
<div class="card">
<h2>对话记录</h2>
<ol class="transcript" id="transcript">
${ticket.transcript.map((l) => html`<li class="${l.from}"><span class="who">${TRANSCRIPT_FROM_LABEL[l.from]} · ${formatTime(l.at)}</span>${l.text}</li>`)}
</ol>
</div>
<div class="card">
<h2>回复职工</h2>
${conv && !canReply(ticket.status)
  ? html`<p class="closed-note" id="reply-closed">工单已办结，不能再回复职工。需要继续办理请先重新打开。</p>
<textarea disabled aria-label="回复已关闭" placeholder="工单已办结"></textarea>
<form method="post" action="/tickets/${ticket.number}/status">${csrf}<input type="hidden" name="detail" value="重新打开以回复职工"><p><button type="submit" name="to" value="in_progress" class="primary" id="reopen">重新打开</button></p></form>`
  : conv
  ? html`<form method="post" action="/tickets/${ticket.number}/reply" id="reply-form">${csrf}
<input type="hidden" name="nonce" value="${nonce}">
<label class="block"><span>常用回复</span><select data-canned="reply-text"><option value="">选择常用回复…</option>${canned.map((c) => html`<option value="${c.body}">${c.title}</option>`)}</select></label>
<textarea name="text" id="reply-text" required maxlength="2000" placeholder="回复会发到职工原来的聊天里"></textarea>
<p><button class="primary" type="submit">发送给职工</button></p>
</form>`
  : html`<p class="muted">这是电话/接口工单，没有聊天可回复，请电话联系职工。</p>`}
</div>
<div class="card">
<h2>内部备注 <span class="muted">（职工看不到）</span></h2>
<ul>${notes.map((n) => html`<li><span class="muted">${n.author} · ${formatTime(n.at)}</span><br>${n.text}</li>`)}</ul>
<form method="post" action="/tickets/${ticket.number}/notes">${csrf}<textarea name="text" required maxlength="2000" placeholder="只给同事看的备注"></textarea><p><button type="submit">保存备注</button></p></form>
</div>
</section>
<aside>
<div class="card">
<h2>表单信息</h2>
<dl class="facts">
<dt>姓名</dt><dd>${f.name}</dd>
<dt>电话</dt><dd id="phone">${f.phone}</dd>
<dt>单位</dt><dd>${f.employer}</dd>
<dt>区县</dt><dd>${f.district}</dd>
<dt>诉求</dt><dd id="description">${f.description}</dd>
${ticket.urgentReason ? html`<dt>加急原因</dt><dd id="urgent-reason">${ticket.urgentReason}</dd>` : ''}
</dl>
</div>
<div class="card">
<h2>办理</h2>
<p>处理人：<b id="assignee">${ticket.assignee ?? '未指派'}</b></p>
${TRANSITIONS[ticket.status].includes('assigned')
  ? html`<form method="post" action="/tickets/${ticket.number}/assign" class="inline">${csrf}<input type="hidden" name="assignee" value="${session.username}"><button type="submit">指派给我</button></form>
<form method="post" action="/tickets/${ticket.number}/assign">${csrf}<select name="assignee">${options(staff.map((u) => [u, u] as const), ticket.assignee ?? undefined)}</select> <button type="submit">指派</button></form>`
  : ''}
<h2>状态</h2>
<form method="post" action="/tickets/${ticket.number}/status">${csrf}
<input type="text" name="detail" placeholder="说明（可选）" maxlength="200">
${TRANSITIONS[ticket.status].filter((s) => s !== 'assigned').map((s) => html` <button type="submit" name="to" value="${s}">${moveLabel(ticket.status, s)}</button>`)}
</form>
<h2>接管对话</h2>
${!conv
  ? html`<p class="muted">没有聊天对话。</p>`
  : holder
    ? html`<p id="takeover-state">已由 <b>${holder}</b> 接管，机器人暂停答复。</p><form method="post" action="/tickets/${ticket.number}/handback">${csrf}<button type="submit">交还机器人</button></form>`
    : html`<p id="takeover-state" class="muted">机器人正在自动答复这个对话。</p><form method="post" action="/tickets/${ticket.number}/takeover">${csrf}<button type="submit">接管对话</button></form>`}
</div>
<div class="card">
<h2>办理记录</h2>
<ul class="muted">${audit.map((a) => html`<li>${formatTime(a.at)} ${a.actor} ${AUDIT_ACTION_LABEL[a.action] ?? a.action}${a.from || a.to ? html` ${auditValue(a.from)} → ${auditValue(a.to)}` : ''}${a.detail ? html`：${a.detail}` : ''}</li>`)}</ul>
</div>
</aside>
</div>
</div>`;
    return sendPage(reply, page({ title: ticket.number, session, body, active: '/tickets', flash: flashOf(request) }));
  });

  await app.register(ticketActionRoutes, ctx);
};
