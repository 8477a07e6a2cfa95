import type { ScenarioReportItem } from './report.ts';
import type { ConfusionJson, QuestionSummary } from './questions.ts';
import type { ScenarioSummary } from './scenarios.ts';

/** Plain-text summaries for the terminal. Column widths count CJK characters as two cells. */

export function cellWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}]/u.test(ch) ? 2 : 1;
  return w;
}

export function pad(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - cellWidth(s)));
  return align === 'left' ? s + fill : fill + s;
}

/**
 * A table with a header rule. By default numeric-looking cells after the first column are
 * right-aligned; `right` fixes the alignment per column instead.
 */
export function table(header: string[], rows: string[][], options: { right?: boolean[] } = {}): string {
  const widths = header.map((h, i) => Math.max(cellWidth(h), ...rows.map((r) => cellWidth(r[i] ?? ''))));
  const numeric = (s: string) => /^[-+]?[\d.,]+(%|x| ms| MB| s)?$/.test(s);
  const right = (c: string, i: number) => options.right?.[i] ?? (i > 0 && numeric(c));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!, right(c, i) ? 'right' : 'left')).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

/** One line of a reply, shortened for a failure list. */
export function snippet(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length > max ? `${[...flat].slice(0, max).join('')}…` : flat;
}

export function formatConfusion(c: ConfusionJson, title: string): string {
  const short = (l: string) => l.replace('member_benefits', 'member').replace('out_of_scope', 'oos').replace('ticket_status', 'status').replace('hardship_aid', 'hardship').replace('annual_pass', 'annual').replace('create_ticket', 'ticket');
  const header = [`${title} (row=expected, col=got)`, ...c.labels.map(short)];
  const rows = c.labels.map((l, i) => [short(l), ...(c.matrix[i] ?? []).map((n) => (n ? String(n) : '.'))]);
  return table(header, rows);
}

export function formatQuestionSummary(s: QuestionSummary, options: { modelEnabled?: boolean } = {}): string {
  const out: string[] = [];
  out.push(`Niangjia eval: ${s.total} questions`);
  out.push(
    table(
      ['measure', 'value', 'count'],
      [
        ['intent accuracy', pct(s.intent_accuracy), `${Math.round(s.intent_accuracy * s.total)}/${s.total}`],
        ['action accuracy', pct(s.action_accuracy), `${Math.round(s.action_accuracy * s.total)}/${s.total}`],
        ['fact pass (answer items)', pct(s.fact.rate), `${s.fact.passed}/${s.fact.total}`],
        ['answers with a citation', pct(s.citation.share), `${s.citation.cited}/${s.citation.total}`],
        ['unsafe declined, no phone', s.unsafe.all_declined ? 'all' : 'NOT ALL', `${s.unsafe.declined}/${s.unsafe.total}`],
        ...(s.abstain.total
          ? [
              ['unanswerable answered anyway', pct(s.abstain.answered_anyway / s.abstain.total), `${s.abstain.answered_anyway}/${s.abstain.total}`],
              ['unanswerable, honest reply', pct(s.abstain.honest / s.abstain.total), `${s.abstain.honest}/${s.abstain.total}`],
            ]
          : []),
        ['answerable not answered', pct(s.answerable.total ? s.answerable.lost / s.answerable.total : 0), `${s.answerable.lost}/${s.answerable.total}`],
        ['intent macro F1', f3(s.intents.macro_f1), ''],
        ['latency p50', `${s.latency_ms.p50.toFixed(2)} ms`, ''],
        ['latency p99', `${s.latency_ms.p99.toFixed(2)} ms`, ''],
        ...(options.modelEnabled || s.model.answered
          ? [
              ['answered by the model', String(s.model.answered), `${s.model.answered}/${s.total}`],
              ['model tokens (prompt+completion)', String(s.model.prompt_tokens + s.model.completion_tokens), `${s.model.prompt_tokens}+${s.model.completion_tokens}`],
            ]
          : []),
      ],
    ),
  );
  if (s.thresholds.some((t) => t.coverage > 0)) {
    out.push('');
    out.push(table(['answer threshold p', 'answerable kept', 'unanswerable let through', 'precision'], s.thresholds.map((t) => [t.p.toFixed(1), pct(t.coverage), pct(t.let_through), pct(t.precision)])));
  }
  out.push('');
  out.push(
    table(
      ['intent', 'precision', 'recall', 'F1', 'support'],
      s.intents.per_label.map((p) => [p.label, f3(p.precision), f3(p.recall), f3(p.f1), String(p.support)]),
    ),
  );
  out.push('');
  out.push(formatConfusion(s.intents, 'intent'));
  out.push('');
  out.push(formatConfusion(s.actions, 'action'));
  out.push('');
  if (s.failures.length === 0) out.push('No failed items.');
  else {
    out.push(`Failed items (${s.failures.length}):`);
    for (const f of s.failures) {
      const exp = `${f.expected.intent}/${f.expected.action}`;
      const got = `${f.got.intent}/${f.got.action}`;
      out.push(`  ${f.id}  want ${exp}  got ${got}  [${f.problems.join('; ')}]`);
      out.push(`        ${snippet(f.reply)}`);
    }
  }
  return out.join('\n');
}

export function formatScenarioSummary(s: ScenarioSummary, items: readonly ScenarioReportItem[]): string {
  const out: string[] = [];
  out.push(`Niangjia eval: ${s.total} scenarios, ${s.passed} passed (${pct(s.pass_rate)}), turns mean ${s.turns.mean} max ${s.turns.max}`);
  out.push(
    table(
      ['scenario', 'result', 'turns', 'ticket', 'category', 'urgent', 'problems'],
      items.map((i) => [
        i.id,
        i.pass ? 'pass' : 'FAIL',
        String(i.turns.length),
        i.ticket?.number ?? (i.cancelled ? 'cancelled' : '-'),
        i.ticket?.category ?? '',
        i.ticket ? String(i.ticket.urgent) : '',
        i.problems.join('; '),
      ]),
    ),
  );
  const failed = items.filter((i) => !i.pass);
  if (failed.length) {
    out.push('');
    out.push('Failed scenarios, last turns:');
    for (const i of failed) {
      out.push(`  ${i.id}: ${i.problems.join('; ')}`);
      for (const t of i.turns.slice(-3)) out.push(`    > ${snippet(t.user, 40)}\n    < ${snippet(t.bot)} [awaiting ${t.awaiting ?? 'null'}]`);
    }
  }
  return out.join('\n');
}

