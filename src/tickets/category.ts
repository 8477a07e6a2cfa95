import { toSimplified } from '../intents/normalize.ts';
import type { Topic } from '../intents/types.ts';
import { injuryOver, tellsHardshipAtHome, tellsInjury, tellsOwedWages } from './urgency.ts';

/**
 * The category a ticket is filed under, which decides the desk that handles it. It starts as the
 * topic the worker's opening was understood as; these written rules change it where what the
 * hotline does with the matter is plain from the account:
 *   1. the employer withholds or cuts what the law makes it pay (高温补贴, 加班费, 最低工资, the worker's wages,
 *      a rate cut, a fine or deduction from pay, social insurance stopped or never paid) → rights, unless the
 *      worker applies for aid;
 *   2. an injury or accident at work the employer disowns ("the company says it's my own fault",
 *      老板不管, nobody from the plant came, workers told to keep quiet) → rights, unless the worker applies for aid (救助, 帮扶, 互助, 送温暖);
 *   3. a hazard at the workplace (消防, 安全出口, 脚手架, 粉尘, a wet floor with no mats, protective gear the
 *      worker must buy) → rights, the employer's duty;
 *   4. a benefit the union itself gives or organizes is missing or unfair (工会说的三八节慰问, 工会组织的运动会,
 *      工会组织的体检, 住院慰问 after the worker is back at work) → member_benefits, unless pay or an injury
 *      still being treated is at stake;
 *   5. a hardship at home (a disaster that hit the worker's home, someone of the family in hospital or hurt with
 *      the costs pressing) → hardship_aid, unless one of the rules above holds;
 *   6. a worker hurt at work now, asking no aid, is a work injury (rights) even when the opening read as hardship.
 * The annual pass and 疗休养, when named, keep their own desks; nothing else is changed.
 */

/** Pay the law makes the employer give, stopped or withheld. */
const STATUTORY_PAY = /(高温补贴|高温费|防暑降温费|加班费|最低工资|夜班补贴)[^。.!！]{0,8}(停|没|不|未|取消|扣|少|拖|欠)|(停|没|不|未|取消|扣|拖|欠)[^，,。]{0,4}(高温补贴|高温费|防暑降温费|加班费)/;
/** The employer disowning the injury. */
const DISOWNED =
  /(公司|单位|老板|工厂|厂里|厂头|厂方|平台|包工头|工头|项目部|employer|company|boss|manager|foreman|supervisor|contractor|agency)[^。.!！]{0,30}(不管|不认|不赔|不给|不负责|推|说是?(?:我|他|她)?自己|说.{0,6}(自己的|个人的)|own (fault|problem|business)|not (their|its|his) (problem|fault|responsibility)|refuses?|denies|won'?t (pay|cover|help))/i;
/** Pay cut by the employer: "课时费从四十降到二十五", "底薪砍了一半". */
const PAY_CUT = /(工资|工钱|底薪|时薪|日薪|课时费|提成|计件|单价|绩效|补贴)[^，,。]{0,10}(降|砍|减|少)/;
/** A fine or a deduction the employer makes from pay: "一个差评就罚了我两百", "超了就扣五十". */
const FINED = /罚(?:了|我|我们|款)|罚[^，,。]{0,4}(?:块|元|钱|\d|[一二两三四五六七八九十百千]+)|扣(?:了|掉)?[^，,。]{0,6}(?:块|元|钱|\d|[一二两三四五六七八九十百千]+|工资|工钱)|\b(?:fines|fined|docked|deduct\w*)\b|\b(?:take|takes|took|taken|taking) [^.]{0,24} (?:off|from|out of) (?:my|our|his|her|their) (?:first |next |last )?(?:earnings|pay|wages?|salary)/i;
/** Social insurance the employer stopped or never paid ("从三月开始就停交了", "一直不给我们交社保"). */
const INSURANCE_WITHHELD =
  /(社保|社会保险|五险|医保|养老保险|公积金|social insurance|pension contributions?)[^。.!！]{0,16}?(停交|停缴|停了|断了|断缴|没交|没缴|不交|不缴|未交|未缴|stopped|not paid|unpaid|cut)|(不给|没给|没有给|未给|不帮|没帮)[^，,。]{0,4}(交|缴|买)[^，,。]{0,3}(社保|社会保险|五险|医保|养老保险|公积金)|(doesn'?t|didn'?t|won'?t|never|stopped) (pay|paying|contribut)[a-z]* [^.]{0,12}(social insurance|pension)/i;
/** The employer leaving an injured worker alone or hushing it up. */
const LEFT_ALONE =
  /(厂里|公司|单位|老板|工地|项目部|厂方)[^。.!！]{0,10}(一个人都没|没有?人|没得人|谁都没|都没人)[^，,。]{0,3}(来|管|过问|问|露面)|不闻不问|(叫|让|要|喊)(我们|大家|工人|我)[^，,。]{0,3}(别|不要|不准|不许)(说|讲|声张|往外说|乱说)|隐瞒|捂着|told (us|me|the workers|everyone|workers) to (keep|stay) (quiet|silent)|cover(ing|ed)? (it|this) up|hush(ed)? (it|this) up/i;

/** The worker asks for aid, the hardship desk's matter. */
const APPLIES_FOR_AID = /救助|帮扶|困难|送温暖|互助|慰问金|hardship|relief/i;
/** Something the union itself organizes: "工会组织的职工运动会". */
const UNION_ORGANIZED = /工会(?:组织|举办|主办|开展|搞|办)的/;
/** A benefit the union gives or organizes. */
const UNION_BENEFIT = new RegExp(`工会[^，,。!！]{0,8}?(慰问|体检|活动|福利|春游|秋游|生日|电影票|托管|驿站|服务站|司机之家|职工之家|妈咪小屋|书屋|蛋糕|消费券|会员卡|工会卡)|${UNION_ORGANIZED.source}`);
/** A hazard at the workplace: what the employer must keep safe. */
const HAZARD = /安全隐患|隐患|危险|不安全|防滑|(?:自己|自掏腰包)(?:出钱)?买[^，,。]{0,4}(?:水靴|雨靴|手套|口罩|安全帽|工作服|劳保|防护)|(?:水靴|雨靴|手套|口罩|安全帽|工作服|劳保用品|防护用品)[^，,。]{0,6}自己(?:买|出钱)|消防|灭火器|安全通道|逃生通道|应急通道|安全出口|应急灯|防护罩|防护用品|劳保用品|安全帽|脚手架|粉尘|有毒|漏电|fire (exits?|escapes?|extinguishers?|hydrants?)|safety hazard|unsafe/i;
const PAY_OR_INJURY = /工资|工钱|薪|欠|拖|赔偿|补偿|社保|工伤|合同到期|辞退|开除/;
/** The workplace, where an injury told happened. */
const AT_WORK = /老板|店长|厂|车间|工地|公司|单位|主管|班长|组长|领班|工头|主任|领导|上班|值班|干活|做事|后厨|(?:搬|卸|装|送|上|理)货|\b(?:at work|on the job|boss|supervisor|manager|factory|site|shop)\b/i;
/** The annual pass and 疗休养 have their own desks: a ticket naming them stays as understood. */
const OWN_DESK = /年票|annual pass|疗休养|疗养|休养|sanatorium/i;

export function ticketCategory(topic: Topic, account: string): Topic {
  const t = toSimplified(account.normalize('NFKC'));
  if (OWN_DESK.test(t)) return topic;
  if (STATUTORY_PAY.test(t) || PAY_CUT.test(t)) return 'rights';
  if ((INSURANCE_WITHHELD.test(t) || tellsOwedWages(t) || (FINED.test(t) && !UNION_BENEFIT.test(t) && !/会费/.test(t))) && !APPLIES_FOR_AID.test(t)) return 'rights';
  if (tellsInjury(t) && (DISOWNED.test(t) || LEFT_ALONE.test(t)) && !APPLIES_FOR_AID.test(t)) return 'rights';
  if (HAZARD.test(t) && !UNION_BENEFIT.test(t) && !APPLIES_FOR_AID.test(t)) return 'rights';
  // A disaster at home, a family member in hospital with bills pressing: the aid desk's.
  if (tellsHardshipAtHome(t)) return 'hardship_aid';
  // Hurt at work now and asking no aid: a work injury, whatever topic the opening was read as.
  if (topic === 'hardship_aid' && tellsInjury(t) && !injuryOver(t) && AT_WORK.test(t) && !APPLIES_FOR_AID.test(t)) return 'rights';
  if (UNION_BENEFIT.test(t) && !PAY_OR_INJURY.test(t) && !(tellsInjury(t) && !injuryOver(t)) && !APPLIES_FOR_AID.test(t)) return 'member_benefits';
  return topic;
}
