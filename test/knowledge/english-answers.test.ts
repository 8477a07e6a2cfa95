import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { extractFigures } from '../../src/llm/numbers.ts';
import { conversation } from '../fixtures/messages.ts';
import { buildTestEngine } from '../fixtures/services.ts';

/**
 * A worker who writes in English is answered from the entry's `en` field, so every entry has one,
 * and it may state no figure the entry's own Chinese answer and key facts do not hold: the English
 * answer is a rendering of the entry, never a source of new figures.
 */

const root = path.resolve(import.meta.dirname, '../..');
const { entries } = await loadKnowledge(path.join(root, 'knowledge'));

/** Art. 44, Arts. 36 and 41, 第2条: citations, not figures. */
function withoutCitations(text: string): string {
  return text
    .replace(/第[零〇一二两三四五六七八九十百千\d]+[条款项]/g, ' ')
    .replace(/\bArts?\.\s*\d+(?:\s*(?:,|and|&)\s*\d+)*/g, ' ');
}

/** "1.5 million" and "4.4 billion" are the figures 1500000 and 4400000000, as 150万 and 44亿 are. */
function withMagnitudes(text: string): string {
  return text.replace(/(\d+(?:\.\d+)?)\s*(million|billion)\b/g, (_m, n: string, unit: string) =>
    String(Math.round(Number(n) * (unit === 'million' ? 1e6 : 1e9))),
  );
}

function englishFigures(text: string): string[] {
  return [...new Set(extractFigures(withMagnitudes(withoutCitations(text))))];
}

/** 60余万元 is "over 600,000 yuan", as 60万余元 is; the figure reader takes only the first form whole. */
function heldFigures(text: string): string[] {
  return extractFigures(text.replace(/(\d+(?:\.\d+)?)余([万亿])/g, '$1$2余'));
}

describe('English answers', () => {
  it('reads English magnitudes as the figures Chinese units give', () => {
    expect(englishFigures('over 291 million yuan and 1.5 million stays')).toEqual(['291000000', '1500000']);
    expect(heldFigures('2.91亿元，150万余人次，60余万元')).toEqual(['291000000', '1500000', '600000']);
    expect(englishFigures('at least 150% (Labour Law Arts. 36 and 41); call 12351')).toEqual(['150%', '12351']);
  });

  it.each(entries.map((e) => [e.id, e] as const))('%s has an English answer stating only figures the entry holds', (_id, entry) => {
    expect(entry.en, 'en').toBeTruthy();
    const held = new Set([entry.answer, ...entry.keyFacts].flatMap(heldFigures));
    expect(englishFigures(entry.en ?? '').filter((f) => !held.has(f))).toEqual([]);
  });
});

describe('a question asked in English', () => {
  const running = buildTestEngine();
  afterAll(async () => (await running).services.close());

  it('is answered in English with the annual pass’s value', async () => {
    const [r] = await conversation((await running).engine).say('How much is the union culture-tourism annual pass worth?');
    expect(r?.action).toBe('answer');
    expect(r?.text).toContain('200 yuan');
    // The answer itself is English; only the cited source keeps its Chinese title.
    const answer = r?.text.split('\nSource:')[0] ?? '';
    expect(answer).not.toMatch(/[\u4e00-\u9fff]/);
  }, 60_000);
});
