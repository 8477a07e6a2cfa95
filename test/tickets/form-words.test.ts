import { describe, expect, it } from 'vitest';
import { findEmployerSpan } from '../../src/intents/slots.ts';
import { readConsent } from '../../src/tickets/consent.ts';
import { FIELD_BY_NAME } from '../../src/tickets/fields.ts';
import { readCorrections } from '../../src/tickets/corrections.ts';
import { judgeUrgency } from '../../src/tickets/urgency.ts';
import { plain, unfoldTable } from '../../src/tickets/words.ts';

/** The form's reading of workers' words, one row per utterance. */

describe('yes and no at the summary', () => {
  it.each([
    ['要得', 'confirm'],
    ['可以', 'confirm'],
    ['对的', 'confirm'],
    ['对头 就这样提交', 'confirm'],
    ['確認嘛', 'confirm'],
    ['就这样', 'confirm'],
    ['没问题', 'confirm'],
    ['好的提交', 'confirm'],
    ['OK', 'confirm'],
    ['Yes, submit it', 'confirm'],
    ['算球了，确认嘛', 'confirm'],
    ['算球了', 'cancel'],
    ['算了不登了', 'cancel'],
    ['我再想想', 'cancel'],
    ['先不弄了', 'cancel'],
    ['不搞了不搞了', 'cancel'],
    ['算了不弄了 怕领导晓得了给我穿小鞋', 'cancel'],
    ['Never mind, cancel it please.', 'cancel'],
    ['先不交 我回去问下我老婆再说', 'cancel'],
    ['我跟家里商量一下再说', 'cancel'],
    ['不了', 'cancel'],
    ['不用了谢谢', 'cancel'],
    ['要不算了吧', 'cancel'],
    ['就这么办', 'confirm'],
    ['算了 還是不登記了', 'cancel'],
    ['全对 交吧', 'confirm'],
    ['确认无误', 'confirm'],
    ['没毛病', 'confirm'],
    ['就按这个来', 'confirm'],
    ['Looks right', 'confirm'],
    ['等哈再说', 'cancel'],
    ['暂时不用了', 'cancel'],
    ['I changed my mind', 'cancel'],
    ['交社保', undefined],
    ['對的 確認', 'confirm'],
    ['不对', undefined],
    ['没', undefined],
    ['王明', undefined],
    ['老板说算了 不给钱', undefined],
    ['好的发吧👌', 'confirm'],
    ['对头 登嘛', 'confirm'],
    ['没问题 发出去嘛', 'confirm'],
    ['工资没发', undefined],
    ['发工资', undefined],
    ['莫得问题', 'confirm'],
    ['please go ahead and file it', 'confirm'],
    ['and', undefined],
    ['算啦', 'cancel'],
    ['👍👍 就这个', 'confirm'],
    ['不用麻烦了', 'cancel'],
    ['莫搞了', 'cancel'],
    ['懒得弄了', 'cancel'],
    ['等我想好了再说', 'cancel'],
    ["I'll do it myself", 'cancel'],
    ["I don't want to file it anymore", 'cancel'],
    ['no thank you', 'cancel'],
    ['唔使喇 我自己同公司倾掂咗 唔该晒', 'cancel'],
    ['今天先不报了 等我想清楚了再来找你们', 'cancel'],
    ['這張單先不要送 我剛剛跟老闆談好了', 'cancel'],
    ['撤了吧 我自己再去找人事', 'cancel'],
    ['嗯……还是等我先跟领导谈谈再说', 'cancel'],
    ['你别登记了 我怕麻烦', 'cancel'],
    ['当我没问哈 这个单子先别交 我再等等看', 'cancel'],
    ['先别提交上去', 'cancel'],
    ['确认 别改了', 'confirm'],
    // A held-back act inside a longer clause, and a matter put off to another day.
    ['想了一下 这个事还是先不办了', 'cancel'],
    ['我看了 确定不登记 就这样', 'cancel'],
    ['名字就不说了 整件事也暂时不弄了', 'cancel'],
    ['过两天等我问清楚了再来找你们', 'cancel'],
    ['这个登记还是免了吧', 'cancel'],
    ['你讲得有道理 单子就先不开了', 'cancel'],
    ["Please don't submit anything yet, I want to talk to my family first", 'cancel'],
    // Someone else holding back, reported words, and 别说 that means "let alone".
    ['老板说等发了年终奖再说', undefined],
    ['别说加班费 连底薪都没按时发', undefined],
    ['老板说算啦', undefined],
    ['麻烦了', undefined],
    ['no need to change anything', undefined],
    // 算了 that takes back what came before it in the same message, a new value after it: no cancellation.
    ['留我哥的吧 13594207731 哦算了 还是留我自己的 13983102286', undefined],
    ['算了 还是写我老婆的名字', undefined],
    // Interjections around a withdrawal.
    ['哎呀不用了 我问清楚了 是我自己搞错了', 'cancel'],
  ])('%s → %s', (text, want) => {
    expect(readConsent(plain(text))).toBe(want);
  });
});

const FIELDS = { name: '张伟', phone: '13996352210', employer: '恒通物流', district: '渝北区', description: '老板欠我两个月工资 一共六千块' };

describe('corrections change the field they name', () => {
  it.each([
    ['名字打错了 是王晓明', false, 'name', '王晓明'],
    ['张伟说错了 改成张玮 王字旁的玮', false, 'name', '张玮'],
    ['名字打錯了 是林小燕 燕子的燕', false, 'name', '林小燕'],
    ['电话说错了 尾数是01 13996352201 名字没错', false, 'phone', '13996352201'],
    ['号码少打了一位 是13996352201', false, 'phone', '13996352201'],
    ['电话换成 139-9635-2201', true, 'phone', '13996352201'],
    ['尾号改成88', false, 'phone', '13996352288'],
    ['电话尾数是2288 刚才打成2210了', false, 'phone', '13996352288'],
    ['营业执照上的名字是重庆恒通物流有限公司 刚才只说了个简称', true, 'employer', '重庆恒通物流有限公司'],
    ['等一哈 恒通是我上一家 现在这家是重庆锦程物业服务有限公司 我搞混了', false, 'employer', '重庆锦程物业服务有限公司'],
    ['单位是重庆恒达物流有限公司 不是恒通', true, 'employer', '重庆恒达物流有限公司'],
    ['说错了 公司叫鑫园餐饮 园是花园的园', false, 'employer', '鑫园餐饮'],
    ['说错了，工地其实在江北区，不是渝北', false, 'district', '江北区'],
    ['區縣說錯了 是南岸區 不是沙坪壩', false, 'district', '南岸区'],
    ['不是巴南区 是南岸区', false, 'district', '南岸区'],
    ['地方说错了 改成江津区', false, 'district', '江津区'],
    ['区县改成巴南区 厂子搬到巴南去了', true, 'district', '巴南区'],
    ['区县那里写綦江区 万盛早就并到綦江了 写万盛怕你们找不到', true, 'district', '綦江区'],
    ['店名写错了 是恒通火锅店', false, 'employer', '恒通火锅店'],
    ['不是恒通 是恒达', false, 'employer', '恒达物流'],
    ['情况改成：公司三年没交社保，也没交公积金', true, 'description', '公司三年没交社保,也没交公积金'],
    ["Sorry, wrong district, it's Jiangbei not Yubei", false, 'district', '江北区'],
    ['my phone number is wrong, it should be 13912345678', false, 'phone', '13912345678'],
    ['姓名：李思', false, 'name', '李思'],
    ['电话是一三九一二三四五六七八 刚才打错了', false, 'phone', '13912345678'],
    ['电话不对', true, 'phone', ''],
    ['My name is wrong, it should be Wang Xiaoming', false, 'name', 'Wang Xiaoming'],
    ['姓王 叫王晓明 刚才打错字了', false, 'name', '王晓明'],
    ['13883051267 这个才是我的号码 刚才的错了', false, 'phone', '13883051267'],
    ['公司名字说错了 改成重庆顺通劳务公司', false, 'employer', '重庆顺通劳务公司'],
    ['其实我是重庆顺通劳务派遣公司派过去的 单位应该写顺通', false, 'employer', '重庆顺通劳务派遣公司'],
    ['我是巫山县的 不是巫溪', false, 'district', '巫山县'],
    ['公司叫重庆恒达物流', true, 'employer', '重庆恒达物流'],
    ['區縣寫錯了 應該是江北區', false, 'district', '江北区'],
    ['單位改成重慶恆達物流', true, 'employer', '重庆恒达物流'],
    ['電話號碼錯了 換成13912345678', false, 'phone', '13912345678'],
    ['我在南岸 不在渝北', false, 'district', '南岸区'],
    ['区县搞错了 厂在大渡口区 只是我住九龙坡', false, 'district', '大渡口区'],
    ['地方改成铜梁区 不是合川', true, 'district', '铜梁区'],
    ['不是渝北哈 厂在江北', false, 'district', '江北区'],
    ['区县错了 我在江北上班 住渝北', false, 'district', '江北区'],
    ['名字还是写全名嘛 卢俊杰 登记要用的', true, 'name', '卢俊杰'],
    ["Could you put my full legal name instead of Zoe? It's Zhao Xinyi.", true, 'name', 'Zhao Xinyi'],
    ['单位后面把第二分公司加上 重庆恒通物流有限公司第二分公司', true, 'employer', '重庆恒通物流有限公司第二分公司'],
    ['我开头说的恒通是集团的牌子 合同上盖章的是重庆东湾包装有限公司', false, 'employer', '重庆东湾包装有限公司'],
    ['等一哈 区县弄成渝北了 我们厂是在荣昌的', true, 'district', '荣昌区'],
    ['对了 店不在渝北 是在大渡口 渝北那家是总店 我在分店', false, 'district', '大渡口区'],
    // At the summary a new value of an unmistakable kind replaces the field, with or without 说错了.
    ['南岸区 厂子在南岸', true, 'district', '南岸区'],
    ['用这个号 13912345678', true, 'phone', '13912345678'],
    ['重庆恒达物流有限公司 合同是跟这家签的', true, 'employer', '重庆恒达物流有限公司'],
    ['我上班的地方其实在两路 是江北区 公司注册在渝北', true, 'district', '江北区'],
    ['电话错了一位 最后是2201', true, 'phone', '13996352201'],
    // The field named after a word that opens the turn, and with 要 before the verb, at any step.
    ['对了 区县写江北区 工地在江北 渝北只是老家', false, 'district', '江北区'],
    ['哦 名字要写身份证上的 张晓伟', false, 'name', '张晓伟'],
  ] as const)('%s', (text, atSummary, field, value) => {
    const [change, ...more] = readCorrections(plain(text), FIELDS, atSummary ? 'confirm' : null);
    expect(more).toHaveLength(0);
    expect(change).toMatchObject({ field, value });
  });

  it.each([
    ['我姓何 单人何 不是加贝贺', '贺兰', '何兰'],
    ['我姓何 不姓贺', '贺兰', '何兰'],
    ['姓何 不是贺', '贺兰', '何兰'],
    ["It's John, J-O-H-N, not Jon", 'Jon Lee', 'John Lee'],
    ['My name should be spelled John Lee', 'Jon Lee', 'John Lee'],
    ['name: John Lee', 'Jon Lee', 'John Lee'],
  ] as const)('%s corrects %s to %s', (text, before, value) => {
    const [change, ...more] = readCorrections(plain(text), { ...FIELDS, name: before }, 'confirm');
    expect(more).toHaveLength(0);
    expect(change).toMatchObject({ field: 'name', value });
    expect(change?.rule).toBeTruthy();
  });

  it('corrects the story when the rejected words are in it, however the correction is put', () => {
    for (const text of ['欠的是九千不是六千', '受伤是去年五月 不是三月']) {
      const [change] = readCorrections(plain(text), { ...FIELDS, description: '去年三月受伤 老板欠我两个月工资 一共六千块' }, 'confirm');
      expect(change?.field).toBe('description');
      expect(change?.value).toContain(text);
    }
  });

  it('replaces the story when the worker tells it again, and adds a corrected detail to it', () => {
    for (const text of ['情况重新说一下：老板欠我三个月工资', '重新说一下情况 老板欠我三个月工资', '情况改一下：老板欠我三个月工资']) {
      expect(readCorrections(plain(text), FIELDS, 'confirm')[0]).toMatchObject({ field: 'description', value: '老板欠我三个月工资' });
    }
    const [detail] = readCorrections(plain('情况说得不对 应该是欠了三个月'), FIELDS, 'confirm');
    expect(detail?.value).toContain('一共六千块');
    expect(detail?.value).toContain('欠了三个月');
  });

  it('keeps the old story and adds a corrected amount to it', () => {
    const [change] = readCorrections(plain('金额说错了 是欠了三个月 九千块 不是两个月'), FIELDS, null);
    expect(change?.field).toBe('description');
    expect(change?.value).toContain('九千');
    expect(change?.value).toContain('六千');
  });

  it('reads the account asked for as the account, unless it says something was wrong', () => {
    const { description: _, ...noStory } = FIELDS;
    expect(readCorrections(plain('不是我不想干 是公司在江北区的厂搬走了 三个月工资没结'), noStory, 'description')).toEqual([]);
    expect(readCorrections(plain('区县说错了 是江北区'), noStory, 'description')[0]).toMatchObject({ field: 'district', value: '江北区' });
  });

  it('takes the name after the words that say how much was wrong, and reads Sichuan 岔 as 错', () => {
    expect(readCorrections(plain('名字刚才写错了个字 是明天的明 张明'), FIELDS, 'phone').find((c) => c.field === 'name')?.value).toBe('张明');
    expect(readCorrections(plain('单位说岔了 现在这家叫重庆恒达物流有限公司'), FIELDS, 'name')[0]).toMatchObject({ field: 'employer', value: '重庆恒达物流有限公司' });
  });

  it.each(['王明', '重庆长江电缆有限公司', '确认', '是江北区'])('%s is no correction', (text) => {
    expect(readCorrections(plain(text), FIELDS, null)).toEqual([]);
  });
});

describe('the employer comes from the clause about who the worker works for', () => {
  it.each([
    ['我叫罗兰 电话13638447712 在渝中区鑫源餐饮公司上班 老板两个月没发工资了', '渝中区鑫源餐饮公司'],
    ['我在重庆华南建设公司的工地上干活 从架子上摔下来', '重庆华南建设公司'],
    ['我在美团上跑外卖 但是合同是跟一家叫重庆快驰人力资源公司签的', '重庆快驰人力资源公司'],
    ['我在区人民医院做保洁 医院说我们不归他们管 我们是重庆洁美物业公司的人', '重庆洁美物业公司'],
    ['我们是重庆渝通人力资源公司派到长安汽车车间的派遣工', '重庆渝通人力资源公司'],
    ['I work for Chongqing Jinyu Logistics in Shapingba.', 'Chongqing Jinyu Logistics'],
    ['单位是重庆恒达物流有限公司', '重庆恒达物流有限公司'],
    ['我在饿了么上跑单 但是我是跟重庆蜂鸟配送服务公司签的合同', '重庆蜂鸟配送服务公司'],
    ['我老公在重庆钢铁集团上班 我自己在永辉超市做收银', '永辉超市'],
    ['我以前在重庆红星机械厂上班 现在在重庆新天地物流公司做司机', '重庆新天地物流公司'],
    ['我是重庆大学的保安 但是合同签的是重庆平安保安服务公司', '重庆平安保安服务公司'],
    ['我在万达广场做保洁 归重庆洁净家政服务公司管', '重庆洁净家政服务公司'],
    ['医院里搞保洁的 不是医院的人 是保洁公司的 洁康公司 三个月没给我们交社保了', '洁康公司'],
    ['我被重庆恒丰物流有限公司辞退了', '重庆恒丰物流有限公司'],
    ['我被公司开除了，公司名叫重庆恒丰物流', '重庆恒丰物流'],
    ['我们在重庆建工集团的工地上干活 是重庆万达劳务公司招的', '重庆万达劳务公司'],
    ['My name is Peter Chen, I work for Chongqing Lianhe Foods Co., Ltd. in Beibei district.', 'Chongqing Lianhe Foods Co., Ltd.'],
    ['I work for the Chongqing Metro Group', 'the Chongqing Metro Group'],
    ['我在华美物业的小区当保安 但是派我去的是一家保安公司 叫重庆铁卫保安服务有限公司', '重庆铁卫保安服务有限公司'],
    ['物业公司是重庆优居物业服务有限公司 但发工资的是它外包的重庆净美保洁服务有限公司', '重庆净美保洁服务有限公司'],
    ['老板是李老三的装修队 没得公司名字 大家都喊李老三装修队', '李老三装修队'],
    ['我在万象城的一家奶茶店上班 奶茶店是重庆甜心餐饮管理有限公司开的', '重庆甜心餐饮管理有限公司'],
    ['我们是给美团配送站送餐的 但站点承包商是重庆疾风物流有限公司', '重庆疾风物流有限公司'],
    ['我在重庆顺丰速运有限公司的仓库 但我是重庆快捷人力资源有限公司派遣过去的', '重庆快捷人力资源有限公司'],
    // A registered name that holds 了, and an English registered name inside a Chinese story.
    ['执照上写的是重庆来了就好餐饮有限公司 我在后厨', '重庆来了就好餐饮有限公司'],
    ['劳动合同上只有英文 Harbor Light Logistics (Chongqing) Co., Ltd. 我在他们仓库拣货', 'Harbor Light Logistics (Chongqing) Co., Ltd.'],
  ])('%s', (text, employer) => {
    expect(findEmployerSpan(plain(text))?.value).toBe(employer);
  });

  it.each([
    '物流公司拖了我们整个车队司机两个月工资',
    '我被公司开除了 一分钱不给',
    '我在厂里上班 老板拖欠我们车间工资',
    '我在沙坪壩區一家工廠上班',
    '我是沙坪坝区的 现在在医院',
    '重庆鑫宇劳务公司欠我们工资 我在中建八局的工地上干活',
    '我们是保洁公司的',
    '甲方重庆置地公司不给钱 我们劳务公司就不发工资',
    '总包是重庆建工集团 老板跑了',
    '我在一家劳务派遣公司上班',
    'I work at a big warehouse in Yubei',
    '入职的时候公司让我自己垫钱买了一套工具',
    '上个月隔壁厂失火了 我们仓库的应急灯全部是坏的',
    '我在一家奶茶店上班',
    '车是挂靠在重庆安运物流有限公司名下的 但我是给车主开',
    '麻烦你们帮我问下公司 为啥扣我全勤',
    '想请工会帮我们跟公司说一下 食堂太贵了',
  ])('%s names no employer', (text) => {
    expect(findEmployerSpan(plain(text))).toBeUndefined();
  });
});

describe('the answer to the employer question keeps the firm, not the sentence around it', () => {
  it.each([
    ['重庆恒丰物流欠我工资', '重庆恒丰物流'],
    ['我在重庆恒丰物流干了三年 被开除了', '重庆恒丰物流'],
    ['我给重庆恒丰物流开车 老板拖了我三个月工资', '重庆恒丰物流'],
    ['老板是重庆恒丰物流的 欠了我们工钱', '重庆恒丰物流'],
    ['就是恒丰物流 在南岸', '恒丰物流'],
    ['我被公司（重庆恒丰物流有限公司）开除了', '重庆恒丰物流有限公司'],
    ['我在美团上跑外卖', '美团'],
    ['永辉超市', '永辉超市'],
    ['Chongqing Jiejing Property Services Co., Ltd.', 'Chongqing Jiejing Property Services Co., Ltd.'],
  ])('%s → %s', (text, employer) => {
    expect(FIELD_BY_NAME.employer.parse(text, plain(text))).toBe(employer);
  });

  it.each(['我被公司开除了', '公司欠我工资不给', '等哈', '不晓得'])('%s names no firm', (text) => {
    expect(FIELD_BY_NAME.employer.parse(text, plain(text))).toBeUndefined();
  });
});

describe('urgency follows the written rules and says why', () => {
  it.each([
    ['今天早上在车间被叉车撞了 同事把我送到医院 脚肿得动不了', '医院'],
    ['受伤了 医药费没人出 老板不管', '受伤'],
    ['我确诊了乳腺癌 现在正在化疗', '患病'],
    ['老板拖欠我们车间二十几个人两个月工资了', '一群工人'],
    ['My employer hasn\'t paid our team of six for two months.', '一群工人'],
    ['都腊月二十了 老板还不给我结账 一年的工钱都在他那里', '春节'],
    ['请帮帮我 老板欠了三个月工资 房租都快交不起了', '房租'],
    ['前天暴雨 山上滑坡 把我家房子冲垮了', '灾害'],
    ['工地上摔断了腿 现在躺在家里 老板不给医药费', '受伤'],
    ['在厂里被机器绞伤了手指 刚从医院出来 现在还在换药', '受伤'],
    ['My husband is in the hospital after a stroke', '医院'],
    ['我上个月在车间把手指切了 医药费一直是自己垫的 公司不管', '受伤'],
    ['我干活时从架子上掉下来 腰伤了 医药费没人给报', '受伤'],
    ['我的腿在工地被砸了 公司不给看病钱', '受伤'],
    ['老汉在厂里病倒了 看病的钱公司一分不出', '医药费'],
    ['我们是劳务公司派到医院的护工 一共三十多个人 三个月没发钱了', '一群工人'],
    ['我们搅拌站的罐车司机 五个人三个月的趟数钱一分都没结', '一群工人'],
    ['食堂十二个阿姨被一起辞了 工资也还差半个月', '一群工人'],
    ['夜班工资三个月没发了 就我们一个小组的事', '一群工人'],
    ['班组十一人每月被克扣绩效工资五百元', '一群工人'],
    ['全园十几个老师 园长三个月没发工资了', '一群工人'],
    ['一起八个人 腊月了老板还欠着四万多没给', '一群工人'],
    ['我摔伤了 还在家养伤 老板不管', '受伤'],
    ['兄弟伙们半年工钱没拿到', '一群工人'],
    ['一帮人的工资被拖了两个月', '一群工人'],
    ['我和几个同事的工资被扣了', '一群工人'],
    ['扣了我们全部加班费 我们车间三十个人', '一群工人'],
    ['刚做了手术 在家躺着动不了 老板不给钱', '受伤'],
    ['食堂承包商把我们五个阿姨的工资压了一个月', '一群工人'],
    ['我们班组干了大半年 老板一分没给 眼看要过年了', '一群工人'],
    ['包工头说年底结 现在腊月了 我们班组一分没见到', '一群工人'],
    ['物流公司欠了我们车队司机三个月运费', '一群工人'],
    ['伤口还没好 每天要去换药 老板不给报', '受伤'],
    ['腊月了 包工头还差我们三万多', '春节'],
    ['老板说等过了年再结 我们一起干活的五个人都没拿到', '一群工人'],
    ['眼睛被铁屑崩了 在诊所处理了 现在看东西还是模糊', '受伤'],
    ['我一个人的活路钱年前到现在一分都没拿到', '春节'],
    ['上个月在车上被乘客打了 脸上到现在还青起的', '受伤'],
    ["I slipped on the stairs this morning and my ankle is swollen, I can't walk.", '受伤'],
    ["My wife was hit by a forklift an hour ago. She's in the emergency room now.", '医院'],
  ])('%s is urgent', (text, why) => {
    const u = judgeUrgency(text);
    expect(u.urgent).toBe(true);
    expect(u.reason).toContain(why);
  });

  it.each([
    '前年在厂里被机器压伤了手 早就好了 现在在家也没啥事 就想问问工伤认定材料要补哪些',
    '工伤的事早就处理完了 钱也赔了 人好好的 想问伤残复查',
    '手术早就做完了 人也回家了 想问报销的手续',
    '去区总工会办建档 窗口那个工作人员态度差得很 我要投诉',
    '建议工会驿站多装几个充电插座',
    '我们天天加班 加班费一直不算 想投诉',
    '公司不给我们买工伤保险',
    '南坪那个工会驿站老是关门 中午想进去热个饭都不行',
    '做完手术出院了 在家休养 但是医药费老板不报',
    'I was injured last year but I have recovered, I just want to ask about the paperwork',
    '手术上个月就做完了 现在人在家 想问问单位该报的钱怎么报',
    '住院治疗结束了 出院回家一个月了 公司还没给报销',
    '包工头跑了 我去找他屋头也没人',
    '手续办了半年 手机上也查不到',
    '我们屋头遭贼了 老板还扣我工资',
    '我和老婆两个人在厂里上班 老板拖了一个月工资',
    '老板欠我五个月工资',
    '公司三个月没给我交社保了',
    '做了手术 现在在家里休息 想问工伤待遇',
    '伤好得差不多了 回来上班了 但是工伤认定单位不给办',
    "Last year I had surgery after a fall at work. I'm home now and fine, but the company won't process my injury claim.",
    '工伤鉴定结果出来了 单位不认',
    '公司拖欠我一个人的工资',
    '厂里车间四十度 高温补贴一分没有',
    '三年前受过伤 现在早就好了 想问问伤残补助',
    '老板打电话骂我 我要投诉',
    '伤口早就好了 想问工伤认定',
    '我们车间的劳保用品都没发',
    '车间通知说过完年再开会',
    'My salary was hit by a pay cut last month',
  ])('%s is not urgent', (text) => {
    expect(judgeUrgency(text)).toEqual({ urgent: false });
  });
});

describe('a table pasted from a spreadsheet', () => {
  it('reads each value beside its own heading, and leaves other lines as they are', () => {
    const raw = '姓名\t电话\t单位\t区县\n龚建\t17700700035\t重庆鼎新混凝土有限公司\t江津区\n问题：出车补助三个月没发了';
    expect(unfoldTable(raw)).toBe('姓名：龚建 电话：17700700035 单位：重庆鼎新混凝土有限公司 区县：江津区\n问题：出车补助三个月没发了');
    expect(unfoldTable('我们厂  欠薪\n好多人')).toBe('我们厂  欠薪\n好多人');
  });
});
