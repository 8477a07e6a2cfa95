import type { Inbound } from '../core/message.ts';
import { TOPIC_CUES } from '../intents/catalog.ts';
import { detectIntent, unsafeKind, type UnsafeKind } from '../intents/detect.ts';
import { lawfulRequest } from '../intents/mixed.ts';
import { normalizeText, withColloquialTerms, withoutAddedTerms } from '../intents/normalize.ts';
import { isTopic, type NluResult, type Topic } from '../intents/types.ts';
import { assessAll, asksComparison, focusClause, LONG_MESSAGE, matterWords, namesKnownMatter, namesOnlyTopic, type Assessment } from '../knowledge/answerability.ts';
import { searchMessage, withClauseMatches, withoutRegion } from '../knowledge/index.ts';
import { askedPlaces, covers, placeLabel, type Place } from '../knowledge/places.ts';
import { ANSWER_MIN_SCORE, isPassage, type Hit } from '../knowledge/retriever.ts';
import { ANSWER_MIN_P } from '../policies/decide.ts';
import type { SessionState } from '../store/ports.ts';
import { TOPIC_LABEL } from '../tickets/form.ts';
import type { Services } from './services.ts';

/**
 * Understanding one message: normalization, follow-ups, retrieval, the place asked about, the
 * classifiers, and the evidence on whether the knowledge found answers what was asked. Everything
 * the policy decides from is here; nothing here decides.
 */

export interface Understanding {
  nlu: NluResult;
  /** This message alone, normalized (the NLU's text may be a follow-up joined to the previous question). */
  message: string;
  /** Answer candidates, best first. */
  hits: Hit[];
  /** The evidence for the best candidates on the understood topic, best first. */
  evidence: Assessment[];
  followUp: boolean;
  place?: Place;
  /** Whether the worker wrote in English: the reply follows. */
  english: boolean;
  /** The message only names a topic, asking nothing in particular. */
  broad: boolean;
  /** The message names a topic of its own (a strong cue word), rather than going on about the last one. */
  ownTopic: boolean;
  unsafe?: UnsafeKind;
  /** A lawful request understood apart from the part of the message that is refused (see intents/mixed). */
  refused?: { kind: UnsafeKind; raw: string };
}

export interface ModelUsage {
  promptTokens: number;
  completionTokens: number;
  used: boolean;
}

const FOLLOW_UP = /^(那|那么|还有|再|另外|and|what about)|呢[?？]?$|^(要|该)?(咋个|怎么|如何)(申请|办|弄|报名)|^(在哪|哪里|多少|好多)/i;

/** A short question with no topic of its own ("需要啥材料", "要多久") continues the previous one. */
const SHORT_QUESTION = /啥|什么|怎么|咋|哪|多少|好多|多久|好久|多长|几|吗|呢|不$|没$|[?？]/;

/** Whether a message names a topic of its own with a strong cue word ("年票", "欠薪"). */
export function namesTopic(t: string): boolean {
  return Object.values(TOPIC_CUES).some((cues) => cues.some((c) => c.weight >= 2 && c.re.test(t)));
}

export function looksLikeFollowUp(t: string, session: SessionState): boolean {
  // In the middle of a form a short reply answers the form, not the last question.
  if (!session.lastTopic || session.history.length === 0 || session.form) return false;
  const length = [...t].length;
  if (length > 16) return false;
  if (namesTopic(t)) return false;
  // "需要啥材料" and "有效期多久" ask more about the last matter; "工会会费每个月扣多少" names a matter of its own.
  return FOLLOW_UP.test(t) || (length <= 12 && SHORT_QUESTION.test(t) && matterWords(t).length === 0);
}

/** Mostly Latin letters: the worker writes English. */
export function isEnglish(raw: string): boolean {
  // Counted, not matched into arrays: ASCII letters of either case, and CJK ideographs.
  let latin = 0;
  let cjk = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i) | 0x20;
    if (c >= 0x61 && c <= 0x7a) latin += 1;
    else if (raw.charCodeAt(i) >= 0x4e00 && raw.charCodeAt(i) <= 0x9fff) cjk += 1;
  }
  // "Hello!" or "hi" has no Chinese at all: a short greeting is English too.
  return (cjk === 0 && latin >= 2) || (latin >= 6 && latin > cjk * 3);
}

export async function understand(
  input: { msg: Inbound; text: string; session: SessionState; services: Services; signal?: AbortSignal; usage: ModelUsage },
): Promise<Understanding> {
  const { session, services, signal, usage } = input;
  const message = normalizeText(input.text);
  const unsafe = unsafeKind(message);
  // A request of the worker's own beside an instruction to the assistant or a request for others' data: the request is understood alone.
  const lawful = session.form || !unsafe ? undefined : lawfulRequest(input.text, unsafe);
  if (lawful) {
    const own = await understand({ ...input, text: lawful.raw });
    if (!own.unsafe && own.nlu.intent !== 'unsafe') return { ...own, refused: { kind: lawful.refused, raw: lawful.raw } };
  }
  const followUp = looksLikeFollowUp(message, session);
  let query = message;
  if (followUp) {
    const previous = session.history[session.history.length - 1]?.user ?? '';
    query = `${previous} ${message}`;
    if (services.model) {
      const r = await services.model.rewrite({ text: input.text, history: session.history.map((h) => h.user) }, { signal });
      if (r.ok) query = normalizeText(r.value);
      addUsage(usage, r);
    }
  }
  // The place the worker names now wins over one named earlier in the conversation.
  const named = askedPlaces(message);
  const places = named.length || !followUp ? named : askedPlaces(query);
  const place = places.at(-1);
  const region = place?.province;
  // A follow-up stays on the previous topic: "那浙江呢" after a question about passes asks about passes.
  const searchOptions = { k: 5, ...(region ? { region } : {}), ...(followUp && session.lastTopic ? { topic: session.lastTopic } : {}) };
  // The knowledge is searched with the policy terms for the worker's own words (拖粮, 会废, 个钟) added.
  const searched = withColloquialTerms(query);
  const wholeHits = services.kb.retriever.search(searched, searchOptions);
  // The clauses searched on their own are the worker's words: an added term alone is no clause.
  const own = withoutAddedTerms(query);
  const hits = withAskingClause(services, own, searchOptions, searchMessage(services.kb.retriever, searched, searchOptions, wholeHits, own));
  // The topic comes from the whole message and from what is asked, not where: "浙江的年票" is about passes.
  const topicHits = place ? services.kb.retriever.search(withoutRegion(searched), { k: 5 }) : wholeHits;
  let nlu = detectIntent(message, {
    unsafe: unsafe ?? 'none',
    hits: topicHits,
    bestScore: Math.max(hits[0]?.score ?? 0, topicHits[0]?.score ?? 0),
    followUp,
    formOpen: Boolean(session.form),
    knownMatter: () => namesKnownMatter(message, services.kb) && assessAll(message, hits.slice(0, 3), { kb: services.kb, places }).some((a) => a.onMatter >= ANSWER_MIN_P),
    ...(session.lastTopic ? { lastTopic: session.lastTopic } : {}),
  });
  if (followUp && isTopic(nlu.intent)) nlu = { ...nlu, normalized: query };
  if (place) nlu = { ...nlu, slots: { ...nlu.slots, region: placeLabel(place) } };
  if (services.model && nlu.confidence < 0.55 && nlu.intent !== 'unsafe') {
    const r = await services.model.understand(message, { signal });
    addUsage(usage, r);
    if (r.ok && r.value.intent !== 'unsafe' && r.value.confidence > nlu.confidence) {
      nlu = { ...nlu, intent: r.value.intent, confidence: r.value.confidence, source: 'llm', slots: { ...r.value.slots, ...nlu.slots } };
    }
  }

  // When nothing on the topic covers the place asked about, the candidates come from the place's own
  // entries if any match; otherwise the evidence says the place is not covered.
  const bestOnTopic = hits.find((h) => h.entry.topic === nlu.intent || isPassage(h.entry));
  const answerHits = place && bestOnTopic && !covers(bestOnTopic.entry.region, place) ? regionalOrElsewhere(services, query, nlu, place, hits, bestOnTopic.score) : hits;
  // An ingested passage's topic is a guess: it stays a candidate whatever topic it was filed under.
  const onTopic = isTopic(nlu.intent) ? answerHits.filter((h) => h.entry.topic === nlu.intent || isPassage(h.entry)) : [];
  const candidates = (onTopic[0]?.score ?? 0) >= ANSWER_MIN_SCORE ? onTopic : answerHits;
  const compare = asksComparison(message);
  // Of the closest candidates, the one most likely to answer what was asked comes first.
  const evidence = assessAll(nlu.normalized, candidates.slice(0, 3), { kb: services.kb, compare, places }).sort((a, b) => b.p - a.p);
  return {
    nlu,
    message,
    hits: candidates,
    evidence,
    followUp,
    ...(place ? { place } : {}),
    english: isEnglish(input.text),
    broad: !followUp && isTopic(nlu.intent) && namesOnlyTopic(message, services.kb, nlu.intent),
    ownTopic: namesTopic(message),
    ...(unsafe ? { unsafe } : {}),
  };
}

/** A long message tells a story around its question: the clauses that ask are searched on their own too. */
function withAskingClause(services: Services, query: string, options: { k: number; region?: string; topic?: string }, hits: Hit[]): Hit[] {
  if ([...query].length <= LONG_MESSAGE) return hits;
  const asking = focusClause(query);
  // The clause is searched with the policy terms for its own words, as the whole message is.
  return asking === query ? hits : withClauseMatches(services.kb.retriever, hits, [withColloquialTerms(asking)], options);
}

/** The place's own entries on the topic when it has any worth showing; otherwise the candidates from elsewhere. */
function regionalOrElsewhere(services: Services, query: string, nlu: NluResult, place: Place, elsewhere: Hit[], bestScore: number): Hit[] {
  if (!isTopic(nlu.intent)) return elsewhere;
  // The place's own entries: a national rule covers it too, but is not what "重庆有没有这个补贴" looks for.
  const search = (q: string) => services.kb.retriever.search(q, { k: 20, topic: nlu.intent, region: place.province }).filter((h) => !h.entry.region.includes('全国') && covers(h.entry.region, place));
  // First what was asked; failing that, the place's policy on the topic at all ("那浙江呢" after the 内蒙古 subsidy).
  for (const q of [query, `${placeLabel(place)} ${TOPIC_LABEL[nlu.intent as Topic]}`]) {
    const regional = search(q);
    if ((regional[0]?.score ?? 0) >= Math.max(ANSWER_MIN_SCORE, 0.75 * bestScore)) return regional;
  }
  return elsewhere;
}

export function addUsage(acc: ModelUsage, r: { usage?: { promptTokens: number; completionTokens: number } }): void {
  if (!r.usage) return;
  acc.promptTokens += r.usage.promptTokens;
  acc.completionTokens += r.usage.completionTokens;
}
