import type { Inbound, Reply } from '../core/message.ts';
import { reply, HOTLINE, TEXT, TEXT_EN } from '../engine/replies.ts';
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
  input: { msg: Inbound; raw: string; session: SessionState; reason: 'asked' | 'repeated_failure'; english?: boolean },
): Promise<Reply> {
  const { msg, session } = input;
  const say = input.english ? SAY_EN : SAY;
  const now = deps.clock().toISOString();
  const mine = (await deps.tickets.listForRequester({ platform: msg.platform, senderId: msg.senderId })).filter((t) => isOpen(t.status));
  const waiting = mine.find(isHandoffTicket);
  if (waiting) return reply('handoff', say.waiting(waiting.number), { meta: { ticketNumber: waiting.number } });
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
  if (result.status === 'queued') return reply('handoff', say.queued);
  return reply('handoff', say.filed(result.ticket.number, msg.chatType === 'group', open?.number), { meta: { ticketNumber: result.ticket.number } });
}

/** What the worker is told, in the language they wrote in. */
interface Said {
  waiting(ticket: string): string;
  queued: string;
  filed(ticket: string, group: boolean, open?: string): string;
}
const SAY: Said = {
  waiting: (n) => `您的转人工请求已在排队（工单 ${n}），工作人员接入后会直接在这里回复您。急事请拨打职工服务热线 ${HOTLINE}。`,
  queued: TEXT.handoff,
  filed: (n, group, open) =>
    `已为您转人工（工单 ${n}），${group ? '工作人员接入后会私信您。' : '工作人员接入后会直接在这里回复您，请留意消息。'}${open ? `您在办的工单 ${open} 也已告诉工作人员。` : ''}急事请拨打职工服务热线 ${HOTLINE}。`,
};
const SAY_EN: Said = {
  waiting: (n) => `Your request for a person is already in the queue (ticket ${n}); staff will reply here once they join. For anything urgent, call the union hotline ${HOTLINE}.`,
  queued: TEXT_EN.handoff,
  filed: (n, group, open) =>
    `I have asked for a person for you (ticket ${n}). ${group ? 'Staff will message you privately once they join.' : 'Staff will reply right here once they join.'}${open ? ` Your open ticket ${open} has been passed on too.` : ''} For anything urgent, call the union hotline ${HOTLINE}.`,
};
