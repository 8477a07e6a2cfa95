import { describe, expect, it } from 'vitest';
import { checkComposed, stripCitations } from '../../src/llm/grounding.ts';
import { LEAK_MARKERS } from '../../src/llm/prompts.ts';
import { hitsFor, shippedKnowledge } from '../helpers/kb-hits.ts';

describe('checkComposed', () => {
  it('passes every shipped entry’s own answer, cited, with its region named (no false rejections)', async () => {
    const { entries } = await shippedKnowledge();
    const failures: string[] = [];
    for (const entry of entries) {
      const hits = await hitsFor(entry.id);
      const r = checkComposed(`${entry.region}：${entry.answer} [[${entry.id}]]`, { hits, leakMarkers: LEAK_MARKERS });
      if (!r.ok) failures.push(`${entry.id}: ${r.reason}`);
    }
    expect(failures).toEqual([]);
    expect(entries.length).toBeGreaterThan(20);
  });

  it('accepts a list citation and strips it with the space before punctuation', async () => {
    const hits = await hitsFor('zj-sanatorium-provincial-funding', 'nmg-sanatorium-offseason-subsidy');
    const r = checkComposed('浙江每年1000万元，内蒙古每人每天200元 [[zj-sanatorium-provincial-funding, nmg-sanatorium-offseason-subsidy]]。', {
      hits,
      leakMarkers: LEAK_MARKERS,
    });
    expect(r).toEqual({
      ok: true,
      text: '浙江每年1000万元，内蒙古每人每天200元。',
      citedIds: ['zj-sanatorium-provincial-funding', 'nmg-sanatorium-offseason-subsidy'],
    });
  });

  it('allows the 12351 hotline in any answer', async () => {
    const hits = await hitsFor('cc-safety-toolbox-pilot');
    expect(checkComposed('长春选了1000家单位试点 [[cc-safety-toolbox-pilot]]，详情拨12351。', { hits, leakMarkers: LEAK_MARKERS }).ok).toBe(true);
  });

  it('rejects an answer longer than the limit', async () => {
    const hits = await hitsFor('cc-safety-toolbox-pilot');
    const r = checkComposed(`长春${'试点'.repeat(300)} [[cc-safety-toolbox-pilot]]`, { hits, leakMarkers: LEAK_MARKERS, maxChars: 400 });
    expect(r).toEqual({ ok: false, reason: 'answer longer than 400 characters' });
  });

  it('strips markers without leaving double spaces', () => {
    expect(stripCitations('年票200元 [[a-b-c]] ，会费可买 [[x-y-z]]。')).toBe('年票200元，会费可买。');
  });
});
