import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/intents/normalize.ts';
import { askedPlace, askedPlaces, covers } from '../../src/knowledge/places.ts';

const provinces = (text: string) => askedPlaces(normalizeText(text)).map((p) => p.province);

describe('the places a question asks about', () => {
  it.each([
    ['Is the Shanghai union annual pass free?', ['上海']],
    ['How much is the sanatorium subsidy in Hangzhou', ['浙江']],
    ['inner mongolia off-season subsidy', ['内蒙古']],
    ['Does the pass work in XIAN', ['陕西']],
    ['宁夏工会消费券能不能在重庆用', ['宁夏', '重庆']],
    ['上海的职工之家星级标准跟重庆一样不', ['上海', '重庆']],
    ['产假国家规定是多少天', ['全国']],
    ['职工之家建设规范是全国第一个吗', []],
    ['那个全国五一劳动奖章获得者叫啥', []],
    // County names that are everyday words name the county only in full or after their city.
    ['十件实事计划新建多少个基层工会', []],
    ['网上商城能买年票不', []],
    ['我们山城的职工上街买东西', []],
    ['南昌新建区的工会有没得年票', ['江西']],
    ['江西新建的疗休养补贴', ['江西']],
    // A city and the district inside it are one place.
    ['广州南沙的求学圆梦每人补多少', ['广东']],
    // Where the worker comes from is no policy asked about, unless it is named again as one.
    ['我是广东来的 在南岸区一间茶餐厅做事 老板不给工钱', ['重庆']],
    ['I am from Guangdong, working in Chongqing, can I get the annual pass?', ['重庆']],
    ['我是贵州人 贵州的年票多少钱', ['贵州']],
  ])('reads the places in %s', (text, expected) => {
    expect(provinces(text)).toEqual(expected);
  });

  it.each([
    'Can I use the pass when I travel to Chengdu?',
    '去成都耍 年票能用不',
    'xiangyangzhen is not a word we know',
    'can I change my password',
  ])('names no place whose policy is asked in %s', (text) => {
    expect(askedPlace(normalizeText(text))?.province ?? '').not.toMatch(/四川|陕西|湖北/);
  });

  it('a Chongqing entry does not cover a question about Shanghai, a national one does', () => {
    const shanghai = askedPlace(normalizeText('Shanghai union pass'))!;
    expect(covers('重庆', shanghai)).toBe(false);
    expect(covers('全国', shanghai)).toBe(true);
  });
});
