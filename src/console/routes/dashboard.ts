import type { FastifyPluginAsync } from 'fastify';
import { can } from '../../auth/roles.ts';
import { TOPICS } from '../../intents/types.ts';
import { sendPage } from '../app.ts';
import { horizontalBars, stackedColumns } from '../charts.ts';
import type { ConsoleContext } from '../context.ts';
import { html } from '../html.ts';
import { sessionOf } from '../http.ts';
import { CATEGORY_LABEL, formatTime } from '../labels.ts';
import { page } from '../layout.ts';
import { slaOf } from '../sla.ts';
import type { Ticket } from '../../tickets/types.ts';

const DAYS = 14;
const DAY_MS = 86_400_000;

/** Shanghai calendar day (MM-DD) of an instant. */
function day(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(5, 10);
}

export interface DashboardData {
  days: string[];
  perDay: Record<string, number[]>;
  open: number;
  overdue: number;
  urgentOpen: number;
  ratings: number[];
  averageRating: number | null;
}

/** The dashboard's figures: read-only queries over the tickets table. */
export async function dashboardData(ctx: ConsoleContext): Promise<DashboardData> {
  const now = ctx.clock();
  const start = new Date(now.getTime() - (DAYS - 1) * DAY_MS);
  const days = Array.from({ length: DAYS }, (_, i) => day(new Date(start.getTime() + i * DAY_MS)));
  const since = new Date(Date.parse(`${new Date(start.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00+08:00`));
  const rows = await ctx.database.query<{ category: string; created_at: Date | string }>('SELECT category, created_at FROM tickets WHERE created_at >= $1', [since.toISOString()]);
  const perDay: Record<string, number[]> = Object.fromEntries(TOPICS.map((t) => [t, days.map(() => 0)]));
  for (const r of rows) {
    const i = days.indexOf(day(new Date(r.created_at)));
    const series = perDay[r.category];
    if (i >= 0 && series) series[i]! += 1;
  }
  const open = await ctx.database.query<{ tier: string; created_at: Date | string; status: Ticket['status']; priority: string; urgent: boolean }>(
    "SELECT tier, created_at, status, priority, urgent FROM tickets WHERE status <> 'closed'",
  );
  const overdue = open.filter((t) => slaOf({ tier: t.tier as Ticket['tier'], createdAt: new Date(t.created_at).toISOString(), status: t.status }, ctx.config.SLA_HOURS, now).overdue).length;
  const rated = await ctx.database.query<{ rating: number; n: number }>('SELECT rating, count(*)::int AS n FROM tickets WHERE rating IS NOT NULL GROUP BY rating');
  const ratings = [1, 2, 3, 4, 5].map((r) => rated.find((x) => x.rating === r)?.n ?? 0);
  const count = ratings.reduce((a, b) => a + b, 0);
  const averageRating = count ? ratings.reduce((s, n, i) => s + n * (i + 1), 0) / count : null;
  return { days, perDay, open: open.length, overdue, urgentOpen: open.filter((t) => t.urgent || t.priority === 'urgent').length, ratings, averageRating };
}

/** Charts for everyone who works in the console: ticket flow, backlog, what the bot could not answer, satisfaction. */
export const dashboardRoutes: FastifyPluginAsync<ConsoleContext> = async (app, ctx) => {
  app.get('/dashboard', { config: { permission: 'dashboard' } }, async (request, reply) => {
    const session = sessionOf(request);
    const data = await dashboardData(ctx);
    const since = new Date(ctx.clock().getTime() - 30 * DAY_MS).toISOString();
    // Officers and admins turn a question into a knowledge entry from here.
    const draftLink = (text: string) =>
      ctx.knowledge && can(session.role, 'knowledge') ? html`<a href="/knowledge/new?q=${encodeURIComponent(text)}" class="draft-entry">${text}</a>` : text;
    const [unanswered, unhelpful] = await Promise.all([
      ctx.feedback.top('unanswered', { since, limit: 20 }),
      ctx.feedback.top('unhelpful', { since, limit: 20 }),
    ]);
    const kb = ctx.knowledge?.kb;
    const body = html`<h1>看板</h1>
<div class="cards">
<div class="stat" id="open-count">未办结 <b>${data.open}</b></div>
<div class="stat" id="overdue-count">已超时 <b>${data.overdue}</b></div>
<div class="stat">紧急未办结 <b>${data.urgentOpen}</b></div>
<div class="stat">满意度 <b>${data.averageRating === null ? '—' : data.averageRating.toFixed(1)}</b><span class="muted">/ 5，${data.ratings.reduce((a, b) => a + b, 0)} 人评价</span></div>
${kb ? html`<div class="stat" id="kb-version">知识库版本 <b>${kb.version}</b><span class="muted">${kb.entries.length} 条条目，${kb.passages} 段导入文档，改动后自动生效</span></div>` : ''}
</div>
<div class="card"><h2>近 ${DAYS} 天每日工单（按分类）</h2>
${stackedColumns({ title: '每日工单', labels: data.days, series: TOPICS.map((t) => ({ label: CATEGORY_LABEL[t], values: data.perDay[t] ?? [] })) })}</div>
<div class="grid">
<div class="card"><h2>机器人答不上的问题 <span class="muted">近 30 天，知识库从这里补充</span></h2>
<table id="unanswered"><thead><tr><th>问题</th><th>次数</th><th>最近</th></tr></thead><tbody>
${unanswered.map((u) => html`<tr><td>${draftLink(u.text)}</td><td>${u.count}</td><td>${formatTime(u.lastAt)}</td></tr>`)}
${unanswered.length === 0 ? html`<tr><td colspan="3" class="muted">暂无</td></tr>` : ''}
</tbody></table>
<h2>职工说“没帮上”的回答</h2>
<table id="unhelpful"><thead><tr><th>问题</th><th>条目</th><th>次数</th></tr></thead><tbody>
${unhelpful.map((u) => html`<tr><td>${draftLink(u.text)}</td><td class="muted">${u.entryIds.join(', ')}</td><td>${u.count}</td></tr>`)}
${unhelpful.length === 0 ? html`<tr><td colspan="3" class="muted">暂无</td></tr>` : ''}
</tbody></table></div>
<div class="card"><h2>回访评分</h2>
${horizontalBars({ title: '评分分布', items: data.ratings.map((n, i) => ({ label: `${i + 1} 分`, value: n })).reverse(), color: '#1a7f37' })}</div>
</div>`;
    return sendPage(reply, page({ title: '看板', session, body, active: '/dashboard' }));
  });
};
