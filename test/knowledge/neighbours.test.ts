import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { NeighbourMemory, neighbourSupport } from '../../src/knowledge/neighbours.ts';

const memory = new NeighbourMemory([
  { t: '年票面值到底几多钱', e: 'pass-price' },
  { t: '工会发的年票值好多钱嘛', e: 'pass-price' },
  { t: '一张年票是好多钱', e: 'pass-price' },
  { t: '年票可以去哪些景区耍', e: 'pass-scope' },
  { t: '年票能进哪些景点', e: 'pass-scope' },
  { t: '拿年票能去哪些地方玩', e: 'pass-scope' },
  { t: '年票能不能转给别人用', e: 'pass-transfer' },
  { t: '工会会费每个月扣好多', e: null },
  { t: '会费从工资里头扣几个点', e: null },
]);

describe('neighbour memory', () => {
  it('finds the entry earlier questions in other words were answered from', () => {
    const near = memory.support('那个年票到底值几多钱哦');
    expect(near.entry('pass-price')).toBeGreaterThan(near.entry('pass-scope'));
    expect(near.entry('pass-price')).toBeGreaterThan(near.none);
  });

  it('leans to no answer for a question like ones the knowledge could not answer', () => {
    const near = memory.support('每个月工资里头扣的会费是好多');
    expect(near.none).toBeGreaterThan(near.entry('pass-price'));
    expect(near.none).toBeGreaterThan(0.3);
  });

  it('leaves out a stored question written exactly as the one asked, whatever its spacing and punctuation', () => {
    const near = memory.support('年票面值，到底几多钱？');
    // Only the other phrasing of the same entry counts, and it is not the same words.
    expect(near.entry('pass-price')).toBeGreaterThan(0);
    expect(near.entry('pass-price')).toBeLessThan(0.9);
  });

  it("weighs the question against an entry's questions taken together, the very words asked left out of the sum too", () => {
    const fresh = memory.support('年票可以去些啥子景点耍');
    expect(fresh.centroid('pass-scope')).toBeGreaterThan(fresh.centroid('pass-price'));
    // The sum of several phrasings is nearer to a new one than its single nearest phrasing alone, or no farther.
    expect(fresh.centroid('pass-scope')).toBeGreaterThan(0.5 * fresh.entry('pass-scope'));
    // Two questions for one entry: asked in the very words of one, the sum is the other alone.
    const pair = new NeighbourMemory([
      { t: '年票可以去哪些景区耍', e: 'pass-scope' },
      { t: '拿年票能去哪些地方玩', e: 'pass-scope' },
      { t: '年票面值到底几多钱', e: 'pass-price' },
      { t: '会费从工资里头扣几个点', e: null },
    ]).support('年票可以去哪些景区耍');
    expect(pair.entry('pass-scope')).toBeGreaterThan(0);
    expect(pair.centroid('pass-scope')).toBeCloseTo(pair.entry('pass-scope'), 6);
  });

  it('does not hold an unanswered question against one that asks for another kind of fact', () => {
    // Kinds as bits: 1 how much, 2 how long.
    const kindsOf = (t: string) => (/好多钱|多少钱|值几多/.test(t) ? 1 : 0) | (/好久|多久|有效期/.test(t) ? 2 : 0);
    const kinds = new NeighbourMemory(
      [
        { t: '工会文旅年票的有效期是好久', e: null },
        { t: '年票面值到底几多钱', e: 'pass-price' },
        { t: '年票可以去哪些景区耍', e: 'pass-scope' },
      ],
      kindsOf,
    );
    const price = '工会文旅年票是好多钱';
    expect(kinds.support(price, 0).none).toBeGreaterThan(0.3);
    expect(kinds.support(price, kindsOf(price)).none).toBe(0);
    const validity = '工会文旅年票能用好久';
    expect(kinds.support(validity, kindsOf(validity)).none).toBeGreaterThan(0.3);
  });

  it('says nothing of a message that shares no words with any stored question', () => {
    const near = memory.support('hello');
    expect(near.none).toBe(0);
    expect(near.entry('pass-price')).toBe(0);
  });

  it('tells an entry no earlier question was answered from (a passage, a new entry) from one that is merely far', () => {
    const near = memory.support('年票可以去哪些景区');
    expect(near.knows('pass-scope')).toBe(true);
    expect(near.knows('fujian-new-policy')).toBe(false);
    // One phrasing says too little of how the next worker puts it.
    expect(near.knows('pass-transfer')).toBe(false);
    expect(near.knows('pass-price')).toBe(true);
    expect(near.entry('fujian-new-policy')).toBe(0);
  });

  it("counts an entry's own phrasing however exactly a worker repeats it", () => {
    const own = new NeighbourMemory([
      { t: '年票多少钱', e: 'pass-price', own: true },
      { t: '成都的年票多少钱', e: null },
      { t: '疗休养一年去几次', e: 'rest-times' },
      { t: '困难帮扶要啥材料', e: 'aid-papers' },
    ]);
    const near = own.support('年票多少钱');
    expect(near.entry('pass-price')).toBeGreaterThan(0.99);
    expect(near.entry('pass-price')).toBeGreaterThan(near.none);
  });

  it('knows an entry written after start by its phrasings, once the knowledge base holds it', async () => {
    const kb = await loadKnowledgeBase('knowledge');
    expect(neighbourSupport('年票好多钱一张', kb).entry('cq-nianpiao-200yuan-huifei')).toBeGreaterThan(0.3);
    const written = { ...kb.entries[0]!, id: 'new-entry-written-today', questions: ['夜班驿站几点开门', '驿站晚上开到几点'] };
    const grown = { ...kb, entries: [...kb.entries, written] };
    expect(neighbourSupport('夜班驿站几点开门', kb).knows('new-entry-written-today')).toBe(false);
    const near = neighbourSupport('夜班驿站几点开门嘛', grown);
    expect(near.knows('new-entry-written-today')).toBe(true);
    expect(near.entry('new-entry-written-today')).toBeGreaterThan(0.5);
  });
});
