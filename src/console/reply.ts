import { randomUUID } from 'node:crypto';
import type { OutboundQueue } from '../adapters/channel.ts';
import { AppError } from '../errors.ts';
import type { Ticket } from '../tickets/types.ts';
import { ticketConversation } from './takeover.ts';

/** The text a worker receives when an operator replies. */
export function operatorReplyText(ticketNumber: string, text: string): string {
  return `【12351 工单 ${ticketNumber}】\n${text}\n——12351 职工服务热线`;
}

/**
 * Sends an operator's reply into the worker's chat through the outbound queue. The dedupe key
 * makes a double-submitted reply one message; the console passes the form's nonce, the API a
 * fresh id per call.
 */
export async function sendWorkerReply(options: { outbound: OutboundQueue; ticket: Ticket; text: string; id?: string }): Promise<void> {
  const { outbound, ticket, text } = options;
  const conv = ticketConversation(ticket);
  if (!conv) throw new AppError('VALIDATION', '这个工单没有聊天可回复，请电话联系职工', { details: { field: 'text' } });
  const dedupeKey = `ticket-reply:${ticket.number}:${options.id ?? randomUUID()}`;
  await outbound.enqueue({
    platform: conv.platform,
    chatId: conv.chatId,
    reply: { text: operatorReplyText(ticket.number, text), citations: [], action: 'notice', awaiting: null, meta: { ticketNumber: ticket.number, source: dedupeKey } },
    dedupeKey,
  });
}

/** The back-office API's NotifyWorker, so API replies take the same path as console replies. */
export function workerNotifier(outbound: OutboundQueue): (ticket: Ticket, text: string) => Promise<void> {
  return (ticket, text) => sendWorkerReply({ outbound, ticket, text });
}
