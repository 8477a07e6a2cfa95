/** Masking of personal numbers for logs, group chats and lists, in every way of writing them. */
import { digitsOf, findPersonalNumbers, maskPersonalNumbers } from './digits.ts';

/**
 * Mainland mobile numbers in ASCII digits, optionally +86 / 86 prefixed, with spaces or dashes
 * between groups. A quick pattern for stripping typed numbers; detection in any writing (Chinese
 * numerals, full-width, Arabic-Indic digits) is `findPersonalNumbers` in digits.ts.
 */
export const MOBILE_NUMBER = /(?<!\d)(?:\+?86[\s-]*)?(1[3-9]\d)[\s-]*(\d{4})[\s-]*(\d{4})(?!\d)/g;

export function maskPhone(phone: string): string {
  const digits = digitsOf(phone).replace(/^(?:00)?86(?=1\d{10}$)/, '');
  if (!/^\d{11}$/.test(digits)) return '***';
  return `${digits.slice(0, 3)}****${digits.slice(7)}`;
}

/** Replace phone and ID numbers in free text with masked forms. */
export function redact(text: string): string {
  return maskPersonalNumbers(text);
}

export function containsPhone(text: string): boolean {
  return findPersonalNumbers(text, ['mobile']).length > 0;
}
