/** Masking of personal numbers for logs and group chats. */

/**
 * Mainland mobile numbers, optionally +86 / 86 prefixed, with spaces or dashes between groups.
 * Slot extraction reads phones with this same pattern, so every number the bot can take is also
 * one it masks.
 */
export const MOBILE_NUMBER = /(?<!\d)(?:\+?86[\s-]*)?(1[3-9]\d)[\s-]*(\d{4})[\s-]*(\d{4})(?!\d)/g;
// 18-character resident ID numbers (last may be X).
const ID_NUMBER = /(?<![\dA-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![\dA-Za-z])/g;

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (digits.length !== 11) return '***';
  return `${digits.slice(0, 3)}****${digits.slice(7)}`;
}

/** Replace phone and ID numbers in free text with masked forms. */
export function redact(text: string): string {
  return text
    .replace(ID_NUMBER, (_m, a: string) => `${a}********${'****'}`)
    .replace(MOBILE_NUMBER, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}

export function containsPhone(text: string): boolean {
  MOBILE_NUMBER.lastIndex = 0;
  const found = MOBILE_NUMBER.test(text);
  MOBILE_NUMBER.lastIndex = 0;
  return found;
}
