/**
 * Figures in Chinese text, normalised so an answer's figures can be checked against the
 * entries it cites: "200元", "200块", "两百" and "二百元" are all 200; "30万", "三十万" and
 * "300000" are all 300000; "50%" and "百分之五十" are both 50%; digits in any script count, and
 * numerals read out digit by digit ("一三九…") are the number they spell. Only what reads as a figure is
 * taken: "一起", "千万别", "九龙坡" and "四川" are words, not numbers.
 */

import { asciiDigits } from '../core/digits.ts';

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 仨: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Words that follow a count or an amount; a lone Chinese digit counts as a figure only before one. */
const MEASURE =
  /^(?:元|块|角|毛|万|千|百|亿|天|日|年|月|号|个|项|次|人|名|家|位|倍|岁|周|星|成|折|类|件|条|种|批|所|处|座|场|期|级|档|份|张|本|套|小时|分钟|公里|季度|%)/;
/** After a lone 一, only money and magnitudes make it a figure (一个, 一次性 are words). */
const MONEY = /^(?:元|块|万|千|百|亿|%)/;

/** Parses a run of Chinese numeral characters; undefined when the run is not a number. */
export function parseChineseNumber(run: string): number | undefined {
  const chars = [...run];
  if (chars.length === 0) return undefined;
  if (chars.every((c) => c in DIGIT)) return Number(chars.map((c) => DIGIT[c]).join(''));
  let total = 0;
  let section = 0;
  let num = 0;
  let lastUnit = 0;
  let prevWasUnit = false;
  for (const c of chars) {
    if (c in DIGIT) {
      num = DIGIT[c]!;
      prevWasUnit = false;
    } else if (c in SMALL_UNIT) {
      const u = SMALL_UNIT[c]!;
      section += (num || (u === 10 ? 1 : 0)) * u;
      num = 0;
      lastUnit = u;
      prevWasUnit = true;
    } else if (c in BIG_UNIT) {
      const u = BIG_UNIT[c]!;
      if (u === 1e8) total = (total + section + num) * u;
      else total += (section + num) * u;
      section = 0;
      num = 0;
      lastUnit = u;
      prevWasUnit = true;
    } else return undefined;
  }
  // Colloquial 一百五 (150), 两千三 (2300), 一万五 (15000): a final digit right after a unit.
  const last = chars.at(-1)!;
  if (last in DIGIT && num > 0 && lastUnit >= 100 && chars.length >= 2 && !prevWasUnit) {
    const beforeLast = chars.at(-2)!;
    if (beforeLast in SMALL_UNIT || beforeLast in BIG_UNIT) num *= lastUnit / 10;
  }
  return total + section + num;
}

const TOKEN = new RegExp(
  [
    String.raw`百分之(?<pctZh>[零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?)`,
    String.raw`(?<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?<mag>万|亿|千)?\s*(?<pct>%)?`,
    String.raw`(?<zh>[零〇一幺二两俩三仨四五六七八九十百千万亿]+)`,
  ].join('|'),
  'g',
);

/**
 * The figures in a text, each as a canonical string ("200", "300000", "50%"). Dates give their
 * parts (2024-05-01 gives 2024, 5 and 1).
 */
export function extractFigures(text: string): string[] {
  const s = asciiDigits(text.normalize('NFKC'));
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(s); m; m = TOKEN.exec(s)) {
    const g = m.groups ?? {};
    const after = s.slice(m.index + m[0].length);
    if (g.pctZh !== undefined) {
      const v = /\d/.test(g.pctZh) ? Number(g.pctZh) : parseZhDecimal(g.pctZh);
      if (v !== undefined) out.push(`${canon(v)}%`);
    } else if (g.num !== undefined) {
      let v = Number(g.num.replace(/,/g, ''));
      if (g.mag) v *= g.mag === '万' ? 1e4 : g.mag === '亿' ? 1e8 : 1e3;
      out.push(g.pct ? `${canon(v)}%` : canon(v));
    } else if (g.zh !== undefined) {
      const v = zhFigure(g.zh, after);
      if (v !== undefined) out.push(canon(v));
    }
  }
  return out;
}

/** Whether a run of numeral characters is a figure in context, and its value. */
function zhFigure(run: string, after: string): number | undefined {
  const chars = [...run];
  const hasDigit = chars.some((c) => c in DIGIT);
  const hasUnit = chars.some((c) => c in SMALL_UNIT || c in BIG_UNIT);
  const first = chars[0]!;
  if (first in BIG_UNIT || first === '百' || first === '千') return undefined; // 万州, 千万别, 百姓, 百万职工
  if (first === '十') {
    if (chars.length === 1 && !MEASURE.test(after)) return undefined; // 十分
    return parseChineseNumber(run);
  }
  if (!hasDigit) return undefined;
  // Five or more numerals read out digit by digit (一三九一二…) spell a number whatever follows.
  if (!hasUnit && chars.length >= 5) return parseChineseNumber(run);
  if (!hasUnit) {
    if (chars.length === 1) {
      if (first === '一' ? !MONEY.test(after) : !MEASURE.test(after)) return undefined; // 一起, 四川, 九龙坡
    } else if (!MEASURE.test(after)) return undefined;
  }
  return parseChineseNumber(run);
}

function parseZhDecimal(s: string): number | undefined {
  const [int, frac] = s.split('点');
  const i = parseChineseNumber(int ?? '');
  if (i === undefined) return undefined;
  if (!frac) return i;
  const f = parseChineseNumber(frac);
  return f === undefined ? i : Number(`${i}.${[...frac].map((c) => DIGIT[c] ?? '').join('')}`);
}

function canon(v: number): string {
  return String(Number(v.toPrecision(12)));
}
