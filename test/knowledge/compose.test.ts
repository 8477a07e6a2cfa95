import { describe, expect, it } from 'vitest';
import { composeAnswer, composeEnglish } from '../../src/knowledge/compose.ts';
import type { KnowledgeEntry } from '../../src/knowledge/entry.ts';
import type { Hit } from '../../src/knowledge/retriever.ts';

/** An entry written for one yes-no question answers others too: its bare verdict is never said for them. */
const hit = (answer: string): Hit => ({
  score: 0.9,
  matched: 'q',
  entry: { id: 'x', title: '标题', topic: 'hardship_aid', region: '重庆', issuer: '重庆市总工会', date: '2024', source: '来源', tags: [], questions: ['a', 'b'], answer, keyFacts: [] } satisfies KnowledgeEntry,
});

describe('composing an answer', () => {
  it.each(['管。', '能。', '是真的。', '有。'])('leaves out an opening verdict %s and keeps the rule', (verdict) => {
    const text = composeAnswer([hit(`${verdict}遇到突发困难可向所在工会申请临时救助，或拨打12351。`)], { minScore: 0 })?.text ?? '';
    expect(text.startsWith(verdict)).toBe(false);
    expect(text).toMatch(/^遇到突发困难可向所在工会申请临时救助/);
    expect(text).toContain('来源');
  });

  it('keeps a first word that is part of the rule', () => {
    const text = composeAnswer([hit('有困难的职工可以向所在工会申请帮扶。')], { minScore: 0 })?.text ?? '';
    expect(text).toMatch(/^有困难的职工/);
  });

  it('leaves out an opening "Yes:" in English and keeps the rule', () => {
    const h = hit('能。可以申请。');
    const text = composeEnglish([{ ...h, entry: { ...h.entry, en: 'Yes: gig workers can join the union.' } }])?.text ?? '';
    expect(text).toMatch(/^Gig workers can join the union\./);
  });
});
