import { conversationKey, type Inbound, type Reply } from '../core/message.ts';
import { redact } from '../core/redact.ts';
import { cleanText } from '../core/sanitize.ts';
import { toAppError, userMessageFor } from '../errors.ts';
import { TOPIC_CUES } from '../intents/catalog.ts';
import { detectIntent } from '../intents/detect.ts';
import { hasContent, normalizeText, readableShare } from '../intents/normalize.ts';
import { isTopic, type NluResult, type Topic } from '../intents/types.ts';
import { ANSWER_MIN_SCORE, decide } from '../policies/decide.ts';
import type { Hit } from '../knowledge/retriever.ts';
import { TOPIC_LABEL } from '../tickets/form.ts';
import { regionOf, searchMessage, withoutRegion } from '../knowledge/index.ts';
import { noticeCommand } from '../notices/commands.ts';
import { initialSession, type SessionState } from '../store/ports.ts';
import { execute } from './executor.ts';
import type { Services } from './services.ts';
import { reply, TEXT } from './replies.ts';
import { recordTurn, startPrivately } from '../tickets/record.ts';

/** How much of a message understanding reads; the rest is kept for the ticket only. */
export const MAX_UNDERSTOOD_CHARS = 2000;
const DEDUPE_TTL_SECONDS = 24 * 60 * 60;

export interface Engine {
  /** One turn: every inbound message gets zero replies (duplicate, silenced) or more. */
  handle(msg: Inbound): Promise<Reply[]>;
}

export function createEngine(services: Services): Engine {
  const log = services.log.child({ mod: 'engine' });
  return {
    async handle(input) {
      // The door for every chat: no control character or lone surrogate goes further (into a form, a ticket, the store).
      const msg: Inbound = { ...input, text: cleanText(typeof input.text === 'string' ? input.text : ''), ...(input.senderName === undefined ? {} : { senderName: cleanText(input.senderName) }) };
      try {
        const replies = await turn(msg, services);
        return msg.chatType === 'group' ? replies.map(guardGroup) : replies;
      } catch (err) {
        const e = toAppError(err);
        log.warn({ err: e, code: e.code, conversation: conversationKey(msg), messageId: msg.messageId, platform: msg.platform }, 'turn failed');
        const code = e.code === 'LOCK_TIMEOUT' || e.code === 'STORE_UNAVAILABLE' ? e.code : 'INTERNAL';
        return [reply('notice', userMessageFor(code))];
      }
    },
  };
}

/** A group never sees a phone or ID number, whatever produced the text. */
function guardGroup(r: Reply): Reply {
  return { ...r, text: redact(r.text) };
}

async function turn(msg: Inbound, services: Services): Promise<Reply[]> {
  const { state, config } = services;
  const raw = typeof msg.text === 'string' ? msg.text : '';

  if (!(await state.dedupe.firstSeen(`${msg.platform}:${msg.chatId}:${msg.messageId}`, DEDUPE_TTL_SECONDS))) return [];

  const user = await state.rateLimit.hit(`u:${msg.platform}:${msg.senderId}`, config.RATE_LIMIT_MAX, config.RATE_LIMIT_WINDOW_MS);
  if (!user.allowed) return user.firstDenied ? [reply('notice', TEXT.rateLimited)] : [];
  if (msg.chatType === 'group') {
    const group = await state.rateLimit.hit(`g:${msg.platform}:${msg.chatId}`, config.GROUP_RATE_LIMIT_MAX, config.RATE_LIMIT_WINDOW_MS);
    if (!group.allowed) return group.firstDenied ? [reply('notice', TEXT.rateLimited)] : [];
  }

  if (!raw.trim() || !hasContent(raw)) return [reply('clarify', TEXT.empty)];
  const command = noticeCommand(raw);
  if (command) return [await subscription(command, msg, services)];
  if (readableShare(raw.slice(0, 4000)) < 0.7) return [reply('clarify', TEXT.junk)];

  const key = conversationKey(msg);
  return state.locks.withLock(key, async () => {
    const now = services.clock().toISOString();
    const session = (await state.sessions.get(key)) ?? initialSession(now);
    const replies = await understandAndAct({ msg, raw, session, key, services });
    return replies;
  }, { timeoutMs: 8000 });
}

/** "订阅通知" / "取消订阅" in a group: the group (not the person) subscribes to policy notices. */
async function subscription(command: 'subscribe' | 'unsubscribe', msg: Inbound, services: Services): Promise<Reply> {
  if (msg.chatType !== 'group') return reply('notice', TEXT.subscribeInGroup);
  if (!services.subscriptions) return reply('notice', TEXT.subscribeUnavailable);
  const chat = { platform: msg.platform, chatId: msg.chatId };
  const r = command === 'subscribe' ? await services.subscriptions.subscribe(chat) : await services.subscriptions.unsubscribe(chat);
  return reply('notice', r.text);
}

const FOLLOW_UP = /^(那|那么|还有|再|另外|and|what about)|呢[?？]?$|^(要|该)?(咋个|怎么|如何)(申请|办|弄|报名)|^(在哪|哪里|多少|好多)/i;

/** A short question with no topic of its own ("需要啥材料", "要多久") continues the previous one. */
const SHORT_QUESTION = /啥|什么|怎么|咋|哪|多少|好多|几|吗|呢|不$|没$|[?？]/;

function looksLikeFollowUp(t: string, session: SessionState): boolean {
  if (!session.lastTopic || session.history.length === 0) return false;
  const length = [...t].length;
  if (length > 16) return false;
  const namesTopic = Object.values(TOPIC_CUES).some((cues) => cues.some((c) => c.weight >= 2 && c.re.test(t)));
  return !namesTopic && (FOLLOW_UP.test(t) || (length <= 12 && SHORT_QUESTION.test(t)));
}

async function understandAndAct(input: { msg: Inbound; raw: string; session: SessionState; key: string; services: Services }): Promise<Reply[]> {
  const { msg, session, key, services } = input;
  const raw = input.raw.length > MAX_UNDERSTOOD_CHARS ? input.raw.slice(0, MAX_UNDERSTOOD_CHARS) : input.raw;
  const normalized = normalizeText(raw);

  if (session.takenOverBy) {
    services.events.emit('workerMessage', { conversationKey: key, ...(session.takenOverFor ? { ticketNumber: session.takenOverFor } : {}), text: raw, at: services.clock().toISOString() });
  }

  // One time budget for every model call of this turn: the worker gets an answer within it.
  const signal = AbortSignal.timeout(services.config.MODEL_TIMEOUT_MS);
  const followUp = looksLikeFollowUp(normalized, session);
  let query = normalized;
  const usage = { promptTokens: 0, completionTokens: 0, used: false };
  if (followUp) {
    const previous = session.history[session.history.length - 1]?.user ?? '';
    query = `${previous} ${normalized}`;
    if (services.model) {
      const r = await services.model.rewrite({ text: raw, history: session.history.map((h) => h.user) }, { signal });
      if (r.ok) query = normalizeText(r.value);
      addUsage(usage, r);
    }
  }
  // The region the worker names now wins over one named earlier in the conversation.
  const region = regionOf(normalized) ?? regionOf(query);
  // A follow-up stays on the previous topic: "那浙江呢" after a question about passes asks about passes.
  const searchOptions = { k: 5, ...(region ? { region } : {}), ...(followUp && session.lastTopic ? { topic: session.lastTopic } : {}) };
  const wholeHits = services.kb.retriever.search(query, searchOptions);
  const hits = searchMessage(services.kb.retriever, query, searchOptions, wholeHits);
  // The topic comes from the whole message (clause matches are too noisy to vote) and from what is
  // asked, not where: "浙江的年票" is about passes even if Zhejiang's entries are all 疗休养.
  const topicHits = region ? services.kb.retriever.search(withoutRegion(query), { k: 5 }) : wholeHits;
  let nlu = detectIntent(normalized, { hits: topicHits, bestScore: Math.max(hits[0]?.score ?? 0, topicHits[0]?.score ?? 0), followUp, ...(session.lastTopic ? { lastTopic: session.lastTopic } : {}) });
  if (followUp && isTopic(nlu.intent)) nlu = { ...nlu, normalized: query };
  if (region) nlu = { ...nlu, slots: { ...nlu.slots, region } };
  if (services.model && nlu.confidence < 0.55 && nlu.intent !== 'unsafe') {
    const r = await services.model.understand(normalized, { signal });
    addUsage(usage, r);
    if (r.ok && r.value.intent !== 'unsafe' && r.value.confidence > nlu.confidence) {
      nlu = { ...nlu, intent: r.value.intent, confidence: r.value.confidence, source: 'llm', slots: { ...r.value.slots, ...nlu.slots } };
    }
  }

  // When nothing on the topic is from the region asked about, answer what is asked from elsewhere (and say so).
  const bestOnTopic = hits.find((h) => h.entry.topic === nlu.intent);
  const answerHits = region && !bestOnTopic?.entry.region.includes(region) ? regionalOrElsewhere(services, query, nlu, region, topicHits, bestOnTopic?.score ?? 0) : hits;
  const action = decide({ session, nlu, hits: answerHits, chatType: msg.chatType });
  const result = await execute(action, { msg, raw: input.raw, normalized, nlu, hits: answerHits, session, key, services, usage, signal });

  const next = result.session;
  if (isTopic(nlu.intent) && action.kind !== 'form_step') {
    next.lastTopic = nlu.intent as Topic;
    next.history = [...next.history, { user: nlu.normalized.slice(0, 200), intent: nlu.intent, entryIds: result.entryIds, at: services.clock().toISOString() }].slice(-6);
    next.lastEntryIds = result.entryIds;
  }
  next.updatedAt = services.clock().toISOString();
  recordTurn(next, { worker: input.raw, replies: result.replies, at: next.updatedAt, formOpen: Boolean(session.form || next.form), action: action.kind });
  await services.state.sessions.put(key, next, services.config.SESSION_TTL_SECONDS);
  if (result.privateSession) await startPrivately(services, result.privateSession, { worker: input.raw, replies: result.replies, at: next.updatedAt });

  const notice = input.raw.length > MAX_UNDERSTOOD_CHARS && result.replies[0] ? `${TEXT.tooLong}` : '';
  return result.replies.map((r, i) => withMeta(i === 0 && notice ? { ...r, text: `${notice}${r.text}` } : r, nlu, usage));
}

/** The region's own entries on the topic when it has any worth showing; otherwise the best from elsewhere. */
function regionalOrElsewhere(services: Services, query: string, nlu: NluResult, region: string, elsewhere: Hit[], bestScore: number): Hit[] {
  if (!isTopic(nlu.intent)) return elsewhere;
  const search = (q: string) => services.kb.retriever.search(q, { k: 20, topic: nlu.intent, region }).filter((h) => h.entry.region.includes(region));
  // First what was asked; failing that, the region's policy on the topic at all ("那浙江呢" after the 内蒙古 subsidy).
  for (const q of [query, `${region} ${TOPIC_LABEL[nlu.intent as Topic]}`]) {
    const regional = search(q);
    // The region's entry must also be about as good a match as the best one from elsewhere.
    if ((regional[0]?.score ?? 0) >= Math.max(ANSWER_MIN_SCORE, 0.75 * bestScore)) return regional;
  }
  return elsewhere;
}

function addUsage(acc: { promptTokens: number; completionTokens: number; used: boolean }, r: { usage?: { promptTokens: number; completionTokens: number } }): void {
  if (!r.usage) return;
  acc.promptTokens += r.usage.promptTokens;
  acc.completionTokens += r.usage.completionTokens;
}

function withMeta(r: Reply, nlu: NluResult, usage: { promptTokens: number; completionTokens: number; used: boolean }): Reply {
  return {
    ...r,
    meta: {
      ...r.meta,
      intent: nlu.intent,
      confidence: Number(nlu.confidence.toFixed(3)),
      source: nlu.source,
      ...(usage.promptTokens || usage.used ? { model: { used: usage.used, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens } } : {}),
    },
  };
}

