import { describe, expect, it } from 'vitest';
import { containsPhone, maskPhone, redact } from '../../src/core/redact.ts';
import { findPhones } from '../../src/intents/slots.ts';

describe('redact', () => {
  it.each([
    ['电话13983456721', '电话139****6721'],
    ['+86 139-2305-7786', '139****7786'],
    ['136 0838 2291', '136****2291'],
    ['139 - 1234 - 5678', '139****5678'],
    ['身份证500101199001011234', '身份证500101************'],
  ])('masks %s', (text, want) => {
    expect(redact(text)).toContain(want);
  });

  it('masks every phone number slot extraction can read', () => {
    for (const text of ['139  1234  5678', '+86-139-1234-5678', '86 13912345678', '139 - 1234 - 5678']) {
      expect(findPhones(text)).toHaveLength(1);
      expect(containsPhone(text)).toBe(true);
      expect(redact(text)).not.toMatch(/1234/);
    }
  });

  it('masks a stored phone for the form summary', () => {
    expect(maskPhone('13983456721')).toBe('139****6721');
    expect(maskPhone('12')).toBe('***');
  });
});
