import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { safeForGroup } from '../../src/adapters/render.ts';
import { findPersonalNumbers, maskPersonalNumbers } from '../../src/core/digits.ts';
import { containsPhone, maskPhone, redact } from '../../src/core/redact.ts';
import { findPhones, isValidPhone } from '../../src/intents/slots.ts';
import { checkComposed } from '../../src/llm/grounding.ts';
import { extractFigures } from '../../src/llm/numbers.ts';
import { LEAK_MARKERS } from '../../src/llm/prompts.ts';
import { createLogger } from '../../src/log.ts';
import { hitsFor } from '../helpers/kb-hits.ts';

/** One phone (13700001234) and one ID number (500101199001011234) in the ways people and models write them. */
const PHONES: [string, string][] = [
  ['Chinese numerals', '电话一三七零零零零一二三四'],
  ['幺 for one', '打幺三七 零零零零 幺二三四'],
  ['financial numerals', '壹叁柒零零零零壹贰叁肆'],
  ['full-width digits', '电话：１３７００００１２３４'],
  ['Arabic-Indic digits', 'هاتف ١٣٧٠٠٠٠١٢٣٤'],
  ['Extended Arabic-Indic digits', '۱۳۷۰۰۰۰۱۲۳۴'],
  ['Devanagari digits', '१३७००००१२३४'],
  ['mixed scripts and dashes', '137-〇〇〇〇-１２３４'],
  ['dots and a +86', '+86 137.0000.1234'],
  ['commas between numerals', '一三七，零零零零，一二三四'],
  ['zero-width spaces inside', '137\u200b0000\u200b1234'],
];
const IDS: [string, string][] = [
  ['spaces between groups', '身份证 500101 19900101 1234'],
  ['groups of four', '身份证号5001 0119 9001 0112 34'],
  ['an X at the end', '证件 50010119900101123X 请核对'],
  ['Chinese numerals', '五零零一零一一九九零零一零一一二三四'],
  ['full-width', '５００１０１１９９００１０１１２３４'],
];

describe('personal numbers in any writing', () => {
  it.each(PHONES)('masks a phone written in %s, and reads it as the same number', (_how, text) => {
    const masked = redact(text);
    expect(masked).toContain('137****1234');
    expect(findPersonalNumbers(masked)).toEqual([]);
    expect(containsPhone(text)).toBe(true);
    expect(findPhones(text)).toEqual(['13700001234']);
  });

  it.each(IDS)('masks an ID number written with %s', (_how, text) => {
    const masked = redact(text);
    expect(masked).toMatch(/500101\*{12}/);
    expect(masked).not.toMatch(/1990|一九九|１９９/);
  });

  it('masks two numbers side by side, and leaves figures, dates, ticket numbers and words alone', () => {
    expect(maskPersonalNumbers('13912345678 13812345678')).toBe('139****5678 138****5678');
    for (const text of [
      '补贴200元/人/天，2024-05-01起',
      '工单12351-20261122-0042已受理',
      '一、二、三、四、五、六、七、八、九、十',
      '一起去九龙坡区，三千二百元',
      '拨打12351或023-63881234',
      '第一百三十九条',
    ])
      expect(maskPersonalNumbers(text)).toBe(text);
  });

  it('takes a phone answered in numerals and checks it as a phone', () => {
    expect(isValidPhone('幺三九 一二三四 五六七八')).toBe(true);
    expect(isValidPhone('１３９-１２３４-５６７８')).toBe(true);
    expect(isValidPhone('139abc')).toBe(false);
    expect(maskPhone('一三九一二三四五六七八')).toBe('139****5678');
    expect(findPhones('座机023-6388 1234')).toEqual(['02363881234']);
  });

  it('masks every writing in a group reply', () => {
    for (const [, text] of [...PHONES, ...IDS]) expect(findPersonalNumbers(safeForGroup(text))).toEqual([]);
  });

  it('masks every writing in log lines, messages and fields alike', () => {
    const lines: string[] = [];
    const log = createLogger({ destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) });
    for (const [, text] of [...PHONES, ...IDS]) log.info({ text, nested: { text } }, `got ${text}`);
    expect(lines).toHaveLength(PHONES.length + IDS.length);
    for (const line of lines) {
      const parsed = JSON.parse(line) as { msg: string; text: string; nested: { text: string } };
      for (const s of [parsed.msg, parsed.text, parsed.nested.text]) expect(findPersonalNumbers(s)).toEqual([]);
    }
  });
});

describe("the model's figure check", () => {
  it('reads numerals spelled digit by digit, and digits in any script, as figures', () => {
    expect(extractFigures('一三七零零零零一二三四')).toEqual(['13700001234']);
    expect(extractFigures('٢٠٠元')).toEqual(['200']);
  });

  it.each(PHONES)('rejects a composed answer that carries a phone written in %s', async (_how, phone) => {
    const hits = await hitsFor('cq-nianpiao-200yuan-huifei');
    const r = checkComposed(`年票200元，可以联系${phone}办理。[[cq-nianpiao-200yuan-huifei]]`, { hits, leakMarkers: LEAK_MARKERS });
    expect(r.ok).toBe(false);
  });
});
