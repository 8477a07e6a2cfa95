import { describe, expect, it } from 'vitest';
import { judgeUrgency, ruleUrgency } from '../../src/tickets/urgency.ts';

/** The urgency rule reads how workers tell their matter, not one wording of it. */
describe('judgeUrgency', () => {
  it.each([
    ['包工头跑了 欠起我们六个人两万多块 一直联系不上', '拖欠一群工人的工资'],
    ['我们十几个焊工做完了活 工钱到现在没结', '拖欠一群工人的工资'],
    ['我们车间几个工人的绩效被主管无缘无故扣了', '拖欠一群工人的工资'],
    ['我妈在市中医院住起的 已经住了一个星期', '有人正在医院（住院或急诊）'],
    ['工厂放假三个月不发生活费 家里米都没有了', '生活难以为继：房租或吃饭钱没有着落'],
    ["My brother's hand got caught in a press this afternoon and he is in surgery.", '正在受伤或患病'],
    ['车间主任喊我们扛八十斤一袋的料 我腰杆都闪了两回了 现在弯个腰都痛', '正在受伤或患病'],
    ["The kindergarten hasn't paid any of its 9 teachers for March and April.", '拖欠一群工人的工资'],
    ['The agency has not paid fifteen English-speaking cleaners since May.', '拖欠一群工人的工资'],
    ['He is holding back my December pay and New Year is in two weeks.', '春节前被拖欠工资'],
    ['我们五个洗车的都是这样 每个月工资都要少一两百', '拖欠一群工人的工资'],
    ['承包餐厅的公司这个月只给我们十几个服务员发了一半工资', '拖欠一群工人的工资'],
    ['院里三个月没给我们九个护理员发夜班费了', '拖欠一群工人的工资'],
    ['一个班子的老乡连我十一个 老板一分钱都没结 吃饭都是在小卖部赊的账', '生活难以为继：房租或吃饭钱没有着落'],
    ['小年都过了 老板还差我一万三的工钱没结', '春节前被拖欠工资'],
    ['前天晚上那场大风 把我屋头的石棉瓦屋顶整个掀翻了', '遭遇灾害（火灾、水灾、滑坡等），生活受到影响'],
    ['This morning my co-worker lost the tip of his finger in the cutting machine and is getting stitches.', '正在受伤或患病'],
    ['我老公肾衰竭 去年开始洗肾 每周要去医院洗三回', '正在受伤或患病'],
    ['老婆去年查出红斑狼疮 天天吃激素 隔半个月就要去住一回院', '正在受伤或患病'],
    ["My husband fainted in the heat at the building site this afternoon. He's on a drip at the county hospital now.", '正在受伤或患病'],
    ['厂里宿舍昨天半夜漏电烧起来了 我那间烧得精光 现在暂时睡在车间角角头', '遭遇灾害（火灾、水灾、滑坡等），生活受到影响'],
    ['前天晚上山洪下来 我屋一楼全是泥巴 现在住在亲戚家', '遭遇灾害（火灾、水灾、滑坡等），生活受到影响'],
    ["The foreman takes 10% off everyone's wages as a fee. There are 14 of us on the crew.", '拖欠一群工人的工资'],
    ['我老婆准备住院了 现在疼得下不了床 公司一分钱不出', '正在受伤或患病'],
    // Harm told by what it does now, and hunger told without the word money.
    ['刚刚装货 铁架子倒下来砸到他背上 现在喘不过气 脸都白了', '正在受伤或患病'],
    ['食堂的饭吃了以后我们好几个人都在呕吐 有个大姐站都站不稳', '正在受伤或患病'],
    ['厂里三个月没发钱了 屋头米缸都见底了 娃儿还要吃饭', '生活难以为继：房租或吃饭钱没有着落'],
    ['房东说这个礼拜不交租就换锁 我身上只剩三十块了', '生活难以为继：房租或吃饭钱没有着落'],
    ['物流园搬运队十几个师傅 两个月的钱都没有发', '拖欠一群工人的工资'],
    // People counted by the work they do.
    ['我们五个做外墙保温的 活干完两个月了 老板一分钱没结 电话也不接', '拖欠一群工人的工资'],
    // A crew told by who they are, pay owed without the word wages, pay put off to the year's end.
    ['我和另外两个师傅在他那儿贴了四十天砖 一天三百 到现在一分没见', '拖欠一群工人的工资'],
    ['张姐 小刘 王师傅还有我 四月份的钱都压起的', '拖欠一群工人的工资'],
    ['腊月都到了 我在他店里切了一年的菜 老板说年底一起算 现在又说手头紧', '春节前被拖欠工资'],
    ['手背上烫起一排水泡 现在还痛得很', '正在受伤或患病'],
    // Pay paid on time beside other pay held back; coughing blood; the eve named; the last coins in a pocket; a lot on a shift.
    ['工资倒是每个月按时发的 我们车间十几个人的加班费拖了三个月', '拖欠一群工人的工资'],
    ['在粉碎车间做了六年 咳了一个多礼拜 痰里带血 厂里不给安排体检', '正在受伤或患病'],
    ['离大年三十没几天了 老板只给我结了一半 剩下的说开春再说', '春节前被拖欠工资'],
    ['老板欠我一个月工资 电话打不通 我口袋里就剩二十块', '生活难以为继：房租或吃饭钱没有着落'],
    ['我们白班那一拨 两个月的工钱都没见到影子', '拖欠一群工人的工资'],
    // A crew counted roughly (a range, a hundred or so, a dozen of us); pay not received in any verb of receiving.
    ['搬运队一二十个人 这两个月的工钱一分都没领到', '拖欠一群工人的工资'],
    ['百把人的车间 三月份的计件钱到现在没收到', '拖欠一群工人的工资'],
    ['A dozen of us unload trucks at the depot and none of us has received the March wages yet', '拖欠一群工人的工资'],
    ['马上春运了 老板欠我的四千块工钱还没拿到', '春节前被拖欠工资'],
  ])('%s: urgent (%s)', (text, reason) => {
    expect(judgeUrgency(text)).toEqual({ urgent: true, reason });
  });

  it.each([
    '我在区人民医院做保洁 公司不给签合同',
    '我在医院上班 加班费从来不算',
    'The fire escape at our warehouse is blocked by boxes.',
    '我一个人被拖了三个月工资',
    '公司拖了我三个月工资 我跑了几个工地都没找到老板',
    '老板是李老三的装修队 大家都喊李老三装修队 他欠我一万一的工钱',
    '我借给我们组长五千块钱他一直不还 公司也拖了我一个月工资',
    '公司让我们签协议 说以后出了工伤最多赔两万',
    '我在人民医院食堂打菜 外包公司说每天要多干两个小时 工资不加',
    '上个月隔壁厂失火了 我们仓库的应急灯全部是坏的',
    '去年春节前的工资 老板拖到三月才发 今年想问问能不能要利息',
    '工会组织的女职工两癌筛查 我们店长一个都不给排',
    '上礼拜山上滑坡把进厂的路堵了 我迟到了两天 厂里按旷工扣了我三天工资',
    '车间四十度 高温补贴一分没有',
    '去年中暑过一次 早就好了 想问下高温补贴',
    '上个月做的胆囊手术 早就出院上班了 单位工会说帮我报互助 拖了两个月',
    '老伴瘫痪在床多年 我一个人挣钱 想申请送温暖',
    '前年在工地摔断了两根肋骨 早就长好了 包工头说好的赔三万 到现在只给了五千',
    '我爸下个月要住院换膝关节 手术早就排好了 自付部分要三万多 想申请点帮扶',
      // A hospital as the workplace, harm imagined or over, a disaster that struck others, two people owed.
    '我在区医院住院部做保洁 这个月加班费没算',
    '车间的防护网烂了 万一有人摔下去咋个办',
    '去年在工地摔断过腿 现在早好了 想问能不能评伤残',
    '同事老家遭了山洪 他请假回去公司算旷工 我想帮他问问',
    '隔壁厂房昨晚着火 我们今天停工 老板说不发工资',
    '我和我老公两个人在一个火锅店 老板欠我们一个月工资',
    '去年过年前那笔工钱现在还差一千 想问下能不能要',
    'Can they fire me for refusing to work on Sundays?',
    // An option left unticked on a form, the firm as the one owed, a disaster over and a clause that goes on about someone else.
    '【职工求助登记表】 问题类型：☑劳动报酬 ☐工伤 ☐帮扶 情况说明：计件单价从1.2元降到0.9元 没有通知',
    '老板说有个单位欠了我们公司二十几万印刷费 所以这两个月只发了我一半工资',
    '去年家里遭过火灾 房子现在已经修好搬回去了 为了修房子借了五万块 想申请帮扶',
    '朋友家 着火了 我想请两天假去帮忙 公司不准',
    // An allowance is no pay; arrears paid since; three months owed said with 已经 is still owed (see above).
    '车间热得像蒸笼 我们十几个人的防暑降温费一分都没见到',
    '去年我们班组八个人的工资拖了两个月 上个月已经全部发了 想问下利息能不能要',
    '包工头欠我一个人的工钱 其他人都结清了',
    // Arrears paid into the card since; pay feared, not owed; one of a crew owed alone; a fire across the landing.
    '我们装修队十几个人的工钱拖了一阵 昨天已经全部打到卡上了 想问问要不要签收条',
    '听说老板资金紧张 下个月可能发不出工资 我们几十个人都心慌',
    '我们那一批进来的有三十几个 就我一个人的试用期工资没发',
    '对门那家昨晚起火了 我吓得一夜没睡 今天迟到被扣了钱',
])('%s: not urgent', (text) => {
    expect(judgeUrgency(text).urgent).toBe(false);
  });
});

/** Where the written rules find nothing, the model trained on accounts labelled by them reads the account, and names the rule. */
describe('judgeUrgency beside the written rules alone', () => {
  it.each([
    ['我们修路这一拨人从开春干到现在 包工头一分人工都没拿出来 天天喊等上面拨款', '拖欠一群工人的工资'],
    ['我娘昨晚突然说话不清楚 送到区医院 医生说是脑梗 现在还在观察室', '有人正在医院（住院或急诊）'],
  ])('%s: the rules miss it, the ticket is urgent (%s)', (text, reason) => {
    expect(ruleUrgency(text).urgent).toBe(false);
    expect(judgeUrgency(text)).toEqual({ urgent: true, reason });
  });

  it.each(['去年冬天在工地摔过一跤 骨头早就长好了 现在想问问当时的误工费还能不能要', '厂里发的过节费今年取消了 我们车间都有意见'])('%s: not urgent', (text) => {
    expect(judgeUrgency(text).urgent).toBe(false);
  });
});
