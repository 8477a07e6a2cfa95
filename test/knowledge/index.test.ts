import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../src/knowledge/entry.ts';
import { createKnowledgeBase } from '../../src/knowledge/index.ts';
import { loadKnowledge } from '../../src/knowledge/loader.ts';

/**
 * The offline index keeps only the best BM25 candidates for the phrasing comparison. A large
 * knowledge base must answer as a small one does: the entry a question was written for comes
 * first, a topic keeps out everything else however well it matches, and among entries that
 * match equally the one listed first wins every time, so the same question gets the same answer.
 */

const root = path.resolve(import.meta.dirname, '../..');
const { entries } = await loadKnowledge(path.join(root, 'knowledge'));

/** `n` entries made from the shipped ones, each under its own id, each entry's text repeated n / shipped times. */
function copies(n: number): KnowledgeEntry[] {
  return Array.from({ length: n }, (_, i) => ({ ...entries[i % entries.length]!, id: `copy-${i}` }));
}

describe('knowledge index at a few thousand entries', () => {
  const big = copies(2000);
  const kb = createKnowledgeBase(big, 'test');

  it('finds the entry a question was written for first (its first copy)', () => {
    const asked = entries.filter((e) => e.questions.length > 0).slice(0, 20);
    for (const e of asked) {
      const [top] = kb.retriever.search(e.questions[0]!);
      // Every copy of e ties with it; the first listed is e's own first copy.
      expect(top?.entry.answer).toBe(e.answer);
      expect(top?.entry.id).toBe(`copy-${entries.indexOf(e)}`);
      expect(top?.matched).toBe(e.questions[0]);
    }
  }, 120_000);

  it('lists equally matching entries in the order they were given, the same on every search', () => {
    const question = entries[0]!.questions[0]!;
    const first = kb.retriever.search(question, { k: 8 }).map((h) => h.entry.id);
    const copiesOfFirst = big.filter((e) => e.answer === entries[0]!.answer).map((e) => e.id);
    expect(first.slice(0, Math.min(8, copiesOfFirst.length))).toEqual(copiesOfFirst.slice(0, 8));
    expect(kb.retriever.search(question, { k: 8 }).map((h) => h.entry.id)).toEqual(first);
  }, 120_000);

  it('keeps to the topic asked for, even when many entries of other topics match better', () => {
    const other = entries.find((e) => e.topic !== entries[0]!.topic)!.topic;
    const hits = kb.retriever.search(entries[0]!.questions[0]!, { k: 5, topic: other });
    expect(hits.length).toBe(5);
    for (const h of hits) expect(h.entry.topic).toBe(other);
  }, 120_000);
});

describe('questions written in English', () => {
  const entry = (id: string, answer: string, en: string): KnowledgeEntry => ({
    id, title: answer.slice(0, 10), topic: 'annual_pass', region: '重庆', issuer: '重庆市总工会', date: '2024', source: 's', tags: [], questions: [answer.slice(0, 8), answer.slice(2, 10)], answer, keyFacts: [], en,
  });
  const kb = createKnowledgeBase(
    [
      entry('pass-price', '每张工会文旅年票价值200元，可用会费购买。', 'Each union culture-tourism pass is worth 200 yuan and may be bought with union dues.'),
      entry('pass-scope', '年票可在川渝两地的合作景区使用。', 'The pass is accepted at partner scenic spots across Chongqing and Sichuan.'),
    ],
    'test',
  );

  it('meet the entry whose English answer holds their words', () => {
    expect(kb.retriever.search('what is it worth, can dues buy it?')[0]?.entry.id).toBe('pass-price');
    expect(kb.retriever.search('which scenic spots accept it')[0]?.entry.id).toBe('pass-scope');
  });
});
