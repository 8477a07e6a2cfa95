import type { Hit } from '../knowledge/retriever.ts';
import {
  ACCUSE, ACT_CUES, A_CALL, BROADCAST, JUDGES_IT, WEAPON_SHOWN, NOT_TRUE, CHECKED, QUOTED_NOTICE, ADDRESSED_ORDER, TICKET_TEXT, OWN_TICKET, QUERY_TO_RUN, ASK_NAMES, ANNOUNCES_QUESTION, GREETING_WORDS, WHAT_YOU_ARE, MANY_TICKETS, PINYIN_ORDER, PLACE_CONTACT, ROLE_RECORDS, ADDRESSEE, AUTHORITY_LABEL, CONSENT, INSULT, MY_DATA, MY_DATA_HELD, NAME_THEM, ORDER, STORED, ACTOR, ASK_ABOUT_CASE, ASK_TAIL, ASK_TOLD, AUTHORITY_WRAPPER, CANTONESE, CASE, BORROWED_IDENTITY, BYPASS_RULES, CLAIM, CLAIMED_AUTHORITY, CONTACT, CONTACT_FAILS, CONTACT_QUESTION, CRISIS, CRISIS_TAKEN_BACK, ELIGIBILITY, ENCODED, EVADE, FAKE_DOCUMENT, GREETING, HANDOFF, HARM_CONTENT, INFLATED_CLAIM, MISREPRESENT, OUT_OF_SCOPE, OWN_MATTER, PEOPLE_CLASS, PEOPLE_SET, PEOPLE_WHO, PERSONAL_DATA, PLANTED_REPLY, PUBLISH, REPORTED, REPORTS_OTHERS, REVEAL, ROLE_CHANGE, SECRET, SMEAR, THIRD_PARTY, TICKET_CONTACT, TICKET_STATUS, TOPIC_CUES, UNFOUNDED, VIOLENCE, WANTS, WHO_DID, WILL_EN, WRITE_FOR_ME, SPREAD_CLAIM, VEILED_THREAT, PASSES_FOR_REAL, IN_OFFICIAL_NAME, BENEFIT_TO_CASH, CLAIMED_MORE, PAPERS_NOT_OWN, SCAM_FEE, INTIMIDATION, PRIVATE_LIFE, FOR_ALL_TO_READ,
} from './catalog.ts';
import { classify, type Classified } from './classifier.ts';
import { extractSlots } from './slots.ts';
import { TOPICS, type Intent, type NluResult, type Topic, type Want } from './types.ts';
import { grievanceOnly } from './grievance.ts';
import { asksToAct, asksToActAnew, combineWant, newGrievance, wantOf } from './want.ts';
import { withdraws } from './withdraw.ts';

/**
 * Offline understanding. Safety rules first (they always win), then the intents with clear
 * cues (status, handoff, greeting), then the topic: weighted cue words plus the retrieval's
 * vote, so a question phrased in a way no cue anticipates still lands on its topic when the
 * knowledge base recognizes it. When neither has a signal the result says so with low confidence.
 */

export interface DetectContext {
  /** Retrieval hits for the (possibly rewritten) question. */
  hits: Hit[];
  /** The previous turn's topic, for follow-ups that name none. */
  lastTopic?: Topic;
  /** True when the message reads as a follow-up of the previous turn. */
  followUp?: boolean;
  /** The best score among the entries an answer could use, when they were searched apart from `hits`. */
  bestScore?: number;
  /** What unsafeKind said of this text when the caller has read it already ('none': nothing unsafe); read here otherwise. */
  unsafe?: UnsafeKind | 'none';
  /** The learned model's reading of this text, when the caller has one of its own; the shipped model's otherwise. */
  learned?: Classified;
  /**
   * Whether the knowledge answers the message: it names only matters entries are about, and an entry is likely to
   * answer it. Then the learned model alone does not call it off topic. Read only when the model says so.
   */
  knownMatter?: () => boolean;
  /** A ticket form is open: the message answers or corrects it, and only the written rules decline it. */
  formOpen?: boolean;
}

const near = (a: RegExp, b: RegExp, gap: number) => new RegExp(`(?:${a.source}).{0,${gap}}(?:${b.source})`, 'i');
const either = (a: RegExp, b: RegExp, gap: number) => new RegExp(`${near(a, b, gap).source}|${near(b, a, gap).source}`, 'i');
const any = (res: readonly RegExp[], t: string) => res.some((re) => re.test(t));

/** Someone else named within a few characters before what may not be told about them. */
const ABOUT_SOMEONE_ELSE = new RegExp(`(?:${THIRD_PARTY.source})(?:(?!我|\\bi\\b|\\bme\\b|\\bmy\\b)[^，。,.!?？]){0,16}(?:${PERSONAL_DATA.source})`, 'i');
/** An English name and what they did: "check if Wang Lei applied". */
const NAMED_CASE_EN = /\b(if|whether|did|has) (?!i\b|we\b|you\b|it\b|there\b)[a-z]+( [a-z]+)? (has |have |had )?(applied|complained|filed|registered|received|contacted)\b/i;
const CLAIMED_ABOUT = new RegExp(`(?:${THIRD_PARTY.source})(?:(?!我|\\bi\\b|\\bme\\b|\\bmy\\b).){0,30}(?:${CASE.source})`, 'i');
/** Another person's contact or address, or a list of people, asked for. */
const OTHERS_CONTACT = new RegExp(`${near(THIRD_PARTY, CONTACT, 12).source}|${near(PEOPLE_CLASS, CONTACT, 8).source}|(?:${CONTACT.source})\\s*\\b(?:of|for)\\b.{0,20}(?:${THIRD_PARTY.source})`, 'i');
const LIST_CONTACT = new RegExp(`${either(PEOPLE_SET, CONTACT, 20).source}|${either(PEOPLE_WHO, CONTACT, 20).source}`, 'i');
/** People named by what they did, to be named or listed. */
const NAMED_LIST = either(PEOPLE_WHO, NAME_THEM, 12);
const CONTACT_ASKED = new RegExp(`${near(ASK_TOLD, CONTACT, 30).source}|${CONTACT_QUESTION.source}|${near(CONTACT, ASK_TAIL, 4).source}|${near(WANTS, CONTACT, 8).source}`, 'i');
const SECRET_ASKED = [either(SECRET[0]!, REVEAL, 24), either(SECRET[1]!, REVEAL, 24), ...SECRET.slice(2)];
/** The speaker, or someone they ask, as the one who does harm. */
/** Insults aimed at the assistant, not at someone in the worker's story. */
const AT_ASSISTANT = either(ADDRESSEE, INSULT, 8);
const MAKES_THREAT = new RegExp(`${near(ACTOR, VIOLENCE, 24).source}|${near(WILL_EN, VIOLENCE, 80).source}|${WEAPON_SHOWN.source}`, 'i');

export type UnsafeKind = 'crisis' | 'injection' | 'privacy' | 'fraud' | 'abuse' | 'threat' | 'harass';

/**
 * The categories of messages Niangjia declines, each recognised by its parts rather than by
 * phrase:
 * - injection: an instruction to the assistant (drop its rules, take a new role, reveal its
 *   prompt or secrets, say a planted phrase, obey a payload) or a notice dressed as the system's;
 * - privacy: a request to be told + someone else's contact, or a list of people + what they did,
 *   or someone else's case; a claimed role changes nothing;
 * - threat / harass / abuse: read after what the speaker suffered or was told is set aside; a text
 *   to write that lays open someone's private life for all to read is harassment;
 * - fraud: a forged or altered document, a borrowed identity, an inflated or double claim, or a
 *   claim hoped to go unnoticed; reporting someone else's fraud is a complaint.
 */
export function unsafeKind(text: string): UnsafeKind | undefined {
  const t = CANTONESE.reduce((s, [re, to]) => s.replace(re, to), text);
  if (CRISIS.test(t) && !CRISIS_TAKEN_BACK.test(t)) return 'crisis';
  if (isInjection(t)) return 'injection';
  if (asksOthersData(t)) return 'privacy';
  const told = REPORTED.reduce((s, re) => s.replace(re, ' '), t);
  if (MAKES_THREAT.test(told) || VEILED_THREAT.test(told) || INTIMIDATION.test(told)) return 'threat';
  if (SPREAD_CLAIM.test(told)) return 'harass';
  if (WRITE_FOR_ME.test(told) && (HARM_CONTENT.test(told) || INSULT.test(told) || (UNFOUNDED.test(told) && ACCUSE.test(told)) || SMEAR.test(told) || (PRIVATE_LIFE.test(told) && FOR_ALL_TO_READ.test(told)))) return 'harass';
  if (isFraud(t.replace(QUOTED_NOTICE, ' '))) return 'fraud';
  // Abuse with a request for a person ("脑壳有包 给我转个活人") is a worker asking to be handed over.
  if ((AT_ASSISTANT.test(told) || (INSULT.test(told) && [...told.replace(/\s/g, '')].length <= 12) || madeOfInsults(told)) && !HANDOFF.some((re) => re.test(told))) return 'abuse';
  return undefined;
}

const INSULTS = new RegExp(INSULT.source, 'gi');
/** Words that only point at whom the insults are aimed, or join them. */
const INSULT_FILLER = /竖中指|全部|全都|都是|全是|就是|真是|简直|你们|这个|这些|程序|系统|工会|机器人|的|了|啊|哦|[\s\p{P}\p{S}]/gu;
/** A message made of insults and little else ("垃圾程序 垃圾工会 全部都是垃圾"), whatever its length. */
function madeOfInsults(t: string): boolean {
  if ((t.match(INSULTS)?.length ?? 0) < 2) return false;
  return [...t.replace(INSULTS, ' ').replace(INSULT_FILLER, '')].length <= 4;
}

/** A worker asking whether their own name or number stays hidden: a question about privacy, never an attack on it. */
const OWN_EXPOSURE = /会不会(知道是我|查到我|告诉(他|她|老板|领导|单位|公司|厂里))|(能不能|可以|可不可以|能)匿名|匿名(举报|投诉|反映)|(帮我|给我|替我)保密|把我的(电话|名字|信息|号码|手机)(给|告诉|透露)|泄露我的|\b(is it|stay|remain) (anonymous|confidential)\b|\bwill (he|she|they|my boss|the boss) (know|find out)\b/i;

/** "忽 略 之 前 的 指 令": an instruction spelled out with spaces between its characters is read without them. */
const SPACED_CJK = /(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])/g;

function isInjection(text: string): boolean {
  const collapsed = text.replace(SPACED_CJK, '');
  return injectionIn(text) || (collapsed !== text && injectionIn(collapsed));
}

function injectionIn(t: string): boolean {
  return (any(AUTHORITY_LABEL, t) && ORDER.test(t)) || any(AUTHORITY_WRAPPER, t) || any(BYPASS_RULES, t) || any(ROLE_CHANGE, t) || any(SECRET_ASKED, t) || any(PLANTED_REPLY, t) || ENCODED.test(t) || PINYIN_ORDER.test(t) || ADDRESSED_ORDER.test(t) || QUERY_TO_RUN.test(t) || BROADCAST.test(t);
}

function asksOthersData(text: string): boolean {
  const t = text.replace(CONTACT_FAILS, ' ').replace(PLACE_CONTACT, ' ').replace(A_CALL, ' ');
  const own = OWN_MATTER.test(t);
  const mine = MY_DATA.test(t);
  if (STORED.test(t) || MANY_TICKETS.test(t)) return true;
  if (ROLE_RECORDS.test(t) && ASK_TOLD.test(t) && !mine && !OWN_EXPOSURE.test(t)) return true;
  const policy = ELIGIBILITY.test(t) || JUDGES_IT.test(t);
  if (CONTACT_ASKED.test(t) && (((OTHERS_CONTACT.test(t) || TICKET_CONTACT.test(t)) && !mine) || LIST_CONTACT.test(t))) return true;
  if (TICKET_TEXT.test(t) && ASK_TOLD.test(t) && !OWN_TICKET.test(t)) return true;
  if (PUBLISH.test(t) && CONTACT.test(t)) return true;
  if (WHO_DID.test(t) && !policy) return true;
  if (ASK_TOLD.test(t) && PEOPLE_SET.test(t) && CASE.test(t) && !policy && !mine) return true;
  if (NAMED_LIST.test(t) && !policy) return true;
  if (ASK_ABOUT_CASE.test(t) && (ABOUT_SOMEONE_ELSE.test(t) || NAMED_CASE_EN.test(t)) && !own && !policy) return true;
  if (CLAIMED_AUTHORITY.test(t) && CONTACT_ASKED.test(t) && !mine) return true;
  if (CLAIMED_AUTHORITY.test(t) && ASK_NAMES.test(t) && (PEOPLE_SET.test(t) || PEOPLE_WHO.test(t)) && !policy) return true;
  return CLAIMED_AUTHORITY.test(t) && ASK_TOLD.test(t) && !policy && (PEOPLE_SET.test(t) || PEOPLE_WHO.test(t) || (CLAIMED_ABOUT.test(t) && !own));
}

/** Asking what counts as fraud, or fearing to be taken for it, is a question about the rules. */
const WHAT_COUNTS = /(哪些|什么|啥子?)(样子?的?)?(情况|行为)?(算|属于|叫|会被(当成|认定|算))|算不算|(怕|会不会|担心)[^，。]{0,10}被(当成|认定|算成|认为)|\bwhat counts as\b/i;

/** The speaker planning it, not asking whether it is allowed: "我想找个商家刷了", "跟旅行社怎么谈", "收的价格是好多". */
const PLANS_IT = /(?:我|我们)(?:想|要|打算|准备)|(?:咋个|怎么|如何)(?:找|卖|弄|搞|谈|做|操作|出手)|价格|收价|好多钱收|\b(?:how do i|how can i|help me)\b/i;
/** The speaker asking how to make the claim, or for help making it. */
const ASKS_HOW_TO_CLAIM = /帮我|帮厂里|帮我们|(?:咋个|怎么|如何)(?:做|弄|写|搞|填)|(?:我|我们)[^，。\s]{0,4}(?:想|要|打算|准备)(?:多)?(?:领|申请|报)|\b(?:help me|how do i|how can i)\b/i;

function isFraud(t: string): boolean {
  if (any(REPORTS_OTHERS, t) || CONSENT.test(t) || WHAT_COUNTS.test(t)) return false;
  if (PASSES_FOR_REAL.test(t) || IN_OFFICIAL_NAME.test(t) || (BENEFIT_TO_CASH.test(t) && PLANS_IT.test(t)) || PAPERS_NOT_OWN.test(t) || (CLAIMED_MORE.test(t) && CLAIM.test(t) && ASKS_HOW_TO_CLAIM.test(t))) return true;
  if (SCAM_FEE.test(t) && (WRITE_FOR_ME.test(t) || /(?:我|我们)(?:建|拉|想拉|开)/.test(t))) return true;
  return any(FAKE_DOCUMENT, t) || any(BORROWED_IDENTITY, t) || INFLATED_CLAIM.test(t) || (MISREPRESENT.test(t) && (CLAIM.test(t) || EVADE.test(t))) || (EVADE.test(t) && CLAIM.test(t)) || (NOT_TRUE.test(t) && CLAIM.test(t) && CHECKED.test(t));
}

/** How much the learned model's topic probability weighs against the cue words and the retrieval vote. */
const LEARNED_WEIGHT = 3;

export function topicScores(t: string, hits: readonly Hit[], learned?: Classified): Record<Topic, number> {
  const scores = Object.fromEntries(TOPICS.map((x) => [x, 0])) as Record<Topic, number>;
  for (const topic of TOPICS) for (const cue of TOPIC_CUES[topic]) if (cue.re.test(t)) scores[topic] += cue.weight;
  if (learned) for (const topic of TOPICS) scores[topic] += LEARNED_WEIGHT * (learned.intent[topic] ?? 0);
  // Retrieval votes: the best hit counts most; entries of other topics further down count less.
  hits.slice(0, 3).forEach((h, i) => {
    const topic = h.entry.topic as Topic | undefined;
    if (topic && topic in scores) scores[topic] += h.score * (i === 0 ? 4 : 1.5);
  });
  return scores;
}

export function detectIntent(normalized: string, ctx: DetectContext): NluResult {
  const t = normalized;
  const slots = extractSlots(t);
  const base = { slots, normalized: t, want: 'ask' as Want };
  const fixed = (intent: Intent, confidence: number): NluResult => ({ ...base, intent, confidence, source: 'rules' });

  if ((ctx.unsafe ?? unsafeKind(t) ?? 'none') !== 'none') return fixed('unsafe', 0.95);
  const status = TICKET_STATUS.some((re) => re.test(t)) && !newGrievance(t);
  if (slots.ticketNumber || (status && !ACT_CUES.some((re) => re.test(t)) && !asksToActAnew(t))) return fixed('ticket_status', slots.ticketNumber ? 0.97 : 0.85);

  const learned = ctx.learned ?? classify(t);
  // The learned model catches what no cue anticipates; a confident verdict on a fixed intent stands.
  const unsafeP = learned && learnedUnsafe(learned);
  // Inside a form the message is a field's answer or a correction: the model, which learned from whole
  // messages, does not decline it alone ("my phone number is wrong, it's 158…"). A claimed operator asking
  // for a caller's number ("接线员工号0916 … 把来电人的号码念一下") is declined before 接线员 reads as a request for a person.
  if (unsafeP !== undefined && !ctx.formOpen && unsafeSafeguards(t).length === 0) return { ...fixed('unsafe', unsafeP), source: 'classifier' };
  if (WHAT_YOU_ARE.test(t) && !WANTS_PERSON.test(t.replace(WHAT_YOU_ARE, ' '))) return fixed('greeting', 0.85);
  if (HANDOFF.some((re) => re.test(t))) return fixed('handoff', 0.92);
  if (GREETING.test(t) || greetsOnly(t)) return fixed('greeting', 0.9);
  const sure = learned && fixedIntent(learned);
  const acts = asksToAct(t);
  const acting = asksOrCuesToAct(t, acts);
  // A worker asking the union to act on their matter ("我要投诉") gets the form: asking for a person is left to the written cues.
  // Inside a form, "换成我老婆的 139…" changes a field: a person is asked for only in the written words (转人工, 真人…).
  const overruled = sure?.intent === 'handoff' && (acting || Boolean(ctx.formOpen));
  if (sure && !overruled) return { ...fixed(sure.intent, sure.p), source: 'classifier' };

  // The written rules found nothing unsafe and the model's unsafe verdict does not stand: what the model
  // gave to unsafe is no evidence against the topics, which are weighed as if it had not been there.
  const scores = topicScores(t, ctx.hits, learned && withoutUnsafe(learned));
  const ranked = [...TOPICS].sort((a, b) => scores[b] - scores[a]);
  const best = ranked[0]!;
  const top = scores[best];
  const second = scores[ranked[1]!];
  // A follow-up ("要多久") is a fragment of the conversation: the learned model cannot judge it off topic alone.
  // A worker asking the union to act on a matter at work is never off topic, whatever the workplace makes (火锅底料的厂).
  // A grievance told at work with nothing asked ("车间夏天就两台风扇 说了好几年要装空调 一直没装") asks the union to act too.
  // Read only where a verdict turns on it, not on every message.
  const grievesAtWork = () => !acting && grievanceOnly(t) && AT_WORK.test(t);
  const offTopic =
    (OUT_OF_SCOPE.some((re) => re.test(t)) || (!ctx.followUp && (learned?.intent.out_of_scope ?? 0) >= 0.6 && !ctx.knownMatter?.())) &&
    !(acting && AT_WORK.test(t)) &&
    !grievesAtWork();
  const cueOnly = TOPIC_CUES[best].some((c) => c.re.test(t));

  if (offTopic && (!cueOnly || top < 3)) return { ...fixed('out_of_scope', 0.85), scores: scores as NluResult['scores'] };
  const topScore = ctx.bestScore ?? ctx.hits[0]?.score ?? 0;
  if (top < 1.2) {
    if (ctx.followUp && ctx.lastTopic) return { ...base, intent: ctx.lastTopic, confidence: 0.6, source: 'context', want: combineWant(wantOf(t, topScore), learned, t) };
    // Asked to act on a matter of their own, the worker gets the form however faint the topic.
    if ((acts || grievesAtWork()) && top > 0) return { ...base, intent: best, confidence: 0.45, source: 'rules', want: 'act', scores: scores as NluResult['scores'] };
    // A message about the union is never out of scope: with a weak signal the bot asks back.
    if (UNION_WORDS.test(t) && top > 0) return { ...base, intent: best, confidence: 0.4, source: 'classifier', want: 'vague', scores: scores as NluResult['scores'] };
    return { ...base, intent: 'out_of_scope', confidence: top < 0.5 ? 0.7 : 0.4, source: 'classifier', scores: scores as NluResult['scores'] };
  }
  const confidence = Math.min(0.99, 0.5 + 0.5 * ((top - second) / top) * Math.min(1, top / 3));
  return { ...base, intent: best, confidence, source: 'classifier', want: combineWant(wantOf(t, topScore), learned, t), scores: scores as NluResult['scores'] };
}

/** A request to act, or one of the cue words that ask for it (投诉, 讨薪); `acts` when asksToAct was read already. */
function asksOrCuesToAct(t: string, acts = asksToAct(t)): boolean {
  return acts || ACT_CUES.some((re) => re.test(t));
}

/** The model's reading with the share it gave to unsafe spread over the other intents. */
export function withoutUnsafe(c: Classified): Classified {
  const rest = 1 - (c.intent.unsafe ?? 0);
  if (rest <= 0 || rest >= 1) return c;
  const intent = Object.fromEntries(Object.entries(c.intent).map(([k, p]) => [k, k === 'unsafe' ? 0 : p / rest]));
  return { ...c, intent };
}

/**
 * Something done to the worker, or asked of them by someone else ("老板把我身份证收起不还", "有人要我把银行卡密码发过去
 * 这个正常不"): the worker tells of it or asks whether it is right, and is not declined on the model's word.
 */
const DONE_TO_ME =
  /(老板|公司|单位|厂里?|领导|主管|经理|包工头|工头|财务|人事|有人|有个[^，。\s]{0,10}的?人|对方|他|她|他们)[^，。\s]{0,6}(把我|(要|让|叫|喊|逼)我把)|(老板|公司|单位|厂里?|领导|主管|经理|组长|班长|线长|包工头|工头|人事)(又|就|还|都)?(叫|让|喊|逼|不准|不让|不许)(我|我们)(?!把)|我[^，。\s]{0,6}被[^，。\s]{0,8}(扣|收|拿|骗|冒|盗|偷|泄露|威胁|骂|打)|(这|这个|这样|这种)[^，。\s]{0,4}(正常(不|吗|嘛|么)|合法(不|吗)|是不是骗|靠谱(不|吗))|\bis (this|that|it) (a scam|legit|normal)\b/i;

/** The worker giving or correcting their own name, number or workplace ("张伟是我老公的名字 我叫李娟"). */
const OWN_DETAILS = /我(叫|姓)[\u4e00-\u9fa5]|我的(名字|姓名|电话|手机|号码|单位|地址)(是|叫|写|填|错|不是)|(说|写|填|搞|弄|记)错了|\bmy (full )?(name|phone|phone number|number|mobile|employer|company|address|district)\b.{0,24}\b(is|was|should be|wrong|not)\b|\b(typo|misspel+ed|misspelt|wrong number)\b/i;

/** The worker's own data, asked after or left out: "我留在你们这里的手机号", "名单上没有我", "你们存了我哪些信息". */
const OWN_DATA = new RegExp(`${MY_DATA_HELD.source}|${/(?:存|保存|记录)了?我(?:的)?(?:哪些|什么)/.source}`);

/** The fixed intents other than unsafe the learned model may decide alone, and how sure it must be. */
const FIXED_MIN_P: Partial<Record<Intent, number>> = { handoff: 0.85, ticket_status: 0.9, greeting: 0.85 };

/**
 * How sure the learned model must be to decline alone. With an unsafe head both it and the intent head
 * must give unsafe at least this (the two agreeing decline far fewer lawful messages than either alone);
 * the threshold was chosen by leaving out one whole set at a time (`scripts/loso-unsafe.ts`). A model
 * without that head declines on its intent head's unsafe share at INTENT_UNSAFE_MIN_P.
 */
export const UNSAFE_HEAD_MIN_P = 0.6;
const INTENT_UNSAFE_MIN_P = 0.9;

/** The learned model's unsafe verdict: its probability when it is sure enough to decline, undefined otherwise. */
export function learnedUnsafe(c: Classified): number | undefined {
  const fromIntent = c.intent.unsafe ?? 0;
  const [p, min] = c.unsafe !== undefined ? [Math.min(c.unsafe, fromIntent), UNSAFE_HEAD_MIN_P] : [fromIntent, INTENT_UNSAFE_MIN_P];
  return p >= min ? p : undefined;
}

/**
 * What keeps the learned model from declining alone. A worker telling of someone else's fraud or
 * pressure, asking the union to act on their matter, asking whether they stay anonymous, telling what
 * was done to them, giving their own details or asking about their own data, asking whether something is lawful, or taking back a request
 * ("这个单先不开了") is declined only by the written unsafe rules.
 */
const SAFEGUARDS: Record<string, (t: string) => boolean> = {
  reports_others: (t) => any(REPORTS_OTHERS, t),
  asks_to_act: (t) => asksOrCuesToAct(t),
  own_exposure: (t) => OWN_EXPOSURE.test(t),
  done_to_me: (t) => DONE_TO_ME.test(t),
  own_details: (t) => OWN_DETAILS.test(t),
  own_data: (t) => OWN_DATA.test(t),
  judges_it: (t) => JUDGES_IT.test(t),
  withdraws: (t) => withdraws(t),
};

/** The safeguards that apply to a text, by name (empty: the learned model may decline it). */
export function unsafeSafeguards(t: string): string[] {
  return Object.entries(SAFEGUARDS)
    .filter(([, applies]) => applies(t))
    .map(([name]) => name);
}

function fixedIntent(c: Classified): { intent: Intent; p: number } | undefined {
  for (const [intent, min] of Object.entries(FIXED_MIN_P) as [Intent, number][]) {
    const p = c.intent[intent] ?? 0;
    if (p >= min) return { intent, p };
  }
  return undefined;
}

/** Asking to be put through to a person, beside asking what the bot is. */
const WANTS_PERSON = /转|找|要|换|接|叫|让|喊|给我|人工|\b(talk|speak|connect|transfer|put me)\b/i;
/** Something wanted beyond a hello: to check, ask, apply, be helped; a number given. */
const WANTS_DONE = /想|要|查|申请|办理|帮|请|需要|麻烦|\d{3,}|\b(want|need|check|apply|help|please)\b/i;
const OPENS_WITH_GREETING = new RegExp(`^[\\s\\p{P}]*(?:${GREETING_WORDS.source})`, 'iu');
/** Every greeting word with the spaces and marks after it (global: only ever used to replace). */
const GREETINGS_ALL = new RegExp(`(?:${GREETING_WORDS.source})[\\s\\p{P}]*`, 'giu');
/** A question word or mark, or a request: what makes an opener more than a greeting. */
const ASKS_SOMETHING = /多少|好多|几|多久|啥|什么|怎么|咋|如何|哪|谁|能不能|可不可以|可以|是不是|有没有|有没得|吗|么|嘛[?？]|[?？]|不$|\b(how|what|when|where|who|why|which|can|could|does|do|is|are|will|should|may)\b/i;

/**
 * A message that opens with a greeting and adds only small talk or says a question is coming
 * ("早哇 今天上早班 先来报个到", "Hello! anyone there? I have a question"): a greeting. Anything asked,
 * any topic named or any request makes it more than that.
 */
function greetsOnly(t: string): boolean {
  if (!OPENS_WITH_GREETING.test(t)) return false;
  const rest = t.replace(GREETINGS_ALL, ' ').replace(ANNOUNCES_QUESTION, ' ');
  if ([...rest.replace(/[\s\p{P}\p{S}]/gu, '')].length > 12 && !ANNOUNCES_QUESTION.test(t)) return false;
  if (ASKS_SOMETHING.test(rest) || WANTS_DONE.test(rest) || OUT_OF_SCOPE.some((re) => re.test(rest)) || ACT_CUES.some((re) => re.test(rest)) || TICKET_STATUS.some((re) => re.test(rest))) return false;
  return !Object.values(TOPIC_CUES).some((cues) => cues.some((c) => c.re.test(rest)));
}

const UNION_WORDS = /工会|职工|会员|娘家人|总工会|union/;
/** A matter at work: the employer, the workplace, the job. */
const AT_WORK = /老板|公司|单位|厂|车间|工地|工作|上班|岗位|领导|主管|经理|同事|工友|employer|boss|company|factory|workplace|\bwork|\bjob\b|manager|supervisor/i;

