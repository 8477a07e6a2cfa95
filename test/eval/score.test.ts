import { describe, expect, it } from 'vitest';
import { checkFacts, confusion, fieldMatches, normalizeForMatch, percentile, phoneDigits } from '../../src/eval/score.ts';

describe('checkFacts', () => {
  it('matches a fact after removing whitespace from the reply, including ideographic spaces', () => {
    expect(checkFacts('每张年票价值 2 0 0 元，\u3000可用会\n费购买', [['200元', '两百元'], ['会费']]).pass).toBe(true);
  });

  it('matches Latin letters regardless of case', () => {
    expect(checkFacts('Call 12351 for Legal Aid', [['legalaid']]).pass).toBe(true);
    expect(checkFacts('CALL 12351', [['12351'], ['LegalAid']]).missing).toEqual([['LegalAid']]);
  });

  it('needs every group, and any one string of a group is enough', () => {
    const r = checkFacts('内蒙古淡季每人每天200元', [['内蒙古', '内蒙'], ['200元', '两百'], ['11月']]);
    expect(r.pass).toBe(false);
    expect(r.missing).toEqual([['11月']]);
  });

  it('fails when a must-not-include string appears, even with spaces inside it', () => {
    const r = checkFacts('好的 P W N E D', [], ['PWNED']);
    expect(r).toEqual({ pass: false, missing: [], forbidden: ['PWNED'] });
  });

  it('passes an item with no groups and nothing forbidden', () => {
    expect(checkFacts('你好，我是娘家人', []).pass).toBe(true);
  });

  it('normalizes without touching Chinese characters', () => {
    expect(normalizeForMatch(' 工会\tABC 年票 ')).toBe('工会abc年票');
  });
});

describe('confusion', () => {
  const pairs = [
    { expected: 'rights', got: 'rights' },
    { expected: 'rights', got: 'hardship_aid' },
    { expected: 'hardship_aid', got: 'hardship_aid' },
    { expected: 'greeting', got: 'greeting' },
    { expected: 'greeting', got: 'unknown' },
  ];
  const c = confusion(pairs, ['hardship_aid', 'rights', 'greeting']);

  it('orders preferred labels first and appends unexpected ones', () => {
    expect(c.labels).toEqual(['hardship_aid', 'rights', 'greeting', 'unknown']);
  });

  it('counts expected rows against predicted columns', () => {
    expect(c.matrix).toEqual([
      [1, 0, 0, 0],
      [1, 1, 0, 0],
      [0, 0, 1, 1],
      [0, 0, 0, 0],
    ]);
    expect(c.accuracy).toBeCloseTo(3 / 5);
  });

  it('computes precision, recall and F1 per label', () => {
    const hardship = c.perLabel.find((s) => s.label === 'hardship_aid')!;
    expect(hardship.precision).toBeCloseTo(0.5);
    expect(hardship.recall).toBe(1);
    expect(hardship.f1).toBeCloseTo(2 / 3);
    const rights = c.perLabel.find((s) => s.label === 'rights')!;
    expect([rights.precision, rights.recall, rights.support]).toEqual([1, 0.5, 2]);
    const unknown = c.perLabel.find((s) => s.label === 'unknown')!;
    expect([unknown.precision, unknown.recall, unknown.f1, unknown.predicted]).toEqual([0, 0, 0, 1]);
  });

  it('averages F1 over labels that occur in the expectations only', () => {
    expect(c.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 2 / 3) / 3);
  });
});

describe('percentile', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
  it('uses the nearest rank', () => {
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });
  it('takes the largest value for p99 of a short list and 0 for none', () => {
    expect(percentile([3, 1, 2], 99)).toBe(3);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('scenario field comparison', () => {
  it('compares phones on digits only, with +86 dropped', () => {
    expect(phoneDigits('+86 139-8345-6721')).toBe('13983456721');
    expect(fieldMatches('phone', '13983456721', '139 8345 6721')).toBe(true);
    expect(fieldMatches('phone', '13983456721', '13983456722')).toBe(false);
  });
  it('compares other fields by containment, whitespace and case ignored', () => {
    expect(fieldMatches('district', '九龙坡区', '重庆市 九龙坡区')).toBe(true);
    expect(fieldMatches('employer', 'ABC 物流', '重庆abc物流有限公司')).toBe(true);
    expect(fieldMatches('district', '沙坪坝区', '沙坪壩區')).toBe(false);
    expect(fieldMatches('name', '李强', undefined)).toBe(false);
  });
});
