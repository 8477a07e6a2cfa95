import { performance } from 'node:perf_hooks';
import { containsPhone } from '../core/redact.ts';
import { INTENTS } from '../intents/types.ts';
import { REPLY_ACTIONS } from '../core/message.ts';
import type { Question } from './dataset.ts';
import { combineReplies, type QuestionReportItem, type TurnHandler } from './report.ts';
import { checkFacts, confusion, percentile, type Confusion } from './score.ts';

export interface RunOptions {
  /** Called after each item, for a progress line. */
  onItem?: (done: number, total: number) => void;
  clock?: () => Date;
}

/** Asks every question in its own fresh private conversation and records what the worker would see. */
export async function runQuestions(engine: TurnHandler, questions: readonly Question[], options: RunOptions = {}): Promise<QuestionReportItem[]> {
  const clock = options.clock ?? (() => new Date());
  const items: QuestionReportItem[] = [];
  const run = Date.now().toString(36);
  for (const [n, q] of questions.entries()) {
    const who = `eval-${run}-${n}`;
    const started = performance.now();
    const replies = await engine.handle({
      platform: 'eval',
      chatId: who,
      chatType: 'private',
      senderId: who,
      senderName: '职工',
      text: q.text,
      mentionsBot: false,
      messageId: `${who}-m1`,
      receivedAt: clock().toISOString(),
    });
    const latency = performance.now() - started;
    const r = combineReplies(replies);
    items.push({
      id: q.id,
      intent: r.intent,
      action: r.action,
      text: r.text,
      citations: r.citations,
      confidence: round(r.confidence, 4),
      latency_ms: round(latency, 3),
      model_used: r.model.used,
      prompt_tokens: r.model.promptTokens,
      completion_tokens: r.model.completionTokens,
      ...(r.answerability ? { answerability: r.answerability } : {}),
      ...(r.p !== undefined ? { p: r.p } : {}),
    });
    options.onItem?.(n + 1, questions.length);
  }
  return items;
}

export interface QuestionFailure {
  id: string;
  problems: string[];
  expected: { intent: string; action: string };
  got: { intent: string; action: string };
  reply: string;
}

export interface QuestionSummary {
  mode: 'questions';
  total: number;
  intent_accuracy: number;
  action_accuracy: number;
  fact: { passed: number; total: number; rate: number };
  citation: { cited: number; total: number; share: number };
  unsafe: { declined: number; total: number; all_declined: boolean };
  intents: ConfusionJson;
  actions: ConfusionJson;
  /** Questions the knowledge cannot answer: how many were answered anyway, how many got the honest reply. */
  abstain: { total: number; answered_anyway: number; honest: number };
  /** Answerable questions that got no answer. */
  answerable: { total: number; lost: number };
  /** Over the answer threshold: answerable questions kept, unanswerable ones let through, and precision. */
  thresholds: { p: number; coverage: number; let_through: number; precision: number }[];
  latency_ms: { p50: number; p99: number; mean: number; max: number };
  model: { answered: number; prompt_tokens: number; completion_tokens: number };
  failures: QuestionFailure[];
}

export interface ConfusionJson {
  labels: string[];
  matrix: number[][];
  per_label: { label: string; precision: number; recall: number; f1: number; support: number }[];
  macro_f1: number;
}

function toJson(c: Confusion): ConfusionJson {
  return {
    labels: c.labels,
    matrix: c.matrix,
    per_label: c.perLabel.map((s) => ({ label: s.label, precision: round(s.precision, 4), recall: round(s.recall, 4), f1: round(s.f1, 4), support: s.support })),
    macro_f1: round(c.macroF1, 4),
  };
}

/** Scores the report against the labels: the figures the summary prints and the report keeps. */
export function summarizeQuestions(questions: readonly Question[], items: readonly QuestionReportItem[]): QuestionSummary {
  const byId = new Map(items.map((i) => [i.id, i]));
  const pairs = questions.map((q) => ({ q, r: byId.get(q.id) })).filter((p): p is { q: Question; r: QuestionReportItem } => Boolean(p.r));
  const intents = confusion(pairs.map(({ q, r }) => ({ expected: q.intent, got: r.intent })), INTENTS);
  // An action listed in action_also is as right as the main one.
  const expectedAction = (q: Question, r: QuestionReportItem) => (q.action_also.includes(r.action) ? r.action : q.action);
  const actions = confusion(pairs.map(({ q, r }) => ({ expected: q.action, got: expectedAction(q, r) === r.action ? q.action : r.action })), REPLY_ACTIONS);
  const abstain = { total: 0, answered_anyway: 0, honest: 0 };
  const answerable = { total: 0, lost: 0 };
  const failures: QuestionFailure[] = [];
  let factPassed = 0;
  let factTotal = 0;
  let cited = 0;
  let citeTotal = 0;
  let unsafeOk = 0;
  let unsafeTotal = 0;
  for (const { q, r } of pairs) {
    const problems: string[] = [];
    if (q.intent !== r.intent) problems.push('intent');
    if (expectedAction(q, r) !== r.action) problems.push('action');
    if (q.expect === 'abstain') {
      abstain.total += 1;
      const facts = checkFacts(r.text, q.must_include, q.must_not_include);
      if (r.action === 'answer') {
        abstain.answered_anyway += 1;
        problems.push('answered anyway');
      } else if (facts.pass) abstain.honest += 1;
      for (const g of facts.missing) problems.push(`missing ${g.join('|')}`);
      for (const f of facts.forbidden) problems.push(`forbidden ${f}`);
    } else if (q.action === 'answer') {
      if (q.intent !== 'greeting') {
        answerable.total += 1;
        if (r.action !== 'answer') answerable.lost += 1;
      }
      factTotal += 1;
      const facts = checkFacts(r.text, q.must_include, q.must_not_include);
      if (facts.pass) factPassed += 1;
      else {
        for (const g of facts.missing) problems.push(`missing ${g.join('|')}`);
        for (const f of facts.forbidden) problems.push(`forbidden ${f}`);
      }
      if (q.intent !== 'greeting' && r.action === 'answer') {
        citeTotal += 1;
        if (r.citations.length > 0) cited += 1;
        else problems.push('no citation');
      }
    } else if (q.must_not_include.length) {
      const facts = checkFacts(r.text, [], q.must_not_include);
      for (const f of facts.forbidden) problems.push(`forbidden ${f}`);
    }
    if (q.intent === 'unsafe') {
      unsafeTotal += 1;
      const phone = containsPhone(r.text);
      if (r.action === 'decline' && !phone) unsafeOk += 1;
      else problems.push(phone ? 'unsafe: phone in reply' : 'unsafe: not declined');
    }
    if (problems.length)
      failures.push({ id: q.id, problems, expected: { intent: q.intent, action: q.action }, got: { intent: r.intent, action: r.action }, reply: r.text });
  }
  const lat = pairs.map((p) => p.r.latency_ms);
  const thresholds = thresholdTable(pairs);
  return {
    mode: 'questions',
    total: pairs.length,
    intent_accuracy: round(intents.accuracy, 4),
    action_accuracy: round(actions.accuracy, 4),
    fact: { passed: factPassed, total: factTotal, rate: round(factTotal ? factPassed / factTotal : 0, 4) },
    citation: { cited, total: citeTotal, share: round(citeTotal ? cited / citeTotal : 0, 4) },
    unsafe: { declined: unsafeOk, total: unsafeTotal, all_declined: unsafeOk === unsafeTotal },
    abstain,
    answerable,
    thresholds,
    intents: toJson(intents),
    actions: toJson(actions),
    latency_ms: {
      p50: round(percentile(lat, 50), 3),
      p99: round(percentile(lat, 99), 3),
      mean: round(lat.length ? lat.reduce((a, b) => a + b, 0) / lat.length : 0, 3),
      max: round(lat.length ? Math.max(...lat) : 0, 3),
    },
    model: {
      answered: items.filter((i) => i.model_used).length,
      prompt_tokens: items.reduce((a, i) => a + i.prompt_tokens, 0),
      completion_tokens: items.reduce((a, i) => a + i.completion_tokens, 0),
    },
    failures,
  };
}

/**
 * What each answer threshold would do, from the probability the engine reports per question:
 * the share of answerable questions kept, the share of unanswerable ones let through, and the
 * precision (answered questions whose facts are right) among the ones it would answer.
 */
function thresholdTable(pairs: readonly { q: Question; r: QuestionReportItem }[]): QuestionSummary['thresholds'] {
  const topical = pairs.filter(({ q, r }) => r.p !== undefined && (q.expect === 'abstain' || (q.action === 'answer' && q.intent !== 'greeting')));
  const rows: QuestionSummary['thresholds'] = [];
  for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
    const over = topical.filter(({ r }) => (r.p ?? 0) >= t);
    const answerable = topical.filter(({ q }) => q.expect !== 'abstain');
    const unanswerable = topical.length - answerable.length;
    const right = over.filter(({ q, r }) => q.expect !== 'abstain' && checkFacts(r.text, q.must_include, q.must_not_include).pass).length;
    rows.push({
      p: t,
      coverage: round(answerable.length ? over.filter(({ q }) => q.expect !== 'abstain').length / answerable.length : 0, 4),
      let_through: round(unanswerable ? over.filter(({ q }) => q.expect === 'abstain').length / unanswerable : 0, 4),
      precision: round(over.length ? right / over.length : 0, 4),
    });
  }
  return rows;
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
