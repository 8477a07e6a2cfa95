import { ANSWER_MIN_SCORE, type Hit } from '../knowledge/retriever.ts';
import {
  ABUSE, ACT_CUES, CLAIMED_AUTHORITY, CRISIS, DATA_REQUEST, FRAUD, GREETING, HANDOFF, HARASS, HOW_TO, INJECTION, ON_BEHALF, OTHERS_DATA, OUT_OF_SCOPE, PERSONAL_DATA, REPORTS_OTHERS, TELL_ME, THIRD_PARTY, THREAT, TICKET_STATUS, TOPIC_CUES, URGENT, VAGUE,
} from './catalog.ts';
import { classify, type Classified } from './classifier.ts';
import { extractSlots, findPhone } from './slots.ts';
import { TOPICS, type Intent, type NluResult, type Topic, type Want } from './types.ts';

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
}

/** Someone else named within a few characters before what may not be told about them. */
const ABOUT_SOMEONE_ELSE = new RegExp(`(?:${THIRD_PARTY.source}).{0,12}(?:${PERSONAL_DATA.source})`, 'i');

export type UnsafeKind = 'crisis' | 'injection' | 'privacy' | 'fraud' | 'abuse' | 'threat' | 'harass';

/**
 * The categories of messages Niangjia declines, by what they try to do rather than by phrase:
 * instructions hidden in the message, anyone else's data or any list of people (whoever claims
 * to ask), requests to write insults or threats, threats of violence, fraud, plain abuse.
 */
export function unsafeKind(t: string): UnsafeKind | undefined {
  if (CRISIS.test(t)) return 'crisis';
  if (INJECTION.some((re) => re.test(t))) return 'injection';
  if (OTHERS_DATA.some((re) => re.test(t)) || (CLAIMED_AUTHORITY.test(t) && DATA_REQUEST.test(t))) return 'privacy';
  if (TELL_ME.test(t) && ABOUT_SOMEONE_ELSE.test(t) && !ON_BEHALF.test(t)) return 'privacy';
  if (THREAT.some((re) => re.test(t))) return 'threat';
  if (HARASS.some((re) => re.test(t))) return 'harass';
  if (FRAUD.some((re) => re.test(t)) && !REPORTS_OTHERS.test(t)) return 'fraud';
  if (ABUSE.some((re) => re.test(t))) return 'abuse';
  return undefined;
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
  const urgent = URGENT.test(t);
  const base = { slots, urgent, normalized: t, want: 'ask' as Want };
  const fixed = (intent: Intent, confidence: number): NluResult => ({ ...base, intent, confidence, source: 'rules' });

  if (unsafeKind(t)) return fixed('unsafe', 0.95);
  const status = TICKET_STATUS.some((re) => re.test(t));
  if (slots.ticketNumber || (status && !ACT_CUES.some((re) => re.test(t)))) return fixed('ticket_status', slots.ticketNumber ? 0.97 : 0.85);
  if (HANDOFF.some((re) => re.test(t))) return fixed('handoff', 0.92);
  if (GREETING.test(t)) return fixed('greeting', 0.9);

  const learned = classify(t);
  // The learned model catches what no cue anticipates; a confident verdict on a fixed intent stands.
  const sure = learned && fixedIntent(learned);
  if (sure) return { ...fixed(sure.intent, sure.p), source: 'classifier' };

  const scores = topicScores(t, ctx.hits, learned);
  const ranked = [...TOPICS].sort((a, b) => scores[b] - scores[a]);
  const best = ranked[0]!;
  const top = scores[best];
  const second = scores[ranked[1]!];
  const offTopic = OUT_OF_SCOPE.some((re) => re.test(t)) || (learned?.intent.out_of_scope ?? 0) >= 0.6;
  const cueOnly = TOPIC_CUES[best].some((c) => c.re.test(t));

  if (offTopic && (!cueOnly || top < 3)) return { ...fixed('out_of_scope', 0.85), scores: scores as NluResult['scores'] };
  const topScore = ctx.bestScore ?? ctx.hits[0]?.score ?? 0;
  if (top < 1.2) {
    if (ctx.followUp && ctx.lastTopic) return { ...base, intent: ctx.lastTopic, confidence: 0.6, source: 'context', want: combineWant(wantOf(t, topScore), learned) };
    // A message about the union is never out of scope: with a weak signal the bot asks back.
    if (UNION_WORDS.test(t) && top > 0) return { ...base, intent: best, confidence: 0.4, source: 'classifier', want: 'vague', scores: scores as NluResult['scores'] };
    return { ...base, intent: 'out_of_scope', confidence: top < 0.5 ? 0.7 : 0.4, source: 'classifier', scores: scores as NluResult['scores'] };
  }
  const confidence = Math.min(0.99, 0.5 + 0.5 * ((top - second) / top) * Math.min(1, top / 3));
  return { ...base, intent: best, confidence, source: 'classifier', want: combineWant(wantOf(t, topScore), learned), scores: scores as NluResult['scores'] };
}

/** The fixed intents the learned model may decide alone, and how sure it must be. */
const FIXED_MIN_P: Partial<Record<Intent, number>> = { handoff: 0.85, ticket_status: 0.9, greeting: 0.85, unsafe: 0.9 };

function fixedIntent(c: Classified): { intent: Intent; p: number } | undefined {
  for (const [intent, min] of Object.entries(FIXED_MIN_P) as [Intent, number][]) {
    const p = c.intent[intent] ?? 0;
    if (p >= min) return { intent, p };
  }
  return undefined;
}

/**
 * What the worker wants. The cue rules decide, and the learned head adds what they cannot see:
 * a request to act phrased in a way no cue anticipates (asking the union to look into something,
 * Traditional or English pleas). It never overrules an explicit request or turns a question vague.
 */
export const LEARNED_ACT_MIN_P = 0.9;

function combineWant(rules: Want, learned: Classified | undefined): Want {
  if (!learned || rules === 'act') return rules;
  return (learned.want.act ?? 0) >= LEARNED_ACT_MIN_P ? 'act' : rules;
}

const UNION_WORDS = /工会|职工|会员|娘家人|总工会|union/;


const FILLER = /[的了吗呢啊吧呀哦嘛么噻撒嗯哈我你他她它们是有在和就都也还又要会能可这那哪个什啥怎咋样多少几一请问想知道下给把被让对从到去来说看不没得着过里上中等及或而但事情整搞办弄帮忙\s\p{P}]|工会/gu;

/** How much a message says beyond its topic words and the vague pointer: the characters left. */
function specifics(t: string): number {
  let rest = t.replace(new RegExp(VAGUE.source, 'g'), '');
  for (const cues of Object.values(TOPIC_CUES)) for (const c of cues) rest = rest.replace(new RegExp(c.re.source, 'g'), '');
  return rest.replace(FILLER, '').length;
}

const INFO_QUESTION = /多少|哪些|什么|啥子|是啥|怎么|咋个|如何|条件|标准|流程|几[天次个号]|吗|[?？]/;
/** Words that ask for a ticket outright, whatever else the message asks. */
const EXPLICIT_FILE = /帮(我|我们)|麻烦|登记|提交|工单|建(个)?单|立案|投诉|维权|讨薪|file|open a case|help (me|us)/i;

/** Asking whether the union can do something ("能不能…", "…要钱不") rather than asking it to. */
const ASKS_WHETHER = /能不能|可不可以|可以不|行不行|是不是|有没有|吗|[^不]不[?？]?$|啊[?？]?$|[?？]/;

function wantOf(t: string, topScore: number): Want {
  const [help, ...requests] = ACT_CUES;
  const requested = requests.some((re) => re.test(t));
  const helpOnly = !requested && Boolean(help?.test(t));
  // Leaving a phone number with a story is asking to be contacted.
  const contact = Boolean(findPhone(t)) && !HOW_TO.test(t);
  // "我想申请疗休养 补贴标准是多少" asks for information even though it says 想申请.
  const infoOnly = requested && INFO_QUESTION.test(t) && !EXPLICIT_FILE.test(t);
  const act = (requested && !infoOnly) || contact || (helpOnly && !ASKS_WHETHER.test(t));
  if (act && !(HOW_TO.test(t) && !/帮(我|我们)/.test(t))) return 'act';
  if (VAGUE.test(t) && specifics(t) <= 6) return 'vague';
  if (topScore < ANSWER_MIN_SCORE) return 'vague';
  return 'ask';
}
