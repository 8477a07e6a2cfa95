import { memoizedCharTest } from './chars.ts';

/**
 * Digits in every way a worker (or a model) writes them, and the personal numbers they spell.
 *
 * A phone number is the same number whether it is typed as 13912345678, 139 1234 5678,
 * １３９…, ١٣٩…, 一三九一二三四五六七八 or 幺三九…, and an ID number is the same with or without
 * spaces between its groups. Every mask (group replies, logs, the dashboard), the model's figure
 * check and the phone extractor read numbers through this one module, so a number the bot can
 * take is always one it can hide.
 */

/** Chinese numerals written digit by digit (dictated phone numbers), with their digit. */
const CHINESE_DIGIT: Record<string, string> = {
  零: '0', 〇: '0', '○': '0', 洞: '0',
  一: '1', 幺: '1', 壹: '1',
  二: '2', 两: '2', 兩: '2', 贰: '2', 貳: '2',
  三: '3', 叁: '3', 參: '3',
  四: '4', 肆: '4',
  五: '5', 伍: '5',
  六: '6', 陆: '6', 陸: '6',
  七: '7', 柒: '7', 拐: '7',
  八: '8', 捌: '8',
  九: '9', 玖: '9', 勾: '9',
};

/** Characters that may stand between the digits of one number: spaces, dashes, dots, commas. */
const SEPARATOR = /^[\s\u200B-\u200D\u2060\uFEFF\-‐‑‒–—―−﹣－_.·・,，、/()（）]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const cache = new Map<string, string | undefined>();

/** The digit ('0'-'9') a Unicode decimal digit stands for: full-width, Arabic-Indic, Devanagari… */
function unicodeDigit(ch: string): string | undefined {
  if (ch >= '0' && ch <= '9') return ch;
  if (!DECIMAL_DIGIT.test(ch)) return undefined;
  const folded = ch.normalize('NFKC');
  if (folded.length === 1 && folded >= '0' && folded <= '9') return folded;
  // Decimal digits come in runs of ten, zero first: count back to the zero.
  const cp = ch.codePointAt(0)!;
  let k = 0;
  while (k < 9 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - k - 1))) k += 1;
  return String(k % 10);
}

/** The ASCII digit a character stands for, in any writing; undefined when it is no digit. */
export function digitOf(ch: string): string | undefined {
  if (cache.has(ch)) return cache.get(ch);
  const d = CHINESE_DIGIT[ch] ?? unicodeDigit(ch);
  if (cache.size < 4096) cache.set(ch, d);
  return d;
}

/** Every Unicode decimal digit (full-width, Arabic-Indic…) as its ASCII digit; Chinese numerals stay. */
export function asciiDigits(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = '';
  for (const ch of text) out += CHINESE_DIGIT[ch] === undefined ? (unicodeDigit(ch) ?? ch) : ch;
  return out;
}

/** The digits of a short answer such as a phone number, in any writing ("幺三九 1234-5678" gives 13912345678). */
export function digitsOf(text: string): string {
  let out = '';
  for (const ch of text) {
    const d = digitOf(ch);
    if (d !== undefined) out += d;
    else if (/^[xX]$/.test(ch)) out += 'X';
  }
  return out;
}

export type PersonalNumberKind = 'mobile' | 'id' | 'landline';

/** A phone or ID number found in text: what it is, its plain digits, and where it is written. */
export interface PersonalNumber {
  kind: PersonalNumberKind;
  /** The number as plain ASCII digits (a mobile without its +86, an ID with a final X). */
  digits: string;
  start: number;
  end: number;
}

interface Group {
  digits: string;
  start: number;
  end: number;
}

/** Runs of digits (any writing) with the separators between them, each split into groups. */
function digitRuns(text: string): Group[][] {
  const runs: Group[][] = [];
  let run: Group[] = [];
  let group: Group | undefined;
  let pendingSeparator = false;
  let i = 0;
  for (const ch of text) {
    // An ID number may end in X: an X right after a digit and before no other letter.
    const d = digitOf(ch) ?? (group && !pendingSeparator && /^[xX]$/.test(ch) && !/[a-z]/i.test(text[i + 1] ?? '') ? 'X' : undefined);
    if (d !== undefined) {
      if (group && !pendingSeparator) {
        group.digits += d;
        group.end = i + ch.length;
      } else {
        group = { digits: d, start: i, end: i + ch.length };
        run.push(group);
      }
      pendingSeparator = false;
    } else if (group && SEPARATOR.test(ch)) {
      pendingSeparator = true;
    } else {
      if (run.length) runs.push(run);
      run = [];
      group = undefined;
      pendingSeparator = false;
    }
    i += ch.length;
  }
  if (run.length) runs.push(run);
  return runs;
}

function kindOf(digits: string, kinds: readonly PersonalNumberKind[]): { kind: PersonalNumberKind; digits: string } | undefined {
  if (kinds.includes('id') && /^[1-9]\d{16}[\dX]$/.test(digits)) return { kind: 'id', digits };
  if (digits.includes('X')) return undefined;
  if (kinds.includes('mobile')) {
    const m = /^(?:0086|86)?(1[3-9]\d{9})$/.exec(digits);
    if (m) return { kind: 'mobile', digits: m[1]! };
  }
  if (kinds.includes('landline') && /^0[1-9]\d{8,10}$/.test(digits)) return { kind: 'landline', digits };
  return undefined;
}

const LONGEST = 18;
const ALL_KINDS: readonly PersonalNumberKind[] = ['mobile', 'id'];

/** A character digitOf reads as a digit: any Unicode decimal digit or a Chinese numeral. */
const ANY_DIGIT = `[\\p{Nd}${Object.keys(CHINESE_DIGIT).join('')}]`;
/**
 * Ten digits with only separators between them. Every number kindOf accepts has at least ten
 * (a landline ten, a mobile eleven, an ID seventeen and its last character), so a text without
 * such a stretch holds none, and most texts are ruled out by one scan.
 */
const TEN_DIGITS = new RegExp(`${ANY_DIGIT}(?:${SEPARATOR.source.slice(1, -1)}*${ANY_DIGIT}){9}`, 'u');

/** ANY_DIGIT's verdict on a BMP character, asked once per character. */
const digitBmp = memoizedCharTest(new RegExp(`^${ANY_DIGIT}$`, 'u'));

/**
 * Whether the text has fewer than ten characters TEN_DIGITS could read as digits, counted in one
 * pass: then it holds no personal number, and the pattern need not be tried at every numeral. A
 * character outside the BMP is counted as a digit without asking (some are), which only sends the
 * text on to the pattern.
 */
function fewerThanTenDigits(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length && n < 10; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30) continue;
    if (c <= 0x39) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) n += 1;
    else if (c > 0x7f && digitBmp(c)) n += 1;
  }
  return n < 10;
}

/**
 * The phone and ID numbers written in a text, however written: any digits, Chinese numerals
 * spoken digit by digit, spaces, dashes or dots inside, a +86 in front. By default mobiles and
 * ID numbers; ask for 'landline' too to read "023-6388 1234".
 */
export function findPersonalNumbers(text: string, kinds: readonly PersonalNumberKind[] = ALL_KINDS): PersonalNumber[] {
  const found: PersonalNumber[] = [];
  if (fewerThanTenDigits(text) || !TEN_DIGITS.test(text)) return found;
  for (const groups of digitRuns(text)) {
    let i = 0;
    while (i < groups.length) {
      let best: { j: number; kind: PersonalNumberKind; digits: string } | undefined;
      let acc = '';
      for (let j = i; j < groups.length; j++) {
        acc += groups[j]!.digits;
        if (acc.length > LONGEST + 4) break;
        const k = kindOf(acc, kinds) ?? (acc.endsWith('X') ? kindOf(acc.slice(0, -1), kinds) : undefined);
        if (k) best = { j, ...k };
      }
      if (best) {
        let start = groups[i]!.start;
        if (text[start - 1] === '+') start -= 1;
        found.push({ kind: best.kind, digits: best.digits, start, end: groups[best.j]!.end });
        i = best.j + 1;
      } else i += 1;
    }
  }
  return found;
}

/** Masked forms: 139****6721 for a mobile, the first six digits of an ID, the area code of a landline. */
export function maskNumber(n: Pick<PersonalNumber, 'kind' | 'digits'>): string {
  if (n.kind === 'mobile') return `${n.digits.slice(0, 3)}****${n.digits.slice(7)}`;
  if (n.kind === 'id') return `${n.digits.slice(0, 6)}${'*'.repeat(12)}`;
  return `${n.digits.slice(0, 4)}****${n.digits.slice(-2)}`;
}

/** The text with every phone and ID number masked, however it was written. */
export function maskPersonalNumbers(text: string): string {
  const found = findPersonalNumbers(text);
  if (!found.length) return text;
  let out = '';
  let at = 0;
  for (const n of found) {
    out += text.slice(at, n.start) + maskNumber(n);
    at = n.end;
  }
  return out + text.slice(at);
}

/** The text with every phone and ID number replaced by `replacement` (the form's story check drops them). */
export function removePersonalNumbers(text: string, replacement = ' '): string {
  const found = findPersonalNumbers(text);
  let out = '';
  let at = 0;
  for (const n of found) {
    out += text.slice(at, n.start) + replacement;
    at = n.end;
  }
  return out + text.slice(at);
}

export function containsPersonalNumber(text: string): boolean {
  return findPersonalNumbers(text).length > 0;
}
