import type { Platform } from '../core/message.ts';
import { conversationKey } from '../core/message.ts';
import type { OutboundQueue } from '../adapters/channel.ts';
import { reply } from '../engine/replies.ts';
import type { SessionStore } from '../store/ports.ts';
import { initialSession } from '../store/ports.ts';
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
}

/** The 回访 question: the scale in words, nothing a worker could read as a menu. */
export function ratingQuestion(number: string): string {
  return `【回访】您的工单 ${number} 已答复。请为这次办理打分：回复 1 到 5 分（5 分最满意）。`;
}

const CHAT_PLATFORMS: readonly string[] = ['terminal', 'wechat', 'telegram', 'web'];

export function createWorkerNotifier(deps: { outbound: OutboundQueue; sessions: SessionStore; sessionTtlSeconds: number; clock: () => Date }): WorkerNotifier {
  const reachable = (t: Ticket) => CHAT_PLATFORMS.includes(t.origin.platform);
  const target = (t: Ticket) => ({ platform: t.origin.platform as Platform, chatId: t.origin.chatId });
  return {
    async reply(ticket, text, replyId) {
      if (!reachable(ticket)) return;
      await deps.outbound.enqueue({
        ...target(ticket),
        reply: reply('notice', `【12351 工单 ${ticket.number} 答复】${text}`, { meta: { ticketNumber: ticket.number } }),
        dedupeKey: `ticket-reply:${ticket.number}:${replyId}`,
      });
    },
    async filedLate(ticket) {
      if (!reachable(ticket)) return;
      await deps.outbound.enqueue({
        ...target(ticket),
        reply: reply('notice', `您之前保存的登记已提交到12351职工服务热线，工单号 ${ticket.number}。发“我的工单”可查进度。`, { meta: { ticketNumber: ticket.number } }),
        dedupeKey: `ticket-filed:${ticket.number}`,
      });
    },
    async askRating(ticket) {
      if (!reachable(ticket)) return;
      const key = conversationKey({ platform: ticket.origin.platform as Platform, chatId: ticket.origin.chatId, senderId: ticket.origin.senderId, chatType: 'private' });
      const now = deps.clock().toISOString();
      const session = (await deps.sessions.get(key)) ?? initialSession(now);
      session.ratingFor = ticket.number;
      session.awaiting = 'rating';
      session.updatedAt = now;
      await deps.sessions.put(key, session, deps.sessionTtlSeconds);
      await deps.outbound.enqueue({
        ...target(ticket),
        // No quick replies: a platform without buttons would number them, and "1. 5" contradicts the scale.
        reply: reply('notice', ratingQuestion(ticket.number), { awaiting: 'rating' }),
        dedupeKey: `ticket-rating:${ticket.number}`,
      });
    },
  };
}
