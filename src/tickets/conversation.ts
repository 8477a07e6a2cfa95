import { conversationKey, type Platform } from '../core/message.ts';
import type { Ticket } from './types.ts';

const CHAT_PLATFORMS: readonly string[] = ['terminal', 'wechat', 'telegram', 'web'];

/** Where a ticket's worker can be reached: the private chat the form ran in. */
export interface TicketConversation {
  /** The session key of that chat (the engine's conversation key). */
  key: string;
  platform: Platform;
  chatId: string;
}

/** The worker's conversation a ticket came from, or undefined for phone and API tickets. */
export function ticketConversation(ticket: Pick<Ticket, 'origin'>): TicketConversation | undefined {
  const { platform, chatId, senderId } = ticket.origin;
  if (!CHAT_PLATFORMS.includes(platform)) return undefined;
  // The ticket form always runs in a private chat.
  const key = conversationKey({ platform: platform as Platform, chatId, senderId, chatType: 'private' });
  return { key, platform: platform as Platform, chatId };
}
