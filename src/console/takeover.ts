import { conversationKey, type Platform } from '../core/message.ts';
import { initialSession, type SessionStore } from '../store/ports.ts';
import type { Ticket } from '../tickets/types.ts';

const CHAT_PLATFORMS: readonly string[] = ['terminal', 'wechat', 'telegram', 'web'];

/** The worker's conversation a ticket came from, or undefined for phone and API tickets. */
export function ticketConversation(ticket: Pick<Ticket, 'origin'>): { key: string; platform: Platform; chatId: string } | undefined {
  const { platform, chatId, senderId } = ticket.origin;
  if (!CHAT_PLATFORMS.includes(platform)) return undefined;
  // The ticket form always runs in a private chat.
  const key = conversationKey({ platform: platform as Platform, chatId, senderId, chatType: 'private' });
  return { key, platform: platform as Platform, chatId };
}

/**
 * Taking a conversation over: `SessionState.takenOverBy` tells the engine to stay silent in it
 * until the operator hands it back (or closes the ticket).
 */
export async function setTakenOver(options: {
  sessions: SessionStore;
  key: string;
  operator: string | undefined;
  ttlSeconds: number;
  now: Date;
}): Promise<void> {
  const { sessions, key, operator, ttlSeconds, now } = options;
  const state = (await sessions.get(key)) ?? initialSession(now.toISOString());
  if (operator) state.takenOverBy = operator;
  else delete state.takenOverBy;
  state.updatedAt = now.toISOString();
  await sessions.put(key, state, ttlSeconds);
}

export async function takenOverBy(sessions: SessionStore, key: string): Promise<string | undefined> {
  return (await sessions.get(key))?.takenOverBy;
}
