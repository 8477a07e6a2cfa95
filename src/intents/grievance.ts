import { withoutAddedTerms } from './normalize.ts';

/**
 * A worker telling the union what their workplace did to them, and asking nothing: "夜班补助说好一晚三十
 * 半年了一直没打过", "my boss never gave me a contract and now pays no overtime". Told to the union, such
 * a story asks for help even when no request word is in it; asked as a question ("这样合法吗", "能赔
 * 多少") it asks for information instead.
 */

/** Something done to the worker at work: pay withheld, cut or docked, a fine, a right refused, a dismissal, an injury, pressure. */
const SUFFERED = new RegExp(
  [
    '(?:没|不|未|没有|没得|莫得|冇)(?:给|发|付|结|打|算|补|赔|报销|报(?!名|警|案|考)|兑现|签|交|缴|买|装|修|换|解决|落实)',
    '扣|罚|克扣|砍|拖欠|拖着|拖(?:了|起)(?:我|我们)?(?:的)?(?:[一二两三四五六七八九十半几\\d]+(?:个)?(?:月|年|天|礼拜|星期)|工资|工钱)|欠(?:我|我们|了|着|起|工资|工钱)|少(?:给|发|算|了)|只(?:给|发|算)|压着|降(?:了|到|成)|减(?:了|到|成)',
    '停(?:发|了|掉)|取消(?:了)?|断(?:了|缴|交)|收(?:走|了)(?:我|我们)?的?(?:身份证|押金)',
    '辞退|开除|炒(?:了|掉)|赶(?:走|出)|劝退|裁(?:掉|员|了)|不要(?:我|我们)了|解除',
    '受伤|伤(?:了|到|着)|骨折|缝了|划(?:了|伤|破)|砸(?:到|伤|了)|压(?:到|伤|断)|摔(?:了|伤|断)|烫(?:伤|了)|住院|工伤|晕倒',
    '不准|不让|不许|逼(?:我|我们)|强迫|强制|硬要|非要(?:我|我们)|骂(?:我|我们)|打(?:了)?(?:我|我们)(?!电话|工|卡)',
  ].join('|') +
    "|\\b(?:never|not|didn'?t|don'?t|doesn'?t|won'?t|refus\\w*|haven'?t|hasn'?t|stopped) (?:\\w+ )?(?:pay|paid|paying|give|gave|giving|sign|signed|cover|covered)\\b|\\b(?:owe[sd]?|unpaid|deduct\\w*|docked|fined|fired|dismissed|laid off|sacked|withh[eo]ld\\w*|injur\\w*|hurt|stitches|fainted|forced)\\b|\\bno (?:overtime|pay|salary|wages?|contract|compensation|money)\\b",
  'i',
);

/** The worker, or someone of theirs they speak for. */
const SELF = /我|俺|咱|本人|老公|男人|老婆|媳妇|爸|妈|儿子|女儿|屋头|家里|\b(?:i|i'm|me|my|we|us|our|husband|wife|son|daughter)\b/i;

/** Told of others: "听说有的公司不交社保". Without it a story with no subject is the worker's own ("工伤补助金公司到现在都没给"). */
const HEARSAY = /听说|据说|有的|有些|别人|别个|人家|朋友|邻居|亲戚|网上|新闻|\b(?:heard|some companies|a friend|my friend|others?)\b/i;

/** A workplace or its pay: where the harm comes from. */
const WORK = /老板|公司|单位|厂|车间|工地|项目|店|站点|平台|上班|岗位|领导|主管|经理|组长|班长|工头|包工头|工资|工钱|人工|薪|加班|补贴|补助|提成|奖金|社保|合同|押金|夜班|\b(?:employer|boss|company|factory|site|shop|store|school|foreman|manager|supervisor|salary|wages?|pay|overtime|contract|bonus|shift)\b/i;

/**
 * Said for effect, not to learn anything: "凭啥子扣我的", "哪有这样的", "这像话吗", "还有没有王法", "这什么世道"; and a
 * question word after a negation, which means "any" ("我们又没犯啥子错").
 * Taken out before looking for a question.
 */
const RHETORICAL = /凭(?:啥子?|什么|哪样)|(?:没|没有|不)[^，,。？?\s]{0,2}(?:啥子?|什么)(?![^，,。\s]{0,4}(?:吗|嘛|[?？]))|(?:谁|哪个)(?:来)?管(?:我|我们)(?![\u4e00-\u9fff])|(?:什么|啥子?)(?:世道|玩意儿?|人嘛)|(?:咋|怎么)(?:可能|能这样|好意思)|哪有这样|(?:像话|讲理|是人干的事)(?:吗|不|嘛)?|还有没有(?:王法|天理)|有没有搞错|为(?:啥子?|什么)(?=[^，。,.?？]{0,12}(?:扣|罚|不给|不发|没给|没发|欠))/g;

/**
 * What someone else said, up to the end of its clause, the speaker named or left out ("他五个月没给我工钱了 说亲戚之间
 * 算那么清楚做啥子"): the boss's retort, not the worker's question.
 */
const THEIR_WORDS = /(?:(?:老板娘?|他们?|她|公司|厂里|单位|主管|经理|组长|班长|领导|包工头|工头|人事|财务|对方)(?:还|就|又|都|只)?|(?:^|(?<=[\s，,。]))(?:还|就|又)?)(?:说|讲|喊|回)(?:的是)?(?!实话|真的|一下|下)[^，。,.!?？！\s]*/g;

/** A question for information: a question word or mark, or a verb asked both ways (管不管, 发不发). "十几个人", "好几个月" count; they do not ask. */
const QUESTION =
  /多少|好多(?![人个次回遍家工同年])|哪些|哪个|哪里|哪儿|在哪|谁|什么|啥|怎么|咋|如何|条件|标准|流程|多久|好久|多长|(?<![十百千万好那这前后头面近两一三四五六七八九])几(?![十百千万])|吗|么|[?？]|([\u4e00-\u9fff])[不没]\1|可以不|有没得|合法|违法|犯法|(?<![不没])(?:不|没|没有)$|还是(?!够|可以|有|能|好|行|在|会|得|照|那样|一样)[^，。,.]{1,10}$|\b(?:how|what|when|where|which|who|whether|why|can|could|should|is it|is this|is that|am i|do i|does|are)\b/i;

/** Whether the message tells a grievance of the worker's own at work. */
export function toldGrievance(t: string): boolean {
  return SUFFERED.test(t) && WORK.test(t) && (SELF.test(t) || !HEARSAY.test(t));
}

/**
 * A question the worker put to the workplace and got no answer to: "问也不说为啥", "问他们都不回". What was asked
 * there was asked of the boss, not of the union.
 */
const ASKED_THEM = /问(?:他|她|他们|她们|老板|公司|主管|经理|领导|人事|财务|班长|组长)?(?:了)?(?:也|都)?(?:不|没|没有|不肯|不想)(?:说|讲|回|答|理|解释|告诉)[^，。,.!?？\s]*/g;

/** The message with its rhetorical questions taken out ("凭啥子扣我的", "哪天摔了哪个管我"). */
export function withoutRhetoric(t: string): string {
  return t.replace(RHETORICAL, ' ');
}

/** Whether the message asks something, rhetorical questions and other people's words aside. */
export function asksInformation(t: string): boolean {
  return QUESTION.test(t.replace(ASKED_THEM, ' ').replace(THEIR_WORDS, ' ').replace(RHETORICAL, ' '));
}

/** A grievance told and nothing asked: the worker is asking for help. */
export function grievanceOnly(normalized: string): boolean {
  const t = withoutAddedTerms(normalized);
  return toldGrievance(t) && !asksInformation(t);
}
