import { digitOf, digitsOf, findPersonalNumbers } from '../core/digits.ts';
import type { Slots } from './types.ts';
import { districtAt, filedDistrictName, findAllDistricts, findDistrict } from './districts.ts';
import { explainsSpelling, findName, looksLikeName, parseNameAnswer, WRITTEN_AS } from './names.ts';

/** Slot extraction from normalized text. Pure and fast; every extractor returns undefined when unsure. */

export const TICKET_NUMBER = /12351-?(\d{8})-?(\d{4})/;

/**
 * All phone numbers in the text, as ASCII digits, in order: mobiles however written (digits in
 * any script, Chinese numerals read out digit by digit, spaces or dashes inside), landlines
 * only when there is no mobile.
 */
export function findPhones(text: string): string[] {
  const mobiles = findPersonalNumbers(text, ['mobile']).map((n) => n.digits);
  return mobiles.length ? mobiles : findPersonalNumbers(text, ['landline']).map((n) => n.digits);
}

export function findPhone(text: string): string | undefined {
  const all = findPhones(text);
  return all[all.length - 1];
}

export function isValidPhone(text: string): boolean {
  const rest = [...text].filter((c) => digitOf(c) === undefined).join('');
  if (!/^[\s\-+()（）]*$/.test(rest)) return false;
  const digits = digitsOf(text).replace(/^(?:00)?86(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits);
}

export function findTicketNumber(text: string): string | undefined {
  const m = TICKET_NUMBER.exec(text);
  return m ? `12351-${m[1]}-${m[2]}` : undefined;
}

/** Suffixes that make a phrase an employer by themselves (a firm, factory, group, project). */
const STRONG_SUFFIX = '(?:有限责任公司|股份有限公司|有限公司|集团|公司|加工厂|工厂|厂|项目部|配送站|设计院|研究院|工程队|施工队|装修队|劳务队|建筑队|装卸队|搬运队|合作商|站点)';
/** Weaker ones count only after an explicit cue ("单位是永辉超市"): "现在在医院" names no employer. */
const ANY_SUFFIX = `(?:${STRONG_SUFFIX.slice(3, -1)}|超市|商场|医院|学校|酒店|物业|门店|店|中心|银行|工地|平台|餐厅|饭店|火锅店|宾馆|幼儿园)`;
/** A kind of firm at the end of a name (公司, 超市): taken off to see what names it. */
const SUFFIX_AT_END = new RegExp(`${ANY_SUFFIX}$`);
const ORG = `[\\u4e00-\\u9fa5a-z0-9（）()·&]{1,30}`;

/** How an English firm's name ends, full stops and commas included: "Co., Ltd.", "Inc.", "Corp.". */
const EN_FIRM_TAIL = '(?:\\s+co\\.?,?\\s*ltd\\.?|\\s+co\\.|\\s+ltd\\.|\\s+inc\\.|\\s+corp\\.)';
/** A whole answer that is an English firm's name: "Chongqing Jiejing Property Services Co., Ltd.". */
const EN_FIRM = new RegExp(`^((?:[a-z0-9&'-]+\\s+){0,6}[a-z0-9&'-]+(?:${EN_FIRM_TAIL}|\\s+(?:company|group|limited|llc)))\\s*[.!]?$`, 'i');

/** Where an employer came from: the words and the rule that took them. */
export interface Found {
  value: string;
  span: string;
  rule: string;
}

/**
 * Clauses that say who the worker works for, strongest first. A clause about who owes whom
 * ("物流公司拖了我们…") or what was done to the worker ("我被公司…") never names the employer.
 */
/** `exact`: the name is taken as written, the place at its head kept (a registered name, "成都…有限公司重庆分公司"). */
const EMPLOYER_RULES: { rule: string; re: RegExp; exact?: boolean }[] = [
  // "全称叫…有限公司重庆分公司", "营业执照上的名字是…": the registered name, branch and all, whatever else is named.
  { rule: '全称是…', exact: true, re: new RegExp(`(?:全称|全名|(?:营业)?执照上(?:的名字|的名称|写的)?)(?:是|叫|为|[:：])\\s*(${ORG}${ANY_SUFFIX}(?:[\\u4e00-\\u9fa5]{0,4}(?:分公司|子公司|分店|分厂|项目部))?)`, 'i') },
  // "中餐厅包给了重庆味道坊餐饮管理有限公司": the contractor that runs the place is whom its workers work for.
  { rule: '包给…', re: new RegExp(`(?:包给|外包给|承包给|转包给|分包给)了?(?:一家叫|一家|叫)?(${ORG}${STRONG_SUFFIX})`, 'i') },
  // "发工资的是它外包的重庆净美保洁", "派我去的是…": the one who pays or sends the worker, whoever else is named.
  { rule: '发工资的是…', re: new RegExp(`(?:发工资|发钱|开工资|给我们?发工资|派我们?(?:去|来|过去|过来)?|招我们?(?:进来)?|跟我们?签合同|和我们?签合同)的(?:才)?是(?:它|他们|他|她)?(?:外包|下面|请|找)?的?(?:一家叫|一家|叫)?(${ORG}${ANY_SUFFIX})`, 'i') },
  // "站点承包商是重庆疾风物流有限公司": whoever runs the station or the site for the brand or platform.
  { rule: '承包商是…', re: new RegExp(`(?:承包商|承包方|运营商|运营方|外包商|外包方|代理商|加盟商|劳务方)(?:是|为|叫|[:：])\\s*(?:一家叫|一家|叫)?(${ORG}${ANY_SUFFIX})`, 'i') },
  { rule: '跟…签的合同', re: new RegExp(`(?:跟|和|与)(?:一家叫|一家|叫)?(${ORG}${ANY_SUFFIX})签`, 'i') },
  { rule: '合同签的是…', re: new RegExp(`签的?是(?:一家叫|叫)?(${ORG}${ANY_SUFFIX})`, 'i') },
  { rule: '归…管', re: new RegExp(`归(${ORG}${ANY_SUFFIX})管`, 'i') },
  { rule: '单位是…', re: new RegExp(`(?:工作单位|用人单位|单位|公司|厂子?)(?:的?名字|的?名称)?(?:是|叫|名叫|为|[:：])\\s*(?:一家叫|叫)?(${ORG}${ANY_SUFFIX}|${ORG})`, 'i') },
  { rule: '被…辞退', re: new RegExp(`被(${ORG}${STRONG_SUFFIX})(?:无故|直接|突然)?(?:辞退|开除|解雇|裁员|裁掉|裁了|炒)`, 'i') },
  { rule: '合同跟…签', re: new RegExp(`合同(?:是)?(?:跟|和|与)(?:一家叫|一家|叫)?(${ORG}${ANY_SUFFIX})签`, 'i') },
  // "我的合同在重庆房通置业代理有限公司": where the contract is held is whom the worker works for.
  { rule: '合同在…', re: new RegExp(`(?:合同|劳动关系|社保)(?:是|也|都)?(?:签|挂|放)?在(${ORG}${ANY_SUFFIX})`, 'i') },
  { rule: '我是…的人', re: new RegExp(`(?:我们|我)(?:都)?是(${ORG}${ANY_SUFFIX})(?:的(?:人|员工|职工|工人|保洁|保安|司机|派遣工)|派遣?(?:到|去|来|过去|过来))`, 'i') },
  // "奶茶店是重庆甜心餐饮管理有限公司开的", "网店是重庆小鱼电子商务有限公司的": the firm that runs the place the worker names.
  { rule: '…开的', re: new RegExp(`是(${ORG}${STRONG_SUFFIX})(?:开的|办的|经营的|承包的|在管|管的)|(?:店|网店|门店|厂|工厂|站点|食堂|餐厅|超市|酒店)子?是(${ORG}${STRONG_SUFFIX})的(?=$|[\\s，,。])`, 'i') },
  { rule: '…派到', re: new RegExp(`(${ORG}${STRONG_SUFFIX})(?:把我们?)?派(?:到|去|来|遣|过去|过来)`, 'i') },
  { rule: '…招的', re: new RegExp(`(?:是|被)(${ORG}${STRONG_SUFFIX})(?:招|招聘|雇|请)(?:的|进来|过来|来的)`, 'i') },
  { rule: '在…上班', re: new RegExp(`(?:在|给|帮|替)(${ORG}${ANY_SUFFIX})(?:的(?:工地|车间|仓库|门店|项目)?上?)?(?:上班|工作|打工|做事|干活|做工|上工|当|做)`, 'i') },
  { rule: '就职于…', re: new RegExp(`(?:就职于|供职于|在职于|受雇于)(${ORG}${ANY_SUFFIX})`, 'i') },
  { rule: 'work for …', re: new RegExp(`\\b(?:work|working|worked|employed)\\s+(?:for|at|by)\\s+([a-z0-9&-]+(?:\\s[a-z0-9&-]+){0,5}?(?:${EN_FIRM_TAIL})?)(?=\\s+(?:in|as|since|for)\\b|\\s*[,.;!]|$)`, 'i') },
  // "合同上只有一个英文名字 Quillmark Supply Chain (Chongqing) Co., Ltd.": a registered English name, wherever it stands.
  { rule: '英文注册名', exact: true, re: /\b((?:[A-Z][A-Za-z0-9&'-]*|\([A-Z][a-z]+\))(?:\s+(?:[A-Z][A-Za-z0-9&'-]*|\([A-Z][a-z]+\))){0,6}\s+Co\.?,?\s*Ltd\.?)/ },
];
const BARE = new RegExp(`(${ORG}${STRONG_SUFFIX})`, 'gi');
/** Words of a request to the union run before a firm's name, never inside it: "请工会帮我们找厂里要生活费", "你们能不能派个人到我们厂". */
const REQUEST_WORDS = /工会|帮(?:我|我们|忙)|找|你们|能不能|可不可以|能否|派(?:个|一个|几个)?人|我(?:们)?(?:问|跟|和)|问(?:下|一下)/;
/** Whose name a vehicle, a licence or a worker is only registered under (挂靠): no employer. */
const NOMINAL = /挂靠|名下/;
/** A clause that says who owes or wronged the worker, or is only nominal (挂靠), not whom the worker works for. */
const NOT_ABOUT_EMPLOYMENT = /挂靠|名下|欠|拖|没发|不发|不给|没给|克扣|扣|被|骗|跑了|跑路|说|owe|unpaid|didn't pay|hasn't paid/i;
/** "One of": after these comes a kind of place ("一家奶茶店"), not a name (一间 is Cantonese for 一家). */
const ONE_OF = ['一个', '一家', '一间'];
const DETERMINER_WORDS = `${ONE_OF.join('|')}|那个|这个|那家|这家|那间|这间|某个|某|区里|市里|县里|镇上|本地|当地`;
const CLAUSE_END = '(?:我在|我们在|在|是|的|叫|喊|给|帮|替)';
const DETERMINERS = new RegExp(`^(?:.*?${CLAUSE_END})?(?:${DETERMINER_WORDS})?`);
/** A clause ending in 是, 的, 叫 … and the determiner after it: what stands before a firm's name. */
const CLAUSE_BEFORE_FIRM = new RegExp(`^.*?${CLAUSE_END}(?:${DETERMINER_WORDS})?`);
/** Industry words that describe a kind of firm rather than name one ("物流公司", "厂里"). */
const GENERIC_STEM = /^(?:我们|他们|你们|现在|这|那|本|一|个|家|区|里|物流|快递|外卖|建筑|装修|餐饮|保安|保洁|清洁|安保|环卫|绿化|派遣|劳务派遣|人力资源|人力|装卸|搬运|配送|外包|服务|工程|建设|商贸|贸易|物资|混凝土|搅拌站|没得|没有|时候|当时|那时|后来|最近|上个?月|这个?月|去年|今年|前年|隔壁|对面|旁边|附近|医疗|医药|教育|培训|旅游|酒店|超市|商场|保险|地产|房地产|汽修|维修|软件|网络|信息|技术|养老|护理|物业|家政|水泥|服装|电子|机械|科技|贸易|运输|劳务|建材|食品|化工|纺织|汽车|船|砖|钢|钢铁|火锅|租赁|网店|网|奶茶|茶饮|咖啡|面馆|小吃|蛋糕|烘焙|理发|美发|美容|洗车|饭|酒|鞋|工|印刷|包装|制衣|五金|塑料|木材|家具|玩具|电器|医|学|小|大|老|新)*$/;

function cleanEmployer(v: string): string | undefined {
  const at = v.indexOf('重庆');
  const trimmed = at > 0 ? v.slice(at) : v.replace(/^.*?(?:签的是|是跟|跟|归|被)(?=.{4,})/, '');
  const out = trimmed.replace(DETERMINERS, '').replace(/^(?:在|是|给|到)+/, '').replace(/(?:的(?:工地|车间|仓库|门店|项目))?上?$/, '').trim();
  // "九龙坡区…", "九龙坡一个厂": a place before the name, with its suffix or before a determiner, is no part of it.
  const place = /^(.{1,8}?[区县])/.exec(out)?.[1] ?? /^(.{2,5}?)(?=一个|一家|那个|这个|那家|这家|某)/.exec(out)?.[1];
  let stem = out.replace(/^(?:重庆市?)?/, '').slice(place && findDistrict(place) ? place.length : 0).replace(DETERMINERS, '');
  // "派我去的是一家保安公司": the clauses before a kind of firm are stripped to the end, 是 and 的 each time;
  // a determiner goes only with its clause, so "某某超市" keeps the 某 that stands for its name.
  for (let before = ''; before !== stem; ) {
    before = stem;
    stem = stem.replace(/^(?:在|是|给|到)+/, '').replace(CLAUSE_BEFORE_FIRM, '');
  }
  const named = stem.replace(SUFFIX_AT_END, '');
  if (ONE_OF.some((one) => v.includes(`${one}${named}`)) && !/有限|集团|股份/.test(stem)) return undefined;
  // "在万象城的一家奶茶店上班": after 一家 or 一个 comes a kind of place, not a name, unless it is a registered one.

  // "a factory", "my company": a kind of firm, not its name.
  if (out.length < 2 || GENERIC_STEM.test(named) || findDistrict(out) === out || /^(?:a|an|the|my|our|this|that|some)\s+(?:[a-z]+\s+)?(?:factory|company|warehouse|restaurant|shop|store|site|hotel|school|hospital|firm|plant|office|supermarket|mall)$/i.test(out)) return undefined;
  return out;
}

/** A clause about someone else's job or a past one: "我老公在…上班", "我以前在…". */
const NOT_MINE = /老公|老婆|丈夫|妻子|爱人|媳妇|儿子|女儿|孩子|父亲|母亲|爸|妈|亲戚|朋友|邻居|以前|之前|原来|(?<![派调遣送]|[派调遣送](?:我们|我|他们|他|她))过去(在|的)|曾经|前公司|老单位|husband|wife|son|daughter|used to|formerly|previous/i;

/**
 * The employer named in free text, with the clause and rule that named it. Unsure (two firms
 * named the same way, or only someone else's or a past job) means none: the form then asks.
 */
export function findEmployerSpan(text: string): Found | undefined {
  // "Co., Ltd." ends a firm's name, not a clause.
  const clauses = text.split(/(?<!\b(?:co|ltd|inc|corp)\.?)[，,。.!！?？;；]+|(?<=[\u4e00-\u9fa5])\s+/i).filter((c) => !NOT_MINE.test(c));
  const signed = signedWith(text);
  if (signed) return signed;
  for (const { rule, re, exact } of EMPLOYER_RULES) {
    const found = new Map<string, Found>();
    for (const clause of clauses) {
      const m = re.exec(clause);
      // A rule of several forms names the firm in whichever group its form has.
      const named = m?.slice(1).find(Boolean);
      const value = named ? (exact ? named.trim() : cleanEmployer(named)) : undefined;
      if (m && value) found.set(value, { value, span: m[0], rule });
    }
    if (found.size === 1) return [...found.values()][0];
    if (found.size > 1) return undefined;
  }
  for (const clause of clauses) {
    if (NOT_ABOUT_EMPLOYMENT.test(clause)) continue;
    for (const m of clause.matchAll(BARE)) {
      // "老板另外开了家公司": a firm's name never runs across 了; what stands before it is a clause. 了么 is a
      // name's own (饿了么), not a clause's end.
      // A registered name from 重庆 on keeps its own 了 ("重庆吃饱了饮食有限公司").
      const words = m[1] ?? '';
      const seat = words.indexOf('重庆');
      const value = cleanEmployer(seat >= 0 ? words.slice(seat) : words.replace(/^.*了(?!么)/, ''));
      if (value && (byClient(clause, m, value) || REQUEST_WORDS.test(value))) continue;
      if (value && value.length >= 4) return { value, span: clause, rule: '单位名称' };
    }
  }
  return undefined;
}

/** "协议也是跟熠星签的": the party signed with, by a short name the worker gave in full before. */
const SIGNED_WITH_SHORT = /(?:跟|和|与)([\u4e00-\u9fa5]{2,4})签/;

/** The firm named in full whose short name the worker says they signed with; undefined unless exactly one fits. */
function signedWith(text: string): Found | undefined {
  const m = SIGNED_WITH_SHORT.exec(text);
  const short = m?.[1];
  if (!m || !short || /^(?:这个|那个|这家|那家|公司|老板|他们|我们|单位|厂里)/.test(short)) return undefined;
  const firms = new Set<string>();
  for (const f of text.matchAll(BARE)) {
    const value = cleanEmployer(f[1] ?? '');
    if (value?.includes(short)) firms.add(value);
  }
  return firms.size === 1 ? { value: [...firms][0]!, span: m[0], rule: '跟…签（简称）' } : undefined;
}

/**
 * The firm a worker names in answer to "您在哪个单位上班?": a named firm in any clause (the question
 * says it is the employer, so "我被重庆恒丰物流有限公司辞退了" names it too), else the words before
 * what is said about it ("重庆恒丰物流欠我工资" → 重庆恒丰物流, "就是恒丰物流 在南岸" → 恒丰物流).
 */
export function employerAnswer(text: string): string | undefined {
  const english = EN_FIRM.exec(text.trim())?.[1];
  if (english) return english;
  const found = findEmployerSpan(text)?.value;
  if (found) return found;
  for (const part of text.split(OWES)) {
    // "车挂靠在重庆安运物流有限公司": the firm a vehicle or licence is registered under does not employ the driver.
    if (NOMINAL.test(part)) continue;
    for (const m of part.matchAll(BARE)) {
      const value = cleanEmployer((m[1] ?? '').replace(/^.*[(（]/, ''));
      if (value && value.length >= 4 && !byClient(part, m, value)) return value;
    }
  }
  for (const clause of text.split(/[，,。.!！?？;；]+|(?<=[\u4e00-\u9fa5])\s+/)) {
    const head = clause
      .replace(/^(?:我们|我)?(?:老板)?(?:就|现在|目前|一直)?(?:是|在|给|帮|替)?(?:一家|一个)?(?:叫)?/, '')
      .split(/欠|拖|没有?|不[给发交签]|把|让|被|说|干了|干活|做事|上班|工作|打工|开车|跑|辞|开除|的人|的员工|那边|这边|里面/)[0]!
      .replace(/(?:的|上|里)$/, '')
      .trim();
    if (head.length >= 2 && head.length <= 40 && findDistrict(head) !== head && !/^(?:老板|公司|厂里|单位|工地|那里|这里)$/.test(head) && !NO_FIRM.test(head)) return head;
    break;
  }
  return undefined;
}

/** Words that hold the floor or say nothing of a firm: "等哈", "稍等", "那个", "不晓得". */
export const NO_FIRM = /^(?:等(?:一)?下|等哈|等等|等一等|稍等|慢点|嗯+|哦+|啊+|呃+|那个|这个|就是|不知道|不晓得|不清楚|忘了|记不得|wait|hold on|um+)$/i;

/** Words that say who owes or wrongs whom: a firm's name never runs across them. */
const OWES = /欠|拖|不给|没给|说|让|把|被/;
/** The roles of a firm that is not the worker's employer: the client, the main contractor, the developer, the shipper. */
const CLIENT = /(?:甲方|总包|业主|货主|发包方|开发商|建设方|客户)(?:是|为|[:：])?\s*$/;

/** Whether the firm found is introduced as the client or main contractor ("甲方重庆置地公司", "总包是重庆建工"). */
function byClient(text: string, m: RegExpMatchArray, value: string): boolean {
  const at = (m.index ?? 0) + Math.max(0, (m[1] ?? '').indexOf(value));
  return CLIENT.test(text.slice(0, at));
}

/** The employer named in free text, or undefined when none is clearly named. */
export function findEmployer(text: string): string | undefined {
  return findEmployerSpan(text)?.value;
}

export function extractSlots(text: string): Slots {
  const slots: Slots = {};
  const phone = findPhone(text);
  if (phone) slots.phone = phone;
  const district = findDistrict(text);
  if (district) slots.district = district;
  const name = findName(text);
  if (name) slots.name = name;
  const employer = findEmployer(text);
  if (employer) slots.employer = employer;
  const ticketNumber = findTicketNumber(text);
  if (ticketNumber) slots.ticketNumber = ticketNumber;
  return slots;
}

export { districtAt, explainsSpelling, filedDistrictName, findDistrict, findAllDistricts, findName, looksLikeName, parseNameAnswer, WRITTEN_AS };
