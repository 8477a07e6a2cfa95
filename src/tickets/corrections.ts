import type { TicketField } from '../core/message.ts';
import { explainsSpelling, filedDistrictName, findAllDistricts, findEmployerSpan, findName, findPhones, parseNameAnswer } from '../intents/slots.ts';
import { clauses, HOME, SEAT } from './words.ts';

/**
 * Corrections as workers make them, at any point of the form (even before the bot asked for the
 * field): "不是巴南区 是南岸区", "张伟说错了 改成张玮", "名字打错了 是林小燕 燕子的燕",
 * "号码少打了一位 是…", "说错了，工地其实在江北区，不是渝北", and at the summary by naming the
 * field: "情况改成：…", "单位是…", "电话换成…", "区县改成…". Each change names the words it
 * came from and the rule that read them.
 */

export interface Change {
  field: TicketField;
  /** Empty when the worker said the value is wrong without giving the right one. */
  value: string;
  span: string;
  rule: string;
}

type Fields = Partial<Record<TicketField, string>>;

const MARKER =
  /^(?:而|也|并)?不是[^，,\s]{1,12}[\s，,]+\S|说错了?|写错了?|不姓|搞错了?|打错了?|弄错了?|填错了?|输错了?|记错了?|讲错了?|打漏了?|少打了|多打了|(?:搞|弄|记)混了?|不在[^，,\s]{1,12}[，,\s]*(?:而)?是在|(?:打|写|填|输|说|弄|搞|记)成[^，,。\s]{1,14}了|(?:说|讲|写)得?不(?:准确|准|太对)|(?:打|写|说|弄|填|输|搞|记|念|报)(?:反|颠倒|倒)了|颠倒了|漏了|(?<![没不])错了|不对|更正|纠正|修改|改成|改为|写成|填成|改一下|改下|重新(说|讲|描述|写)|换成|换为|换一下|应该(是|写|填|叫)|其实|才是|不是.{1,20}?[，,\s]*(而)?是|是.{1,24}[，,\s]+不是|[，,\s]不(是|在)[^，,\s]{1,12}$|是[^，,\s]{1,12}不是[^，,\s]{1,12}$|(?:写|填|用|换|登记?)(?:成|上)?(?:全名|全称|正式的?(?:名字|名称)|大名|真名|真实姓名|本名)|[^，,。\s]{1,12}(?:加上|补上|添上|加进去)|\b(wrong|correct(ion)?|change|actually|not|should be|mistake|typo|instead)\b/i;
/** Words that say outright that something was wrong or is to be changed. */
const ADMITS_ERROR = /(说|写|搞|打|弄|填|输|记|讲)错|(说|讲|写)得?不(准确|准|太对)|(说|写|搞|打|弄|填|输|记|念|报)(反|颠倒|倒)了|颠倒了|错了|不对|更正|纠正|修改|改成|改为|改一下|改下|换成|换为|\b(wrong|change|mistake|typo)\b/i;
/** Naming a field and giving it a value: "单位是…", "电话：…", "姓名：…" sets that field whatever was asked. */
const NAMED_VALUE =
  /^(?:营业)?执照上的?(?:名字|名称)?(?:是|叫|为|[:：])|(?:劳动)?合同上[^，,。\s]{0,4}(?:盖章|盖的章|签|写|印)的?(?:是|叫|为)|^(?:单位|公司)?的?(?:全称|全名)(?:是|叫|为|[:：])|^(姓名|名字|电话|手机号?|号码|联系方式|单位|公司|区县|区|县|地址|地点|地方|情况|描述|诉求|问题)(?:那里|那儿|那栏|那一栏|这里|这栏|那项|这项)?(?:要|得|需要|请|就|还是)?(是|为|[:：]|写|填|改成|改为|写成|填成|换成|换为|应该是|叫|名叫|叫做|应该叫)|^(?:my )?(name|phone(?: number)?|number|mobile|company|employer|district|county)(?:'s| is|:| should be)/i;
/** What a worker says before naming the field ("对了 区县写万州区", "哦 还有 名字要写…"): no part of the value. */
const LEAD_IN = /^(?:(?:对了|哦|噢|喔|嗯|哎呀|哎|诶|还有|另外|不好意思|抱歉|对不起|sorry|oh|also)[，,。.!！\s]*)+/i;
function namesField(text: string): boolean {
  return NAMED_VALUE.test(text.replace(LEAD_IN, ''));
}
/** A word spelled out letter by letter ("J-O-H-N"): it explains the spelling, it is no value of its own. */
const SPELLED = /^(?:it'?s\s+)?(?:[a-z][\s.-]){1,}[a-z]$/i;

const FIELD_WORDS: [TicketField, RegExp][] = [
  ['employer', /全称|全名|执照|合同上|盖章|(?:物业|超市|商场|酒店|饭店|餐厅|医院|学校|工地|项目|平台|银行|驾校|厂子?|店子?)(?:的)?(?:名字|名称|名儿)|单位|公司|厂名|厂子?的?名字|店名|店子?的?名字|店叫|门店|老板是|employer|company|\bshop\b|\bstore\b/i],
  ['description', /情况|描述|诉求|金额|钱数|工资数|多少钱|欠的钱|[0-9一二三四五六七八九十两几]+(个月|块|元|万|千|个?人|名|小时)|人数|月数|欠了|问题是|事情是/],
  ['phone', /电话|手机|号码|尾数|尾号|号|phone|number|mobile/i],
  ['name', /名字|姓名|称呼|我叫|叫我|^姓[\u4e00-\u9fa5]|我姓|姓氏|(?:^|\s)叫[\u4e00-\u9fa5]{2,3}(?:\s|$)|\bname\b/i],
  ['district', /区县|区|县|地方|地址|地点|工地在|厂在|公司在|在哪|district|county/i],
];
/** The district field named and a value given straight after it: "区县那里写", "地址改成", "区县应该是". */
const FIELD_THEN_VALUE = /(?:区县|地址|地点|所在地)[^，,。\s\d]{0,4}?(?:写|填|改成|改为|换成|应该是|是)/;

/** Words that name the district field by themselves: "区县不对" needs no district named ("区" alone could be anything). */
const DISTRICT_NAMED = /区县|地址|所在地|\b(?:district|county)\b/i;
/** The last digits of a number: 尾号, 尾数, 最后四位, 后四位, 末两位, and 最后 / 最后几位 when digits follow ("最后是0081"). */
const TAIL = '(?:尾数|尾号|(?:最后|最末|末|后)[一二两三四五1-5]位(?:数字?)?|(?:最后|最末)(?:几位|那几位|几个数字?)?(?=(?:是|应该是|改成|改为|[:：])\\s*\\d))';

/** "It's 周明, not 周敏": an English cue stays with the Chinese value after it, or the clauses split them apart. */
const ENGLISH_CUE_BEFORE_CJK = /\b(not|it'?s|it is|is|should be|change (?:it )?to)\s+(?=[\u4e00-\u9fa5])/gi;

/** What may stand before 不是 / 不在 in a rejecting clause: the place or the worker it is about ("店不在九龙坡"). */
const REJECT_LEAD = '^(?:店子?|厂子?|公司|单位|工地|地方|地址|我们?)?(?:而|也|并)?';
/** A clause that rejects a value: "不是渝北", "店不在九龙坡", "张伟说错了", "not Yubei". */
const REJECTS = new RegExp(`${REJECT_LEAD}(?:不是|不在)|^不姓|^not\\b`, 'i');
/** The same lead with the rejecting word, to strip it and keep the value rejected. */
const REJECT_WORD = new RegExp(`${REJECT_LEAD}(不是|不在|不姓|not)\\s*`, 'i');
const MISTAKE = /^(.*?)(?:说错|写错|打错|弄错|搞错|填错|输错|记错|不对|(?:说|写|打|弄|搞|填|输|记|念|报)(?:反|颠倒|倒)|颠倒)了?/;

function rejects(clause: string): boolean {
  return REJECTS.test(clause) || MISTAKE.test(clause);
}

/** What follows the admission in "电话说错了是139…": the new value. */
function afterMistake(clause: string): string {
  // "写错了个字", "打错了一位": how much was wrong is no value.
  return REJECTS.test(clause) ? '' : clause.replace(MISTAKE, '').replace(/^了?[一两二三几]?[个位](?:字|数字?|号码?)?$/, '').trim();
}

/** Whether the words say something was wrong or should be changed ("说错了", "不是…是…", "改成…"). */
export function marksCorrection(text: string): boolean {
  return MARKER.test(text);
}

/** The field a correction is about, whether or not it changes anything ("号码多打了一位 应该是…" when the number is already right). */
export function correctionTarget(text: string, fields: Fields): TicketField | undefined {
  if (!MARKER.test(text) && !namesField(text)) return undefined;
  const parts = clauses(text).filter((c) => !explainsSpelling(c, text) && !SPELLED.test(c));
  return targetField(text, fields, parts.filter(rejects));
}

/** "刚是钢铁的钢", "兴是新旧的新", "刚字应该是钢", "但丽应该是莉": one character of a name said again, with or without words to explain it. */
const CHAR_IS = /^(?:但是?|不过|只是|就是|而)?(?:.{0,8}?[的里中])?([\u4e00-\u9fa5])字?(?:是|应该是|应是|要写成|写成|改成|换成|该是)(?:[\u4e00-\u9fa5]{1,5}的|[\u4e00-\u9fa5]{0,4}那个)?([\u4e00-\u9fa5])(?:字)?(?:才对|哈|嘛|哦|啊)?$/;
/** "不是王是汪", "是汪不是王", "王应该是汪": one character swapped for another. */
const CHAR_NOT = /^(?:不是|不姓)([\u4e00-\u9fa5])(?:字)?[,，\s]*(?:而)?(?:是|姓)([\u4e00-\u9fa5])(?:字)?$|^(?:是|姓)([\u4e00-\u9fa5])(?:字)?[,，\s]*不是([\u4e00-\u9fa5])(?:字)?$/;
/** Words that put a character swap in the firm's name rather than the worker's. */
const ABOUT_FIRM = /单位|公司|厂|店|企业|超市|物业|工地|employer|company/i;

/**
 * One character of the name (or the firm) corrected by itself: "刚是钢铁的钢", "不是王是汪", "单位名字里的兴是新旧的新".
 * The character replaced must be in the value the field holds; the rest of the value stays.
 */
function characterSwap(text: string, fields: Fields): Change | undefined {
  for (const c of clauses(text).length > 1 ? [text.replace(/\s+/g, ''), ...clauses(text)] : [text]) {
    const m = CHAR_NOT.exec(c);
    const [from, to] = m ? (m[1] ? [m[1], m[2]] : [m[4], m[3]]) : (CHAR_IS.exec(c) ?? []).slice(1, 3);
    if (!from || !to || from === to) continue;
    const order: TicketField[] = ABOUT_FIRM.test(text) ? ['employer', 'name'] : ['name', 'employer'];
    for (const field of order) {
      const v = fields[field];
      if (!v || !v.includes(from)) continue;
      return { field, value: v.split(from).join(to), span: c, rule: field === 'name' ? '更正姓名的一个字' : '更正单位名称的一个字' };
    }
  }
  return undefined;
}

/**
 * Reads what the message changes, given the fields as they stand and the one asked for. Empty when it is no correction.
 * A phone number beside the correction of another field ("名字和电话都错了 名字是喻晓琳 电话183…") changes both.
 */
export function readCorrections(text: string, fields: Fields, asked: TicketField | 'confirm' | null, said: string = text): Change[] {
  const changes = readOne(text, fields, asked, said);
  if (!findPhones(text).length || changes.some((c) => c.field !== 'phone')) return changes;
  const all = clauses(text);
  const rest = all.filter((c) => !findPhones(c).length);
  if (rest.length === all.length) return changes;
  const others = readOne(rest.join('，'), fields, asked, rest.join('，')).filter((c) => c.field !== 'phone' && c.field !== 'description' && c.value);
  return [...changes, ...others];
}

function readOne(text: string, fields: Fields, asked: TicketField | 'confirm' | null, said: string): Change[] {
  const swap = characterSwap(text, fields);
  if (swap) return [swap];
  const marked = MARKER.test(text);
  const named = namesField(text) || new RegExp(`^(?:电话|手机|号码)?(?:的)?${TAIL}(?:数字|数)?(?:是|为|应该是|改成|改为|[:：])\\s*\\d`).test(text);
  if (!marked && !named && !(asked === 'confirm' && offersNewValue(text, fields))) return [];
  // The worker's account, asked for: "不是我不想干 是公司在渝北区的厂搬走了" tells the story; only words that say
  // something was wrong ("区县说错了", "电话改成…") correct a field in it.
  if (asked === 'description' && !fields.description && !named && !ADMITS_ERROR.test(text)) return [];
  const parts = clauses(text.replace(ENGLISH_CUE_BEFORE_CJK, '$1')).filter((c) => !explainsSpelling(c, text) && !SPELLED.test(c));
  const rejected = parts.filter(rejects);
  const kept = parts.filter((c) => !rejected.includes(c)).concat(rejected.map(afterMistake).filter((c) => c.length >= 2));
  // A correction that names no field and no value of one ("受伤是3月份不是4月份", "不是没发 是只发了一半") is about the account.
  let target = targetField(text, fields, rejected) ?? (asked !== 'description' && fields.description && tellsDetail(text, rejected, kept) ? 'description' : undefined);
  // The answer to the field asked, with another field set beside it: "江津区 单位要写正式名字的话 是重庆德兴…有限公司".
  if (target && target === asked && !fields[target] && marked) target = targetField(text, fields, rejected, asked);
  // "单位是…" in answer to the question about the employer, or any answer to a field still empty, is the answer, not a correction.
  if (!target || ((!marked || !fields[target]) && target === asked)) return [];
  const change = target === 'description' ? describe(said, fields) : valueFor(target, text, kept, rejected, fields);
  // "电话不对" with no new number: the field is asked again.
  if (!change) return fields[target] ? [{ field: target, value: '', span: text, rule: '说错了，重新问' }] : [];
  const filed = target === 'district' ? filedDistrictName(change.value) : change.value;
  return filed !== fields[target] ? [change] : [];
}

/** A firm's registered name: what only a firm is called. */
const REGISTERED_FIRM = /有限公司|有限责任公司|股份|集团|分公司|\bco\.?,? ?ltd\b|\bcompany limited\b/i;

/**
 * At the summary, a value of an unmistakable kind other than the one the form holds (another mobile
 * number, another district, a firm's registered name) replaces it, said with or without "说错了".
 */
function offersNewValue(text: string, fields: Fields): boolean {
  if (findPhones(text).some((p) => p !== fields.phone)) return true;
  const districts = [...new Set(clauses(text).filter((c) => !SEAT.test(c)).flatMap((c) => findAllDistricts(c)).map(filedDistrictName))];
  if (districts.length === 1 && !HOME.test(text) && districts[0] !== fields.district) return true;
  const firm = findEmployerSpan(text)?.value;
  return Boolean(firm && REGISTERED_FIRM.test(firm) && firm !== fields.employer);
}

/** The field a correction is about; `besides`: a field the message answers, so it names another one or none. */
function targetField(text: string, fields: Fields, rejected: string[], besides?: TicketField): TicketField | undefined {
  // A value whose kind is unmistakable names its field.
  if (besides !== 'phone' && (findPhones(text).length || new RegExp(TAIL).test(text))) return 'phone';
  // A rejected value that is what a field holds ("张伟说错了" when the name is 张伟).
  for (const r of rejected) {
    const bare = rejectedWords(r);
    for (const f of ['name', 'employer'] as const) {
      const v = fields[f];
      if (v && bare.length >= 2 && (v.includes(bare) || bare.includes(v))) return f;
    }
  }
  // Otherwise the field the message names first: "情况改成：公司三年没交社保" is about the description.
  let first: { at: number; field: TicketField } | undefined;
  for (const [field, re] of FIELD_WORDS) {
    if (field === besides || (field === 'district' && !findAllDistricts(text).length && !DISTRICT_NAMED.test(text))) continue;
    const at = text.search(re);
    if (at >= 0 && (!first || at < first.at)) first = { at, field };
  }
  if (first) return first.field;
  if (besides !== 'district' && findAllDistricts(text).length) return 'district';
  // "受伤是去年五月 不是三月": the rejected words are in the worker's account, so the account is corrected.
  const story = fields.description ?? '';
  if (rejected.some((r) => { const bare = rejectedWords(r); return bare.length >= 2 && story.includes(bare); })) return 'description';
  return undefined;
}

/** A correction that carries a detail: something rejected and something said in its place, or an admitted error with words beside it. */
function tellsDetail(text: string, rejected: string[], kept: string[]): boolean {
  const polite = /不好意思|抱歉|对不起|麻烦了|谢谢|刚才|sorry/gi;
  if (rejected.length && kept.some((k) => k.replace(polite, '').replace(/^(是|应该是|其实是)/, '').length >= 2)) return true;
  return ADMITS_ERROR.test(text) && text.replace(ADMITS_ERROR, '').replace(polite, '').replace(/[\s\p{P}]|了|的/gu, '').length >= 4;
}

/** The value a rejecting clause refuses: "不是三月" → 三月, "张伟说错了" → 张伟. */
function rejectedWords(clause: string): string {
  return clause.replace(REJECT_WORD, '').replace(/(说错|写错|打错|弄错|搞错|填错|输错|记错|不对|(?:说|写|打|弄|搞|填|输|记|念|报)(?:反|颠倒|倒)|颠倒).*$/, '');
}

const VALUE_CUE = /(?:改成|改为|换成|换为|应该是|应该写|应该填|写成|填成|其实是|其实叫|叫做|叫|是|为|[:：]|\bshould be|\bit'?s|\bit is|\bis|\bto)\s*(.+)$/i;

function valueFor(field: TicketField, text: string, kept: string[], rejected: string[], fields: Fields): Change | undefined {
  switch (field) {
    case 'phone': {
      const phones = findPhones(kept.join(' ')).filter((p) => !rejected.some((r) => findPhones(r).includes(p)));
      const phone = phones[phones.length - 1] ?? findPhones(text).at(-1);
      if (phone) return { field, value: phone, span: text, rule: '更正电话' };
      const tail = new RegExp(`${TAIL}(?:是|改成|改为|应该是|应该为|[:：])?\\s*(\\d{1,5})`).exec(text);
      if (tail?.[1] && fields.phone) return { field, value: fields.phone.slice(0, 11 - tail[1].length) + tail[1], span: tail[0], rule: '更正电话尾号' };
      return undefined;
    }
    case 'district': {
      const refused = new Set(rejected.flatMap((r) => findAllDistricts(r)));
      // "厂在大渡口区 只是我住九龙坡", "上班在渝北 公司注册在渝中": the place of the work, not the home or the firm's seat beside it.
      const among = (ks: string[]) => findAllDistricts(ks.join(' ')).filter((d) => !refused.has(d));
      const atWork = among(kept.filter((k) => !HOME.test(k) && !SEAT.test(k)));
      const named = atWork.length ? atWork : among(kept);
      // "区县那里写綦江区 万盛早就并到綦江了": the value written right after the field's name, whatever the explanation names.
      const direct = kept
        .map((k) => {
          const m = FIELD_THEN_VALUE.exec(k);
          return m ? findAllDistricts(k.slice((m.index ?? 0) + m[0].length)).find((d) => !refused.has(d)) : undefined;
        })
        .find(Boolean);
      const value = direct ?? named[named.length - 1];
      return value ? { field, value, span: kept.find((k) => findAllDistricts(k).includes(value)) ?? text, rule: '更正区县' } : undefined;
    }
    case 'name': {
      for (const k of [...kept].reverse()) {
        const cue = (VALUE_CUE.exec(k)?.[1] ?? k).replace(/^(?:spel(?:led|t)|written|typed)\s+(?:as\s+)?/i, '');
        if (/^(?:我|我的)?姓[\u4e00-\u9fa5]$/.test(cue)) continue;
        const name = parseNameAnswer(cue.replace(/(才对|对的|哈|啊|呀|嘛)$/, ''));
        if (!name || rejects(k)) continue;
        // "It's John, not Jon" of "Jon Lee": the part rejected is replaced, the rest of the name stays.
        const part = rejected.map(rejectedWords).find((r) => r.length >= 1 && fields.name && fields.name !== r && fields.name.includes(r));
        if (part && fields.name && !name.includes(fields.name.replace(part, '').trim())) return { field, value: fields.name.replace(part, name), span: k, rule: '更正姓名的一部分' };
        return { field, value: name, span: k, rule: '更正姓名' };
      }
      // "我姓何 单人何 不是加贝贺": only the surname is corrected, the given name stays.
      const surname = /(?:^|我|我的)姓([\u4e00-\u9fa5])(?![\u4e00-\u9fa5])/.exec(kept.join(' '));
      if (surname?.[1] && fields.name && /^[\u4e00-\u9fa5]{2,4}$/.test(fields.name) && fields.name[0] !== surname[1] && !findName(text))
        return { field, value: surname[1] + fields.name.slice(1), span: surname[0], rule: '更正姓氏' };
      return undefined;
    }
    case 'employer': {
      // A clause that says whom the worker works for wins over a bare name after 是/改成.
      for (const k of [...kept].reverse()) {
        const found = findEmployerSpan(VALUE_CUE.exec(k)?.[1] ?? k) ?? findEmployerSpan(k);
        if (found) return { field, value: found.value, span: k, rule: `更正单位（${found.rule}）` };
      }
      for (const k of [...kept].reverse()) {
        const cue = VALUE_CUE.exec(k)?.[1]?.trim();
        if (!cue || cue.length < 2 || /^(说错|不对|错)/.test(cue)) continue;
        // "不是老街访 是老街坊" of "老街访火锅店": the part rejected is replaced, the rest of the name stays.
        const part = rejected.map(rejectedWords).find((r) => r.length >= 2 && fields.employer && fields.employer !== r && fields.employer.includes(r));
        if (part && fields.employer && !cue.includes(fields.employer.replace(part, ''))) return { field, value: fields.employer.replace(part, cue), span: k, rule: '更正单位的一部分' };
        return { field, value: cue, span: k, rule: '更正单位' };
      }
      return undefined;
    }
    case 'description':
      return describe(text, fields);
  }
}

/** "情况改成：…" replaces the story; any other correction of it ("金额说错了 是九千") is added to it. Kept in the worker's own writing. */
function describe(said: string, fields: Fields): Change {
  const text = said.trim();
  const before = fields.description ?? '';
  const replace =
    /(?:情况|描述|诉求|问题)[^:：]{0,6}?(改成|改为|换成|应该是|是|[:：])[:：]?\s*(.+)$/s.exec(text) ??
    /(改一下|改下|重新(?:说|讲|描述|写)(?:一下|下)?(?:情况)?)[:：\s]\s*(.+)$/s.exec(text);
  const value = replace?.[2]?.trim() ?? '';
  // "情况改成：…" gives the whole account again; "情况说得不对 应该是欠了三个月" only a detail of it, which is added.
  const whole = replace?.[1] && !/^(应该是|是)$/.test(replace[1]);
  if (value.length >= 4 && (whole || !before || value.length >= before.length * 0.6)) return { field: 'description', value, span: replace![0], rule: '更正情况' };
  return { field: 'description', value: `${before}${before ? '\n' : ''}（更正）${text}`, span: text, rule: '补充更正情况' };
}
