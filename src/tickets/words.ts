import { readCantonese, toSimplified } from '../intents/normalize.ts';

/**
 * The worker's words as the form reads them: full-width folded, Simplified, and nothing added
 * (the understanding step appends glossary words the worker never wrote); Cantonese read in its
 * Mandarin words. Case is kept, for the names of people and firms; patterns over it ignore case.
 */
export function plain(raw: string): string {
  return readCantonese(toSimplified(raw.normalize('NFKC'))).replace(/\s+/g, ' ').trim();
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

/** Words that say a place is the worker's home, not where the work is: "家住江北", "只是我住九龙坡". */
export const HOME = /家住|住在|我住|人住|^住|是我(的)?(家|屋头)|老家|户口|户籍|家在|屋头在|籍贯|我家|\blive in\b|\bfrom\b/i;
