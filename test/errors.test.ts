import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, httpStatusFor, userMessageFor } from '../src/errors.ts';

describe('error catalogue', () => {
  const doc = readFileSync('docs/errors.md', 'utf8');
  it.each(ERROR_CODES)('documents %s with a status and a chat text', (code) => {
    expect(doc).toContain(`\`${code}\``);
    expect(httpStatusFor(code)).toBeGreaterThanOrEqual(400);
    expect(userMessageFor(code).length).toBeGreaterThan(4);
  });
});
