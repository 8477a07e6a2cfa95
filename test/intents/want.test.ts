import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { classify, useIntentModel, type IntentModel } from '../../src/intents/classifier.ts';
import { normalizeText } from '../../src/intents/normalize.ts';
import { asksToActAnew, combineWant, wantOf } from '../../src/intents/want.ts';
import { detectIntent } from '../../src/intents/detect.ts';

/** A message with knowledge behind it (the score only decides between ask and vague). */
const want = (text: string) => wantOf(normalizeText(text), 1);

describe('a request to act, however it is put', () => {
  it.each([
    ['车间里热得要命 防暑的东西一样没发 请工会来看看'],
    ['我们食堂天天馊饭 想请人来查一下'],
    ['合同到期不续也不给补偿 希望娘家人出面协调'],
    ['包工头跑了 工钱没着落 大哥帮个忙嘛'],
    ['帮下忙噻 老板拖了我们半年工资'],
    ['公司逼我们签自愿放弃社保 你们工会到底管不管'],
    ['干了三年说辞就辞 就没人管吗'],
    ['工地扣了我两千块押金不退 我要讨个说法'],
    ['單位拖欠加班費 請工會出面幫我們'],
    ['我在厂里被压伤过手 早就好了 想问问认定材料要补哪些 想请人帮忙看看'],
    ['Could you please look into this? My employer fired me without notice.'],
    ['I need the union to step in, they have not paid our team for two months'],
    ['We want to report our boss, he takes money from our wages every month'],
    ['工会可以帮我查查这个事吗 公司说我旷工把我开了'],
    ['麻烦把我的投诉转给相关部门 公司一直拖着不给我办离职手续'],
    ['能不能帮我把这个事情反映到区总工会 我们公司两年没调过工资'],
    ['帮我跟领导反映一下嘛 车间主任天天骂人'],
    ['Could the union look into my case? The company cut my salary without telling me.'],
    ['Could someone from the union contact my employer? They owe me 15000 yuan.'],
    ['工会年卡买了 公园进不去 说是没录入 你们能不能帮忙弄一下'],
    // Asked to record it, to send someone, to sign the worker up; a demand in the middle of an angry story.
    ['食堂的饭菜钱从十五涨到二十五 没人通知 你们帮我记一下'],
    ['你们可不可以派个人到我们车间去看一下 通风扇坏了半个月'],
    ['Could the union call my agency and ask why my pay is short?'],
    ['The warehouse stopped our night-shift bonus. Can you put this on record?'],
    ['家里就我一个人挣钱 娃儿生病 我想给自己报个名 申请帮扶'],
    ['我在超市理货三年了 你们今天就给我登上 每个月扣五十块服装费 问主管 主管说谁管你 凭啥子嘛'],
    ['听说下个月要裁员 我想先在工会这里登个记 到时候好有个凭据'],
    ['厂里的工作服今年要自己出钱了 不晓得为啥子 拜托你们帮着问一声'],
    ['包工头少算了我十天 我嘴笨讲不过他 能不能帮我去跟他把账对一下'],
    ['厂里喊我们班组签自愿加班协议 我们又没说啥子 像这种情况工会是不是可以出面找厂里问一下?'],
    ['希望工会能过问一下我们厂拖欠工资的事'],
    // On behalf of someone else, sent to go and ask, or to make it known above.
    ['他在隧道里打风钻 包工头每个月只给他五百块生活费 你们能不能帮他问一下'],
    ['老板扣了我一千二 说我碰坏了柜子 你们帮我去问一下嘛'],
    ['合同工不准参加运动会 这个我想让上面的工会晓得一下'],
    ['公司要整体搬去外省 不去就算辞职 一分补偿都没有 有没有人管一下🙏'],
    ['我要告的是我以前那家公司 走的时候还差我两个月工资'],
    ['你们帮我把这个事情弄归一嘛 老板拿洗衣液抵工资'],
    ['Please you talk to them for me? No contract, no overtime money.'],
    ['They refuse to pay my last two months. Can the union go after them for the money?'],
    ['Please log a complaint: two months of overtime are still owed to me by my employer.'],
    ['屋头就靠我一个人上班 听说工会年底有送温暖 能不能把我也算进去 帮我报个名嘛'],
    ['工会驿站天天锁门 请你们管一管'],
    ['老板跑了 我们咋个办嘛 工会给我们做个主嘛'],
    ['厂里要我们签自愿放弃社保的协议 不签就走人 这个你们工会要管哈'],
    ["My employer is forcing me to resign without compensation. I need the union's help."],
    ['Hi, my factory fired me after I got injured. What can the union do for me? Please help.'],
    // A question the union is to put to the employer is part of the request; so is a polite request's own question mark.
    ['夜班补贴跟入职时说的不一样 你们帮我问问公司到底按什么发的'],
    ['押金交了半年还不退 你们帮忙去问问到底卡在哪一步了'],
    ['請問工會能幫忙調解嗎 經理要把我從門店調去倉庫 工資還要少一千'],
    ['这个事想让你们晓得 我们车间的防暑药品从来没发过'],
    ['请转告相关部门 我们小区的环卫工人三个月没拿到工资'],
    ['这个事你们管一下嘛 老板扣了我们全部押金'],
    ['求求你们了 公司要我们自愿离职 不给补偿'],
    ['老板跑路了 工资没人发 咋个办 你们帮下忙嘛'],
    ['Could you ask someone to check why my hardship aid application was rejected?'],
    ["I'd like to report my factory for not paying social insurance."],
    ['工会能不能帮我问问 公司凭什么扣我绩效'],
    ['我想把这个情况反映给上级工会 我们厂天天加班到晚上十点'],
    ['救命啊 老板卷钱跑了 我们二十多个工人怎么办'],
    ['车间的灭火器都是空瓶子 通道也堵死了 我想匿名举报'],
    ['我想匿名投诉我们公司'],
    ['help! my boss ran away with our wages'],
    ['我们厂最近说要搬到璧山去 不去的话就算自己辞职 不给补偿 我想问一下工会能不能帮我们'],
    ["We'd like to lodge a complaint: the canteen has served spoiled food all week."],
    ['Can you file this for me? The site office kept my deposit.'],
    ['I need a lawyer. The company says I broke the contract and wants me to pay them.'],
    ['你们不是说有大病救助吗 我爸住院了 我要申请'],
    ['我只有找工会了 厂里说不要我就不要我了'],
    ['你们能不能帮我去找一哈我们那个劳务公司嘛 合同到期了说不续了 补偿一分都不给'],
    ['麻烦你帮我反映一下 车间主任天天喊我们加班 加班费一分没有'],
    ['老板欠了我们班组半年工资 你们能不能帮我们去催一下'],
    ['我把电话发出来了 你们私下联系我嘛 老板拖了我们两个月工钱'],
    ['Can the union register a complaint? My employer cut my pay without telling me.'],
    ['Could the union help? My company deducted 500 yuan from my pay for being late once.'],
    ['They owe me two months of salary. Could you take this up?'],
    // Someone sent to the employer for the worker, the union standing up for them, a plan asked for, papers passed up.
    ['工头欠我八千块 你们帮我找他要回来嘛'],
    ['厂里扣了全车间的高温费 管得着的话帮我找人说一下'],
    ['工会可不可以替我们出个头 物业公司三个月没发工资了'],
    ['我们十几个人半年没拿到钱 工会能不能帮我们想个办法'],
    ['我娃儿白血病 屋头实在撑不下去了 你帮我把帮扶申请递上去嘛'],
    ['老板说试用期不算工资 白干了一个月 这事能不能帮我反映'],
    ['工资拖了三个月 一分没给 你们帮我一下嘛'],
    ['唔該 我喺重慶做咗三年點心師傅 老闆成日拖糧 淨係我一個嘅人工 六千幾蚊 可唔可以幫我同老闆講下'],
    ['老板话试工期冇人工 做咗成个月一蚊都唔俾 可唔可以帮我搞掂佢'],
    ['The agency takes 800 yuan from my pay every month for nothing. Could the union follow this up?'],
    ['My supervisor told us not to report the accident where my co-worker was hurt. Is there anything the union can do?'],
    // Policy terms added for a colloquial word (骨折 → 职业伤害, 外卖 → 新就业形态劳动者) do not hide how the message ends.
    ['我在工地上摔了 腿骨折了 工会能帮我吗'],
    ['我是送外卖的 站点扣我钱 你们能帮我不'],
    ['老板欠了我四千块工钱跑了 工会能帮一下不'],
    ['加班钱从来没算过 一个月加一百多个钟头 工会管不管嘛'],
    ['妈哟 干了三个月 老板说我手脚慢 工钱只给一半 这什么世道 工会管得了不'],
    ['有没有哪个可以帮我们去跟老板说一声 厂里冬天车间不给开暖气'],
    ['工会的人能不能来我们工地看一哈 脚手架都是烂的 包工头说没钱换'],
    ['求你们给评个理 我们公司一年到头没休过一天年假'],
    ['hey so the app i ride for cut the per-order rate again. can u guys push this up the chain?'],
    ["My mum burnt her forearm at the laundry and the company won't cover anything. Could you help her file this?"],
  ])('%s', (text) => {
    expect(want(text)).toBe('act');
  });
});

describe('a question stays a question', () => {
  it.each([
    ['请问工会年票多少钱'],
    // Asking whether the union can do a thing, beside a question of the worker's own, asks about it.
    ['工会能帮忙调解吗 劳动争议一般咋个处理'],
    ['麻烦问一下疗休养一年几天'],
    ['工会管不管劳动合同纠纷'],
    ['单位把我的身份证复印件到处乱放 我咋个保护自己的个人信息 工会管不管'],
    ['Can I get the annual pass if I am a delivery rider?'],
    ['学校放假 双职工家里娃儿没人管 工会开不开托管'],
    ['工会到底管不管欠薪 管的话找哪里'],
    ['帮扶的事 你们管不管'],
    ['你们能帮我处理公司的事吗'],
    ['能不能帮忙弄一下'],
    ['工会能不能帮我解决点困难'],
    ['你们处理劳动合同纠纷吗'],
    ['老板欠薪咋个办'],
    ['会员卡怎么办理 帮个忙'],
    ['What can the union do for workers?'],
    ['年票可以转给朋友用不 实名不'],
    ['我能不能自己去劳动监察反映'],
    ['麻烦问一下疗休养报名找哪个'],
    ['能不能问问年票的事'],
    ['工会能不能帮我们'],
    ['工会能不能帮我问下年票多少钱'],
    ['How do I apply for legal aid?'],
    ['我想申请大病救助 要准备哪些材料'],
    ['在车间摔伤了 这个算工伤不'],
    ['我妈住院了 工会有没得慰问'],
    ['你们能不能找一下这个规定'],
    ['工会会不会联系我'],
    ['Is there anything the union can do for retired workers?'],
    ['困难帮扶的申请表填好了 是交到街道还是交上去给区总工会'],
    ['被裁员之后公司就不交社保了 这种情况工会管不管'],
    ['老婆查出白血病 要做移植 我是会员 工会能帮一把不'],
    ['可以去哪里查一下年票'],
    ['工会能不能来厂里搞活动'],
    ['是发现金还是转账'],
  ])('%s', (text) => {
    expect(want(text)).not.toBe('act');
  });
});

describe('a demand about something new, not the progress of something reported', () => {
  it.each([
    ['干了三年说辞就辞 一分补偿没有 就没人管吗', true],
    ['上次反映的事 有没有人管', false],
    ['我的工单到底有没有人管', false],
  ])('%s -> %s', (text, anew) => {
    expect(asksToActAnew(normalizeText(text))).toBe(anew);
  });
});

describe('a grievance told to the union with nothing asked asks for help', () => {
  it.each([
    ['我在表哥开的汽修店帮忙 也没签合同 他五个月没给我工钱了 说亲戚之间算那么清楚做啥子'],
    ['我在一所中學的食堂打菜 每天做十一個鐘頭 加班費從來沒算過'],
    ['我在老三厂上班 今年开始厂里的夜班补贴不发了 说是效益不好'],
    ['前年的工伤 伤早就好了 一次性伤残补助金公司到现在都没给'],
    ['公司说要搬仓库 把我们的班车取消了 又不给交通补贴'],
    ['My boss never gave me a contract and now he pays no overtime at all.'],
    // A question said for effect asks nothing: 凭啥子 is anger, not a question.
    ['搬家公司这个月扣了我一千二 说我碰坏了柜子 他们凭啥子扣我的'],
    // What the worker asked the boss is no question to the union; 还是 as "still" asks nothing either.
    ['工资是发了 就是比上个月少了三百 问也不说为啥 交了房租手头紧巴巴的 不过吃饭还是够'],
    ['出差垫的车费两千多 交上去三个月了 公司一直不报'],
    ['我们车间二十六个人 夏天就两台风扇 说了好几年要装空调 一直没装'],
  ])('%s', (text) => {
    expect(want(text)).toBe('act');
  });

  it.each([
    ['公司把我社保停了 这种事工会管得到不'],
    ['走了一年多了 之前欠我的工钱还可以去告不'],
    ['我才干了4个月就被辞退了 有补偿没'],
    ['公司没给我交工伤保险 出了工伤谁赔'],
    ['周末叫我们来加班又不给调休 加班费按好多算'],
    ['社保个人那部分是我自己交还是公司扣'],
    ['被裁员之后公司就不交社保了 这种情况工会管不管'],
    ['坐轻轨去上班 轻轨出事故受伤了 工伤认不认'],
    ['The company deducted 300 from my pay for being late. Is that legal?'],
    // Hard times told without a workplace doing anything are no grievance against anyone.
    ['屋头老人生病住院了 最近手头好紧'],
    ['听说有的公司连社保都不给交'],
  ])('%s', (text) => {
    expect(want(text)).not.toBe('act');
  });
});

describe('an act named only to be put off is no request', () => {
  const understood = (text: string) => detectIntent(normalizeText(text), { hits: [] }).want;
  it.each(['暂时先不登记 我想再观察一下', '我不想投诉 就问问 加班费怎么算', '先别报上去 我再看看', "I'd rather not open a case for now, I just wanted to know the rule on night shifts"])('%s', (text) => {
    expect(understood(text)).not.toBe('act');
  });
  it.each(['不想投诉 但是想请工会帮我去问问老板', '别的先不说 帮我投诉一下'])('a request after it still asks: %s', (text) => {
    expect(understood(text)).toBe('act');
  });
});

describe('how sure the learned head must be ships with the model', () => {
  const shipped = JSON.parse(readFileSync(new URL('../../src/intents/intent-model.json', import.meta.url), 'utf8')) as IntentModel;
  afterEach(() => useIntentModel(shipped));
  // A question the cues read as asking, to which the head gives some share of "act".
  const t = normalizeText('公司拖了我三个月工资 这种情况工会一般咋个处理');
  const p = () => classify(t)!.want.act ?? 0;

  it('a bar under the head’s share makes the message a request to act, a bar over it leaves the cues’ reading', () => {
    expect(wantOf(t, 1)).not.toBe('act');
    useIntentModel({ ...shipped, actMinP: p() / 2 });
    expect(combineWant(wantOf(t, 1), classify(t), t)).toBe('act');
    useIntentModel({ ...shipped, actMinP: Math.min(1, p() * 2 + 0.01) });
    expect(combineWant(wantOf(t, 1), classify(t), t)).toBe(wantOf(t, 1));
  });
});
