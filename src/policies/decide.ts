import type { UnsafeKind } from '../intents/detect.ts';
import type { NluResult } from '../intents/types.ts';
import { isTopic } from '../intents/types.ts';
import { ASKS } from '../intents/want.ts';
import { asksAboutMatter, FIGURE_KINDS, leavesFigureToPlaces, type Assessment } from '../knowledge/answerability.ts';
import type { Place } from '../knowledge/places.ts';
import { ANSWER_MIN_SCORE, type Hit } from '../knowledge/retriever.ts';
import type { SessionState } from '../store/ports.ts';
import { madeOf } from '../tickets/words.ts';
import type { Action } from './action.ts';

/**
 * The dialogue policy: an ordered list of rules, the first that returns an action wins.
 * Pure: no I/O, no clock. Every choice of a turn is made here, and every threshold lives here,
 * so each rule can be tested as a table row.
 */

export interface DecideInput {
  session: SessionState;
  nlu: NluResult;
  hits: Hit[];
  chatType: 'private' | 'group';
  /** Whether the best candidates answer what was asked (see knowledge/answerability). */
  evidence?: Assessment[];
  /** This message alone, normalized. */
  message?: string;
  place?: Place;
  unsafe?: UnsafeKind;
  /** The message only names a topic ("年票", "疗休养啊"): see knowledge/answerability namesOnlyTopic. */
  broad?: boolean;
  /** The message names a topic of its own; without one, a request goes on about the last question's topic. */
  ownTopic?: boolean;
}

export { ANSWER_MIN_SCORE };

/** Another place's policy is shown when quoted, or named as similar, only at this probability or more. */
export const ELSEWHERE_MIN_P = 0.25;
/** A figure the worker quotes that the entry states names the policy asked about: less other evidence is needed. */
export const CITED_MIN_P = 0.15;
/**
 * An answer needs this calibrated probability that the entry answers what was asked. Below it, the
 * closest entry is shown as only that (see NEAR_MIN_P): a hedge costs a worker little, a confident
 * answer to another question costs trust.
 */
export const ANSWER_MIN_P = 0.5;
/** What a place's entries say on the topic is shown, with the gap named, from this probability. */
export const PLACE_PARTIAL_MIN_P = 0.35;
/** An answer needs the entry to hold at least this share of the weight of what the question is about. */
export const ANSWER_MIN_COVERAGE = 0.25;
/** A question in the middle of a form is answered only when the answer is this certain. */
export const INTERRUPT_MIN_P = 0.65;
/** An entry about the asked subject (this share of its weight) that lacks the kind of fact asked gives a partial answer. */
export const PARTIAL_MIN_COVERAGE = 0.8;
/**
 * Below the answer threshold, the closest entry is shown as only that from this probability that it is
 * on the matter (the words alone, see Assessment.onMatter) and this coverage.
 */
export const NEAR_MIN_P = 0.2;
export const NEAR_MIN_COVERAGE = 0.5;
/**
 * The closest entry is shown (said to be only that) when the words say it is on the matter and the answer model
 * gives it at least this chance of answering: below it, on the train parts, the entries shown as closest were
 * mostly for questions the knowledge cannot answer, and the honest "not in my materials" serves the worker better.
 */
export const CLOSEST_MIN_P = 0.2;
const near = (a: Assessment) => a.onMatter >= NEAR_MIN_P && a.coverage >= NEAR_MIN_COVERAGE && a.p >= CLOSEST_MIN_P;

type Rule = (i: DecideInput) => Action | undefined;

const operatorActive: Rule = ({ session }) => (session.takenOverBy ? { kind: 'silent', reason: 'operator_active' } : undefined);

const unsafe: Rule = ({ nlu, unsafe: kind }) => (nlu.intent === 'unsafe' ? { kind: 'decline', reason: kind ?? 'unsafe' } : undefined);

const EXACT_KINDS: ReadonlySet<string> = new Set(['documents', 'list', 'family', 'contact']);

/** "我在成都上班 产假国家规定是几天" asks the national rule, wherever the worker is. */
const ASKS_NATIONAL = /国家|全国|national/i;
/** "在国家98天上面还加了好多天", "國家產假之外另外多給幾天": the national rule is the base, the place's own addition is asked. */
const NATIONAL_AS_BASE = /(国家|全国|national).{0,14}(之外|以外|上面|基础上|额外|另外|还加|再加|多给|多加|多出|on top of|beyond)/i;


const continueForm: Rule = ({ session, nlu, evidence, message }) => {
  if (!session.form) return undefined;
  if (nlu.intent === 'handoff') return { kind: 'handoff', reason: 'asked' };
  // A question asked mid-form is answered first when the answer is certain; the form then resumes.
  const best = evidence?.[0];
  const asks = isTopic(nlu.intent) && nlu.want === 'ask' && ASKS.test(message ?? nlu.normalized);
  const interrupt = asks && best && best.p >= INTERRUPT_MIN_P;
  return { kind: 'form_step', ...(interrupt ? { interruptWith: [best.hit] } : {}), ...(asks ? { asks: true as const } : {}) };
};

const RATING = /^\s*([1-5])\s*(分|星|颗星)?[\s。.!！]*$/;
const rating: Rule = ({ session, nlu }) => {
  const m = RATING.exec(nlu.normalized);
  return session.ratingFor && m ? { kind: 'rate', ticketNumber: session.ratingFor, score: Number(m[1]) } : undefined;
};

const ADD_INFO = /^(补充|追加|再补充|还要补充|补充一下|补充说明)[:：\s]/;
const addInfo: Rule = ({ nlu }) => (ADD_INFO.test(nlu.normalized) ? { kind: 'add_info' } : undefined);

const BARE_CONFIRM = /确认|确定|提交|confirm(ed)?|submit/gi;
const CONFIRM_FILLERS = /[吧了啊呀嘛噻撒哈哦呢的我要\s。.!！~～]|please/gi;
/** "确认" alone with no form open: there is nothing to file, and it is no question about policy. */
const nothingToConfirm: Rule = ({ session, message, nlu }) =>
  !session.form && madeOf((message ?? nlu.normalized).trim(), BARE_CONFIRM, CONFIRM_FILLERS) ? { kind: 'nothing_to_confirm' } : undefined;

const TAIL = '[\\s。.!！?？~～啊哦嘛呀哈噻嘞哟咯喔唉😂🙏👍]*';
export const UNHELPFUL = new RegExp(
  `^(没用|没得用|莫得用|没啥用|没有用|不管用|不对|不对哦|不对头|答非所问|说的啥|说的啥子|看不懂|不是这个|不是这个意思|不是我问的|我问的不是这个|没有帮助|没帮助|没帮上|乱答|乱说|扯|瞎扯|牛头不对马嘴|useless|not helpful|wrong answer|that'?s wrong|not what i asked)${TAIL}$`,
  'i',
);
export const THANKS = new RegExp(
  `^(谢谢|谢谢哈|谢谢你|谢谢啦|谢了|多谢|多谢哈|感谢|感谢感谢|有用|明白了|懂了|晓得了|知道了|好的谢谢|好嘞|要得|要得要得|好的|收到|ok|okay|thanks|thank you|thx|got it)${TAIL}$`,
  'i',
);
/** Right after an answer, "没用" or "谢谢" is feedback on it, never a new question. */
const feedback: Rule = ({ session, nlu }) => {
  if (session.lastEntryIds.length === 0 && session.history.length === 0) return undefined;
  if (UNHELPFUL.test(nlu.normalized)) return { kind: 'feedback', helpful: false };
  if (THANKS.test(nlu.normalized)) return { kind: 'feedback', helpful: true };
  return undefined;
};

const handoff: Rule = ({ nlu, session }) => {
  if (nlu.intent === 'handoff') return { kind: 'handoff', reason: 'asked' };
  if (session.misses >= 2 && nlu.intent === 'out_of_scope' && nlu.confidence < 0.6) return { kind: 'handoff', reason: 'repeated_failure' };
  return undefined;
};

const ticketStatus: Rule = ({ nlu }) =>
  nlu.intent === 'ticket_status' ? { kind: 'ticket_status', ...(nlu.slots.ticketNumber ? { ticketNumber: nlu.slots.ticketNumber } : {}) } : undefined;

const greeting: Rule = ({ nlu }) => (nlu.intent === 'greeting' ? { kind: 'answer', intent: 'greeting', hits: [], note: 'greeting' } : undefined);

const outOfScope: Rule = ({ nlu }) => (nlu.intent === 'out_of_scope' ? { kind: 'decline', reason: 'out_of_scope' } : undefined);

/**
 * A request to act starts the form. Asked right after a question ("疗休养是不是每个单位都必须搞" … "那能不能
 * 请你们帮我们问一下单位"), a request that names no topic of its own is about that question's topic.
 */
const startTicket: Rule = ({ nlu, session, ownTopic }) => {
  if (!isTopic(nlu.intent) || nlu.want !== 'act') return undefined;
  const previous = ownTopic === false && session.history.length > 0 ? session.lastTopic : undefined;
  return { kind: 'start_ticket', topic: previous ?? nlu.intent };
};

/**
 * A topic named with nothing asked about it gets asked back, not the topic's first entry. A message
 * that asks for a figure (how much, how long, how many, when) has asked something, however loosely
 * it reads: it is answered, or told plainly that the knowledge does not hold it.
 */
const vague: Rule = ({ nlu, broad, evidence, message }) => {
  if (!isTopic(nlu.intent) || !(nlu.want === 'vague' || broad)) return undefined;
  if (!broad && evidence?.[0]?.kinds.asked.some((k) => FIGURE_KINDS.has(k))) return undefined;
  // Nothing in the knowledge is like a question about a matter it names ("公积金断缴能补吗"): it is told plainly
  // that the knowledge does not hold it, not offered other topics; only a message that names nothing to ask about is asked back.
  const unlike = evidence !== undefined && !evidence.some((a) => a.hit.score >= ANSWER_MIN_SCORE);
  if (!broad && unlike && asksAboutMatter(message ?? nlu.normalized)) return undefined;
  const likely = (evidence ?? []).filter(near).map((a) => a.hit.entry.id);
  return { kind: 'clarify', topic: nlu.intent, question: nlu.normalized, ...(likely.length ? { likely } : {}) };
};

/** Asking the same thing again gets the same answer; a new question whose best entry was just given gets the next one. */
function repeatsLastAnswer({ session, message, place }: DecideInput, top: Hit): boolean {
  const last = session.history[session.history.length - 1];
  return Boolean(last && message && !place && session.lastEntryIds.includes(top.entry.id) && !last.user.endsWith(message));
}

/**
 * Answer, partial or none, from the evidence. An answer needs a calibrated probability that the
 * entry answers what was asked; an entry about the subject that lacks the kind of fact asked gives
 * what is known and names the gap; anything else is the honest "not in my materials".
 */
const answerOrNot: Rule = (input) => {
  const { nlu } = input;
  if (!isTopic(nlu.intent)) return undefined;
  let evidence = (input.evidence ?? []).filter((a) => a.hit.score >= ANSWER_MIN_SCORE);
  const top = evidence[0];
  if (top && repeatsLastAnswer(input, top.hit)) {
    evidence = evidence.filter((a) => !input.session.lastEntryIds.includes(a.hit.entry.id));
    // "That is all I have" fits a further question on the same matter; a question naming something the entry
    // does not hold (陪产假 after a question on passes) is one the knowledge does not answer.
    if (!evidence[0] || evidence[0].p < ANSWER_MIN_P) return { kind: 'no_answer', topic: nlu.intent, reason: top.missing.length ? 'not_found' : 'nothing_more' };
  }
  // A figure the worker quotes names the entry asked about ("200 a day" is Inner Mongolia's), above a likelier one that does not state it.
  const quoted = evidence.find((a) => a.cites && a.p >= ANSWER_MIN_P);
  if (quoted && !evidence[0]?.cites) evidence = [quoted, ...evidence.filter((a) => a !== quoted)];
  const first = evidence[0];
  if (!first) return { kind: 'no_answer', topic: nlu.intent, reason: 'not_found' };
  // An entry of the place asked about, naming the year asked about, beats a likelier one of another place or year.
  // So does one written for the condition asked about (孕期, 试用期), or for none.
  const fits = (a: Assessment) => a.place.ok && a.condition.ok && (first.year.ok ? a.year.ok : a.year.named) && a.p >= ANSWER_MIN_P;
  // Nor does a likelier entry that holds little of what is asked shadow one about it (产假's rule, asked about 陪产假).
  const about = (a: Assessment) => a.matter >= ANSWER_MIN_COVERAGE;
  const onIt = about(first) ? undefined : evidence.find((a) => fits(a) && about(a));
  const best = first.place.ok && first.year.ok && first.condition.ok && !onIt ? first : (onIt ?? evidence.find(fits) ?? first);
  if (!best.place.ok) {
    // Another place's policy is given, said to be that place's, only when the worker quotes it ("看到说能拿6万"):
    // then it is this very policy that is asked about. Asked whether home has it, or about a place the knowledge
    // does not cover, the answer is an honest no, naming where a similar policy is known, without its figures.
    const asked = best.place.asked;
    if (asked && best.cites && best.onMatter >= CITED_MIN_P) return { kind: 'answer', intent: nlu.intent, hits: [best.hit], elsewhere: asked };
    const similar = best.onMatter >= ELSEWHERE_MIN_P ? { similarIn: best.hit.entry.region } : {};
    return { kind: 'no_answer', topic: nlu.intent, reason: 'place', ...(asked ? { place: asked } : {}), ...similar };
  }
  const notFound: Action = { kind: 'no_answer', topic: nlu.intent, reason: 'not_found' };
  // The closest entry, said to be only that.
  const closest: Action = { kind: 'partial', topic: nlu.intent, hit: best.hit, missing: [], near: true };
  // Another year's figures do not answer a question about this year's: what is known is given as such.
  if (!best.year.ok) return best.onMatter >= NEAR_MIN_P ? { kind: 'partial', topic: nlu.intent, hit: best.hit, missing: [], year: best.year.asked[0]! } : notFound;
  // "车票工会报不报" turns on reimbursing: an entry that never speaks of it does not answer yes or no.
  if (!best.predicate.ok) return near(best) ? closest : notFound;
  // "实习生受伤能算工伤吗": a rule that never names interns does not settle it for them; what it says is given as only that.
  if (!best.status.ok) return near(best) ? { kind: 'partial', topic: nlu.intent, hit: best.hit, missing: [], who: best.status.asked! } : notFound;
  // "孕期不得降薪" does not answer whether a pay cut needs consent: a rule for one condition answers questions on it.
  if (!best.condition.ok) return near(best) ? closest : notFound;
  // A national rule that leaves the figure to each province does not give one province's figure.
  const said = input.message ?? nlu.normalized;
  const province = best.place.asked && best.place.asked.province !== '全国' && (!ASKS_NATIONAL.test(said) || NATIONAL_AS_BASE.test(said)) ? best.place.asked : undefined;
  if (province && leavesFigureToPlaces(best.hit.entry) && best.kinds.asked.some((k) => FIGURE_KINDS.has(k)) && best.onMatter >= NEAR_MIN_P) {
    return { kind: 'partial', topic: nlu.intent, hit: best.hit, missing: [], place: province };
  }
  // An entry that states no fact of any kind asked does not answer it, however alike; nor does one that
  // lacks a figure asked for (how much, how long, how many, when): what it does say is a partial answer.
  const statesAsked = best.kinds.asked.length === 0 || best.kinds.missing.length < best.kinds.asked.length;
  // A list of papers, a roster and whether family is covered are as exact as a figure: an entry that does not say lacks them.
  const lacksFigure = best.kinds.missing.some((k) => FIGURE_KINDS.has(k) || EXACT_KINDS.has(k));
  // An entry that holds under a quarter of what the question is about shares its topic, not its matter.
  const aboutIt = about(best);
  if (best.p >= ANSWER_MIN_P && statesAsked && !lacksFigure && aboutIt) {
    const hits = [best, ...evidence.filter((a) => a !== best && a.p >= ANSWER_MIN_P && a.place.ok && a.year.ok && a.predicate.ok && a.condition.ok)].map((a) => a.hit);
    return { kind: 'answer', intent: nlu.intent, hits };
  }
  // Asked about a place, an entry of that place on the topic that is not about this matter is what is known there.
  if (!aboutIt && best.place.asked && best.onMatter >= PLACE_PARTIAL_MIN_P && statesAsked) return { kind: 'partial', topic: nlu.intent, hit: best.hit, missing: best.kinds.missing };
  // Not certain enough to answer, yet about the same matter: the closest entry, said to be only that.
  if (near(best) && statesAsked && !lacksFigure) return closest;
  if (best.kinds.missing.length > 0 && best.coverage >= PARTIAL_MIN_COVERAGE && best.unknown === 0) {
    return { kind: 'partial', topic: nlu.intent, hit: best.hit, missing: best.kinds.missing };
  }
  return notFound;
};

export const RULES: readonly Rule[] = [operatorActive, unsafe, continueForm, rating, addInfo, nothingToConfirm, feedback, handoff, ticketStatus, greeting, outOfScope, startTicket, vague, answerOrNot];

export function decide(input: DecideInput): Action {
  for (const rule of RULES) {
    const action = rule(input);
    if (action) return action;
  }
  return { kind: 'decline', reason: 'unsure' };
}
