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
    ['刘德宾说错了 改成刘德斌 斌是文武双全那个 德是品德的德', '刘德斌'],
    ['名字写错了 是刘德斌 斌就是左边一个文右边一个武那个', '刘德斌'],
  ])('%s -> %s', (raw, name) => {
    expect(corrected(raw)).toEqual([['name', name]]);
  });
});

describe('a pointer at a character is no name', () => {
  it.each(['西字头那个', '草字头的', '就是这个'])('%s is not stored as a name', (raw) => {
    expect(readCorrections(plain(`名字错了 是${raw}`), { name: '谭成' }, 'confirm').map((c) => c.value)).not.toContain(raw);
  });
});

describe('a clause that starts with 我是 explains no character', () => {
  it('takes the firm the worker says they were sent from', () => {
    const [change] = readCorrections(plain('不对 我不是华南建设的 我是重庆力拓劳务公司派过去的'), { employer: '重庆华南建设公司' }, 'name');
    expect(change).toMatchObject({ field: 'employer', value: '重庆力拓劳务公司' });
  });
});

describe('a correction told as swapped digits or as the name of the firm', () => {
  it('reads "打反了" as a correction of the number it gives', () => {
    const changes = readCorrections(plain('电话最后两个数字打反了 应该是13800001243'), { phone: '13800001234', name: '周平' }, 'employer');
    expect(changes.map((c) => [c.field, c.value])).toEqual([['phone', '13800001243']]);
  });

  it('reads "超市名字错了" as about the employer, not the name', () => {
    const changes = readCorrections(plain('超市名字错了 是重庆佳乐购商贸有限公司'), { name: '周平', employer: '重庆家乐购商贸有限公司' }, 'confirm');
    expect(changes.map((c) => [c.field, c.value])).toEqual([['employer', '重庆佳乐购商贸有限公司']]);
  });
});

describe('one character of the name or the firm corrected by itself', () => {
  const fields = { name: '冯志刚', employer: '重庆宏兴建材有限公司', phone: '13800003579' };
  const corrected = (raw: string) => readCorrections(plain(raw), fields, 'confirm').map((c) => [c.field, c.value]);

  it.each([
    ['刚是钢铁的钢', 'name', '冯志钢'],
    ['不是冯是逢', 'name', '逢志刚'],
    ['是逢不是冯', 'name', '逢志刚'],
    ['志字应该是智慧的智', 'name', '冯智刚'],
    ['公司名字里的兴是新旧的新', 'employer', '重庆宏新建材有限公司'],
    ['名字那里错了 冯是两点水加马 没错 但刚应该是钢', 'name', '冯志钢'],
  ])('%s -> %s %s', (raw, field, value) => {
    expect(corrected(raw)).toEqual([[field, value]]);
  });

  it('leaves the fields alone when the character is in none of them', () => {
    expect(corrected('不是李是黎')).toEqual([]);
  });
});

describe('a phone number beside the correction of another field changes both', () => {
  it.each([
    ['名字和电话都错了 名字是喻晓琳 王字旁的琳 电话183 0050 0075', { name: '喻晓林', phone: '18300500078' }, [['phone', '18300500075'], ['name', '喻晓琳']]],
  ] as const)('%s', (raw, fields, want) => {
    expect(readCorrections(plain(raw), { ...fields }, 'confirm', toSimplified(raw)).map((c) => [c.field, c.value])).toEqual(want);
  });

  it('a name spelled out in two letters is no name of its own', () => {
    expect(readCorrections(plain('Sorry, typo in my name. It is Jason Wu, W-U.'), { name: 'Jason Wo' }, 'phone').map((c) => c.value)).toEqual(['Jason Wu']);
  });
});
