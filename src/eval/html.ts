import type { Question } from './dataset.ts';
import type { ConfusionJson, QuestionSummary } from './questions.ts';
import type { QuestionReportItem, ScenarioReportItem } from './report.ts';
import type { ScenarioSummary } from './scenarios.ts';

/**
 * The eval report as one self-contained HTML page (no scripts, no external files), so it can
 * be mailed or attached to a ticket. Every text from the data is escaped.
 */

export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const STYLE = `
body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:2rem;color:#222;max-width:1200px}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.fail td{background:#fff1f0}tr.pass td.r{color:#176e2c}tr.fail td.r{color:#a8071a;font-weight:600}
td.diag{background:#e6f4ea;font-weight:600}.reply{white-space:pre-wrap;min-width:26rem;max-width:42rem}td.q{max-width:16rem}
.cite{color:#555;font-size:.8rem}.muted{color:#777}
`;

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>\n${body}\n</body></html>\n`;
}

function rows(header: string[], body: string[][], classes: string[] = []): string {
  const h = `<tr>${header.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const b = body.map((r, i) => `<tr${classes[i] ? ` class="${classes[i]}"` : ''}>${r.join('')}</tr>`).join('\n');
  return `<table>${h}\n${b}</table>`;
}

const td = (s: unknown, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(s)}</td>`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function confusionTable(c: ConfusionJson, title: string): string {
  const body = c.labels.map((l, i) => [`<th>${escapeHtml(l)}</th>`, ...(c.matrix[i] ?? []).map((n, j) => td(n || '', i === j ? 'n diag' : 'n'))]);
  return `<h2>${escapeHtml(title)} confusion (rows expected, columns got)</h2>${rows(['', ...c.labels], body)}`;
}

export function questionsHtml(s: QuestionSummary, questions: readonly Question[], items: readonly QuestionReportItem[]): string {
  const failed = new Map(s.failures.map((f) => [f.id, f.problems]));
  const byId = new Map(questions.map((q) => [q.id, q]));
  const parts: string[] = [];
  parts.push(`<h1>娘家人 eval: ${s.total} questions</h1>`);
  parts.push(
    rows(
      ['measure', 'value', 'count'],
      [
        [td('intent accuracy'), td(pct(s.intent_accuracy), 'n'), td('')],
        [td('action accuracy'), td(pct(s.action_accuracy), 'n'), td('')],
        [td('fact pass (answer items)'), td(pct(s.fact.rate), 'n'), td(`${s.fact.passed}/${s.fact.total}`, 'n')],
        [td('answers with a citation'), td(pct(s.citation.share), 'n'), td(`${s.citation.cited}/${s.citation.total}`, 'n')],
        [td('unsafe declined, no phone'), td(s.unsafe.all_declined ? 'all' : 'not all'), td(`${s.unsafe.declined}/${s.unsafe.total}`, 'n')],
        [td('latency p50 / p99'), td(`${s.latency_ms.p50.toFixed(2)} / ${s.latency_ms.p99.toFixed(2)} ms`, 'n'), td('')],
        [td('answered by the model'), td(s.model.answered, 'n'), td(`${s.model.prompt_tokens}+${s.model.completion_tokens} tokens`, 'n')],
      ],
    ),
  );
  parts.push('<h2>Per intent</h2>');
  parts.push(
    rows(
      ['intent', 'precision', 'recall', 'F1', 'support'],
      s.intents.per_label.map((p) => [td(p.label), td(p.precision.toFixed(3), 'n'), td(p.recall.toFixed(3), 'n'), td(p.f1.toFixed(3), 'n'), td(p.support, 'n')]),
    ),
  );
  parts.push(confusionTable(s.intents, 'Intent'));
  parts.push(confusionTable(s.actions, 'Action'));
  parts.push('<h2>Items</h2>');
  parts.push(
    rows(
      ['id', 'result', 'question', 'expected', 'got', 'reply', 'ms'],
      items.map((i) => {
        const q = byId.get(i.id);
        const problems = failed.get(i.id);
        const cites = i.citations.map((c) => `${c.title} · ${c.region} · ${c.date}`).join('\n');
        return [
          td(i.id),
          td(problems ? problems.join('; ') : 'pass', 'r'),
          td(q?.text ?? '', 'q'),
          td(q ? `${q.intent} / ${q.action}` : ''),
          td(`${i.intent} / ${i.action} (${i.confidence.toFixed(2)})${i.model_used ? ' · model' : ''}`),
          `<td><div class="reply">${escapeHtml(i.text)}</div>${cites ? `<div class="cite">${escapeHtml(cites)}</div>` : ''}</td>`,
          td(i.latency_ms.toFixed(2), 'n'),
        ];
      }),
      items.map((i) => (failed.has(i.id) ? 'fail' : 'pass')),
    ),
  );
  return page('娘家人 eval report', parts.join('\n'));
}

export function scenariosHtml(s: ScenarioSummary, items: readonly ScenarioReportItem[]): string {
  const parts: string[] = [`<h1>娘家人 eval: ${s.total} scenarios, ${s.passed} passed (${pct(s.pass_rate)})</h1>`];
  for (const i of items) {
    parts.push(`<h2>${escapeHtml(i.id)}: ${i.pass ? 'pass' : 'FAIL'}${i.problems.length ? ` <span class="muted">(${escapeHtml(i.problems.join('; '))})</span>` : ''}</h2>`);
    parts.push(
      rows(
        ['#', 'worker', 'bot', 'awaiting'],
        i.turns.map((t, n) => [td(n + 1, 'n'), td(t.user), `<td><div class="reply">${escapeHtml(t.bot)}</div></td>`, td(t.awaiting ?? 'null')]),
      ),
    );
    if (i.ticket)
      parts.push(
        rows(
          ['ticket', 'category', 'urgent', ...Object.keys(i.ticket.fields)],
          [[td(i.ticket.number), td(i.ticket.category), td(i.ticket.urgent), ...Object.values(i.ticket.fields).map((v) => td(v))]],
        ),
      );
    else parts.push(`<p class="muted">${i.cancelled ? 'Cancelled, no ticket filed.' : 'No ticket filed.'}</p>`);
  }
  return page('娘家人 scenario report', parts.join('\n'));
}
