import { describe, expect, it } from 'vitest';
import type { NluResult } from '../../src/intents/types.ts';
import type { Hit } from '../../src/knowledge/retriever.ts';
import { decide } from '../../src/policies/decide.ts';
import { initialSession, type SessionState } from '../../src/store/ports.ts';

const NOW = '2026-11-22T10:00:00.000Z';
const nlu = (over: Partial<NluResult>): NluResult => ({ intent: 'annual_pass', confidence: 0.9, want: 'ask', slots: {}, source: 'classifier', normalized: '年票多少钱', ...over });
const hit = (score: number): Hit => ({
  score,
  matched: '年票多少钱',
  entry: { id: 'x', title: 't', topic: 'annual_pass', region: '重庆', issuer: 'i', date: '2024', source: 's', tags: [], questions: ['a', 'b'], answer: '每张200元', keyFacts: [] },
});
const session = (over: Partial<SessionState> = {}): SessionState => ({ ...initialSession(NOW), ...over });
const form = { topic: 'rights' as const, urgent: false, fields: {}, requested: 'phone' as const, tries: 0, idempotencyKey: 'k', startedAt: NOW };

describe('decide', () => {
  it.each<[string, SessionState, NluResult, Hit[], string]>([
    ['answers a topical question with good hits', session(), nlu({}), [hit(0.7)], 'answer'],
    ['asks back when the best hit is a guess', session(), nlu({}), [hit(0.1)], 'clarify'],
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
    ['stays silent while an operator has the conversation', session({ takenOverBy: 'op1' }), nlu({}), [hit(0.9)], 'silent'],
  ])('%s', (_name, s, n, hits, kind) => {
    expect(decide({ session: s, nlu: n, hits, chatType: 'private' }).kind).toBe(kind);
  });

  it('carries the urgency and topic into a new ticket', () => {
    const a = decide({ session: session(), nlu: nlu({ intent: 'hardship_aid', want: 'act', urgent: true }), hits: [], chatType: 'private' });
    expect(a).toEqual({ kind: 'start_ticket', topic: 'hardship_aid', urgent: true });
  });
});
