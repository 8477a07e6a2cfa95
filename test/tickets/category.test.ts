import { describe, expect, it } from 'vitest';
import { ticketCategory } from '../../src/tickets/category.ts';

/** The desk a ticket goes to follows the written rules where the account makes it plain. */
describe('ticketCategory', () => {
  it.each([
    ['我们厂的高温补贴今年停了 帮我们反映一下', 'member_benefits', 'rights'],
    ['加班费一直不给算 想投诉', 'member_benefits', 'rights'],
    ["I slipped on the stairs at work this morning and my ankle is swollen. The company says it's my own fault.", 'hardship_aid', 'rights'],
    ['在车间被机器夹伤了手 老板说是我自己不小心 不管', 'hardship_aid', 'rights'],
    ['单位工会说的三八节慰问 我们合同工没得 正式工才有', 'rights', 'member_benefits'],
    ['单位工会组织的职工体检 今年说没经费取消了', 'annual_pass', 'member_benefits'],
    ['仓库的消防栓是坏的 应急灯也不亮 想反映一下', 'member_benefits', 'rights'],
    ['工地上脚手架松松垮垮的 没人管 怕出事 请工会来看看', 'member_benefits', 'rights'],
    ['厂里的叉车没有证的人在开 好危险 想请工会管一下', 'member_benefits', 'rights'],
    ['单位从去年十月就不给我们交社保了 想请你们问一下', 'member_benefits', 'rights'],
    ["The warehouse hasn't paid our team for six weeks.", 'hardship_aid', 'rights'],
    ['我老公在工地摔下来 腿断了 项目部一个人都没来过', 'hardship_aid', 'rights'],
    ['工友的手被卷进机器里了 主管叫我们别往外说', 'hardship_aid', 'rights'],
    ['我爸在工厂被机器夹到手 现在还在医院 工厂说是他自己操作不当 请工会帮帮我们', 'hardship_aid', 'rights'],
    ['上个月住院做了个小手术 已经出院回来上班了 工会说的职工住院慰问一直没下文', 'hardship_aid', 'member_benefits'],
    ['驾校把课时费从每小时四十降到二十五 不签新协议就不给排课', 'member_benefits', 'rights'],
    ['腌菜车间地上全是盐水 滑得很 防滑垫都不铺 水靴还要我们自己买', 'member_benefits', 'rights'],
    ['每个月发钱都要少个一两百 说水电费摊到我们头上', 'member_benefits', 'rights'],
    ['流水线上厕所要举牌子 一天只准去两次 超了就扣五十', 'member_benefits', 'rights'],
    ['站点上礼拜一个差评就罚了我两百 申诉也没人理', 'member_benefits', 'rights'],
    ['工会组织的职工运动会 临时又说合同工不能参加', 'rights', 'member_benefits'],
    ['The station took 800 yuan off my earnings as late delivery fines.', 'hardship_aid', 'rights'],
    ['单位工会发的生日慰问卡 里头的钱被扣了一半 说是手续费', 'rights', 'member_benefits'],
    // A hardship at home goes to the aid desk; a worker hurt at work now asks for a work-injury matter.
    ['我妈骑车被货车撞了 现在在骨科住院 押金交了两万 医院又在催费 工会能不能帮一把', 'rights', 'hardship_aid'],
    ['出租屋前天晚上失火 被子衣服都烧完了 今晚不晓得住哪里', 'rights', 'hardship_aid'],
    ['我男人中风了 现在还在病房里头躺着 一天一千多块 求工会救个急', 'rights', 'hardship_aid'],
    ['搬货的时候被铁架子砸到脚背 现在肿起老高 领班只喊我回去休息', 'hardship_aid', 'rights'],
    ['They take the uniform fee out of our first wages, 300 each', 'member_benefits', 'rights'],
    ['我们跑车的这一片没得工会的司机之家 想请工会设一个', 'rights', 'member_benefits'],
  ] as const)('%s: %s -> %s', (text, understood, want) => {
    expect(ticketCategory(understood, text)).toBe(want);
  });

  it.each([
    ['我们工友在车间突发脑溢血 现在还在抢救 想帮他申请大病救助', 'hardship_aid'],
    ['工会说好的年票到现在没发', 'annual_pass'],
    ['单位工会组织疗休养 说好去武隆 结果改成座谈会', 'sanatorium'],
    ['工会发的慰问金 老板扣了一半', 'rights'],
    ['请工会帮我查一下 单位有没有给我交会费 工资条上每月扣五块 工会说没我这个会员', 'member_benefits'],
    ['老板欠我三个月工资', 'rights'],
    ['厂里欠了我两个月工资 家里孩子上学困难 想申请帮扶', 'hardship_aid'],
  ] as const)('%s stays %s', (text, understood) => {
    expect(ticketCategory(understood, text)).toBe(understood);
  });
});
