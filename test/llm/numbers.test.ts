import { describe, expect, it } from 'vitest';
import { extractFigures, parseChineseNumber } from '../../src/llm/numbers.ts';

describe('extractFigures', () => {
  it.each([
    ['每人每天200元', ['200']],
    ['补200块', ['200']],
    ['补两百', ['200']],
    ['二百元', ['200']],
    ['30万元', ['300000']],
    ['三十万', ['300000']],
    ['1.5万', ['15000']],
    ['一万五', ['15000']],
    ['一百五十元', ['150']],
    ['两千三', ['2300']],
    ['1,000家单位', ['1000']],
    ['一千万元', ['10000000']],
    ['50%', ['50%']],
    ['百分之五十', ['50%']],
    ['2024-05-01', ['2024', '5', '1']],
    ['二〇二五年', ['2025']],
    ['拖了仨月', ['3']],
    ['三个月', ['3']],
    ['十五天', ['15']],
    ['十项措施', ['10']],
  ])('%s -> %j', (text, figures) => {
    expect(extractFigures(text)).toEqual(figures);
  });

  it.each(['一起去', '千万别信', '九龙坡区', '四川和重庆', '万州区', '百姓', '十分方便', '一是二是', '一次性', '百万职工游巴蜀'])(
    'reads %s as words, not figures',
    (text) => {
      expect(extractFigures(text)).toEqual([]);
    },
  );
});

describe('parseChineseNumber', () => {
  it('reads positional and digit-by-digit numerals', () => {
    expect(parseChineseNumber('一亿二千万')).toBe(120_000_000);
    expect(parseChineseNumber('一百零五')).toBe(105);
    expect(parseChineseNumber('十')).toBe(10);
    expect(parseChineseNumber('一二三五一')).toBe(12351);
    expect(parseChineseNumber('年')).toBeUndefined();
  });
});
