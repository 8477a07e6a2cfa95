import type { OutboundQueue } from '../adapters/channel.ts';
import { reply } from '../engine/replies.ts';
import type { SessionStore } from '../store/ports.ts';
import { initialSession } from '../store/ports.ts';
import { ticketConversation } from './conversation.ts';
import type { Ticket } from './types.ts';

/**
 * Tells a worker about their ticket in the chat it came from: an operator's reply, and the 1-5
 * rating question at 回访. Everything goes through the paced outbound queue with a stable key.
 */
export interface WorkerNotifier {
  reply(ticket: Ticket, text: string, replyId: string): Promise<void>;
  askRating(ticket: Ticket): Promise<void>;
  /** A form kept in the outbox while the database was away has now been filed. */
  filedLate(ticket: Ticket): Promise<void>;
  /** An operator took the conversation over: the worker is told a person is there now. */
  joined(ticket: Ticket, takeoverId: string): Promise<void>;
  /** The operator handed the conversation back (or closed the ticket): the bot answers again. */
  left(ticket: Ticket, takeoverId: string): Promise<void>;
}

/** The 回访 question: the scale in words, nothing a worker could read as a menu. */
export function ratingQuestion(number: string): string {
  return `【回访】您的工单 ${number} 已答复。请为这次办理打分：回复 1 到 5 分（5 分最满意）。`;
}

export const JOINED_TEXT = '工作人员已接入，接下来由工作人员在这里为您服务，请直接留言。';
export const LEFT_TEXT = '工作人员已结束这次人工服务，之后由娘家人继续为您解答；需要再找工作人员，回复“转人工”。';

export function createWorkerNotifier(deps: { outbound: OutboundQueue; sessions: SessionStore; sessionTtlSeconds: number; clock: () => Date }): WorkerNotifier {
  // Phone and API tickets have no chat to write to.
  const say = async (ticket: Ticket, text: string, dedupeKey: string) => {
    const conv = ticketConversation(ticket);
    if (!conv) return;
    await deps.outbound.enqueue({ platform: conv.platform, chatId: conv.chatId, reply: reply('notice', text, { meta: { ticketNumber: ticket.number } }), dedupeKey });
  };
  return {
    joined: (ticket, id) => say(ticket, `${JOINED_TEXT}（工单 ${ticket.number}）`, `takeover:${ticket.number}:${id}`),
    left: (ticket, id) => say(ticket, LEFT_TEXT, `handback:${ticket.number}:${id}`),
    reply: (ticket, text, replyId) => say(ticket, `【12351 工单 ${ticket.number} 答复】${text}`, `ticket-reply:${ticket.number}:${replyId}`),
    filedLate: (ticket) => say(ticket, `您之前保存的登记已提交到12351职工服务热线，工单号 ${ticket.number}。发“我的工单”可查进度。`, `ticket-filed:${ticket.number}`),
    async askRating(ticket) {
      const conv = ticketConversation(ticket);
      if (!conv) return;
      const now = deps.clock().toISOString();
      await deps.sessions.update(
        conv.key,
        (current) => {
          const session = current ?? initialSession(now);
          session.ratingFor = ticket.number;
          session.awaiting = 'rating';
          session.updatedAt = now;
          return session;
        },
        deps.sessionTtlSeconds,
      );
      await deps.outbound.enqueue({
        platform: conv.platform,
        chatId: conv.chatId,
        // No quick replies: a platform without buttons would number them, and "1. 5" contradicts the scale.
        reply: reply('notice', ratingQuestion(ticket.number), { awaiting: 'rating' }),
        dedupeKey: `ticket-rating:${ticket.number}`,
      });
    },
  };
}
