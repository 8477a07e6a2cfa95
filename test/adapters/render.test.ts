import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/message.ts';
import { citationFooter, renderReply, splitText } from '../../src/adapters/render.ts';

const plain = { buttons: false, markdown: false, maxLength: 4000 };
const withButtons = { buttons: true, markdown: false, maxLength: 4000 };

function reply(over: Partial<Reply> = {}): Reply {
  return { text: '重庆文旅年票每张 128 元。', citations: [], action: 'answer', awaiting: null, ...over };
}

const cite = { id: 'cq-annual-pass', title: '重庆职工文旅年票', source: 'seed-001', region: '重庆', date: '2026-03-01' };

describe('renderReply', () => {
  it('adds a 来源 footer naming title, region and date of each citation', () => {
    const out = renderReply(reply({ citations: [cite, { ...cite, id: 'x', title: '疗休养', region: '浙江', date: '2025-06-01' }] }), plain);
    expect(out.parts).toHaveLength(1);
    expect(out.parts[0]).toContain('来源：[1] 重庆职工文旅年票（重庆，2026-03-01）；[2] 疗休养（浙江，2025-06-01）');
    expect(citationFooter([])).toBe('');
  });

  it('numbers quick replies where there are no buttons, and hands them over as buttons where there are', () => {
    const r = reply({ text: '请确认以上信息。', quickReplies: ['确认', '取消'], awaiting: 'confirm' });
    const text = renderReply(r, plain);
    expect(text.parts[0]).toContain('1. 确认\n2. 取消');
    expect(text.buttons).toEqual([]);
    const tg = renderReply(r, withButtons);
    expect(tg.parts[0]).not.toContain('1. 确认');
    expect(tg.buttons).toEqual(['确认', '取消']);
  });

  it('masks a phone number when rendering for a group', () => {
    const r = reply({ text: '已记下您的电话 139 1234 6721。' });
    expect(renderReply(r, plain, { group: true }).parts[0]).toContain('139****6721');
    expect(renderReply(r, plain).parts[0]).toContain('139 1234 6721');
  });

  it('splits a long reply into pieces under the limit, keeping the footer', () => {
    const long = '年票可以在景区售票处办理。'.repeat(30);
    const out = renderReply(reply({ text: long, citations: [cite] }), { ...plain, maxLength: 100 });
    expect(out.parts.length).toBeGreaterThan(3);
    for (const p of out.parts) expect(Array.from(p).length).toBeLessThanOrEqual(100);
    expect(out.parts.join('')).toContain('来源：[1]');
  });
});

describe('splitText', () => {
  it('cuts at sentence ends', () => {
    const parts = splitText('第一句话说完了。第二句话也说完了。第三句。', 12);
    expect(parts).toEqual(['第一句话说完了。', '第二句话也说完了。', '第三句。']);
  });

  it('cuts a single overlong sentence at a comma, then anywhere', () => {
    expect(splitText('甲乙丙丁，戊己庚辛壬癸', 6)).toEqual(['甲乙丙丁，', '戊己庚辛壬癸']);
    expect(splitText('一二三四五六七八九十', 4)).toEqual(['一二三四', '五六七八', '九十']);
  });

  it('keeps a short text whole and drops an empty one', () => {
    expect(splitText('你好', 10)).toEqual(['你好']);
    expect(splitText('   ', 10)).toEqual([]);
  });
});
