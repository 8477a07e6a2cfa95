import { describe, expect, it } from 'vitest';
import { judgeUrgency } from '../../src/tickets/urgency.ts';

/** The urgency rule reads how workers tell their matter, not one wording of it. */
describe('judgeUrgency', () => {
  it.each([
    ['包工头跑了 欠起我们六个人两万多块 一直联系不上', '拖欠一群工人的工资'],
    ['我们十几个焊工做完了活 工钱到现在没结', '拖欠一群工人的工资'],
    ['我们车间几个工人的绩效被主管无缘无故扣了', '拖欠一群工人的工资'],
    ['我妈在市中医院住起的 已经住了一个星期', '有人正在医院（住院或急诊）'],
    ['工厂放假三个月不发生活费 家里米都没有了', '生活难以为继：房租或吃饭钱没有着落'],
    ["My brother's hand got caught in a press this afternoon and he is in surgery.", '正在受伤或患病'],
  ])('%s: urgent (%s)', (text, reason) => {
    expect(judgeUrgency(text)).toEqual({ urgent: true, reason });
  });

  it.each([
    '我在区人民医院做保洁 公司不给签合同',
    '我在医院上班 加班费从来不算',
    'The fire escape at our warehouse is blocked by boxes.',
    '我一个人被拖了三个月工资',
    '公司拖了我三个月工资 我跑了几个工地都没找到老板',
  ])('%s: not urgent', (text) => {
    expect(judgeUrgency(text).urgent).toBe(false);
  });
});
