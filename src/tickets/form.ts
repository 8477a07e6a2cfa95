import type { Awaiting, TicketField } from '../core/message.ts';
import { removePersonalNumbers } from '../core/digits.ts';
import { maskPhone, MOBILE_NUMBER, redact } from '../core/redact.ts';
import { districtAt, filedDistrictName, findAllDistricts, findDistrict, findEmployerSpan, findName, findPhones, looksLikeName, explainsSpelling, parseNameAnswer } from '../intents/slots.ts';
import type { Topic } from '../intents/types.ts';
import { ACT_CUES } from '../intents/catalog.ts';
import { normalizeText, toSimplified } from '../intents/normalize.ts';
import { classify } from '../intents/classifier.ts';
import { topicScores } from '../intents/detect.ts';
import { TOPICS } from '../intents/types.ts';
import type { FormDraft } from '../policies/action.ts';
import { learnedConsent, readConsent } from './consent.ts';
import { correctionTarget, marksCorrection, readCorrections } from './corrections.ts';
import { FIELD_BY_NAME, FIELDS, nextMissingField } from './fields.ts';
import { ticketCategory } from './category.ts';
import { judgeUrgency } from './urgency.ts';
import { clauses, HOME, plain, unfoldTable } from './words.ts';
import { formWords, writesEnglish, ZH } from './form-words.ts';
import type { Priority, RequestType, Tier } from './types.ts';

/**
 * The ticket form as pure steps: given the draft and what the worker wrote, the next draft and
 * what to say. Filing (I/O) happens in the engine when a step returns `confirmed`.
 */

export const TOPIC_LABEL: Record<Topic, string> = ZH.topic;

const STORY_MIN_CHARS = 10;
/** What a field holds when the worker could not give it; the operator asks on the phone. */
export const NOT_GIVEN = '（未提供）';

export type FormStep =
  | { kind: 'ask'; draft: FormDraft; text: string; awaiting: Awaiting }
  | { kind: 'confirmed'; draft: FormDraft }
  | { kind: 'cancelled' }
  /** The answer did not fit the field: let the rest of the policy try (an off-topic question). `asked`: it was a question. */
  | { kind: 'unmatched'; draft: FormDraft; asked?: true };

/**
 * A new form from the opening message. Urgency and the category are judged by the form's own
 * written rules (./urgency.ts, ./category.ts) on the worker's account, not by the intent
 * detector's cue words alone.
 */
export function startDraft(opening: { topic: Topic; raw: string; normalized: string; key: string; now: string; english?: boolean }): FormDraft {
  const input = { ...opening, raw: unfoldTable(opening.raw) };
  const d: FormDraft = { topic: ticketCategory(input.topic, input.raw), urgent: false, fields: {}, sources: {}, requested: null, tries: 0, idempotencyKey: input.key, startedAt: input.now };
  if (input.english) d.english = true;
  const text = plain(input.raw);
  fillFrom(d, text, '开场白');
  const story = storyText(input.raw);
  if (story) set(d, 'description', story, story, '开场白里的情况');
  else d.topicGuessed = true;
  d.account = input.raw.trim().slice(0, 2000);
  judge(d);
  return d;
}

/** Words that carry the request or the contact details, not the story. */
const NOT_STORY = [
  ...ACT_CUES,
  /(我叫|我是|姓名)[\u4e00-\u9fa5]{2,4}/g,
  /(电话|手机)(号码?)?(是|:|：)?/g,
  MOBILE_NUMBER,
  /(我是|我在|住在|在)?[\u4e00-\u9fa5]{2,6}(区|县)(的)?/g,
  /(麻烦|谢谢|你们|请|帮我|给我|一下|登记|登个记|申请|投诉|反映|试试|试一下|那就|[嘛吧噻哈哦呀啊])/g,
  // A matter pointed at but not told, and the form itself: "有个事想让工会帮我记下来 你先问嘛".
  /有(个|件)?(事|事情|情况|问题)|(记|写)(下来|一下)|你(们)?(就|先)?问(我)?(嘛|吧|哈|噻)?|先问|我(一样一样|一个一个|一条一条|一句一句|慢慢|再|来)(答|回答|说|讲)/g,
];

/**
 * The worker's own words, when they tell a story beyond the request and contact details, become
 * the description, without the pieces that only give contact details ("我叫李强", "电话139…").
 */
/** NOT_STORY as patterns that take out every occurrence, either case, made once. */
const NOT_STORY_ALL = NOT_STORY.map((re) => new RegExp(re.source, 'gi'));

/** Whether the message tells a matter of its own, beyond the request and the contact details. */
export function tellsStory(raw: string): boolean {
  return storyText(raw) !== undefined;
}

function storyText(raw: string): string | undefined {
  let rest = toSimplified(raw);
  for (const re of NOT_STORY_ALL) rest = rest.replace(re, ' ');
  const cjk = rest.match(/[\u4e00-\u9fa5]/g)?.length ?? 0;
  const latin = rest.match(/[a-z]/gi)?.length ?? 0;
  if (cjk < STORY_MIN_CHARS && latin < 40) return undefined;
  const story = raw
    .trim()
    .split(/(?<=[，,。!！;；\s])/)
    .filter((piece) => !contactOnly(piece))
    .join('')
    .trim();
  return (story || raw.trim()).slice(0, 2000);
}

/**
 * "我叫黄明，电话139…，在江北区恒通机械上班，厂里拖了我两个月工资" in answer to the name: the account
 * told beside the details becomes the description when there is none yet, so it is not asked for.
 * The details just taken (the name, the firm) are no story.
 */
function storyIn(d: FormDraft, raw: string): void {
  if (d.fields.description) return;
  let rest = toSimplified(raw);
  for (const v of [d.fields.name, d.fields.employer]) if (v && v !== NOT_GIVEN) rest = rest.split(v).join(' ');
  const story = storyText(rest);
  if (!story || (story.match(/[\u4e00-\u9fa5]/g)?.length ?? 0) < STORY_MIN_CHARS) return;
  set(d, 'description', story, story, '回答里一并说的情况');
  d.account = `${d.account ?? ''}\n${story}`.slice(0, 4000);
  judge(d);
}

/** A piece of a message that holds nothing but contact details: a name, a phone number, a district. */
function contactOnly(piece: string): boolean {
  const t = removePersonalNumbers(plain(piece), '');
  if (t.length === plain(piece).length && !findName(t) && !findAllDistricts(t).length) return false;
  const rest = t
    .replace(/(我叫|我是|姓名|名字|my name is)\s*[\u4e00-\u9fa5a-z·]{2,4}/i, '')
    .replace(/(我的)?(电话|手机|号码|联系方式|phone)(号码?|number)?(是|:|：|is)?/gi, '');
  let left = rest;
  for (const d of findAllDistricts(rest)) for (const alias of [d, d.replace(/[区县]$/, '')]) left = left.split(alias).join('');
  return left.replace(/我是|我在|住在|在|的|人|那边|这边|区|县|[\s\p{P}]/gu, '').length === 0;
}

function set(d: FormDraft, field: TicketField, value: string, span: string, rule: string): void {
  d.fields[field] = field === 'district' ? filedDistrictName(value) : value;
  (d.sources ??= {})[field] = { span: span.slice(0, 200), rule };
}

/** The least weight of cue words and the learned model for a topic read from the account alone. */
const TOPIC_MIN_SCORE = 1.2;

/**
 * The topic of a form whose opening told no matter ("帮我登记"), read again from the worker's
 * account once it is told: the cue words and the learned model, then the category rules.
 */
function rejudgeTopic(d: FormDraft): void {
  if (!d.topicGuessed || !d.fields.description || d.fields.description === NOT_GIVEN) return;
  // The opening counts too: "老板欠薪 想投诉" named its matter in too few words to be a story.
  const account = `${d.account ?? ''} ${d.fields.description}`;
  const t = normalizeText(account);
  const scores = topicScores(t, [], classify(t));
  const best = TOPICS.reduce((a, b) => (scores[b] > scores[a] ? b : a));
  if (scores[best] >= TOPIC_MIN_SCORE) d.topic = ticketCategory(best, account);
  delete d.topicGuessed;
}

/**
 * Urgency and its reason, and the category rules, from everything the worker has said about the
 * problem: a detail told at any step ("厂里一个人都没来过", "补充：社保也停了") counts as if told first.
 */
function judge(d: FormDraft): void {
  rejudgeTopic(d);
  const said = [d.account ?? '', d.fields.description ?? ''].join('\n');
  d.topic = ticketCategory(d.topic, said);
  const u = judgeUrgency(said);
  d.urgent = u.urgent;
  if (u.reason) d.urgentReason = u.reason;
  else delete d.urgentReason;
}

/**
 * The districts the text names as places. A firm's name is a name: a short district name inside it
 * ("重庆两江物流有限公司") says nothing of where the worker is; a full one ("渝北区人民医院") does.
 */
function placesIn(text: string, firm: string | undefined): string[] {
  if (!firm || !text.includes(firm)) return findAllDistricts(text);
  const written = findAllDistricts(firm).filter((name) => firm.includes(name));
  return findAllDistricts(text.split(firm).join(` ${written.join(' ')} `));
}


/** Where the work is, said of a place: 上班在, 厂在, 公司在, 在…上班. */
const WORK_AND_HOME = /上班|工作|厂在|厂子在|公司在|单位在|工地在|店在|work/i;

/**
 * Going somewhere: 去, 到, 前往, 飞, and being moved there (搬到, 调到, 派到): "把我们整个部门搬到长寿去了"
 * says where the employer wants the work to go, which the worker may refuse; the form asks.
 */
const GOING = /(?<![送])(?:去|到|前往|飞往?|飞去)(?:了|过)?/g;
/** What one does at a place that is the work's: "到渝北上班", "去江北的工地干活". */
const WORK_THERE = /^.{0,4}?(?:上班|工作|干活|打工|做事|做工|上工|务工|那个?厂|的?(?:厂|公司|工地|单位|项目|车间|店))/;

/**
 * The text with the places a worker travels or is moved to taken out: "疗休养说好去武隆" names where
 * the trip was to go, not where the worker works. A place reached to work there stays ("到渝北上班").
 */
export function withoutTrips(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(GOING)) {
    const end = (m.index ?? 0) + m[0].length;
    if (end < from) continue;
    const place = districtAt(text, end);
    if (!place || WORK_THERE.test(text.slice(end + place.length, end + place.length + 8))) continue;
    out += `${text.slice(from, end)} `;
    from = end + place.length;
  }
  return out + text.slice(from);
}

/** The district of the work: the last one named outside a clause about home ("我在渝北区上班 家住江北区" → 渝北区), else the home's. */
function workPlace(said: string, firm: string | undefined): string | undefined {
  const text = withoutTrips(said);
  const away = clauses(text).filter((c) => !HOME.test(c));
  return placesIn(away.join('，'), firm).at(-1) ?? placesIn(text, firm).at(-1);
}

/** Takes whatever the text holds for the fields still empty; `firm` is the employer the text was given as. */
function fillFrom(d: FormDraft, text: string, where: string, firm?: string): void {
  const f = d.fields;
  const parts = clauses(text);
  const spanOf = (has: (clause: string) => boolean) => parts.filter(has).at(-1) ?? text;
  // The worker's own number, not the boss's they also give ("老板电话138… 一直不接 我电话139…").
  const phone = ownPhones(text).at(-1);
  if (!f.phone && phone) set(d, 'phone', phone, spanOf((c) => findPhones(c).includes(phone)), `${where}里的手机号`);
  const district = workPlace(text, firm ?? findEmployerSpan(text)?.value);
  if (!f.district && district) set(d, 'district', district, spanOf((c) => findAllDistricts(c).includes(district)), `${where}里的区县名`);
  const name = findName(text);
  if (!f.name && name) set(d, 'name', name, spanOf((c) => c.includes(name)), `${where}里的“我叫…”`);
  const employer = findEmployerSpan(text);
  if (!f.employer && employer) set(d, 'employer', employer.value, employer.span, `${where}里说在哪上班（${employer.rule}）`);
}

/** Applies a correction of any field, named or implied. Returns the fields it changed. */
export function applyCorrection(draft: FormDraft, raw: string): TicketField[] {
  const changes = readCorrections(plain(raw), draft.fields, draft.requested, toSimplified(raw));
  for (const c of changes) {
    if (c.value) set(draft, c.field, c.value, c.span, c.rule);
    else {
      delete draft.fields[c.field];
      delete draft.sources?.[c.field];
    }
  }
  if (changes.some((c) => c.field === 'description')) judge(draft);
  return changes.map((c) => c.field);
}

/**
 * Splits a message that answers the field asked for and corrects another one: the clauses that
 * answer the asked field by themselves (a number, a district, a name, a firm) and carry no
 * correction are the answer, the rest is the correction. Undefined when the message is one or the other.
 */
function splitAnswer(d: FormDraft, text: string): { answer: string; rest: string } | undefined {
  const field = d.requested;
  if (!field || field === 'confirm' || field === 'description' || d.fields[field] || !marksCorrection(text)) return undefined;
  const parts = clauses(text);
  const answers = parts.filter((c) => !marksCorrection(c) && !explainsSpelling(c, text) && answersAlone(field, c));
  if (!answers.length || answers.length === parts.length) return undefined;
  return { answer: answers.join(' '), rest: parts.filter((c) => !answers.includes(c)).join('，') };
}

/** Whether a clause is by itself an answer for the field: nothing in it names another field. */
function answersAlone(field: TicketField, clause: string): boolean {
  const names = /名字|姓名|电话|手机|号码|单位|公司|区县|情况|尾号|尾数|位/;
  if (names.test(clause.replace(/^(我的?)?(电话|手机号?|号码)(是|:|：)?/, field === 'phone' ? '' : '$&'))) return false;
  switch (field) {
    case 'phone':
      return findPhones(clause).length === 1;
    case 'district':
      return findAllDistricts(clause).length === 1 && !findPhones(clause).length;
    case 'name':
      return looksLikeName(clause) && !findPhones(clause).length && !findAllDistricts(clause).length;
    case 'employer':
      return findEmployerSpan(clause) !== undefined;
    default:
      return false;
  }
}

/** Phone numbers the worker gives as their own: not in a clause about the boss's, a colleague's or the firm's number. */
function ownPhones(text: string): string[] {
  return findPhones(text).filter((p) => {
    const at = new RegExp(p.split('').join('[\\s-]*')).exec(text)?.index;
    if (at === undefined) return true;
    // The words just before the number, back to the last pause: whose number it is.
    const before = text.slice(Math.max(0, at - 16), at).split(/[，,。.!！?？;；]|\d{4,}|(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])/).at(-1) ?? '';
    return !OTHERS_NUMBER.test(before) || /我的|我自己|本人|\bmy\b/i.test(before);
  });
}
const OTHERS_NUMBER = /老板|老总|经理|主管|包工头|工头|(公司|厂里|单位|店里)的?(电话|座机|号码)|对方|他|她|领导|同事|工友|朋友|家里|boss|manager|company|his|her/i;

/** A bare value of another kind than the one asked for ("13996352201" while asked for the employer). */
function volunteered(d: FormDraft, text: string, asked: TicketField | 'confirm' | null): TicketField[] {
  const out: TicketField[] = [];
  const phone = asked !== 'phone' ? findPhones(text).at(-1) : undefined;
  const bare = text.replace(/[\s,，。.!！]/g, '');
  // A number of the worker's own replaces the one taken, whatever words come with it ("那个号码不常用 打这个嘛 136…"),
  // at the summary or in place of another answer (the account may name the boss's number: not there).
  const own = asked !== 'phone' && asked !== 'description' ? ownPhones(text).at(-1) : undefined;
  if (own && own !== d.fields.phone) {
    set(d, 'phone', own, text, asked === 'confirm' ? '核对时给的新手机号' : '主动给的手机号');
    out.push('phone');
  } else if (phone && bare.replace(/^(我的?)?(电话|手机号?|号码)(是|:|：)?/, '').replace(/[-+\d]/g, '').length <= 2 && phone !== d.fields.phone) {
    set(d, 'phone', phone, text, '主动给的手机号');
    out.push('phone');
  }
  const district = asked !== 'district' ? findAllDistricts(text).at(-1) : undefined;
  // "九龙坡是我家 上班在大渡口": home and work told apart, the work's place replaces the one taken.
  const told = asked !== 'district' && WORK_AND_HOME.test(text) && HOME.test(text) ? workPlace(text, undefined) : undefined;
  if (district && /^(是|在|我在|我是)?[\u4e00-\u9fa5]{1,8}(区|县)?(的)?$/.test(bare) && findDistrict(bare) && filedDistrictName(district) !== d.fields.district) {
    set(d, 'district', district, text, '主动给的区县');
    out.push('district');
  } else if (told && filedDistrictName(told) !== d.fields.district && clauses(text).some((c) => !HOME.test(c) && findAllDistricts(c).includes(told))) {
    set(d, 'district', told, text, '说明了上班和住的地方');
    out.push('district');
  }
  // At the summary a bare firm's name or a bare name, unlike the one shown, is the worker writing it again right.
  if (asked === 'confirm') {
    const firm = findEmployerSpan(text);
    if (firm && d.fields.employer && firm.value !== d.fields.employer && firm.span.replace(/[\s。.!！]/g, '') === bare) {
      set(d, 'employer', firm.value, text, '核对时重写的单位');
      out.push('employer');
    }
    const again = parseNameAnswer(text);
    // It shares a character with the name shown (王刚 for 王钢): a word like 明白 is no name written again.
    if (again && d.fields.name && again !== d.fields.name && looksLikeName(text) && !findName(text) && [...again].some((ch) => d.fields.name!.includes(ch))) {
      set(d, 'name', again, text, '核对时重写的姓名');
      out.push('name');
    }
  }
  // "那是我老公的名字 我叫李娟": the worker's own name, said with a cue, replaces the one taken.
  const name = asked !== 'name' && asked !== 'description' ? findName(text) : undefined;
  if (name && d.fields.name && name !== d.fields.name) {
    set(d, 'name', name, text, '主动给的“我叫…”');
    out.push('name');
  }
  return out;
}

/** How long, when: "要好久才有人联系我哦", "啥时候有结果". */
const HOW_LONG = /多久|好久|多长时间|几时|什么时候|啥时候|哪天|how long|when will/i;
/** "等一下 先问下…", "顺便问一下": the worker sets the form aside to ask something. */
const ASIDE = /^.{0,4}?(?:等一下|等一等|等等|等下|等哈|稍等|慢点|先问(?:一)?下|先问问|问(?:一)?下|顺便问(?:一)?下|顺便问问|我想问(?:一)?下|想问(?:一)?下|请问|wait|hold on|quick question|before that)/i;

/**
 * Whether the message asks something instead of answering the field: the policy read a question
 * about a topic (`asks`), which is no name or firm; or the worker set the form aside to ask
 * ("等一下 先问下 年票好多钱"), which is no account either. A number or a district still answers.
 */
function asksInstead(field: TicketField, text: string, asks: boolean): boolean {
  if (field === 'phone' || field === 'district') return false;
  if (setsAsideToAsk(text)) return true;
  return asks && field !== 'description';
}

/** "等一下 先问下 年票好多钱": the form is set aside for a question. */
function setsAsideToAsk(text: string): boolean {
  return ASIDE.test(text) && (QUESTION.test(text) || HOW_LONG.test(text));
}

/** One step of the form for the worker's message; `asks`: the policy read a question about a topic in it. */
export function formStep(draft: FormDraft, raw: string, opts: { asks?: boolean } = {}): FormStep {
  const d: FormDraft = structuredClone(draft);
  // A worker who starts writing English is answered in English from here on.
  if (!d.english && writesEnglish(raw)) d.english = true;
  const say = formWords(d);
  const text = plain(raw);
  const consent = readConsent(text);
  if (consent === 'cancel') return { kind: 'cancelled' };

  const before = { ...d.fields };
  // "13711110023 名字打错了是周平": the answer to the question asked, and a correction of another field.
  const split = splitAnswer(d, text);
  const corrected = applyCorrection(d, split ? split.rest : raw);
  if (split && d.requested && d.requested !== 'confirm' && !d.fields[d.requested]) {
    const value = FIELD_BY_NAME[d.requested].parse(split.answer, split.answer);
    if (value !== undefined) {
      set(d, d.requested, value, split.answer, `回答“${FIELD_BY_NAME[d.requested].label}”的提问`);
      if (!corrected.length) return ask({ ...d, tries: 0 });
      corrected.push(d.requested);
    }
  }
  const cleared = corrected.find((f) => !d.fields[f]);
  if (cleared) {
    d.tries = 0;
    d.requested = cleared;
    return { kind: 'ask', draft: d, awaiting: cleared, text: say.again(cleared) };
  }
  if (corrected.length) {
    d.tries = 0;
    return ask(d, changedLead(d, corrected, before));
  }

  // The answer just taken, sent again (its reply never reached the worker, or a double send): not the next field's answer.
  if (repeats(d, text)) return ask(d, say.repeated);

  // "还有就是…", "补充一下：…": the worker adds to their account at any step.
  const more = !opts.asks && addition(text, d.requested === 'confirm');
  if (more) {
    addToStory(d, toSimplified(raw).trim());
    return ask(d, say.added);
  }

  if (d.requested === 'confirm') {
    if (consent === 'confirm') return { kind: 'confirmed', draft: d };
    if (opts.asks || setsAsideToAsk(text)) return { kind: 'unmatched', draft: d, asked: true };
    // "不对", "刚才说错了 不好意思": something is wrong, but not yet what.
    if (/^(不|否|no\b|n$|错|不对)/i.test(text) || marksCorrection(text)) return ask({ ...d, tries: 0 }, say.whichToChange, 'confirm');
    const given = volunteered(d, text, 'confirm');
    if (given.length) return ask(d, changedLead(d, given, before));
    // Nothing else read in it: "确认啦", "唔好交住", "let me sleep on it" are read by the learned model.
    // A message that asks, or names a place or a number, is about the form's content, not a yes or no to it.
    const aboutContent = QUESTION.test(text) || findAllDistricts(text).length > 0 || findPhones(text).length > 0;
    const learned = aboutContent ? undefined : learnedConsent(text, 'confirm');
    if (learned === 'cancel') return { kind: 'cancelled' };
    if (learned === 'confirm') return { kind: 'confirmed', draft: d };
    return { kind: 'unmatched', draft: d };
  }

  const field = d.requested;
  // "确认" or "好的" while a field is asked is no name or firm: the question is asked again.
  if (field && BARE_YES.test(text)) return { kind: 'unmatched', draft: d };
  // A correction of another field that already holds what it says ("号码多打了一位 应该是…" after the right number): no answer to this one.
  const about = field ? correctionTarget(text, d.fields) : undefined;
  if (field && about && about !== field && d.fields[about]) return ask(d, say.unchanged(about, shown(about, d.fields[about]!)));
  // A question put in place of the answer is answered by the rest of the policy, and the field asked again.
  // The same reply sent again to the same field is its answer, however much it reads like a question (饿了么蜂鸟众包),
  // unless it is plainly one: a question mark, or the form set aside to ask.
  const repeated = d.askedInstead === text && !/[?？]/.test(text) && !setsAsideToAsk(text);
  delete d.askedInstead;
  if (field && !repeated && asksInstead(field, text, Boolean(opts.asks))) return { kind: 'unmatched', draft: { ...d, askedInstead: text }, asked: true };
  // "姜大勇 另外刚才少说了 我们班七个人都没结": the answer, then more of the account after a cue.
  const after = field && field !== 'description' ? addedAfterAnswer(toSimplified(raw)) : undefined;
  if (field && after) {
    const value = FIELD_BY_NAME[field].parse(after.head, plain(after.head));
    if (value !== undefined) {
      set(d, field, value, after.head.trim(), `回答“${FIELD_BY_NAME[field].label}”的提问`);
      addToStory(d, after.added);
      d.tries = 0;
      return ask(d);
    }
  }
  // "我再考虑考虑", "先放起嘛", "I'll come back later": the worker drops out, read by the learned model before any answer is looked for.
  // A message that asks something ("can I leave WeChat instead?") is no way of dropping out.
  // Nor is keeping back one field or asking why it is needed ("电话就不留了嘛 怕老板晓得"): the form says why it asks.
  // The account itself (the description asked for) is the worker's story, where any words may stand: the model reads only replies to the contact fields.
  if (field && field !== 'description' && !QUESTION.test(text) && !WITHHELD.test(text) && !WHY_ASKED.test(text) && learnedConsent(text, field) === 'cancel') return { kind: 'cancelled' };
  if (field) {
    const value = FIELD_BY_NAME[field].parse(raw, text);
    if (value === undefined) {
      const given = volunteered(d, text, field);
      if (given.length) return ask(d, changedLead(d, given, before));
      // Another field given before it was asked for ("单位是…" while asked for the name).
      const known = FIELDS.filter((f) => d.fields[f.name]).length;
      fillFrom(d, text, '回答');
      if (FIELDS.filter((f) => d.fields[f.name]).length > known) return ask(d);
      // "顺便问一下 疗休养一年可以去几天" while the district is asked: a question, not a failed answer.
      return opts.asks || setsAsideToAsk(text) ? { kind: 'unmatched', draft: d, asked: true } : { kind: 'unmatched', draft: d };
    }
    set(d, field, value, raw.trim(), `回答“${FIELD_BY_NAME[field].label}”的提问`);
    // The same answer may carry more ("李强 13983456721", "沙坪坝区 另外补一句 社保也停了").
    if (field !== 'description') {
      fillFrom(d, text, '回答', field === 'employer' ? value : undefined);
      storyIn(d, raw);
    } else judge(d);
    d.tries = 0;
  }
  return ask(d);
}

/** Asking why a field is needed or whether it is safe: "会不会泄露?", "为啥要电话". */
export const WHY_ASKED = /泄露|泄漏|隐私|安全吗|安不安全|为什么要|为啥要|干嘛要|凭什么|必须(给|填|留)|一定要(给|填|留)|别人看得到/;
/** Not giving it: "电话就不留了嘛 怕老板晓得", "想匿名", "I'd rather not give my number". */
export const WITHHELD = /不(想|愿意?|方便)?(留|给|说|填)|不方便|匿名|不想(让|被)|怕.{0,6}(知道|晓得|发现)|(加|留|用)微信|微信(联系|行不行|可以不)|rather not|anonymous|don'?t want to (give|share|leave)|wechat|instead of (my|a) (phone|number)/i;

const BARE_YES = /^(确认|确定|提交|确认提交|好的?|好嘞|可以|行|对的?|是的?|嗯+|ok(ay)?|yes|confirm)[吧了啊呀嘛的哈。.!！~～\s]*$/i;

/** Whether the message repeats, word for word, what filled a field other than the one asked for. */
function repeats(d: FormDraft, text: string): boolean {
  return FIELDS.some((f) => f.name !== d.requested && d.fields[f.name] && d.sources?.[f.name] && plain(d.sources[f.name]!.span) === text);
}

const ADDS = /^(还有|另外|补充|再补充|对了|而且|忘了说|顺便说一下|还有个事)(一下|就是|说一下|一点|一句)?[:：,，\s]*/;
const QUESTION = /[?？]|吗|呢|多少|好多钱|怎么|咋|能不能|可不可以|是不是|有没有|问(?:一)?下|想问|请问|多久|多长时间|什么时候|啥时候|几时|[^不]不[?？]?$/;

/** Words the worker adds to their account: a cue ("还有…", "补充：…"), or at the summary a story of its own. */
function addition(text: string, atSummary: boolean): boolean {
  const cued = ADDS.exec(text);
  // "还有个号码 139… 打这个嘛" gives a number, not more of the story.
  if (cued) return text.slice(cued[0].length).replace(/[\s\p{P}]/gu, '').length >= 4 && !QUESTION.test(text) && !findPhones(text).length;
  const cjk = text.match(/[\u4e00-\u9fa5]/g)?.length ?? 0;
  return atSummary && cjk >= 12 && !QUESTION.test(text) && !findPhones(text).length && !findName(text) && readConsent(text) === undefined;
}

/** A cue inside a message that what follows adds to the account: "姜大勇 另外刚才少说了 …", "沙坪坝区 情况补一句 …". */
const ADDS_AFTER = /[\s，,。.!！;；]+(?:另外|还有就是|还有个事|还有|对了|忘了说|刚才少说了|少说了一句|顺便说一下|(?:情况)?(?:再)?补(?:充)?(?:一下|一句|一点|个)?|再加一句)[:：,，\s]*/;
/** A field's answer (head) and what it adds to the account after such a cue, when that tells something and asks nothing. */
function addedAfterAnswer(text: string): { head: string; added: string } | undefined {
  const m = ADDS_AFTER.exec(text);
  if (!m || m.index === 0) return undefined;
  const added = text.slice(m.index + m[0].length).trim();
  return added.replace(/[\s\p{P}]/gu, '').length >= 4 && !QUESTION.test(added) && !findPhones(added).length ? { head: text.slice(0, m.index), added } : undefined;
}

function addToStory(d: FormDraft, said: string): void {
  const before = d.fields.description && d.fields.description !== NOT_GIVEN ? `${d.fields.description}\n补充：` : '';
  set(d, 'description', `${before}${said}`.slice(0, 2000), said, '职工补充的情况');
  d.account = `${d.account ?? ''}\n${said}`.slice(0, 4000);
  judge(d);
}

function changedLead(d: FormDraft, fields: TicketField[], before: FormDraft['fields'] = d.fields): string {
  const say = formWords(d);
  const list = fields.map((f) => say.item(f, shown(f, d.fields[f]!))).join(say.listJoin);
  return say.changed(list, fields.every((f) => before[f]));
}

/** What to say after an answer that fit nothing: a hint, and after two misses, a way out. */
export function retryStep(draft: FormDraft): FormStep {
  const d: FormDraft = { ...structuredClone(draft), tries: draft.tries + 1 };
  const field = d.requested;
  const say = formWords(d);
  // Past the explanation, a field the hotline can do without is left for the operator to ask.
  if (d.tries >= 3 && field && field !== 'confirm' && field !== 'phone') {
    d.fields[field] = NOT_GIVEN;
    d.tries = 0;
    return ask(d, say.leftEmpty(field));
  }
  if (d.tries >= 2) return { kind: 'ask', draft: d, awaiting: field, text: say.stuck(field ?? 'confirm') };
  if (field === 'confirm') return { kind: 'ask', draft: d, awaiting: 'confirm', text: say.confirmPrompt };
  return { kind: 'ask', draft: d, awaiting: field, text: field ? say.field[field].hint : summary(d) };
}

function ask(d: FormDraft, lead = '', forceAwaiting?: Awaiting): FormStep {
  const missing = nextMissingField(d.fields);
  if (forceAwaiting === 'confirm' || !missing) {
    d.requested = 'confirm';
    return { kind: 'ask', draft: d, awaiting: 'confirm', text: `${lead}${forceAwaiting ? '' : summary(d)}`.trim() };
  }
  d.requested = missing;
  return { kind: 'ask', draft: d, awaiting: missing, text: `${lead}${formWords(d).field[missing].prompt}` };
}

export function firstPrompt(d: FormDraft): FormStep {
  const say = formWords(d);
  const known = FIELDS.filter((f) => d.fields[f.name] && f.name !== 'description').map((f) => `${say.field[f.name].label}${f.name === 'phone' ? '' : ' ' + d.fields[f.name]}`);
  return ask(d, say.opening(known));
}

function shown(field: TicketField, value: string): string {
  if (field === 'phone') return maskPhone(value);
  // Like the summary card: a number in the worker's story is shown masked.
  return redact(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

export function summary(d: FormDraft): string {
  const f = d.fields;
  // The worker's own story may hold a phone or ID number: the card shows it masked, like the phone line.
  const desc = f.description && redact(f.description.length > 60 ? `${f.description.slice(0, 60)}…` : f.description);
  return formWords(d).summary({
    name: f.name ?? '',
    phone: f.phone ? maskPhone(f.phone) : '',
    employer: f.employer ?? '',
    district: f.district ?? '',
    description: desc ?? '',
    topic: d.topic,
    urgent: d.urgent,
    ...(d.urgentReason ? { urgentReason: d.urgentReason } : {}),
  });
}

export function requestTypeFor(topic: Topic, text: string): RequestType {
  if (/投诉|反映|举报|complain/i.test(text)) return 'complaint';
  if (topic === 'rights') return 'legal_aid';
  if (topic === 'hardship_aid') return 'assistance';
  if (/建议|意见/.test(text)) return 'suggestion';
  return 'assistance';
}

export function priorityFor(urgent: boolean): Priority {
  return urgent ? 'urgent' : 'normal';
}

export function tierFor(text: string): Tier {
  if (/(几十|二三十|三十|[2-9]\d)(个|名|多)?(人|工人|职工)|工人都|大家都|集体|群体|跑路|失联|\d+\s*of us/.test(text)) return '难点';
  return '一般';
}
