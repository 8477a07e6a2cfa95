import { readCantonese, toSimplified } from '../intents/normalize.ts';

/**
 * The worker's words as the form reads them: full-width folded, Simplified, and nothing added
 * (the understanding step appends glossary words the worker never wrote); Cantonese read in its
 * Mandarin words, and Sichuan 岔 (说岔了) as 错. Case is kept, for the names of people and firms; patterns over it ignore case.
 */
export function plain(raw: string): string {
  return readCantonese(toSimplified(raw.normalize('NFKC')))
    .replace(MISSAID, '$1错')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sichuan 说岔了, 写岔了: said or written wrong. */
const MISSAID = /([说讲写搞弄打记填输念])岔(?=了|[\s，,。]|$)/g;

/** A column heading of a pasted table: a field's name. */
const HEADING = /^(?:姓名|名字|联系人|电话|手机|手机号|联系电话|联系方式|单位|公司|工作单位|用人单位|区县|区|所在区县|地址|地点|情况|问题|诉求|name|phone|mobile|employer|company|district)$/i;
/** Where one cell of a pasted row ends: a tab, a bar, or two spaces or more. */
const CELL = /\t|\s*[|｜]\s*|\s{2,}/;

/**
 * A table pasted from a spreadsheet, a heading row of field names over a row of values ("姓名\t电话\t单位" /
 * "龚建\t177…\t重庆鼎新…"), read as "姓名：龚建 电话：177… 单位：…": each value beside its own heading.
 */
export function unfoldTable(raw: string): string {
  const lines = raw.split(/\r?\n/);
  for (let i = 0; i + 1 < lines.length; i++) {
    const heads = lines[i]!.trim().split(CELL).filter(Boolean);
    const cells = lines[i + 1]!.trim().split(CELL).filter(Boolean);
    if (heads.length < 2 || heads.length !== cells.length || !heads.every((h) => HEADING.test(h))) continue;
    lines.splice(i, 2, heads.map((h, k) => `${h}：${cells[k]}`).join(' '));
  }
  return lines.join('\n');
}

/** Splits a message into its clauses: at punctuation, at spaces between Chinese words (never inside a number written in groups, "185 0050 0047"), and before 不是 / not. */
export function clauses(text: string): string[] {
  return text
    .split(/[，,。.!！?？;；:：~～、]+|(?<=[\u4e00-\u9fa5])\s+|(?<!\d)\s+(?=[\u4e00-\u9fa5\d])|(?<=\d)\s+(?=[\u4e00-\u9fa5])|(?<=[\d])\s+(?=[a-z])|(?<=[^\s是])(?=不是)|\s+(?=not\b)/i)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** True when the clause holds at least one of the words and nothing else but fillers. */
export function madeOf(clause: string, words: RegExp, fillers: RegExp): boolean {
  const rest = clause.replace(words, '');
  return rest.length < clause.length && rest.replace(fillers, '').length === 0;
}

/** Words that say a place is where the firm is registered or has its head office, not where the work is: "公司注册在渝中", "荣昌那个是公司总部的地址". */
export const SEAT = /注册(?:地)?在|注册的?地址|总部|总公司|执照上的?地址|\bregistered in\b|\bhead ?office\b|\bheadquarters\b/i;

/** Words that say a place is the worker's home, not where the work is: "家住江北", "只是我住九龙坡". */
export const HOME = /家住|住在|我住|人住|^住|是我(的)?(家|屋头)|老家|户口|户籍|家在|屋头在|籍贯|我家|\blive in\b|\bfrom\b/i;
