import { describe, expect, it } from 'vitest';
import { toSimplified } from '../../src/intents/normalize.ts';
import { readCorrections } from '../../src/tickets/corrections.ts';
import { plain } from '../../src/tickets/words.ts';

/** A corrected name is the one the worker gives, never the word they use to explain a character. */
describe('a name corrected with explanations or in English', () => {
  const fields = { name: '刘德宾', phone: '15923418870' };
  const corrected = (raw: string) => readCorrections(plain(raw), fields, 'employer', toSimplified(raw)).map((c) => [c.field, c.value]);

  it.each([
    ['刘德宾说错了 改成刘德斌，斌是文武斌', '刘德斌'],
    ['名字打错了 是刘德斌 德是道德的德 斌是文武斌的斌', '刘德斌'],
    ['我名字打错了，不是宾馆的宾，是文武斌的斌，刘德斌', '刘德斌'],
    ["Sorry, I typed my name wrong. It's 刘德斌, not 刘德宾", '刘德斌'],
    ['My name is wrong, it should be Liu Debin', 'Liu Debin'],
  ])('%s -> %s', (raw, name) => {
    expect(corrected(raw)).toEqual([['name', name]]);
  });
});
