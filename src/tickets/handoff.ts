import type { Inbound, Reply } from '../core/message.ts';
import { reply, HOTLINE, TEXT } from '../engine/replies.ts';
import type { Topic } from '../intents/types.ts';
import type { SessionState } from '../store/ports.ts';
import type { TicketFiler } from './filer.ts';
import { isOpen } from './lifecycle.ts';
import { recentRecord } from './record.ts';
import type { Ticket, TicketStore } from './types.ts';

/**
 * 转人工 reaches a person: the request becomes a handoff ticket in the console's queue, with the
 * conversation so far and a mention of the worker's open ticket. An operator claims it by taking
 * the conversation over; the worker is told when a person joins and when they leave (desk.ts).
 */

/** How a handoff ticket's description begins; the inbox's queue lists open tickets that begin so. */
export const HANDOFF_MARK = '【转人工】';

export function isHandoffTicket(ticket: Pick<Ticket, 'fields'>): boolean {
  return ticket.fields.description.startsWith(HANDOFF_MARK);
}

export interface HandoffDeps {
  tickets: TicketStore;
  filer: TicketFiler;
  clock: () => Date;
}

/** Files (or finds) the worker's request for a person and says honestly what happens next. */
export async function requestPerson(
  deps: HandoffDeps,
  input: { msg: Inbound; raw: string; session: SessionState; reason: 'asked' | 'repeated_failure' },
): Promise<Reply> {
  const { msg, session } = input;
  const now = deps.clock().toISOString();
  const mine = (await deps.tickets.listForRequester({ platform: msg.platform, senderId: msg.senderId })).filter((t) => isOpen(t.status));
  const waiting = mine.find(isHandoffTicket);
  if (waiting) return reply('handoff', `您的转人工请求已在排队（工单 ${waiting.number}），工作人员接入后会直接在这里回复您。急事请拨打职工服务热线 ${HOTLINE}。`, { meta: { ticketNumber: waiting.number } });
  const open = mine.find((t) => !isHandoffTicket(t));
  const why = input.reason === 'asked' ? '职工要求转人工' : '机器人连续没能答上，职工需要人工帮助';
  const topic: Topic = session.lastTopic ?? open?.category ?? 'member_benefits';
  // The form and every reply to the worker run in the private chat, also when 转人工 was said in a group.
  const chatId = msg.chatType === 'group' ? msg.senderId : msg.chatId;
  const result = await deps.filer.file(
    {
      fields: {
        name: msg.senderName ?? '',
        phone: '',
        employer: '',
        district: '',
        description: `${HANDOFF_MARK}${why}。${open ? `该职工另有在办工单 ${open.number}。` : ''}最后一句：${input.raw.slice(0, 200)}`,
      },
      category: topic,
      requestType: 'consult',
      priority: 'high',
      urgent: false,
      tier: '一般',
      origin: { platform: msg.platform, chatId, senderId: msg.senderId },
      transcript: recentRecord(session, { worker: input.raw, at: now }),
      idempotencyKey: `handoff:${msg.platform}:${msg.chatId}:${msg.messageId}`,
    },
    `worker:${msg.platform}:${msg.senderId}`,
  );
  if (result.status === 'queued') return reply('handoff', TEXT.handoff);
  const also = open ? `您在办的工单 ${open.number} 也已告诉工作人员。` : '';
  const where = msg.chatType === 'group' ? '工作人员接入后会私信您。' : '工作人员接入后会直接在这里回复您，请留意消息。';
  return reply('handoff', `已为您转人工（工单 ${result.ticket.number}），${where}${also}急事请拨打职工服务热线 ${HOTLINE}。`, { meta: { ticketNumber: result.ticket.number } });
}
