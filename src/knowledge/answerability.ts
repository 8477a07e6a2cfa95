import { readFileSync } from 'node:fs';
import type { KnowledgeBase } from './base.ts';
import { askedPlaces, covers, placeLabel, placesIn, regionPlaces, type Place } from './places.ts';
import { isPassage, type Hit } from './retriever.ts';
import { neighbourSupport, useKindReader } from './neighbours.ts';
import { paraphrasesOf } from './paraphrases.ts';
import { domainSegmenter } from './tokenize.ts';
import { withoutAddedTerms } from '../intents/normalize.ts';

/**
 * Whether the chosen knowledge answers what was asked. Retrieval finds the entry most like the
 * question; that is not the same as an entry that answers it ("工会每月扣多少会费" is most like the
 * entry on buying passes with 会费). Three questions decide it, and each is evidence the policy reads:
 * - the kind of fact asked (amount, duration, count, date, eligibility, procedure, place, who)
 *   and whether the entry states a fact of that kind;
 * - whether the things asked about (会费, 工伤, 有效期, 退票) are what the entry is about;
 * - whether the place asked about is one the entry's region covers.
 * A small logistic model, trained by `scripts/train-answerability.ts` on labelled questions,
 * turns the evidence into one calibrated probability that an answer from this entry is right.
 */

export const FACT_KINDS = ['amount', 'duration', 'count', 'date', 'eligibility', 'legality', 'procedure', 'documents', 'list', 'family', 'contact', 'place', 'region', 'who'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const FACT_KIND_LABEL: Record<FactKind, string> = {
  amount: '金额标准',
  duration: '时间期限',
  count: '次数名额',
  date: '具体日期',
  eligibility: '适用条件',
  legality: '是否合法',
  procedure: '办理流程',
  documents: '所需材料',
  list: '具体名单',
  family: '家属能否享受',
  contact: '地址和电话',
  place: '具体地点',
  region: '哪些地方',
  who: '负责部门',
};

/** The same, for a reply in English. */
export const FACT_KIND_LABEL_EN: Record<FactKind, string> = {
  amount: 'the amount',
  duration: 'the time limit',
  count: 'how many or how often',
  date: 'the date',
  eligibility: 'who qualifies',
  legality: 'whether it is lawful',
  procedure: 'how to apply',
  documents: 'the papers needed',
  list: 'the list of names',
  family: 'whether family members qualify',
  contact: 'the address and phone number',
  place: 'the place',
  region: 'which places',
  who: 'which office is in charge',
};

/** A question word for a quantity, and what it asks a quantity of. */
const HOW_MANY = '(多少|好多|几多|几)';
/** How much money: a sum, a rate, a fee ("赔好多", "会费多少", "免费不"). */
const MONEY_ASKED = `${HOW_MANY}(个)?(钱|元|块|万)|(多少|好多|几多)(的)?[\u4e00-\u9fa5]{0,2}?(补偿|赔偿|补贴|补助|工资|津贴|奖金|奖补|奖励金?|资金|经费|违约金|费用|会费|路费|钱)|几块|金额|价格|价钱|贵不贵|免费|要钱|收费(吗|不|么)|(补|赔|报|给|发|扣|交|缴|领|拿|奖|罚)(贴|助|偿|销)?(了)?${HOW_MANY}(?![张次回趟个人天年月名家场批所])|(标准|补贴|补助|费用?|工资|报销|赔偿|补偿|会费|奖金|比例)(是|有|为|大概|一般)*${HOW_MANY}|几成|百分之几|几个点|cost|price|\\bfee`;
/**
 * How a figure is worked out, with no unit named ("咋个算", "是多少", "how much"): of a leave it is a number of days,
 * of pay a sum. An entry stating any figure (a sum, a span of time or a count) answers it.
 */
const FIGURE_ASKED = `(?<!(热线|电话|号码|编号|号)(是)?)(多少|好多)(呢|啊|哦|嘛)?(?=[\\s，,。.?？!！]|$)|(怎么|咋个?)(补|赔|算|计算)|how much(?! (notice|time|leave|holiday|rest)\\b)|\\b(calculat|comput)`;
const ASKS_MONEY = new RegExp(MONEY_ASKED, 'i');
/** How much, how long, how many: the kinds a figure answers, whatever its unit. */
const QUANTITY_KINDS: readonly FactKind[] = ['amount', 'duration', 'count'];
const ASKED: [FactKind, RegExp][] = [
  ['amount', new RegExp(`${MONEY_ASKED}|${FIGURE_ASKED}`, 'i')],
  ['duration', /多久|多长(?![得的])|好久|天数|年限|时长|(多少|好多|(?<![那这后头过好十])(?<!(?<!提)前)几)(个)?(天|月|年|小时|钟头|星期|周|工作日)|期限|有效期|时效|时限|how long|time limit|deadline|how much (notice|time|leave|holiday|rest)\b|how many( \w+){0,2} (days|weeks|months|years|hours)/i],
  ['count', /(?<!哪)(几次|几回|几趟)|多少次|好多次|(多少|好多|(?<![那这后头过好十哪])(?<!(?<!提)前)几)(个)?(人|名|家|场|批|所|张|件|起|单|例|宗|项|届|期)|(多少|好多|(?<!哪)几)个(?!小时|钟头|月|星期|钱|工作日)|名额有(多少|好多|几)|how many(?!( \w+){0,2} (days|weeks|months|years|hours))/i],
  ['date', /什么时候|啥时候|几时|哪天|几号|几月|截止|哪一年|几点|开门|关门|营业时间|开放时间|when\b|opening hours/i],
  ['eligibility', /能不能|可不可以|可以不|有没有资格|符合|条件|资格|谁能|哪些人|能.{0,10}(吗|不|么)$|算不算|属不属于|eligible|\bcan i\b|\bam i\b/i],
  // "补偿怎么算", "年假咋个补": how a sum is worked out is asked by amount, not as a procedure.
  ['procedure', /怎么(?!算|计算|补|赔)|咋(?!个?(算|计算|补|赔))个?(?!样|了|回事|说|想|还|又|都|也|不|没|会|能|可|算)[\u4e00-\u9fa5]|如何|流程|手续|材料|步骤|去哪(里|儿)?(办|申请|领|买)|\bhow\b(?! much| many| long| often)(?![^.?!]{0,40}\b(calculat|comput))/i],
  // Whether something is lawful is told by a rule: 不得, 应当, 有权, 违法.
  ['legality', /合法|违法|犯法|合不合规|违规|违不违|站得住脚|站不住脚|is (it|this|that) (legal|allowed)|\billegal\b|against the law|\blawful\b/i],
  // Which papers to bring is asked by naming them; an entry that says only "apply to the union" does not list them.
  ['documents', /(要|带|准备|交|提供|需要)(些|点)?(什么|啥子?|哪些|哪样)(材料|资料|证件|证明|手续|东西)|(材料|资料|证件|证明)\s*(要|需要|有|是)?\s*(哪些|啥子?|什么)|(什么|啥子?|哪些)(材料|资料|证件|证明)|documents?\b|paperwork/i],
  // Which places have it ("哪里的工会有…", "哪些城市"): an entry of one place answers by being that place's.
  ['region', /(哪里|哪儿|哪个地方|哪些地方|哪个城市|哪些城市|哪个省|哪些省|哪个区县|哪些区县)(的(工会|总工会|地方|城市)?|工会|总工会)|(哪里|哪儿|哪个地方|哪个城市)(有|在)(搞|推|开|做)|which (city|cities|province|provinces|places?)/i],
  // A roster or a full list ("有没得名单", "基地名录") is stated only where the entry lists.
  ['list', /名单|名录|清单|目录|一览|list of|full list/i],
  // Whether a worker's family is covered: an entry that names no family member does not say.
  // Children are left out: a child is as often the matter itself (托管, 生娃) as one who shares a benefit.
  ['family', /家属|家人|家里人|屋头人|配偶|爱人|老婆|老公|媳妇|婆娘|妻子|丈夫|父母|爸妈|老汉|亲属|\b(spouse|wife|husband|family|families|parents?)\b/i],
  // An address or a phone number is asked by name; an entry that only says whom to turn to does not give one.
  ['contact', /地址|门牌|(?<!热线)电话(号码?)?(是)?(多少|好多|几)|联系电话|(座机|号码)(是)?(多少|好多)|phone number|address/i],
  ['place', /在哪|哪里|地址|地点|哪儿|边度|(热线|电话|号码)(是)?(多少|好多|几)|哪个电话|哪些(地方|景区|景点)|\bwhere\b/i],
  // Who pays is asked of a fund as well as a person: "从单位哪笔钱里开", "费用由哪出".
  ['who', /找谁|谁管|哪个部门|谁负责|谁出|谁来|谁给|哪个(定|管|出)|哪(一)?(笔|项|块|部分)(钱|经费|资金|费用)|(从|由|在)哪(里|儿|个)?(出|开|列支|报|拿)|\bwho\b/i],
];

const CN_NUM = '[零一二两三四五六七八九十百千万半]';
const HOTLINE_NUMBER = '12351';
const STATED_CONTACT = /(?<!\d)(\d{5}|\d{3,4}-?\d{7,8}|1\d{10})(?!\d)|地址[:：]|位于|\d+号/;
const STATED: [FactKind, RegExp][] = [
  ['amount', new RegExp(`\\d[\\d.,]*\\s*(元|块|万|亿|%|倍)|${CN_NUM}+(元|块|万元|倍|成)|免费|无偿|不收费|不要钱|自费|费用由|工资的|(个)?月工资|全额|比例|按.{1,12}(标准|计算|支付|执行)|不(得)?(低于|超过|高于)(?![^，。；、]{0,6}(年|个月|月|周|天|日|小时|岁))`)],
  // A span of time, not a point in it: 5年 and 30日内 are durations, 2024年 and 11月1日 are dates.
  ['duration', new RegExp(`(?<![\\d.月])\\d{1,3}\\s*(天|日|个月|年(?!起|底|初|度|前|后)|小时|周|工作日)|${CN_NUM}+(天|日|个月|年|周|小时)|期限|有效期|当年|全年|长期`)],
  ['count', new RegExp(`\\d[\\d.,]*\\s*(万|千|百)?(余|多|以上)?\\s*(人次|次|人|个|家|名|场|项|批|所|件|例|宗|单|职工|会员|员工)|${CN_NUM}+(次|项|个|家|批|名|人|件|例)`)],
  ['date', /\d+月\d*日?|\d{4}年|年底|年初|春节|元旦|截至|截止|(\d|年|月|日|号)(起|之前|以前)|\d{1,2}[:：]\d{2}|\d{1,2}(点|时)|24小时|全天/],
  ['eligibility', /可以|能|符合|属于|适用|面向|针对|对象|条件|会员|职工|困难|不能|不得|不属于|应当|均可|都可/],
  ['list', /名单|名录|清单|目录|([^，。；、]{2,12}、){3,}/],
  ['family', /家属|家人|家庭|配偶|子女|孩子|亲属|父母|婴儿|妻子|丈夫|family|spouse|children/i],
  ['legality', /不得|应当|应该|违法|合法|有权|无权|禁止|必须|不能|不允许|可以(用|从|在)|(法|条例|规定)》?第.{1,6}条/],
  ['documents', /身份证|证明|复印件|病历|诊断书|发票|票据|合同|工资条|银行卡|户口|申请表|登记表|材料(包括|有)|(携带|提交|准备)[^，。；]{0,12}(材料|资料|证件)/],
  ['procedure', /申请|列支|报销|拨打|登录|小程序|携带|提交|材料|流程|报名|办理|联系|扫码|APP|app|公众号|向.{1,12}(申请|提出|反映)|找|先|再/],
  // Where to go is told by a place, or by whom to turn to: 向当地工会申请, 拨打12333.
  ['place', /地址|位于|在.{1,14}(路|街|号|区|县|楼|站|点|馆)|驿站|网点|服务站|窗口|小程序|公众号|APP|app|热线|拨打|\d{5}|(所在|当地|本单位|基层|区县|街道|乡镇|上级)(的)?工会|向.{1,14}(申请|提出|反映|投诉|举报|求助)|到.{1,14}(办理|申请|领取|购买)|人社|仲裁(委员会|院)|法院|法律援助(机构|中心)|劳动(保障)?监察/],
  ['who', /工会|单位|部门|负责|承担|出资|由|用人单位|人社|社保|政府|制定|确定/],
];

/** The kinds of fact a question asks for; none when it asks generally ("年票是啥"). */
export function askedKinds(question: string): FactKind[] {
  return ASKED.filter(([, re]) => re.test(question)).map(([k]) => k);
}

const KIND_BIT = new Map((Object.keys(FACT_KIND_LABEL) as FactKind[]).map((k, i) => [k, 1 << i]));
/** Kinds of fact as bits, for the neighbour memory. */
function kindBits(kinds: readonly FactKind[]): number {
  return kinds.reduce((bits, k) => bits | (KIND_BIT.get(k) ?? 0), 0);
}
// What an earlier unanswered question asked for is read the way a new question's is: in its asking clause when long.
useKindReader((t) => kindBits(askedKinds([...t].length > LONG_MESSAGE ? focusClause(t) : t)));

const statedCache = new WeakMap<object, Set<FactKind>>();
/** An entry that says the rule sets no figure ("国家没有统一规定") answers how much, how long and how many by saying so. */
const NO_FIXED_RULE = /没有统一规定|未统一规定|没有规定|未作规定|各地(规定)?不(同|一)|按各(省|地)|由各?省.{0,15}(规定|确定)|各省市?还有/;

/** A national rule measured against the local standard ("不得低于当地最低小时工资标准") holds no place's figure. */
const LOCAL_STANDARD = /当地.{0,8}标准/;

/**
 * A national rule that leaves the figure to each province ("具体标准由省…规定", "各省市还有延长产假的规定"):
 * asked for a province's figure, it tells the rule, not the figure.
 */
export function leavesFigureToPlaces(entry: Hit['entry']): boolean {
  if (!entry.region.includes('全国')) return false;
  const said = statement(entry);
  return NO_FIXED_RULE.test(said) || LOCAL_STANDARD.test(said);
}

/** What an entry states: its answer and key facts. */
function statement(entry: Hit['entry']): string {
  return `${entry.answer} ${entry.keyFacts.join(' ')}`;
}

/**
 * The kinds of fact a text states (98天 a duration, 0731-5550135 a contact): of a passage's sentence, what
 * its excerpt should hold; of an entry, see statedKinds. The union hotline that closes many texts is no contact of their own.
 */
export function sentenceKinds(sentence: string): FactKind[] {
  const kinds = STATED.filter(([, re]) => re.test(sentence)).map(([k]) => k);
  return STATED_CONTACT.test(sentence.replaceAll(HOTLINE_NUMBER, '')) ? [...kinds, 'contact'] : kinds;
}

/** Sending the worker to ask elsewhere: "请咨询本单位工会", "或拨打职工服务热线12351", "咨询拨12351". */
const REFERRAL = new RegExp(`(请|可以?|也可以?)?(咨询|问问?|了解)[^，,。；;]{0,12}(工会|${HOTLINE_NUMBER})|(或|也可以?|可以?|请)?(直接)?(拨打?|打)[^，,。；;\\d]{0,12}${HOTLINE_NUMBER}(热线)?(咨询|反映|求助)?`, 'g');
const STATED_PLACE = STATED.find(([k]) => k === 'place')![1];
function placeStated(text: string): boolean {
  return STATED_PLACE.test(text);
}

/** The kinds of fact an entry's answer states. */
export function statedKinds(entry: Hit['entry']): Set<FactKind> {
  let kinds = statedCache.get(entry);
  if (!kinds) {
    const text = statement(entry);
    kinds = new Set(sentenceKinds(text));
    // Every entry may close with the union hotline: that is the contact of the thing asked only in the hotline's own entry.
    if (entry.title.includes(HOTLINE_NUMBER) && STATED_CONTACT.test(text)) kinds.add('contact');
    // Nor is "ask your union or call 12351" where the thing asked is: it is where to ask, which every entry may say.
    if (!entry.title.includes(HOTLINE_NUMBER) && !placeStated(text.replace(REFERRAL, ''))) kinds.delete('place');
    if (NO_FIXED_RULE.test(text)) for (const k of QUANTITY_KINDS) kinds.add(k);
    if (!entry.region.includes('全国')) kinds.add('region');
    // Naming a place other than its own region (前往宜宾李庄) tells where.
    const own = new Set(regionPlaces(entry.region).map((p) => p.city ?? p.province));
    if (placesIn(entry.answer).some((p) => !own.has(p.city ?? p.province))) kinds.add('place');
    statedCache.set(entry, kinds);
  }
  return kinds;
}

/**
 * How long, in years or in less than a year: "疗养天数" is not answered by "五年内参加一次", nor
 * "工作几年才有年假" by a number of days. Days, weeks and months answer one another (98天 answers 几个月).
 */
type Length = 'years' | 'within_year';
const ASKED_SPAN: [Length, RegExp][] = [
  ['within_year', /(多少|好多|几)(个)?(天|日|工作日|星期|周|月|小时|钟头)|天数|how many (days|weeks|months|hours)/i],
  ['years', /(多少|好多|几)(个)?年(?!级|龄|纪|代|底|初)|年限|how many years/i],
];
const STATED_SPAN: [Length, RegExp][] = [
  ['within_year', new RegExp(`(?<![\\d.])\\d{1,3}\\s*(天|日|个月|小时|周|工作日)|${CN_NUM}+(天|日|个月|周|小时)|\\b\\d+ (days?|weeks?|months?|hours?)\\b`)],
  ['years', new RegExp(`(?<![\\d.月])\\d{1,2}\\s*年(?!起|底|初|度|前|后)|${CN_NUM}+年(?!级|龄|底|初)|\\b\\d+ years?\\b`)],
];
function askedSpan(question: string): Length | undefined {
  const spans = ASKED_SPAN.filter(([, re]) => re.test(question)).map(([s]) => s);
  return spans.length === 1 ? spans[0] : undefined;
}
const spanCache = new WeakMap<object, Set<Length>>();
function statesSpan(entry: Hit['entry'], span: Length): boolean {
  let spans = spanCache.get(entry);
  if (!spans) {
    const stated = statement(entry);
    // An entry that says no figure is fixed answers any span by saying so.
    const text = `${stated} ${englishOf(entry)}`;
    spans = new Set(NO_FIXED_RULE.test(stated) ? ['years', 'within_year'] : STATED_SPAN.filter(([, re]) => re.test(text)).map(([s]) => s));
    spanCache.set(entry, spans);
  }
  return spans.has(span);
}

/** Kinds of fact that are a figure: how much, how long, how many, when. */
export const FIGURE_KINDS: ReadonlySet<FactKind> = new Set(['amount', 'duration', 'count', 'date']);

/** Words that name no subject of their own: the union itself, workers and the people and places of a workplace story, asking, doing. */
const GENERIC = new Set(
  '听说 据说 听人说 别人说 说得对 站得住脚 站不住脚 合法 违法 犯法 合规 违规 真的假 真的假的 真的 假的 只能 到底 有没有 有没得 没得 莫得 有莫得 不能 能用 算不算 好多钱 多少钱 几块钱 哪些地方 一般 专门 到底 一样 是不是 能不能 可不可以 行不行 要不要 还能 怎么样 咋样 为什么 为啥 工会 公会 总工会 职工 员工 工人 会员 大家 主管 领导 经理 人事 厂里 厂子 车间 原单位 原公司 新单位 老东家 问题 事情 事儿 情况 政策 规定 东西 时候 现在 今年 明年 去年 单位 公司 地方 这边 那边 朋友 同事 老板 娘家人 小娘 意思 办法 咨询 请问 知道 了解 申请 办理 怎么办 需要 可以 能够 应该 觉得 感觉 希望 还有 是否 多少 多久 好久 多长 按规定 按照规定 国家规定 法律规定 一下 问问 问下 谢谢 麻烦 帮忙 服务 相关 具体 详细 一般 情况 有关 方面 福利 活动 内容 信息 消息 通知 文件 规定 标准 条件 流程 材料 手续 时间 费用 价格 钱 元 块 天 年 月 次 人'.split(
    ' ',
  ),
);
/** Light verbs carry no subject: 是, 有, 要, 搞, 弄 … */
const LIGHT_VERB = /^(是|有|要|想|能|会|去|来|做|搞|弄|整|办|问|说|看|给|用|找|拿|得|让|把|被|算|叫|请|帮|没|没有|在|到|走|干|讲|听|问问|告诉|发|出|上|下|过|开|打|报|交|领|买|能够|可以|应该|需要|觉得|知道|了解|咨询|申请|办理|希望|包括|属于|进行|提供|享受|参加|参与)$/;
const SUBJECT_TAGS = new Set(['n', 'nz', 'vn', 'nt', 'nw', 'eng', 'an', 'v', 'i', 'l', 'j']);
const NOUN_TAGS = new Set(['n', 'nz', 'vn', 'nw']);
const MODIFIER_TAGS = new Set(['v', 'n', 'ng', 'vg', 'b']);
/**
 * Characters that end the name of a kind of leave, payment or document: 假, 费, 金, 险, 证. jieba
 * takes some such words for a person's name or a time (探亲假/nr, 年休假/t) and splits off others
 * (高温/费); ending in one, the word is a noun of the domain, whatever the tag.
 */
const HEAD_CHAR = /^[假费金险证]$/;
const HEADED = /[假费金险证]$/;
function nounByHead(word: string, tag: string): string {
  return (tag === 'nr' || tag === 't' || tag === 'nrt' || tag === 'x') && [...word].length >= 2 && HEADED.test(word) ? 'n' : tag;
}
/** Lone characters that join clauses or measure rather than modify the noun after them. */
const NOT_A_MODIFIER = /^[的了着过和与或及跟同对向从给被把让为于以按每各该本这那啥些]$/;


/** The words that say what a question is about: nouns and content verbs, without the generic ones. */
export function subjectWords(question: string): string[] {
  return [...new Set(subjectSpans(question).map((s) => s.word))];
}

interface Span {
  word: string;
  start: number;
  end: number;
  /** Whether the word names a thing (a noun), not an action. */
  noun: boolean;
  /** Whether jieba reads it as a verb. */
  verb?: boolean;
  /** Whether a lone character before the word made it (陪+产假): the word without it names something else. */
  prefixed?: boolean;
}

/**
 * The spans of the texts read lately: a turn reads the same message (and its asking clause) several times, and
 * tagging is the dearest step. Bounded; emptied when full.
 */
const recentSpans = new Map<string, readonly Span[]>();
const RECENT_SPANS_MAX = 512;

function subjectSpans(question: string): readonly Span[] {
  let spans = recentSpans.get(question);
  if (!spans) {
    if (recentSpans.size >= RECENT_SPANS_MAX) recentSpans.clear();
    recentSpans.set(question, (spans = Object.freeze(tagSubjects(question))));
  }
  return spans;
}

function tagSubjects(question: string): Span[] {
  const out: Span[] = [];
  let at = 0;
  const text = question.toLowerCase();
  let modifier: (Omit<Span, 'noun'> & { verb: boolean }) | undefined;
  for (const token of domainSegmenter().tag(text, true)) {
    const { word } = token;
    const tag = nounByHead(token.word, token.tag);
    const start = text.indexOf(word, at);
    const span = { start: start < 0 ? at : start, end: (start < 0 ? at : start) + word.length };
    at = span.end;
    // A lone character right before a noun modifies it: 陪+产假 is 陪产假, another leave than 产假.
    // A lone verb before a noun is its object's verb (喊+老板, 拉+职工), except before the name of a kind of leave,
    // pay or paper, which it names (陪+产假), or before a lone character, with which it makes one word (跑+路).
    const named = word.trim();
    const prefix = modifier && modifier.end === span.start && NOUN_TAGS.has(tag) && (!modifier.verb || HEADED.test(named) || [...named].length === 1) ? modifier : undefined;
    modifier = [...word].length === 1 && MODIFIER_TAGS.has(tag) && !LIGHT_VERB.test(word) && !NOT_A_MODIFIER.test(word) ? { word, ...span, verb: tag === 'v' || tag === 'vg' } : undefined;
    const w = prefix ? `${prefix.word}${named}` : named;
    if (prefix) span.start = prefix.start;
    // A head character after the word before it names a kind of it: 高温+费 is 高温费, not 高温.
    const last = out.at(-1);
    // Not after a verb: 发现+金 is no kind of money.
    if (HEAD_CHAR.test(w) && last && last.end === span.start && [...last.word].length >= 2 && !last.verb) {
      out[out.length - 1] = { word: `${last.word}${w}`, start: last.start, end: span.end, noun: true };
      continue;
    }
    if (!w || !SUBJECT_TAGS.has(tag) || GENERIC.has(w) || LIGHT_VERB.test(w)) continue;
    if (tag === 'eng' && (w.length < 3 || ENGLISH_FUNCTION.has(w))) continue;
    if (tag === 'v' && [...w].length < 2 && !/^[退换补续转扣停断辞开罚赔伤病]$/.test(w)) continue;
    if (/^\d/.test(w) || A_NOT_A.test(w) || FUNCTION_ONLY.test(w)) continue;
    out.push({ word: w, ...span, noun: NOUN_TAGS.has(tag) || tag === 'eng', ...(tag === 'v' ? { verb: true } : {}), ...(prefix ? { prefixed: true } : {}) });
  }
  return out;
}

/** Verbs too general to decide a yes-no question: 是不是, 有没有, 能不能, 去不去 … */
const LIGHT_PREDICATE = /[是有要能会行好对去来在得可用算搞弄整干够管让准许]/;
const YES_NO_VERB = /([\u4e00-\u9fa5])不\1/g;
/** The verb of "扣不扣", "报不报", "补不补": an answer must speak of deducting, reimbursing, paying. */
export function yesNoPredicate(clause: string): string | undefined {
  return [...clause.matchAll(YES_NO_VERB)].map((m) => m[1]!).find((v) => !LIGHT_PREDICATE.test(v));
}

/** A word made of function characters alone (不会, 是从, 就是) names nothing, whatever its tag. */
const FUNCTION_ONLY = /^[是从在把被给对向跟和与及或就都也还又才再很太更最不没了着过的地得所以而且但却会能要可去来]+$/;

/**
 * Kinds of worker the labour rules treat apart: an intern is no employee, a retired worker rehired
 * has no labour contract, a dispatched worker's employer is the agency. A rule that never names the
 * kind does not settle a question about it ("实习生受伤能算工伤吗"), whatever else it shares.
 * Each is read by its words and held against the entry by its root.
 */
const STATUSES: [RegExp, RegExp][] = [
  [/实习生|实习期|(?<!见)实习|在校生|学生工|\binterns?(ship)?\b/i, /实习|在校|学生|intern/i],
  // A rule that protects those close to retirement (快退休, 距法定退休年龄不足5年) says nothing of the retired.
  [/退休返聘|返聘|退休(?:人员|职工|工人|了)|超龄|\b(retired|retirees?|rehired)\b/i, /(?<!快)退休(?!年龄)|返聘|超龄|retire(?!ment)/i],
  [/兼职|非全日制|小时工|钟点工|\bpart[- ]time\b/i, /兼职|非全日制|小时工|part[- ]time/i],
  [/临时工|\btemp(orary)? (worker|staff|job)\b/i, /临时/i],
  [/劳务派遣|派遣工|被派遣|\bdispatched\b|\bagency workers?\b/i, /派遣|dispatch|agency/i],
  [/(?<!劳务)外包(?:工|人员|员工|公司)?|\boutsourced\b/i, /外包|outsourc/i],
  [/挂靠/i, /挂靠/i],
  [/学徒/i, /学徒/i],
  [/外籍|外国人|\bforeign(er)? workers?\b/i, /外籍|外国|foreign/i],
];
/**
 * Rules written for one condition of the worker: pregnancy, nursing, probation, miscarriage (an entry whose
 * title opens with it, unless it lists them as examples), and the other conditions its title names beside it. Such a rule answers a question
 * that names one of them; "调岗降薪要我同意吗" is not answered by "孕期不得降薪".
 */
const CONDITIONS: [RegExp, RegExp][] = [
  [/孕/, /孕|怀|懷|产检|產檢|pregnan/i],
  [/哺乳/, /哺乳|喂奶|餵奶|母乳|吃奶|不满一岁|不滿一歲|breast|nursing/i],
  [/试用/, /试用|試用|转正|轉正|probation/i],
  [/流产/, /流产|流產|小产|小產|miscarr/i],
];
/** A title that lists conditions and ends with 等 ("孕期、哺乳期、工伤、医疗期等人员") is open to others. */
const SCOPED_TITLE = /^(孕|怀孕|哺乳|试用|流产)(?!.*等)/;
function conditionFit(entry: Hit['entry'], question: string): { entry?: string; ok: boolean } {
  if (!SCOPED_TITLE.test(entry.title)) return { ok: true };
  const named = CONDITIONS.filter(([inTitle]) => inTitle.test(entry.title));
  return { entry: entry.title, ok: named.some(([, asked]) => asked.test(question)) };
}

function workerStatus(question: string): { word: string; root: RegExp } | undefined {
  for (const [re, root] of STATUSES) {
    const m = re.exec(question);
    if (m) return { word: m[0], root };
  }
  return undefined;
}

/** A yes-no question word (搞不搞, 够不够, 合不合法) asks; it names nothing. */
const A_NOT_A = /^([\u4e00-\u9fa5]{1,2})不\1/;

/** English words that name no subject. */
const ENGLISH_FUNCTION = new Set(
  'the and for are was were can could would should will does did has have had how what when where who which why this that these those with from into about your you our they them their there here much many long often any some get got want need know tell please just also only very more most still been being its it\'s is am not'.split(' '),
);

/**
 * The words the question word asks about: the subject words next to a question word in the asking
 * clause ("有效期是好久" → 有效期; "技能竞赛拿了奖有没得奖金" → 奖金). An entry that lacks these does not
 * answer, however much else it shares.
 */
function targetsIn(clause: string, spans: readonly Span[]): string[] {
  const cues = [...clause.toLowerCase().matchAll(ASKING_ALL)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  if (cues.length === 0) return [];
  const near = (s: Span) => cues.some((c) => (s.end <= c.start && c.start - s.end <= TARGET_GAP) || (s.start >= c.end && s.start - c.end <= TARGET_GAP));
  return [...new Set(spans.filter((s) => s.noun && near(s)).map((s) => s.word).filter((w) => !KIND_WORDS.has(w)))];
}
/** Words that name the kind of fact asked (its name, its number, its aim), not what it is about: the kinds judge those. */
const KIND_WORDS = new Set('名字 名称 叫啥 电话 号码 热线 目标 口号 计划 要求 程序 关系 期限 时限 有效期 多长时间 标准 条件 时间 日期 地点 地址 金额 比例 数量 人数 天数 次数 依据 法律依据 区别 好处 作用 用处 意思 办法 途径 渠道 方式'.split(' '));

/** The subject words of a message that name a matter, not just the kind of fact asked ("有效期多久" names none). */
export function matterWords(question: string): string[] {
  return subjectWords(question).filter((w) => !KIND_WORDS.has(w));
}
const namesCache = new WeakMap<object, string[]>();
/**
 * Whether everything the message names is a matter some entry is about: each subject word of two
 * characters or more in an entry's title, tags or the questions it answers (年假 in "年假怎么算", not
 * 酸菜鱼 in "酸菜鱼的做法"). What the knowledge is written about is in scope, whatever a model learned
 * from the phrasing around it.
 */
export function namesKnownMatter(question: string, kb: KnowledgeBase): boolean {
  let names = namesCache.get(kb.entries);
  if (!names) {
    names = kb.entries.map((e) => `${e.title} ${e.tags.join(' ')} ${e.questions.join(' ')}`.toLowerCase());
    namesCache.set(kb.entries, names);
  }
  const known = names;
  const words = matterWords(question).filter((w) => [...w].length >= 2);
  return words.length > 0 && words.every((w) => known.some((t) => mentions(t, w)));
}

/** How many characters (是, 的, 一般) may stand between a question word and what it asks about. */
const TARGET_GAP = 2;

interface KbStats {
  n: number;
  texts: Map<string, string>;
  df: Map<string, number>;
  /** Per entry, the words of three characters or more of its text (see compoundsOf). */
  compounds: Map<string, Span[]>;
}
const statsCache = new WeakMap<object, KbStats>();
// Keyed by the entries array, which a reload replaces: the statistics follow the knowledge in force.

/** What an entry is about, in its own words; its English answer too, so an English question can be held against it. */
function aboutText(e: Hit['entry']): string {
  return `${e.title} ${e.tags.join(' ')} ${e.questions.join(' ')} ${e.keyFacts.join(' ')} ${e.answer} ${englishOf(e)}`.toLowerCase();
}

/** An entry's English answer, if it has one. */
function englishOf(e: Hit['entry']): string {
  return 'en' in e && typeof e.en === 'string' ? e.en : '';
}

function statsOf(kb: KnowledgeBase): KbStats {
  let s = statsCache.get(kb.entries);
  if (!s) {
    s = { n: kb.entries.length, texts: new Map(), df: new Map(), compounds: new Map() };
    for (const e of kb.entries) s.texts.set(e.id, aboutText(e));
    statsCache.set(kb.entries, s);
  }
  return s;
}

function textOf(stats: KbStats, e: Hit['entry']): string {
  let t = stats.texts.get(e.id);
  if (t === undefined) stats.texts.set(e.id, (t = aboutText(e)));
  return t;
}

const LATIN_WORD = /^[a-z]+$/;
/** A message written (partly) in English: the glossary's terms are how it is matched against Chinese texts. */
const LATIN_TEXT = /[a-z]{3,}/i;
const wholeWords = new Map<string, RegExp>();
/** Whether the text holds the word; an English word as a whole word ('work' is not in 'workers'). */
function holds(text: string, word: string): boolean {
  if (!LATIN_WORD.test(word)) return text.includes(word);
  let re = wholeWords.get(word);
  // The same word in another inflection counts: give ~ gives, limit ~ limits, pay ~ paid is left out.
  if (!re) wholeWords.set(word, (re = new RegExp(`\\b${word.length > 4 ? word.replace(/(es|s|ed|ing)$/, '') : word}(s|es|ed|d|ing)?\\b`)));
  return re.test(text);
}

/** Whether the text holds the word or says it another way (开销 in a text of 费用; see paraphrases.ts). */
function mentions(text: string, word: string): boolean {
  return holds(text, word) || paraphrasesOf(word).some((p) => holds(text, p));
}

/** The words of three characters or more of an entry's text, read as a question's words are (subjectSpans): see holdsFree. */
function compoundsOf(stats: KbStats, id: string, text: string): Span[] {
  let spans = stats.compounds.get(id);
  if (!spans) stats.compounds.set(id, (spans = tagSubjects(text).filter((s) => s.end - s.start >= 3)));
  return spans;
}

/** Whether the entry's text holds the word somewhere other than inside a longer word it is part of (产假 only in 陪产假 is not held). */
function holdsFree(stats: KbStats, id: string, text: string, word: string): boolean {
  if (LATIN_WORD.test(word)) return holds(text, word);
  let at = text.indexOf(word);
  if (at < 0) return false;
  const compounds = compoundsOf(stats, id, text);
  for (; at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    // One character before the word within one word of the text makes another thing only where it makes a name of its
    // own (陪+产假 is 陪产假; 陪产假天数 holds it too), not a kind of the same (总+工会 is still a union).
    if (!compounds.some((c) => c.start + 1 === at && end <= c.end && (c.prefixed || HEADED.test(text.slice(c.start, end))))) return true;
  }
  return false;
}

/** Whether the entry's text holds the word itself (see holdsFree), a number to call counting for a phone asked (see CALLABLE). */
function holdsItself(stats: KbStats, id: string, text: string, word: string): boolean {
  return holdsFree(stats, id, text, word) || (CALLABLE.test(word) && STATED_CONTACT.test(text.replaceAll(HOTLINE_NUMBER, '')));
}

/** Whether the entry's text holds the word only through another word of its group (see paraphrases.ts). */
function holdsParaphrase(stats: KbStats, id: string, text: string, word: string): boolean {
  return paraphrasesOf(word).some((p) => holdsFree(stats, id, text, p));
}

/** mentions(), for an entry's text: the word or a paraphrase of it, not only inside a longer word (see holdsFree). */
function mentionsIn(stats: KbStats, id: string, text: string, word: string): boolean {
  return holdsItself(stats, id, text, word) || holdsParaphrase(stats, id, text, word);
}

/** A phone, a number to call: a text that gives one (12348, 023-6xxxxxxx) holds it, whatever it calls it. The union hotline every text may close with does not count. */
const CALLABLE = /^(电话|电话号码|号码|热线|热线电话|联系电话|求助电话|服务电话|咨询电话|phone|number|hotline)$/;

/** In how many entries the word occurs. */
function documentFrequency(stats: KbStats, word: string): number {
  let df = stats.df.get(word);
  if (df === undefined) {
    df = 0;
    for (const t of stats.texts.values()) if (holds(t, word)) df += 1;
    stats.df.set(word, df);
  }
  return df;
}

/** How informative a word is across the knowledge base: rare words name subjects, common ones do not. */
function weightOf(stats: KbStats, word: string): number {
  return Math.log(1 + stats.n / (documentFrequency(stats, word) + 1));
}

/** A word held only through another word of its group (see paraphrases.ts). */
const PARAPHRASED = 0.75;
/**
 * 1 when the text holds the word, ¾ when it holds only a paraphrase of it, ½ when it holds most of its character pairs
 * (有效期 ~ 有效) unless the word must be held whole (see assessAll), else 0.
 */
function presence(stats: KbStats, id: string, text: string, word: string, whole = false): number {
  // The word itself is surer than a word of its group: "延长生育假" in a rule on 陪产假 is not the 产假 asked about.
  if (holdsItself(stats, id, text, word)) return 1;
  if (holdsParaphrase(stats, id, text, word)) return PARAPHRASED;
  if (whole || LATIN_WORD.test(word)) return 0;
  const chars = [...word];
  if (chars.length < 3) return 0;
  let hits = 0;
  for (let i = 0; i + 1 < chars.length; i++) if (text.includes(chars[i]! + chars[i + 1]!)) hits += 1;
  return hits / (chars.length - 1) >= 0.5 ? 0.5 : 0;
}

export interface Assessment {
  hit: Hit;
  kinds: { asked: FactKind[]; stated: FactKind[]; missing: FactKind[] };
  /** Share of the question's subject weight the entry covers (1 when the question names none). */
  coverage: number;
  /**
   * Share of the weight of what is asked that the entry covers: in a long message the asking clause's
   * (focus), since the story around it is the worker's own and no entry tells it; otherwise coverage.
   */
  matter: number;
  /** Subject words the entry does not hold, most informative first. */
  missing: string[];
  /** Share of subject weight that no entry of the knowledge base holds at all. */
  unknown: number;
  /** Share of the weight of the asking clause's subjects the entry covers ("有效期是好久" → 有效期). */
  focus: number;
  /** The weight of the most informative subject the entry lacks, relative to the rarest possible word. */
  missMax: number;
  /** Share of the asking clause's subject weight that no entry holds at all (年龄限制, 换届选举). */
  focusUnknown: number;
  /** The verb a yes-no question turns on (扣 in "绩效扣不扣"), and whether the entry speaks of it. */
  predicate: { asked?: string; ok: boolean };
  /** The kind of worker the question is about (实习生, 退休返聘, 劳务派遣), and whether the entry speaks of that kind. */
  status: { asked?: string; ok: boolean };
  /** Whether a rule written for one condition of the worker (孕期, 试用期) is asked about that condition (see CONDITIONS). */
  condition: { entry?: string; ok: boolean };
  /** Share of the weight of the words the question word asks about (see targetWords) the entry holds; 1 when none. */
  target: number;
  place: { asked?: Place; ok: boolean };
  /** The question quotes a figure the entry states ("看到说能拿6万"): it asks about this very entry, wherever it applies. */
  cites: boolean;
  /** The years the question names; whether the entry speaks of them (named) or of none (ok): 2023's figures are not 2024's. */
  year: { asked: number[]; ok: boolean; named: boolean };
  /**
   * How close the question comes to earlier questions this entry answered, and to those nothing
   * answered (see neighbours.ts); seen is false for an entry no earlier question was answered from.
   */
  near: { entry: number; centroid: number; none: number; seen: boolean };
  /** Calibrated probability that answering with this entry answers the question. */
  p: number;
  /**
   * The same from the words alone, without the earlier questions: whether the entry is on the matter
   * asked. It decides whether the closest entry is worth showing as only that, with the gap named;
   * p decides whether it answers.
   */
  onMatter: number;
}

export interface AssessContext {
  kb: KnowledgeBase;
  /** A comparison across places ("各地", "别的省") accepts an entry for any place named. */
  compare?: boolean;
  /** The places asked about; read from the question when not given. */
  places?: Place[];
}

const COMPARE = /各地|各省|别的(省|市|地方)|其他(省|市|地方)|外地|对比|比较|compare/;

export function asksComparison(question: string): boolean {
  return COMPARE.test(question);
}

/**
 * The evidence for each candidate entry. What the question asks (its subjects and their weights,
 * the asking clause, the kinds of fact, the place) is read once; each entry is then held against it.
 */
export function assessAll(question: string, hits: readonly Hit[], ctx: AssessContext): Assessment[] {
  const stats = statsOf(ctx.kb);
  const spans = subjectSpans(question);
  // The name of a kind of leave, pay, fund or paper, or a word a lone character before it made (陪产假), is not half
  // held by a text of a shorter name in it (产假): that names another kind.
  // A policy term normalizing added for a Chinese worker's own word (骨折 → 职业伤害) speaks for an entry that holds it
  // and never against one that does not: it was added to find entries, not asked. An English message is judged by them.
  const own = LATIN_TEXT.test(question) ? undefined : new Set(subjectSpans(withoutAddedTerms(question)).map((s) => s.word));
  const subjects = [...new Set(spans.map((s) => s.word))].map((w) => ({
    w,
    weight: weightOf(stats, w),
    unknown: documentFrequency(stats, w) === 0,
    whole: HEADED.test(w) || spans.some((s) => s.word === w && s.prefixed),
    added: own !== undefined && !own.has(w),
  }));
  // The asking clause is tagged once (not again when it is the whole question): its subjects are the focus, those beside a question word the targets.
  const clause = focusClause(question);
  const clauseSpans = clause === question ? spans : subjectSpans(clause);
  const focusWords = new Set(clauseSpans.map((s) => s.word));
  const targets = targetsIn(clause, clauseSpans).map((w) => ({ w, weight: weightOf(stats, w) }));
  const targetTotal = targets.reduce((sum, t) => sum + t.weight, 0);
  const maxWeight = Math.log(1 + stats.n);
  const long = [...question].length > LONG_MESSAGE;
  // A long message asks in its asking clause: "期限过了" or "名单上有他" in the story around it asks for no date or list.
  const asking = long ? clause : question;
  const asked = askedKinds(asking);
  const span = askedSpan(asking);
  // "年假咋个算" asks for the figure that rules it, whatever its unit; "赔好多钱" for a sum.
  const anyFigure = asked.includes('amount') && !ASKS_MONEY.test(asking);
  const years = askedYears(question);
  const predicate = yesNoPredicate(question);
  const status = workerStatus(question);
  const places = ctx.places ?? askedPlaces(question);
  const near = neighbourSupport(question, ctx.kb, kindBits(asked));
  return hits.map((hit) => {
    const text = textOf(stats, hit.entry);
    let total = 0;
    let covered = 0;
    let unknownWeight = 0;
    let focusTotal = 0;
    let focusCovered = 0;
    let focusUnknown = 0;
    const missing: { w: string; weight: number }[] = [];
    // An English word cannot be found in an ingested passage, written only in Chinese: there the Chinese
    // terms the glossary added to the question judge the match.
    const judged = isPassage(hit.entry) ? subjects.filter((s) => !LATIN_WORD.test(s.w)) : subjects;
    for (const s of judged) {
      const got = presence(stats, hit.entry.id, text, s.w, s.whole);
      if (s.added && got === 0) continue;
      total += s.weight;
      covered += got * s.weight;
      if (got < PARAPHRASED) missing.push(s);
      if (s.unknown) unknownWeight += s.weight;
      if (!focusWords.has(s.w)) continue;
      focusTotal += s.weight;
      focusCovered += got * s.weight;
      if (s.unknown) focusUnknown += s.weight;
    }
    const stated = statedKinds(hit.entry);
    const statesKind = (k: FactKind) => (k === 'amount' && anyFigure ? QUANTITY_KINDS.some((f) => stated.has(f)) : stated.has(k));
    // Every place asked about must be one the entry covers ("上海的跟重庆一样不" is not answered by 重庆's rule alone),
    // but a place the entry itself speaks of, named beside one it covers, is part of its matter: "武平那个卖宁夏
    // 枸杞的展销馆" asks about 武平's hall for 宁夏's goods, not about 宁夏's policy.
    const home = places.filter((p) => covers(hit.entry.region, p));
    const uncovered = places.find((p) => !covers(hit.entry.region, p) && !(home.length > 0 && text.includes(placeLabel(p))));
    const placeOk = !uncovered || (Boolean(ctx.compare) && home.length > 0);
    const place = uncovered ?? places.at(-1);
    const coverage = total > 0 ? covered / total : 1;
    const focus = focusTotal > 0 ? focusCovered / focusTotal : coverage;
    const a: Omit<Assessment, 'p' | 'onMatter'> = {
      hit,
      kinds: { asked, stated: [...stated], missing: asked.filter((k) => !statesKind(k) || (k === 'duration' && span !== undefined && !statesSpan(hit.entry, span))) },
      coverage,
      matter: long ? focus : coverage,
      missing: missing.sort((x, y) => y.weight - x.weight).map((m) => m.w),
      unknown: total > 0 ? unknownWeight / total : 0,
      focus,
      focusUnknown: focusTotal > 0 ? focusUnknown / focusTotal : 0,
      target: targetTotal > 0 ? targets.reduce((sum, t) => sum + (mentionsIn(stats, hit.entry.id, text, t.w) ? t.weight : 0), 0) / targetTotal : 1,
      predicate: predicate ? { asked: predicate, ok: text.includes(predicate) } : { ok: true },
      status: status ? { asked: status.word, ok: status.root.test(text) } : { ok: true },
      condition: conditionFit(hit.entry, question),
      missMax: missing.length ? Math.max(...missing.map((m) => m.weight)) / maxWeight : 0,
      place: { ...(place ? { asked: place } : {}), ok: placeOk },
      cites: citesFigure(question, text),
      year: { asked: years, ...yearFit(years, `${hit.entry.title} ${statement(hit.entry)}`) },
      near: { entry: near.entry(hit.entry.id), centroid: near.centroid(hit.entry.id), none: near.none, seen: near.knows(hit.entry.id) },
    };
    const x = features(a, question);
    return { ...a, p: probability(withPairs(x), WEIGHTS.weights), onMatter: probability(x.slice(0, MATTER_FEATURES), WEIGHTS.matter) };
  });
}

/**
 * A subject held by this share of its topic's entries (年票 in 4 of 10 pass entries), or by this many
 * entries in all (疗休养, 帮扶), names a whole topic, not one matter in it.
 */
const BROAD_TOPIC_SHARE = 0.25;
const BROAD_DF = 6;
/** Yes-no questions ending in 不 or 没 without a question word: 要得不, 去外省不 (补不补 is one of ASKING's). */
const YES_NO = /不[?？~～。!！]*$|没得?[?？]*$/;

/**
 * A message that only names a topic ("年票", "疗休养啊", "我有个法律问题"): no question, no kind of fact
 * asked, and nothing named more specific than what many entries are about. The worker has not said
 * what they want to know; asking back is the honest reply.
 */
export function namesOnlyTopic(question: string, kb: KnowledgeBase, topic: string): boolean {
  if (asksSomething(question) || askedKinds(question).length > 0) return false;
  if ([...question.replace(/[\s\p{P}\p{S}]/gu, '')].length > 12) return false;
  const stats = statsOf(kb);
  const subjects = subjectWords(question);
  const ofTopic = kb.entries.filter((e) => e.topic === topic).map((e) => textOf(stats, e));
  const broad = (w: string) => documentFrequency(stats, w) >= BROAD_DF || (ofTopic.length > 0 && ofTopic.filter((t) => holds(t, w)).length >= BROAD_TOPIC_SHARE * ofTopic.length);
  return subjects.length > 0 && subjects.length <= 2 && subjects.every(broad);
}

/** Whether the message asks something about a matter it names ("公积金断缴能补吗"), not only that it wants to ask. */
export function asksAboutMatter(question: string): boolean {
  return asksSomething(question) && matterWords(question).length > 0;
}

/** A question word, or a yes-no question's ending (要得不). */
function asksSomething(text: string): boolean {
  return ASKING.test(text) || YES_NO.test(text);
}

const ASKING = /([\u4e00-\u9fa5])不\1|真的假的|真的吗|是真的|对不对|多少|好多|(?<![那这后头过好十])(?<!(?<!提)前)几(?!十)|多久|好久|多长|啥|什么|怎么|咋|如何|哪|能不能|可不可以|可以不|能.{0,8}(吗|不|么)|是不是|有没有|有没得|算不算|要不要|吗|么|[?？]|\b(how|what|when|where|who|can|does|is|are)\b/i;
/** Every question word of a clause, where it stands. */
const ASKING_ALL = new RegExp(ASKING.source, 'gi');
/** Mostly Latin letters, as in a question written in English. */
const ENGLISH_TEXT = /^[^\u4e00-\u9fa5]*[a-z]{3,}[^\u4e00-\u9fa5]*[a-z]{3,}/i;
/** The clause that asks: the subjects there are what the answer must be about. */
export function focusClause(question: string): string {
  // Chinese clauses are often set apart by spaces alone; English words are.
  // A question mark ends the clause that asks: what follows it ("？我们工会主席说只能一次") is the story around.
  const clauses = question.split(ENGLISH_TEXT.test(question) ? /[，,。.！!；;?？\n]/ : /(?<=[?？])|[，,。.！!；;\n]|\s+/).filter((c) => c.trim());
  const asking = clauses.filter(asksSomething);
  return (asking.length ? asking : clauses).join(' ');
}

const FIGURE = /\d+(?:\.\d+)?\s*(?:万|千|百|元|块|天|%|人次|人)?/g;
/** A year written alone is when, not a figure the worker quotes ("2024年重庆有好多人" quotes nothing). */
const YEAR_ALONE = /^(19|20)\d{2}$/;
function citesFigure(question: string, entryText: string): boolean {
  return (question.match(FIGURE) ?? []).some((f) => !YEAR_ALONE.test(f.trim()) && /\d{2,}|\d[万千百元块天%]/.test(f) && holdsFigure(entryText, f.replace(/\s+/g, '')));
}

/** Whether the text holds the figure as a whole number: "200" is not in "2000万" nor in "1200元". */
function holdsFigure(text: string, figure: string): boolean {
  for (let at = text.indexOf(figure); at >= 0; at = text.indexOf(figure, at + 1)) {
    const before = text[at - 1] ?? '';
    const after = text[at + figure.length] ?? '';
    if (!(/\d/.test(figure[0]!) && /[\d.]/.test(before)) && !(/\d/.test(figure.at(-1)!) && /[\d.]/.test(after))) return true;
  }
  return false;
}

/** A year the question names ("2023年那一年", "2025年的数据", "in 2023"); not one that is a sum (2000元). */
const ASKED_YEAR = /(?<!\d)((?:19|20)\d{2})(?=\s*年)|\b(?:in|for|of|during|since)\s+((?:19|20)\d{2})\b/gi;
export function askedYears(question: string): number[] {
  return [...new Set([...question.matchAll(ASKED_YEAR)].map((m) => Number(m[1] ?? m[2])))];
}

/** The years an entry speaks of: 2024年, 2023—2027年, 2024年起 and 2023年5月以来 (and every year after). */
const YEAR_SPAN = /(?<!\d)((?:19|20)\d{2})(?:\s*年)?(?:\s*[—–\-~至到]\s*((?:19|20)\d{2})|(?:\d{1,2}月(?:\d{1,2}日)?)?[)）]?\s*(起|以来|开始|之后|以后))?/g;
function yearSpans(text: string): [number, number][] {
  return [...text.matchAll(YEAR_SPAN)].map((m) => [Number(m[1]), m[2] ? Number(m[2]) : m[3] ? Infinity : Number(m[1])]);
}

/**
 * Whether the entry names every year asked (named), and whether it is not about other years
 * instead (ok): an entry that names no year is not judged by it.
 */
function yearFit(asked: readonly number[], entryText: string): { ok: boolean; named: boolean } {
  if (asked.length === 0) return { ok: true, named: true };
  const spans = yearSpans(entryText);
  const within = (y: number, single: boolean) => spans.some(([from, to]) => (!single || from === to) && y >= from && y <= to);
  // A span that holds the year (2023—2027年, 2023年以来) gives that span's figures, not the year's: only the year itself names it.
  const named = spans.length > 0 && asked.every((y) => within(y, true));
  return { ok: spans.length === 0 || named, named };
}

/**
 * The evidence as numbers, in the order of the model's weights. The place is not among them: a
 * place the entry does not cover is a rule of the policy, not a matter of degree.
 */
export function features(a: Omit<Assessment, 'p' | 'onMatter'>, question: string): number[] {
  const kindsOk = a.kinds.asked.length === 0 ? 1 : 1 - a.kinds.missing.length / a.kinds.asked.length;
  // In a long message the story around the question is not what must be covered: the asking clause is (matter).
  const long = [...question].length > LONG_MESSAGE;
  const unknown = long ? a.focusUnknown : a.unknown;
  // A rule of law answers a worker's situation told in their own words, which share few words with it.
  const statute = 'law' in a.hit.entry && a.hit.entry.law ? 1 : 0;
  return [a.hit.score, a.matter, unknown, kindsOk, a.kinds.asked.length === 0 ? 1 : 0, a.cites ? 1 : 0, a.focus, a.missMax, a.target, statute, ...nearness(a.near)];
}

/**
 * The neighbour inputs: closeness to the entry's earlier questions and to unanswered ones. For an entry
 * with no earlier questions the first is unknown, not far: it is 0 and the last input says it is unknown,
 * and the model learns from copies of its examples made that way what the rest of the evidence is worth alone.
 */
export function nearness(near: Assessment['near']): [number, number, number, number] {
  return near.seen ? [near.entry, near.centroid, near.none, 0] : [0, 0, near.none, 1];
}

/** Messages longer than this tell a story around their question. */
export const LONG_MESSAGE = 40;

export const FEATURE_NAMES = ['score', 'coverage', 'unknown', 'kindsOk', 'general', 'cites', 'focus', 'missMax', 'target', 'statute', 'nearEntry', 'nearCentroid', 'nearNone', 'unseen'] as const;
/** The features of the words alone come first; the on-the-matter model reads only these. */
export const MATTER_FEATURES = FEATURE_NAMES.indexOf('nearEntry');

/**
 * The features and the product of each of the words' features with each of the neighbours' (MATTER_FEATURES
 * on): how much closeness to earlier questions is worth depends on what the words say (it says more when the
 * entry states the kind of fact asked), which a weighted sum of the features alone cannot say. Products
 * within the words' features were tried too and only fit the train parts better.
 */
export const PAIRS: readonly (readonly [number, number])[] = Array.from({ length: MATTER_FEATURES }, (_, i) =>
  Array.from({ length: FEATURE_NAMES.length - MATTER_FEATURES }, (_, k) => [i, MATTER_FEATURES + k] as const),
).flat();

export function withPairs(x: readonly number[]): number[] {
  return [...x, ...PAIRS.map(([i, j]) => x[i]! * x[j]!)];
}

/** Logistic weights of both models: [bias, ...withPairs(features)] for the answer, [bias, ...the words' features] on the matter; written by scripts/train-answerability.ts. */
const WEIGHTS = JSON.parse(readFileSync(new URL('./answerability.weights.json', import.meta.url), 'utf8')) as { features: string[]; weights: number[]; matter: number[] };

function probability(x: number[], w: readonly number[]): number {
  let z = w[0] ?? 0;
  for (let i = 0; i < x.length; i++) z += (w[i + 1] ?? 0) * x[i]!;
  return 1 / (1 + Math.exp(-z));
}

export { placeLabel };
