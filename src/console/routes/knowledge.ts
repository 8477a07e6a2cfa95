import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { TOPICS } from '../../intents/types.ts';
import { draftFor, saveEntry, type EntryDraft } from '../../knowledge/draft.ts';
import type { KbProblem } from '../../knowledge/check.ts';
import type { Hit } from '../../knowledge/retriever.ts';
import { sendPage } from '../app.ts';
import type { ConsoleContext } from '../context.ts';
import { html } from '../html.ts';
import { done, flashOf, parse, sessionOf } from '../http.ts';
import { CATEGORY_LABEL, displayTimeZone } from '../labels.ts';
import { csrfField, options, page } from '../layout.ts';
import type { WebSession } from '../../auth/web-sessions.ts';

/** One value per line (or separated by 、，,;；): phrasings, key facts, citations, tags. */
function lines(text: string, separators = /\r?\n/): string[] {
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
}

const draftForm = z.object({
  id: z.string().trim().max(80),
  title: z.string().trim().max(80),
  topic: z.enum(TOPICS),
  region: z.string().trim().max(20),
  issuer: z.string().trim().max(60),
  date: z.string().trim().max(10),
  source: z.string().trim().max(120),
  tags: z.string().max(400).default(''),
  questions: z.string().max(4000),
  keyFacts: z.string().max(2000).default(''),
  law: z.string().max(1000).default(''),
  answer: z.string().max(600),
});

/** The calendar day in the console's time zone, YYYY-MM-DD. */
function dayOf(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: displayTimeZone(), year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * The knowledge editor: from a question the bot could not answer (or answered unhelpfully) an
 * officer or admin sees what the knowledge base finds for it and drafts an entry, pre-filled from
 * the question. The entry is written under knowledge/ only when `kb check` passes, and the running
 * service answers with it from the next message on.
 */
export const knowledgeRoutes: FastifyPluginAsync<ConsoleContext> = async (app, ctx) => {
  const knowledge = ctx.knowledge;
  if (!knowledge) return;

  const editor = (session: WebSession, question: string, hits: readonly Hit[], draft: EntryDraft, problems: readonly KbProblem[] = []) => html`<h1>补充知识库</h1>
<p>职工的问题：<b id="question">${question}</b></p>
<div class="card"><h2>知识库现在找到的（kb search）</h2>
<table id="kb-hits"><thead><tr><th>得分</th><th>条目</th><th>地区</th><th>匹配的问法</th></tr></thead><tbody>
${hits.map((h) => html`<tr data-entry="${h.entry.id}"><td>${h.score.toFixed(3)}</td><td>${h.entry.title} <span class="muted">${h.entry.id}</span></td><td>${h.entry.region}</td><td>${h.matched}</td></tr>`)}
${hits.length === 0 ? html`<tr><td colspan="4" class="muted">什么也没找到</td></tr>` : ''}
</tbody></table></div>
${problems.length ? html`<div class="flash error" id="kb-problems" role="alert"><b>kb check 没通过，条目没有写入：</b><ul>${problems.map((p) => html`<li>${p.field ?? ''} ${p.message}</li>`)}</ul></div>` : ''}
<form method="post" action="/knowledge" id="entry-form" class="card">${csrfField(session)}
<input type="hidden" name="q" value="${question}">
<label>条目编号 <input type="text" name="id" value="${draft.id}" required pattern="[a-z0-9][a-z0-9-]{2,80}"></label>
<label>标题 <input type="text" name="title" value="${draft.title}" required maxlength="80"></label>
<label>分类 <select name="topic">${options(TOPICS.map((t) => [t, CATEGORY_LABEL[t]] as const), draft.topic)}</select></label>
<label>地区 <input type="text" name="region" value="${draft.region}" required maxlength="20"></label>
<label>发布机构 <input type="text" name="issuer" value="${draft.issuer}" required maxlength="60"></label>
<label>日期 <input type="text" name="date" value="${draft.date}" required placeholder="2026-11-22"></label>
<label>来源（文件或报道名称） <input type="text" name="source" value="${draft.source}" required maxlength="120"></label>
<label>法条（权益条目必填，每行一条，如《劳动合同法》第四十七条） <textarea name="law" rows="2">${draft.law.join('\n')}</textarea></label>
<label>标签（用逗号分隔） <input type="text" name="tags" value="${draft.tags.join(',')}"></label>
<label>职工的问法（每行一种，至少两种） <textarea name="questions" rows="4" required>${draft.questions.join('\n')}</textarea></label>
<label>要点（数字、名称，每行一条） <textarea name="keyFacts" rows="2">${draft.keyFacts.join('\n')}</textarea></label>
<label>答案（先说关键事实，再说去哪里问） <textarea name="answer" rows="4" required maxlength="600">${draft.answer}</textarea></label>
<button type="submit">检查并写入知识库</button>
</form>`;

  app.get('/knowledge/new', { config: { permission: 'knowledge' } }, async (request, reply) => {
    const session = sessionOf(request);
    const { q } = parse(z.object({ q: z.string().trim().min(1).max(500) }), request.query);
    const hits = knowledge.kb.retriever.search(q, { k: 5 });
    return sendPage(reply, page({ title: '补充知识库', session, body: editor(session, q, hits, draftFor(q, hits, dayOf(ctx.clock()))), active: '/dashboard' }));
  });

  app.post('/knowledge', { config: { permission: 'knowledge' } }, async (request, reply) => {
    const session = sessionOf(request);
    const body = parse(draftForm.extend({ q: z.string().trim().max(500).default('') }), request.body);
    const draft: EntryDraft = {
      ...body,
      tags: lines(body.tags, /[,，、;；]/),
      questions: lines(body.questions),
      keyFacts: lines(body.keyFacts),
      law: lines(body.law),
    };
    const result = await saveEntry(knowledge.dir, draft);
    if (!result.ok) {
      const hits = knowledge.kb.retriever.search(body.q || draft.questions[0] || draft.title, { k: 5 });
      return sendPage(reply.code(422), page({ title: '补充知识库', session, body: editor(session, body.q, hits, draft, result.problems), active: '/dashboard' }));
    }
    await knowledge.kb.reload();
    await ctx.audit.record({ actor: session.username, action: 'knowledge.entry', target: result.entry.id, detail: `${result.file}：${result.entry.title}` });
    return done(reply, `/knowledge/entries/${encodeURIComponent(result.entry.id)}`, 'entry');
  });

  app.get('/knowledge/entries/:id', { config: { permission: 'knowledge' } }, async (request, reply) => {
    const session = sessionOf(request);
    const { id } = parse(z.object({ id: z.string().max(80) }), request.params);
    const entry = knowledge.kb.byId(id);
    const body = entry
      ? html`<h1>${entry.title}</h1>
<div class="card" id="entry"><p>${entry.answer}</p>
<p class="muted">${entry.id} · ${CATEGORY_LABEL[entry.topic]} · ${entry.region} · ${entry.issuer} · ${entry.date} · 来源：${entry.source}</p>
<ul>${entry.questions.map((x) => html`<li>${x}</li>`)}</ul></div>
<p><a href="/dashboard">回到看板</a></p>`
      : html`<h1>没有这个条目</h1><p><a href="/dashboard">回到看板</a></p>`;
    return sendPage(entry ? reply : reply.code(404), page({ title: entry?.title ?? '没有这个条目', session, body, active: '/dashboard', flash: flashOf(request) }));
  });
};
