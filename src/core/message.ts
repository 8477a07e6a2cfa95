/**
 * The one normalized message shape. Every adapter maps its platform's update to `Inbound`
 * and renders a `Reply`; nothing past the adapter knows which platform a message came from,
 * except to route the answer back.
 */

export const PLATFORMS = ['terminal', 'wechat', 'telegram', 'web', 'eval'] as const;
export type Platform = (typeof PLATFORMS)[number];
export type ChatType = 'private' | 'group';

export interface Inbound {
  platform: Platform;
  /** Where to answer: a private chat id or a group id, as the platform names it. */
  chatId: string;
  chatType: ChatType;
  /** The person who wrote, stable per platform. */
  senderId: string;
  senderName?: string;
  text: string;
  /** True when the message addresses the bot in a group (mention, wake word, reply to the bot). */
  mentionsBot: boolean;
  /** Platform message id; the engine answers each id once. */
  messageId: string;
  /** ISO timestamp. */
  receivedAt: string;
}

/** A fact's provenance, shown to the worker and kept as data so each platform renders it its own way. */
export interface Citation {
  id: string;
  title: string;
  source: string;
  region: string;
  date: string;
}

/** The dialogue act a reply carries; the labels match the eval's action labels plus `notice` for system messages. */
export const REPLY_ACTIONS = [
  'answer',
  'clarify',
  'create_ticket',
  'ticket_status',
  'handoff',
  'decline',
  'notice',
] as const;
export type ReplyAction = (typeof REPLY_ACTIONS)[number];

export const TICKET_FIELDS = ['name', 'phone', 'employer', 'district', 'description'] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];
/** What the bot waits for next: a ticket field, the form's confirmation, a 1-5 rating, or nothing. */
export type Awaiting = TicketField | 'confirm' | 'rating' | null;

export interface Reply {
  text: string;
  citations: Citation[];
  action: ReplyAction;
  awaiting: Awaiting;
  /** Short choices a platform with buttons may render as buttons (Telegram inline keyboard). */
  quickReplies?: string[];
  /**
   * Set when a group conversation has to continue privately (the ticket form). The adapter
   * sends `text` to the sender's private chat; the group only sees `Reply.text`.
   */
  privateFollowUp?: { text: string; awaiting: Awaiting };
  /** Diagnostics for eval and logs; never rendered. */
  meta?: ReplyMeta;
}

export interface ReplyMeta {
  intent?: string;
  confidence?: number;
  source?: string;
  ticketNumber?: string;
  /** What happened to a ticket form this turn. */
  form?: 'started' | 'cancelled' | 'filed' | 'queued';
  model?: { used: boolean; promptTokens?: number; completionTokens?: number; reason?: string };
  /** For a topical question: answered, answered in part (the gap named), or not in the materials. */
  answerability?: 'answer' | 'partial' | 'none';
  /** The calibrated probability that the chosen entry answers the question. */
  p?: number;
}

/** A message that leaves without a fresh inbound one: an operator's reply, a notice, a follow-up. */
export interface Outbound {
  platform: Platform;
  chatId: string;
  reply: Reply;
  /** Stable id so the outbound path never sends the same message twice. */
  dedupeKey: string;
}

export function conversationKey(msg: Pick<Inbound, 'platform' | 'chatId' | 'senderId' | 'chatType'>): string {
  // In a group every member has their own conversation with the bot.
  return msg.chatType === 'group'
    ? `${msg.platform}:${msg.chatId}:${msg.senderId}`
    : `${msg.platform}:${msg.chatId}`;
}

export function userKey(msg: Pick<Inbound, 'platform' | 'senderId'>): string {
  return `${msg.platform}:${msg.senderId}`;
}
