import { describe, expect, it } from 'vitest';
import type { NluResult } from '../../src/intents/types.ts';
import type { Assessment } from '../../src/knowledge/answerability.ts';
import type { Hit } from '../../src/knowledge/retriever.ts';
import { decide, type DecideInput } from '../../src/policies/decide.ts';
import { initialSession, type SessionState } from '../../src/store/ports.ts';

const NOW = '2026-11-22T10:00:00.000Z';
const nlu = (over: Partial<NluResult>): NluResult => ({ intent: 'annual_pass', confidence: 0.9, want: 'ask', slots: {}, source: 'classifier', normalized: '年票多少钱', ...over });
const hit = (score: number): Hit => ({
  score,
  matched: '年票多少钱',
  entry: { id: 'x', title: 't', topic: 'annual_pass', region: '重庆', issuer: 'i', date: '2024', source: 's', tags: [], questions: ['a', 'b'], answer: '每张200元', keyFacts: [] },
});
const ev = (p: number, over: Partial<Assessment> = {}, h = hit(0.7)): Assessment => ({
  hit: h,
  kinds: { asked: [], stated: [], missing: [] },
  coverage: 1,
  missing: [],
  unknown: 0,
  focus: 1,
  missMax: 0,
  focusUnknown: 0,
  target: 1,
  place: { ok: true },
  cites: false,
  year: { asked: [], ok: true, named: true },
  predicate: { ok: true },
  status: { ok: true },
  condition: { ok: true },
  near: { entry: 0, centroid: 0, none: 0, seen: false },
  p,
  onMatter: p,
  ...over,
  matter: over.matter ?? over.coverage ?? 1,
});
const session = (over: Partial<SessionState> = {}): SessionState => ({ ...initialSession(NOW), ...over });
const form = { topic: 'rights' as const, urgent: false, fields: {}, requested: 'phone' as const, tries: 0, idempotencyKey: 'k', startedAt: NOW };

describe('decide', () => {
  it.each<[string, SessionState, NluResult, Hit[], string]>([
    ['says it has no answer when nothing was found', session(), nlu({}), [hit(0.1)], 'no_answer'],
    ['asks back on a vague message', session(), nlu({ want: 'vague' }), [hit(0.7)], 'clarify'],
    ['starts a ticket when the worker wants something done', session(), nlu({ intent: 'rights', want: 'act' }), [hit(0.7)], 'start_ticket'],
    ['declines unsafe messages even mid-form', session({ form }), nlu({ intent: 'unsafe' }), [], 'decline'],
    ['continues an open form', session({ form }), nlu({ intent: 'annual_pass' }), [hit(0.7)], 'form_step'],
    ['hands off on request even mid-form', session({ form }), nlu({ intent: 'handoff' }), [], 'handoff'],
    ['declines out-of-scope questions', session(), nlu({ intent: 'out_of_scope' }), [], 'decline'],
    ['offers a person after repeated misses', session({ misses: 2 }), nlu({ intent: 'out_of_scope', confidence: 0.4 }), [], 'handoff'],
    ['answers greetings', session(), nlu({ intent: 'greeting' }), [], 'answer'],
    ['looks up tickets', session(), nlu({ intent: 'ticket_status', slots: { ticketNumber: '12351-20261120-0042' } }), [], 'ticket_status'],
    ['takes a rating at 回访', session({ ratingFor: '12351-20261120-0042' }), nlu({ intent: 'out_of_scope', normalized: '5' }), [], 'rate'],
    ['takes 没用 after an answer as feedback', session({ lastEntryIds: ['x'] }), nlu({ intent: 'out_of_scope', normalized: '没用' }), [], 'feedback'],
    ['says there is nothing to confirm when 确认 comes with no form open', session(), nlu({ intent: 'rights', normalized: '确认提交吧' }), [hit(0.9)], 'nothing_to_confirm'],
    ['files on 确认 when a form waits for it', session({ form: { ...form, requested: 'confirm' } }), nlu({ intent: 'rights', normalized: '确认' }), [hit(0.9)], 'form_step'],
    ['treats a question that mentions 确认 as a question', session(), nlu({ intent: 'rights', normalized: '怎么确认劳动关系' }), [hit(0.9)], 'no_answer'],
    ['stays silent while an operator has the conversation', session({ takenOverBy: 'op1' }), nlu({}), [hit(0.9)], 'silent'],
  ])('%s', (_name, s, n, hits, kind) => {
    expect(decide({ session: s, nlu: n, hits, chatType: 'private' }).kind).toBe(kind);
  });

  const rows: [string, Partial<DecideInput>, string][] = [
    ['answers when the entry answers what was asked', { evidence: [ev(0.9)] }, 'answer'],
    ['says it has no answer when the entry is most alike but does not answer', { evidence: [ev(0.1, { coverage: 0.3 })] }, 'no_answer'],
    [
      'does not answer with an entry that states no fact of the kind asked, however likely',
      { evidence: [ev(0.9, { kinds: { asked: ['duration'], stated: ['amount'], missing: ['duration'] } })] },
      'partial',
    ],
    [
      'gives what is known and names the gap when the entry lacks one figure asked for, though it states another kind asked',
      { evidence: [ev(0.9, { kinds: { asked: ['duration', 'procedure'], stated: ['procedure'], missing: ['duration'] } })] },
      'partial',
    ],
    ['does not answer with an entry that holds little of what the question is about, however likely', { evidence: [ev(0.9, { coverage: 0.1 })] }, 'no_answer'],
    ['answers a long story by what its asking clause is about, not by the story around it', { evidence: [ev(0.9, { coverage: 0.1, matter: 1 })] }, 'answer'],
    [
      'gives what is known about a place asked for when its entry on the topic is not about this matter',
      { evidence: [ev(0.6, { coverage: 0.1, place: { ok: true, asked: { text: '浙江', province: '浙江' } } })] },
      'partial',
    ],
    ['shows the closest entry as only that when not sure enough to answer, but it is about the same matter', { evidence: [ev(0.25, { coverage: 0.7 })] }, 'partial'],
    ['says it has no answer when unsure and the closest entry is about something else', { evidence: [ev(0.25, { coverage: 0.3 })] }, 'no_answer'],
    ['answers when only a kind that is no figure is missing', { evidence: [ev(0.9, { kinds: { asked: ['amount', 'who'], stated: ['amount'], missing: ['who'] } })] }, 'answer'],
    ['gives what is known and names the gap when the entry is about the subject but lacks the kind of fact', { evidence: [ev(0.2, { kinds: { asked: ['duration'], stated: ['amount'], missing: ['duration'] } })] }, 'partial'],
    ['does not answer about a place the entry does not cover', { evidence: [ev(0.95, { place: { ok: false, asked: { text: '北京', province: '北京' } } })] }, 'no_answer'],
    [
      'gives another place\'s policy, said to be so, when the worker quotes it',
      { evidence: [ev(0.6, { cites: true, place: { ok: false, asked: { text: '宁夏', province: '宁夏' } } })] },
      'answer',
    ],
    [
      'says no, naming where a similar policy is known, when asked whether home has another place\'s policy',
      { evidence: [ev(0.6, { place: { ok: false, asked: { text: '重庆', province: '重庆' } } })] },
      'no_answer',
    ],
    ['does not answer a question about 2023 with an entry on 2024', { evidence: [ev(0.9, { year: { asked: [2023], ok: false, named: false } })] }, 'partial'],
    [
      'answers from a less likely entry that names the year asked when the likeliest is on another year',
      { evidence: [ev(0.9, { year: { asked: [2023], ok: false, named: false } }), ev(0.6, { year: { asked: [2023], ok: true, named: true } })] },
      'answer',
    ],
    ['does not answer yes or no from an entry that never speaks of the verb asked', { evidence: [ev(0.9, { predicate: { asked: '报', ok: false } })] }, 'partial'],
    ['does not settle a question about interns with a rule that never names them', { evidence: [ev(0.9, { status: { asked: '实习生', ok: false } })] }, 'partial'],
    ['says it has no answer about interns when the closest rule is unlikely', { evidence: [ev(0.1, { status: { asked: '实习生', ok: false } })] }, 'no_answer'],
    ['does not answer a pay cut with a rule written for pregnancy', { evidence: [ev(0.9, { condition: { entry: '孕期不得降薪', ok: false } })] }, 'partial'],
    [
      'answers from a less likely entry when the likeliest is written for a condition not asked about',
      { evidence: [ev(0.9, { condition: { entry: '孕期不得降薪', ok: false } }), ev(0.6)] },
      'answer',
    ],
    [
      "gives a national rule as partial when a province's own figure is asked and the rule leaves it to provinces",
      {
        message: '重庆最低工资好多',
        evidence: [
          ev(0.9, { kinds: { asked: ['amount'], stated: ['amount'], missing: [] }, place: { ok: true, asked: { text: '重庆', province: '重庆' } } }, {
            ...hit(0.7),
            entry: { ...hit(0.7).entry, region: '全国', answer: '具体标准由省、自治区、直辖市人民政府规定' },
          }),
        ],
      },
      'partial',
    ],
    ['does not answer below the answer threshold, but shows the closest entry as only that', { evidence: [ev(0.4, { coverage: 0.9 })] }, 'partial'],
    [
      'holds back an answer the words alone would give when earlier questions like it went unanswered, and shows the entry as only that',
      { evidence: [ev(0.3, { coverage: 0.9, onMatter: 0.8, near: { entry: 0.1, centroid: 0.1, none: 0.8, seen: true } })] },
      'partial',
    ],
    ['answers from an entry earlier questions like this one were answered from', { evidence: [ev(0.8, { onMatter: 0.45, near: { entry: 0.9, centroid: 0.6, none: 0, seen: true } })] }, 'answer'],
    ['says it has no answer when the entry is neither likely to answer nor on the matter', { evidence: [ev(0.3, { coverage: 0.9, onMatter: 0.1 })] }, 'no_answer'],
    ['asks back when the message only names a topic', { broad: true, evidence: [ev(0.9)] }, 'clarify'],
    ['answers a question mid-form only when certain', { session: session({ form }), evidence: [ev(0.95)] }, 'form_step'],
    ['treats 莫得用 right after an answer as feedback', { session: session({ lastEntryIds: ['x'] }), nlu: nlu({ intent: 'annual_pass', normalized: '莫得用' }) }, 'feedback'],
    ['treats 谢谢哈 right after an answer as feedback', { session: session({ lastEntryIds: ['x'] }), nlu: nlu({ intent: 'out_of_scope', normalized: '谢谢哈' }) }, 'feedback'],
    ['declines a threat of violence with its own reply', { nlu: nlu({ intent: 'unsafe' }), unsafe: 'threat' }, 'decline'],
  ];
  it.each(rows)('%s', (_name, over, kind) => {
    expect(decide({ session: session(), nlu: nlu({}), hits: [hit(0.7)], chatType: 'private', ...over }).kind).toBe(kind);
  });

  it('interrupts a form with the answer only when the answer is certain', () => {
    const sure = decide({ session: session({ form }), nlu: nlu({}), hits: [], chatType: 'private', evidence: [ev(0.95)] });
    const unsure = decide({ session: session({ form }), nlu: nlu({}), hits: [], chatType: 'private', evidence: [ev(0.5)] });
    expect(sure).toMatchObject({ kind: 'form_step', interruptWith: [expect.anything()] });
    expect(unsure).toEqual({ kind: 'form_step', asks: true });
  });

  it('tells the form a message asks about a topic only when it is a question', () => {
    const asked = decide({ session: session({ form }), nlu: nlu({ normalized: '等一下 年票好多钱一张' }), hits: [], chatType: 'private', message: '等一下 年票好多钱一张' });
    const answered = decide({ session: session({ form }), nlu: nlu({ normalized: '重庆万友汽车部件有限公司' }), hits: [], chatType: 'private', message: '重庆万友汽车部件有限公司' });
    expect(asked).toMatchObject({ kind: 'form_step', asks: true });
    expect(answered).toEqual({ kind: 'form_step' });
  });

  it('names the decline variant', () => {
    expect(decide({ session: session(), nlu: nlu({ intent: 'unsafe' }), hits: [], chatType: 'private', unsafe: 'threat' })).toEqual({ kind: 'decline', reason: 'threat' });
  });

  it('carries the topic into a new ticket; the form judges urgency', () => {
    const a = decide({ session: session(), nlu: nlu({ intent: 'hardship_aid', want: 'act' }), hits: [], chatType: 'private' });
    expect(a).toEqual({ kind: 'start_ticket', topic: 'hardship_aid' });
  });

  it('files a request made right after a question, naming no topic of its own, under that question\'s topic', () => {
    const asked = session({ lastTopic: 'sanatorium', history: [{ user: '疗休养是不是每个单位都必须搞', intent: 'sanatorium', entryIds: ['x'], at: NOW }] });
    const request = nlu({ intent: 'rights', want: 'act', normalized: '那能不能请你们帮我们问一下单位' });
    expect(decide({ session: asked, nlu: request, hits: [], chatType: 'private', ownTopic: false })).toEqual({ kind: 'start_ticket', topic: 'sanatorium' });
    // A request naming its own matter ("老板欠薪") keeps it, and a first message has no earlier topic to borrow.
    expect(decide({ session: asked, nlu: request, hits: [], chatType: 'private', ownTopic: true })).toEqual({ kind: 'start_ticket', topic: 'rights' });
    expect(decide({ session: session({ lastTopic: 'sanatorium' }), nlu: request, hits: [], chatType: 'private', ownTopic: false })).toEqual({ kind: 'start_ticket', topic: 'rights' });
  });
});
