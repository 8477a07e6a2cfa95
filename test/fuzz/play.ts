import { randomUUID } from 'node:crypto';
import { findPersonalNumbers } from '../../src/core/digits.ts';
import { TICKET_FIELDS, type Awaiting, type Inbound, type Reply, type TicketField } from '../../src/core/message.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { userMessageFor } from '../../src/errors.ts';
import type { TicketStore } from '../../src/tickets/types.ts';
import type { Script } from './messages.ts';

/** What one played conversation showed, in the terms a worker would notice. */
export interface Played {
  messages: number;
  /** The turn threw, or answered with the "something went wrong" notice. */
  exceptions: string[];
  /** A message answered with nothing, or a reply with no text. */
  empty: string[];
  /** A message the platform delivered twice that was answered twice. */
  answeredTwice: string[];
  /** A phone or ID number in a reply shown in a group. */
  leaks: string[];
  /** Replies that said a form was filed or kept for filing. */
  confirmed: number;
  /** Tickets in the store for this worker. */
  filed: number;
  /** Tickets no reply announced, or a form filed twice under one number. */
  doubled: number;
  /** Tickets announced to the worker (forms and hand-offs to a person). */
  announced: number;
}

const INTERNAL = userMessageFor('INTERNAL');

/** The text of a group reply a member can see: the text, its quick replies and its citations. */
function visibleInGroup(r: Reply): string {
  return [r.text, ...(r.quickReplies ?? []), ...r.citations.flatMap((c) => [c.title, c.source, c.region, c.date])].join('\n');
}

const isField = (a: Awaiting | undefined): a is TicketField => (TICKET_FIELDS as readonly string[]).includes(a ?? '');

/**
 * Plays a conversation through the real engine: in a group the worker speaks in the group until
 * the form moves to the private chat; an answer step answers the field the bot asked for last (and
 * is skipped when it asked none); `redeliver` sends messages again with the same id, as a platform
 * that retries a webhook does.
 */
export async function play(engine: Engine, tickets: TicketStore, script: Script): Promise<Played> {
  const senderId = `fz-${randomUUID()}`;
  const groupId = `fg-${randomUUID()}`;
  const out: Played = { messages: 0, exceptions: [], empty: [], answeredTwice: [], leaks: [], confirmed: 0, filed: 0, doubled: 0, announced: 0 };
  let asked: Awaiting = null;
  let inGroup = script.group;
  const filedNumbers = new Set<string>();
  const announced = new Set<string>();
  const sent: Inbound[] = [];

  const send = async (msg: Inbound): Promise<Reply[] | undefined> => {
    out.messages += 1;
    try {
      return await engine.handle(msg);
    } catch (err) {
      out.exceptions.push(`${JSON.stringify(msg.text.slice(0, 80))}: ${(err as Error).stack ?? String(err)}`);
      return undefined;
    }
  };

  for (const step of script.steps) {
    if ('answer' in step && !isField(asked)) continue;
    const text = 'say' in step ? step.say : script.values[asked as TicketField];
    const msg: Inbound = {
      platform: 'terminal',
      chatId: inGroup ? groupId : senderId,
      chatType: inGroup ? 'group' : 'private',
      senderId,
      senderName: '职工',
      text,
      mentionsBot: true,
      messageId: randomUUID(),
      receivedAt: new Date().toISOString(),
    };
    sent.push(msg);
    const replies = await send(msg);
    if (!replies) continue;
    const shown = JSON.stringify(text.slice(0, 80));
    if (replies.length === 0) out.empty.push(`${shown}: no reply`);
    for (const r of replies) {
      if (typeof r.text !== 'string' || !r.text.trim()) out.empty.push(`${shown}: empty reply`);
      if (r.text === INTERNAL) out.exceptions.push(`${shown}: answered ${INTERNAL}`);
      if (msg.chatType === 'group') {
        const found = findPersonalNumbers(visibleInGroup(r));
        if (found.length) out.leaks.push(`${shown}: ${found.map((f) => f.kind).join(',')} in ${JSON.stringify(r.text.slice(0, 160))}`);
      }
      if (r.meta?.ticketNumber) announced.add(r.meta.ticketNumber);
      if (r.meta?.form === 'filed' || r.meta?.form === 'queued') {
        out.confirmed += 1;
        if (r.meta.ticketNumber && filedNumbers.has(r.meta.ticketNumber)) out.doubled += 1;
        if (r.meta.ticketNumber) filedNumbers.add(r.meta.ticketNumber);
      }
    }
    const last = replies.at(-1);
    if (last) asked = last.privateFollowUp?.awaiting ?? last.awaiting;
    if (inGroup && replies.some((r) => r.privateFollowUp)) inGroup = false;
  }

  // The platform delivers some messages a second time: nothing new may come of it.
  for (const i of script.redeliver) {
    const again = sent[i % Math.max(sent.length, 1)];
    if (!again) continue;
    const replies = await send(again);
    if (replies && replies.length > 0) out.answeredTwice.push(JSON.stringify(again.text.slice(0, 80)));
  }

  const mine = await tickets.listForRequester({ platform: 'terminal', senderId });
  out.filed = mine.length;
  out.announced = announced.size;
  out.doubled += mine.filter((t) => !announced.has(t.number)).length;
  return out;
}
