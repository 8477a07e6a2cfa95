import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRightsEntry, LAW_CITATION } from '../../src/knowledge/check.ts';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { extractFigures } from '../../src/llm/numbers.ts';

/**
 * The national rights module answers with legal figures, and a wrong one is worse than none: every
 * figure a worker can read in an entry's answer or its English answer must be one the entry holds
 * in its key facts, the same figures the model path is held to. Article numbers are citations,
 * not figures, and are checked against the entry's `law` field instead.
 */

const root = path.resolve(import.meta.dirname, '../..');
const { entries } = await loadKnowledge(path.join(root, 'knowledge'));
const rights = entries.filter(isRightsEntry);

/** 第四十七条, 第二十七条第四款, Art. 47, Article 47, Arts. 36 and 41: citations, taken out before reading figures. */
function withoutCitations(text: string): string {
  return text
    .replace(/第[零〇一二两三四五六七八九十百千\d]+[条款项]/g, ' ')
    .replace(/\b(?:Arts?\.|Articles?)\s*\d+(?:\s*(?:,|and|&)\s*\d+)*/g, ' ');
}

function figuresOf(text: string): string[] {
  return [...new Set(extractFigures(withoutCitations(text)))];
}

describe('national rights module', () => {
  it('has entries to check', () => {
    expect(rights.length).toBeGreaterThanOrEqual(15);
  });

  it.each(rights.map((e) => [e.id, e] as const))('%s states no figure its key facts do not hold', (_id, entry) => {
    const held = new Set(entry.keyFacts.flatMap((f) => extractFigures(f)));
    const stated = [...new Set([...figuresOf(entry.answer), ...(entry.en ? figuresOf(entry.en) : [])])];
    expect(stated.filter((f) => !held.has(f))).toEqual([]);
  });

  it.each(rights.map((e) => [e.id, e] as const))('%s cites a law and article, names it in the answer and has an English answer', (_id, entry) => {
    expect(entry.law?.length).toBeGreaterThan(0);
    for (const cite of entry.law ?? []) expect(cite).toMatch(LAW_CITATION);
    expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(entry.en).toBeTruthy();
    expect(entry.questions.length).toBeGreaterThanOrEqual(6);
    expect(entry.questions.some((q) => /^[\x20-\x7e’]+$/.test(q))).toBe(true);
  });

  it('reads figures in words and digits alike, and leaves article numbers to the citation check', () => {
    expect(figuresOf('提前三十日通知（《劳动合同法》第三十七条）')).toEqual(['30']);
    expect(figuresOf('经济补偿标准的二倍（第八十七条）')).toEqual(['2']);
    expect(figuresOf('at least 150% (Labour Law Arts. 36 and 41)')).toEqual(['150%']);
    expect(figuresOf('300% on public holidays (Labour Law Article 44)')).toEqual(['300%']);
    expect(figuresOf('《劳动争议调解仲裁法》第二十七条第四款')).toEqual([]);
  });
});
