import { randomUUID } from 'node:crypto';
import { conversationKey, type Inbound, type Reply } from '../core/message.ts';
import { maskPhone } from '../core/redact.ts';
import { AppError } from '../errors.ts';
import { isTopic, type NluResult, type Topic } from '../intents/types.ts';
import { FACT_KIND_LABEL, FACT_KIND_LABEL_EN } from '../knowledge/answerability.ts';
import { inEnglish, placeLabel } from '../knowledge/places.ts';
import { citationOf, composeAnswer, composeEnglish, sourceLine } from '../knowledge/compose.ts';
import type { Hit } from '../knowledge/retriever.ts';
import type { Action } from '../policies/action.ts';
import { ANSWER_MIN_SCORE } from '../policies/decide.ts';
import { initialSession, type SessionState } from '../store/ports.ts';
import { formWords } from '../tickets/form-words.ts';
import { firstPrompt, formStep, priorityFor, requestTypeFor, retryStep, startDraft, tellsStory, tierFor, TOPIC_LABEL, WHY_ASKED, WITHHELD, type FormStep } from '../tickets/form.ts';
import { STATUS_LABEL, type NewTicket, type Ticket } from '../tickets/types.ts';
import { HOTLINE, reply, TEXT, TEXT_EN } from './replies.ts';
import { lastWorkerLine, transcriptForFiling } from '../tickets/record.ts';
import { requestPerson } from '../tickets/handoff.ts';
import { formatTime } from '../core/time.ts';
import type { Services } from './services.ts';

/** Carries out the policy's action: the only place a turn does I/O beyond loading and saving state. */

export interface ExecContext {
  msg: Inbound;
  raw: string;
  /** This message, normalized (the NLU's text may be a follow-up joined to the previous question). */
  normalized: string;
  nlu: NluResult;
  hits: Hit[];
  session: SessionState;
  key: string;
  services: Services;
  usage: { promptTokens: number; completionTokens: number; used: boolean };
  /** The turn's time budget for model calls. */
  signal?: AbortSignal;
  /** The worker wrote in English: fixed replies and answers follow. */
  english?: boolean;
  /** Part of the message was refused and left out of `raw` (see intents/mixed): the reply says so. */
  refused?: boolean;
}

export interface ExecResult {
  replies: Reply[];
  session: SessionState;
  entryIds: string[];
  /** A form moved from a group into the sender's private chat. */
  privateSession?: { key: string; state: SessionState };
}

/**
 * The session this turn changes, apart from the one it was loaded as. The record is shared rather
 * than copied: it is most of a long conversation's session, and its lines are only ever replaced,
 * never changed in place (record.ts).
 */
function ownCopy(loaded: SessionState): SessionState {
  const copy: SessionState = structuredClone({ ...loaded, record: undefined });
  if ('record' in loaded) copy.record = loaded.record;
  else delete copy.record;
  return copy;
}

export async function execute(action: Action, ctx: ExecContext): Promise<ExecResult> {
  const session = ownCopy(ctx.session);
  const done = (replies: Reply[], entryIds: string[] = []): ExecResult => ({ replies, session, entryIds });
  switch (action.kind) {
    case 'silent':
      return done([]);
    case 'answer': {
      if (action.note === 'greeting') return done([reply('answer', ctx.english ? TEXT_EN.greeting : TEXT.greeting)]);
      const r = await answer(ctx, action.hits, action.elsewhere ? placeLabel(action.elsewhere) : undefined);
      if (!r) return done([clarifyReply(ctx, action.hits.map((h) => h.entry.id))]);
      session.misses = 0;
      return done([r], r.citations.map((c) => c.id));
    }
    case 'partial': {
      recordUnanswered(ctx, action.topic);
      // The gap is named: the year or the place asked about, the kinds of fact missing, or, when the entry is about something nearby, "this point".
      const kinds = action.missing.map((k) => FACT_KIND_LABEL[k]).join('、');
      const place = action.place && placeLabel(action.place);
      const gap = action.year ? `${action.year}年的具体数字` : place ? `${place}自己的具体规定` : action.who ? `对${action.who}的具体规定` : kinds ? `${kinds}的具体说明` : '您问的这一项';
      const gapEn = action.year ? `figures for ${action.year}` : place ? `a rule of ${inEnglish(place)}'s own` : action.who ? `a rule for ${action.who}` : action.missing.length ? action.missing.map((k) => FACT_KIND_LABEL_EN[k]).join(' or ') : 'exactly what you asked';
      const known = ctx.english ? composeEnglish([action.hit]) : composeAnswer([action.hit], { minScore: 0 });
      const [lead, tail] = ctx.english
        ? [action.near ? TEXT_EN.near : TEXT_EN.partial(gapEn), '']
        : [
            action.near ? '我不能确定下面这条正好回答您的问题，资料里最相近的是：' : `我的资料里没有${gap}；已知的是：`,
            `\n${action.near ? '如与您的情况不符，' : '具体'}请咨询所在单位工会，或拨打职工服务热线 ${HOTLINE}。`,
          ];
      return done([reply('clarify', `${lead}\n${known?.text ?? ''}${tail}`, { citations: known?.citations ?? [], meta: { answerability: 'partial' } })]);
    }
    case 'no_answer': {
      session.misses += 1;
      recordUnanswered(ctx, action.topic);
      if (action.reason === 'nothing_more') return done([reply('clarify', ctx.english ? TEXT_EN.noAnswer : TEXT.noMore, { meta: { answerability: 'none' } })]);
      const place = action.place && placeLabel(action.place);
      const text = ctx.english ? noAnswerEnglish(place, action.similarIn) : noAnswerText(action.topic, place, action.similarIn);
      return done([reply('clarify', text, { meta: { answerability: 'none' } })]);
    }
    case 'clarify':
      session.misses += 1;
      recordUnanswered(ctx, action.topic);
      return done([clarifyReply(ctx, action.likely)]);
    case 'decline': {
      if (action.reason === 'out_of_scope') session.misses += 1;
      return done([reply('decline', declineText(action.reason, ctx.english))]);
    }
    case 'handoff':
      session.misses = 0;
      return done([await requestPerson(ctx.services, { msg: ctx.msg, raw: ctx.raw, session: ctx.session, reason: action.reason, english: Boolean(ctx.english) })]);
    case 'ticket_status':
      return done([privately(ctx.msg, await ticketStatus(ctx, action.ticketNumber))]);
    case 'start_ticket':
      return startTicket(ctx, session, action);
    case 'form_step':
      return continueForm(ctx, session, action.interruptWith, action.asks);
    case 'rate': {
      const { services, msg } = ctx;
      const mine = await services.tickets.listForRequester({ platform: msg.platform, senderId: msg.senderId });
      delete session.ratingFor;
      session.awaiting = null;
      if (!mine.some((t) => t.number === action.ticketNumber)) return done([reply('ticket_status', '没有找到要评价的工单。')]);
      await services.desk.rate(action.ticketNumber, action.score, `worker:${msg.platform}:${msg.senderId}`);
      return done([reply('notice', `谢谢您的评价（${action.score} 分）。还有需要随时找我，或拨打职工服务热线 ${HOTLINE}。`, { meta: { ticketNumber: action.ticketNumber } })]);
    }
    case 'feedback': {
      if (action.helpful) return done([reply('notice', `不客气！还有问题随时问我，急事可拨打职工服务热线 ${HOTLINE}。`)]);
      const previous = session.history[session.history.length - 1];
      ctx.services.events.emit('unhelpful', { text: previous?.user ?? '', entryIds: session.lastEntryIds, at: ctx.services.clock().toISOString() });
      session.lastEntryIds = [];
      session.misses += 1;
      return done([reply('notice', `抱歉没答到点上，这条反馈已记下，我们会补充资料。您可以换个说法再问，回复“转人工”找工作人员，或直接拨打职工服务热线 ${HOTLINE}。`)]);
    }
    case 'add_info': {
      const { services, msg } = ctx;
      const open = (await services.tickets.listForRequester({ platform: msg.platform, senderId: msg.senderId })).find((t) => t.status !== 'closed');
      if (!open) return done([reply('ticket_status', `您现在没有在办的工单。需要登记新的诉求，直接告诉我情况即可；急事请拨打 ${HOTLINE}。`)]);
      const text = ctx.raw.replace(/^\s*(补充|追加|再补充|还要补充|补充一下|补充说明)[:：\s]*/, '').slice(0, 2000);
      await services.desk.addition(open.number, text, `worker:${msg.platform}:${msg.senderId}`);
      return done([privately(msg, reply('ticket_status', `已把补充的情况加到工单 ${open.number}，工作人员会一并处理。`, { meta: { ticketNumber: open.number } }))]);
    }
    case 'nothing_to_confirm':
      return done([reply('clarify', TEXT.nothingToConfirm)]);
    default: {
      const never: never = action;
      throw new AppError('INTERNAL', `unhandled action ${JSON.stringify(never)}`);
    }
  }
}

async function answer(ctx: ExecContext, hits: Hit[], askedRegion?: string): Promise<Reply | undefined> {
  const english = ctx.english ? composeEnglish(hits) : undefined;
  const offline = english
    ? { ...english, text: askedRegion ? `${TEXT_EN.elsewhere(inEnglish(askedRegion), inEnglish(hits[0]!.entry.region))}\n${english.text}` : english.text }
    : composeAnswer(hits, { minScore: 0, ...(askedRegion ? { askedRegion } : {}) });
  if (!offline) return undefined;
  const model = ctx.services.model;
  if (model) {
    const r = await model.compose({ question: ctx.nlu.normalized, hits: hits.filter((h) => h.score >= ANSWER_MIN_SCORE).slice(0, 3), offlineText: offline.text }, ctx.signal ? { signal: ctx.signal } : undefined);
    if (r.usage) {
      ctx.usage.promptTokens += r.usage.promptTokens;
      ctx.usage.completionTokens += r.usage.completionTokens;
    }
    if (r.ok) {
      const cited = hits.filter((h) => r.value.citedIds.includes(h.entry.id));
      ctx.usage.used = true;
      return reply('answer', `${r.value.text}\n${sourceLine(cited)}`, {
        citations: cited.map(citationOf),
      });
    }
  }
  return reply('answer', offline.text, { citations: offline.citations });
}

function noAnswerText(topic: Topic, place?: string, similarIn?: string): string {
  const ticket = topic === 'rights' || topic === 'hardship_aid' ? '；需要工会出面帮您办，回复“登记”我帮您提交给12351' : '';
  const similar = similarIn ? `（资料里只有${similarIn}的类似政策，不适用于${place ?? '您问的地方'}）` : '';
  return `我的资料里没有${place ? `${place}的` : ''}这方面的规定${similar}，不能给您准确答复。建议问问您所在单位或当地的工会，也可以拨打职工服务热线 ${HOTLINE}${ticket}。这个问题我已记下，会补充进资料。`;
}

/** The no-answer in English, naming the place asked about and the place whose similar rule the materials hold. */
function noAnswerEnglish(place?: string, similarIn?: string): string {
  if (!place) return TEXT_EN.noAnswer;
  const similar = similarIn ? ` They only hold a similar policy of ${inEnglish(similarIn)}, which does not apply to ${inEnglish(place)}.` : '';
  return `My materials have no rule on this for ${inEnglish(place)}.${similar} ${TEXT_EN.noAnswerAdvice}`;
}

function declineText(reason: Extract<Action, { kind: 'decline' }>['reason'], english?: boolean): string {
  const text = english ? TEXT_EN : TEXT;
  switch (reason) {
    case 'crisis':
      return text.crisis;
    case 'abuse':
      return text.abuse;
    case 'fraud':
      return text.fraud;
    case 'threat':
      return text.threat;
    case 'harass':
      return text.harass;
    case 'out_of_scope':
      return text.outOfScope;
    default:
      return text.unsafe;
  }
}

function clarifyReply(ctx: ExecContext, likely: readonly string[] = []): Reply {
  const topic = isTopic(ctx.nlu.intent) ? ctx.nlu.intent : undefined;
  const options = [
    ...new Set(
      ctx.hits
        .filter((h) => !topic || h.entry.topic === topic)
        .slice(0, 3)
        .map((h) => (likely.includes(h.entry.id) ? h.entry.title : subjectOf(h.entry)))
        .filter((o): o is string => Boolean(o)),
    ),
  ];
  const label = topic ? TOPIC_LABEL[topic] : '工会服务';
  const lead = `关于${label}，我不太确定您具体想问哪一点，能再说详细些吗？`;
  const list = options.length ? `比如：${options.map((o, i) => `${i + 1}. ${o}`).join('；')}。` : '';
  const act = topic ? '如果需要工会出面帮您办，回复“登记”我来帮您提交；' : '';
  return reply('clarify', `${lead}${list}${act}也可以直接拨打职工服务热线 ${HOTLINE}。`);
}

/** A figure in a title: 98天, 150%, 200元, 三倍, 12个月. */
const FIGURE = /\d|[零一二两三四五六七八九十百千万半]+\s*(元|块|天|日|倍|个月|年|周|小时|次|人|%)/;
/**
 * What an entry is about, without its figures: "产假98天，难产和多胞胎各加15天" offered as an option
 * to a worker who asked about 陪产假 would read as the answer. The title's first clause if it names
 * no figure, else the entry's first tag. Only an entry close to the question is offered by its full title.
 */
function subjectOf(entry: Hit['entry']): string | undefined {
  const head = entry.title.split(/[：:，,；;（(]/)[0]!.trim();
  if (head && !FIGURE.test(head)) return head;
  return entry.tags.find((t) => !FIGURE.test(t) && /[\u4e00-\u9fa5]/.test(t));
}

/** A question the knowledge base could not answer: the list the console shows knowledge editors. */
function recordUnanswered(ctx: ExecContext, intent: string): void {
  ctx.services.events.emit('unanswered', { text: ctx.raw.slice(0, 500), intent, at: ctx.services.clock().toISOString(), platform: ctx.msg.platform });
}

/** Ticket details never show in a group: the group gets a note, the worker a private message. */
function privately(msg: Inbound, r: Reply): Reply {
  if (msg.chatType !== 'group') return r;
  return { ...r, text: TEXT.statusPrivately, privateFollowUp: { text: r.text, awaiting: r.awaiting } };
}

async function ticketStatus(ctx: ExecContext, number?: string): Promise<Reply> {
  const { services, msg } = ctx;
  const mine = await services.tickets.listForRequester({ platform: msg.platform, senderId: msg.senderId });
  const ticket = number ? mine.find((t) => t.number === number) : mine[0];
  if (number && !ticket) return reply('ticket_status', `没有查到您名下的工单 ${number}。请核对单号；如果是电话或其他渠道提交的，请拨打职工服务热线 ${HOTLINE} 查询。`);
  if (!ticket) return reply('ticket_status', `您在这里还没有提交过工单。如果是打电话反映的，请拨打职工服务热线 ${HOTLINE} 查询进度；需要登记新的诉求，直接告诉我情况即可。`);
  const others = number ? [] : mine.slice(1, 4);
  return reply('ticket_status', [describe(ticket, services.config.TIME_ZONE), ...others.map((t) => `另有 ${t.number}：${STATUS_LABEL[t.status]}`)].join('\n'), { meta: { ticketNumber: ticket.number } });
}

function describe(t: Ticket, tz: string): string {
  const lastOperator = [...t.transcript].reverse().find((l) => l.from === 'operator');
  const when = formatTime(t.updatedAt, tz);
  return [
    `工单 ${t.number}（${TOPIC_LABEL[t.category]}）当前状态：${STATUS_LABEL[t.status]}，更新于 ${when}。`,
    lastOperator ? `工作人员答复：${lastOperator.text.slice(0, 120)}` : '工作人员会按时限处理并联系您。',
    `如需补充情况，直接发“补充：……”；急事请拨打 ${HOTLINE}。`,
  ].join('\n');
}

function startTicket(ctx: ExecContext, session: SessionState, action: Extract<Action, { kind: 'start_ticket' }>): ExecResult {
  const { msg, services } = ctx;
  const now = services.clock().toISOString();
  // "那你们给我登个记嘛" right after telling the matter: the matter is the form's account, and judges its category and urgency.
  const before = tellsStory(ctx.raw) ? undefined : lastWorkerLine(session, now);
  const raw = (before ? `${before}\n${ctx.raw}` : ctx.raw).slice(0, 2000);
  const topic = before && session.lastTopic ? session.lastTopic : action.topic;
  const draft = startDraft({ topic, raw, normalized: ctx.nlu.normalized, key: randomUUID(), now, english: Boolean(ctx.english) });
  const first = firstPrompt(draft);
  if (first.kind !== 'ask') throw new AppError('INTERNAL', 'a new form must ask');
  const step = ctx.refused ? { ...first, text: `${(ctx.english ? TEXT_EN : TEXT).refusedBeside}\n${first.text}` } : first;
  if (msg.chatType === 'group') {
    const privateKey = conversationKey({ platform: msg.platform, chatId: msg.senderId, senderId: msg.senderId, chatType: 'private' });
    const privateState: SessionState = { ...initialSession(now), form: step.draft, awaiting: step.awaiting, lastTopic: action.topic };
    const r: Reply = { ...reply('create_ticket', formWords(draft).groupToPrivate, { meta: { form: 'started' } }), privateFollowUp: { text: step.text, awaiting: step.awaiting } };
    return { replies: [r], session, entryIds: [], privateSession: { key: privateKey, state: privateState } };
  }
  session.form = step.draft;
  session.awaiting = step.awaiting;
  return { replies: [formReply(step, 'started')], session, entryIds: [] };
}

function formReply(step: Extract<FormStep, { kind: 'ask' }>, form?: 'started'): Reply {
  return reply('create_ticket', step.text, {
    awaiting: step.awaiting,
    ...(step.awaiting === 'confirm' ? { quickReplies: [...formWords(step.draft).quickReplies] } : {}),
    ...(form ? { meta: { form } } : {}),
  });
}

async function continueForm(ctx: ExecContext, session: SessionState, interruptWith?: Hit[], asks?: boolean): Promise<ExecResult> {
  const draft = session.form!;
  const step = formStep(draft, ctx.raw, { asks: Boolean(asks) });
  const done = (replies: Reply[]): ExecResult => ({ replies, session, entryIds: [] });
  // A cancellation carries no draft: the worker's language is the form's, or this message's.
  const say = formWords(step.kind === 'cancelled' ? { english: draft.english || Boolean(ctx.english) } : step.draft);
  switch (step.kind) {
    case 'cancelled':
      delete session.form;
      session.awaiting = null;
      return done([reply('create_ticket', say.cancelled, { meta: { form: 'cancelled' } })]);
    case 'ask':
      session.form = step.draft;
      session.awaiting = step.awaiting;
      return done([formReply(step)]);
    case 'confirmed':
      return done([await fileTicket(ctx, session, step.draft)]);
    case 'unmatched': {
      // Kept, so the same reply sent again is taken as the answer (see askedInstead).
      if (step.asked) session.form = step.draft;
      // A question in the middle of the form gets its answer, then the form resumes.
      if (interruptWith) {
        const a = await answer(ctx, interruptWith);
        const resume = retryStep({ ...step.draft, tries: -1 });
        if (a && resume.kind === 'ask') {
          const again = step.draft.requested === 'confirm' ? say.confirmOrCancel : resume.text;
          return done([a, reply('create_ticket', `${say.resume}${again}`, { awaiting: step.draft.requested })]);
        }
      }
      // "会不会泄露?" / "为啥要电话": say why and how it is protected, then ask again (not counted as a miss).
      if ((WHY_ASKED.test(ctx.normalized) || WITHHELD.test(ctx.normalized)) && step.draft.requested && step.draft.requested !== 'confirm') {
        const again = retryStep({ ...step.draft, tries: -1 });
        if (again.kind === 'ask') return done([reply('create_ticket', `${say.whyWeAsk}${again.text}`, { awaiting: step.draft.requested })]);
      }
      // A question with no certain answer: said so, and the form goes on (not counted as a miss).
      if (step.asked && step.draft.requested) {
        const again = step.draft.requested === 'confirm' ? say.confirmOrCancel : say.field[step.draft.requested].prompt;
        return done([reply('create_ticket', `${say.askLater}${say.resume}${again}`, { awaiting: step.draft.requested })]);
      }
      const retry = retryStep(step.draft);
      if (retry.kind === 'ask') {
        session.form = retry.draft;
        session.awaiting = retry.awaiting;
        return done([formReply(retry)]);
      }
      return done([]);
    }
  }
}

async function fileTicket(ctx: ExecContext, session: SessionState, draft: NonNullable<SessionState['form']>): Promise<Reply> {
  const { msg, services } = ctx;
  const f = draft.fields;
  const story = `${f.description ?? ''}`;
  const input: NewTicket = {
    fields: { name: f.name ?? '', phone: f.phone ?? '', employer: f.employer ?? '', district: f.district ?? '', description: f.description ?? '' },
    category: draft.topic,
    requestType: requestTypeFor(draft.topic, story),
    priority: priorityFor(draft.urgent),
    urgent: draft.urgent,
    ...(draft.urgentReason ? { urgentReason: draft.urgentReason } : {}),
    tier: tierFor(story),
    origin: { platform: msg.platform, chatId: msg.chatId, senderId: msg.senderId },
    transcript: transcriptForFiling(session, { worker: ctx.raw, at: services.clock().toISOString() }),
    idempotencyKey: draft.idempotencyKey,
  };
  const result = await services.filer.file(input, `worker:${msg.platform}:${msg.senderId}`);
  delete session.form;
  session.awaiting = null;
  const say = formWords(draft);
  if (result.status === 'queued') return reply('create_ticket', say.queued, { meta: { form: 'queued' } });
  services.events.emit('ticketFiled', { number: result.ticket.number, created: result.created });
  return reply('create_ticket', say.filed(result.ticket.number, draft.urgent, f.phone ? maskPhone(f.phone) : ''), { meta: { form: 'filed', ticketNumber: result.ticket.number } });
}
