import { setImmediate as nextLoopTurn } from 'node:timers/promises';
import { conversationKey, type Inbound, type Reply, type ReplyMeta } from '../core/message.ts';
import { redact } from '../core/redact.ts';
import { cleanText } from '../core/sanitize.ts';
import { toAppError, userMessageFor } from '../errors.ts';
import { hasContent, readableShare } from '../intents/normalize.ts';
import { isTopic, type NluResult, type Topic } from '../intents/types.ts';
import { decide } from '../policies/decide.ts';
import { noticeCommand } from '../notices/commands.ts';
import { initialSession, type SessionState } from '../store/ports.ts';
import { execute } from './executor.ts';
import type { Services } from './services.ts';
import { reply, TEXT } from './replies.ts';
import { recordTurn, startPrivately } from '../tickets/record.ts';
import { understand, type ModelUsage } from './understand.ts';

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
      // Back to the event loop first: on memory state a turn never waits on I/O, so without this a
      // stream of turns would hold off every timer, socket and database reply until it ends.
      await nextLoopTurn();
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

/** What a message needs before the knowledge and the session come into it: nothing when it is empty, a command or unreadable. */
function shortAnswer(raw: string): 'empty' | 'junk' | { command: 'subscribe' | 'unsubscribe' } | undefined {
  if (!raw.trim() || !hasContent(raw)) return 'empty';
  const command = noticeCommand(raw);
  if (command) return { command };
  if (readableShare(raw.slice(0, 4000)) < 0.7) return 'junk';
  return undefined;
}

async function turn(msg: Inbound, services: Services): Promise<Reply[]> {
  const { state, config } = services;
  const raw = typeof msg.text === 'string' ? msg.text : '';
  const short = shortAnswer(raw);
  const key = conversationKey(msg);

  // Dedupe, the sender's and the group's limits, the lock and the session: one step (one round trip on Redis).
  const start = await state.turns.begin({
    dedupe: { key: `${msg.platform}:${msg.chatId}:${msg.messageId}`, ttlSeconds: DEDUPE_TTL_SECONDS },
    limits: [
      { key: `u:${msg.platform}:${msg.senderId}`, limit: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
      ...(msg.chatType === 'group' ? [{ key: `g:${msg.platform}:${msg.chatId}`, limit: config.GROUP_RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS }] : []),
    ],
    ...(short ? {} : { conversation: { key, timeoutMs: 8000 } }),
  });
  if (start.status === 'duplicate') return [];
  if (start.status === 'limited') return start.decision.firstDenied ? [reply('notice', TEXT.rateLimited)] : [];
  if (start.status === 'passed') {
    if (short === 'empty') return [reply('clarify', TEXT.empty)];
    if (short === 'junk') return [reply('clarify', TEXT.junk)];
    return short ? [await subscription(short.command, msg, services)] : [];
  }

  let done: Acted;
  try {
    const session = start.session ?? initialSession(services.clock().toISOString());
    done = await understandAndAct({ msg, raw, session, key, services });
  } catch (err) {
    // The turn's own failure is what the worker hears about; the lock expires by itself if this fails too.
    await state.turns.finish(start.held).catch(() => undefined);
    throw err;
  }
  if (!(await state.turns.finish(start.held, { state: done.session, ttlSeconds: config.SESSION_TTL_SECONDS }))) {
    services.log.warn({ mod: 'engine', conversation: key }, 'conversation lock lost mid-turn; this turn\'s session change was not saved');
  }
  // The private conversation is another key with its own lock, taken after this one is free.
  if (done.privateSession) await startPrivately(services, done.privateSession, { worker: raw, replies: done.replies, at: done.session.updatedAt });
  return done.replies;
}

/** "订阅通知" / "取消订阅" in a group: the group (not the person) subscribes to policy notices. */
async function subscription(command: 'subscribe' | 'unsubscribe', msg: Inbound, services: Services): Promise<Reply> {
  if (msg.chatType !== 'group') return reply('notice', TEXT.subscribeInGroup);
  if (!services.subscriptions) return reply('notice', TEXT.subscribeUnavailable);
  const chat = { platform: msg.platform, chatId: msg.chatId };
  const r = command === 'subscribe' ? await services.subscriptions.subscribe(chat) : await services.subscriptions.unsubscribe(chat);
  return reply('notice', r.text);
}

/** A turn's outcome: the replies, the session to save, and a private conversation to start once the lock is free. */
interface Acted {
  replies: Reply[];
  session: SessionState;
  privateSession?: { key: string; state: SessionState };
}

async function understandAndAct(input: { msg: Inbound; raw: string; session: SessionState; key: string; services: Services }): Promise<Acted> {
  const { msg, session, key, services } = input;
  const raw = input.raw.length > MAX_UNDERSTOOD_CHARS ? input.raw.slice(0, MAX_UNDERSTOOD_CHARS) : input.raw;

  if (session.takenOverBy) {
    services.events.emit('workerMessage', { conversationKey: key, ...(session.takenOverFor ? { ticketNumber: session.takenOverFor } : {}), text: raw, at: services.clock().toISOString() });
  }

  // One time budget for every model call of this turn: the worker gets an answer within it. Without a model no call needs one.
  const signal = services.model ? AbortSignal.timeout(services.config.MODEL_TIMEOUT_MS) : undefined;
  const usage: ModelUsage = { promptTokens: 0, completionTokens: 0, used: false };
  const u = await understand({ msg, text: raw, session, services, signal, usage });
  const { nlu } = u;
  const action = decide({ session, nlu, hits: u.hits, chatType: msg.chatType, evidence: u.evidence, message: u.message, ...(u.place ? { place: u.place } : {}), ...(u.unsafe ? { unsafe: u.unsafe } : {}), broad: u.broad, ownTopic: u.ownTopic });
  // The refused part of a mixed message never reaches the ticket: the form reads the worker's own request alone.
  const own = u.refused && action.kind === 'start_ticket' ? { raw: u.refused.raw, refused: true } : { raw: input.raw };
  const result = await execute(action, { msg, ...own, normalized: u.message, nlu, hits: u.hits, english: u.english, session, key, services, usage, signal });

  const next = result.session;
  if (isTopic(nlu.intent) && action.kind !== 'form_step') {
    next.lastTopic = nlu.intent as Topic;
    next.history = [...next.history, { user: nlu.normalized.slice(0, 200), intent: nlu.intent, entryIds: result.entryIds, at: services.clock().toISOString() }].slice(-6);
    next.lastEntryIds = result.entryIds;
  }
  next.updatedAt = services.clock().toISOString();
  recordTurn(next, { worker: input.raw, replies: result.replies, at: next.updatedAt, formOpen: Boolean(session.form || next.form), action: action.kind });

  const notice = input.raw.length > MAX_UNDERSTOOD_CHARS && result.replies[0] ? `${TEXT.tooLong}` : '';
  const judged = JUDGED[action.kind];
  const p = u.evidence[0]?.p;
  const answerability = judged && isTopic(nlu.intent) ? { answerability: judged, ...(p !== undefined ? { p: Number(p.toFixed(4)) } : {}) } : {};
  const replies = result.replies.map((r, i) => withMeta(i === 0 && notice ? { ...r, text: `${notice}${r.text}` } : r, nlu, usage, answerability));
  return { replies, session: next, ...(result.privateSession ? { privateSession: result.privateSession } : {}) };
}

/** Which actions are a verdict on whether the knowledge answers the question. */
const JUDGED: Partial<Record<string, 'answer' | 'partial' | 'none'>> = { answer: 'answer', partial: 'partial', no_answer: 'none', clarify: 'none' };

function withMeta(r: Reply, nlu: NluResult, usage: ModelUsage, answerability: Pick<ReplyMeta, 'answerability' | 'p'>): Reply {
  return {
    ...r,
    meta: {
      ...answerability,
      ...r.meta,
      intent: nlu.intent,
      confidence: Number(nlu.confidence.toFixed(3)),
      source: nlu.source,
      ...(usage.promptTokens || usage.used ? { model: { used: usage.used, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens } } : {}),
    },
  };
}

