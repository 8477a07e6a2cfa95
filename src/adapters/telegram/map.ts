import type { Update, Message, MessageEntity } from 'telegraf/types';
import type { Inbound } from '../../core/message.ts';

/** Who the bot is, as getMe tells it. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** A chat as a subscription callback sees it. */
export interface TelegramChat {
  platform: 'telegram';
  chatId: string;
  chatType: 'private' | 'group';
  title?: string;
}

/**
 * What one update asks of the adapter: a turn for the engine, a command the adapter answers
 * itself (/help, /subscribe, /start), or nothing (group chatter, other bots, non-text).
 */
export type Mapped =
  | { kind: 'turn'; inbound: Inbound; replyTo?: number; callbackId?: string }
  | { kind: 'command'; command: 'help' | 'subscribe' | 'unsubscribe' | 'start'; payload: string; chat: TelegramChat; messageId: number; senderId: string }
  | { kind: 'ignore'; reason: string };

/** Callback data of an inline quick-reply button: the reply's text after this prefix. */
export const QUICK_REPLY_PREFIX = 'qr:';

/** What the engine should read for a command; /ask's own text is the question. */
const COMMAND_TEXT: Record<string, string> = { ticket: '我要登记反映问题', status: '我的工单' };

function senderName(from: { first_name: string; last_name?: string; username?: string }): string {
  return [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username || '';
}

function chatOf(chat: { id: number; type: string; title?: string }): TelegramChat | undefined {
  if (chat.type === 'private') return { platform: 'telegram', chatId: String(chat.id), chatType: 'private' };
  if (chat.type === 'group' || chat.type === 'supergroup') return { platform: 'telegram', chatId: String(chat.id), chatType: 'group', ...(chat.title ? { title: chat.title } : {}) };
  return undefined;
}

function entityText(text: string, e: MessageEntity): string {
  // Entity offsets count UTF-16 code units, as JavaScript strings do.
  return text.slice(e.offset, e.offset + e.length);
}

/** "/ask@NiangjiaBot 年票多少钱" -> { name: 'ask', to: 'niangjiabot', rest: '年票多少钱' }. */
function parseCommand(text: string, entities: MessageEntity[]): { name: string; to?: string; rest: string } | undefined {
  const first = entities.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!first && !/^\/[a-z]/i.test(text)) return undefined;
  const m = /^\/([a-z_]+)(?:@([a-z0-9_]+))?(?:\s+|$)([\s\S]*)$/i.exec(text);
  if (!m) return undefined;
  return { name: m[1]!.toLowerCase(), ...(m[2] ? { to: m[2].toLowerCase() } : {}), rest: m[3]!.trim() };
}

/** Removes "@botusername" wherever it is typed. */
export function stripBotMention(text: string, username: string): { text: string; found: boolean } {
  const re = new RegExp(`@${username}(?![a-z0-9_])`, 'gi');
  const stripped = text.replace(re, ' ');
  return { text: stripped.replace(/\s+/g, ' ').trim(), found: stripped !== text };
}

/**
 * Maps a Telegram update. In groups the bot answers only when addressed: @-mentioned, a reply
 * to one of its messages, or one of its commands; a private chat always addresses it.
 */
export function toMapped(update: Update, bot: BotIdentity): Mapped {
  if ('callback_query' in update) {
    const q = update.callback_query;
    const data = 'data' in q ? q.data : undefined;
    const chat = q.message ? chatOf(q.message.chat) : undefined;
    if (!data?.startsWith(QUICK_REPLY_PREFIX) || !chat || q.from.is_bot) return { kind: 'ignore', reason: 'callback' };
    return {
      kind: 'turn',
      callbackId: q.id,
      inbound: {
        platform: 'telegram', chatId: chat.chatId, chatType: chat.chatType, senderId: String(q.from.id), senderName: senderName(q.from),
        text: data.slice(QUICK_REPLY_PREFIX.length), mentionsBot: true, messageId: `cb:${q.id}`, receivedAt: new Date().toISOString(),
      },
    };
  }
  if (!('message' in update)) return { kind: 'ignore', reason: 'not a message' };
  const msg = update.message as Message;
  if (!('text' in msg) || typeof msg.text !== 'string') return { kind: 'ignore', reason: 'not text' };
  const chat = chatOf(msg.chat);
  if (!chat) return { kind: 'ignore', reason: 'channel' };
  if (!msg.from || msg.from.is_bot || msg.from.id === bot.id) return { kind: 'ignore', reason: 'a bot' };
  const text = msg.text;
  const entities = msg.entities ?? [];
  const base = {
    platform: 'telegram' as const, chatId: chat.chatId, chatType: chat.chatType, senderId: String(msg.from.id), senderName: senderName(msg.from),
    mentionsBot: true, messageId: String(msg.message_id), receivedAt: new Date(msg.date * 1000).toISOString(),
  };
  const turn = (t: string): Mapped => ({ kind: 'turn', inbound: { ...base, text: t }, ...(chat.chatType === 'group' ? { replyTo: msg.message_id } : {}) });

  const cmd = parseCommand(text, entities);
  if (cmd) {
    if (cmd.to && cmd.to !== bot.username.toLowerCase()) return { kind: 'ignore', reason: 'another bot\'s command' };
    switch (cmd.name) {
      case 'ask':
        return cmd.rest ? turn(cmd.rest) : { kind: 'command', command: 'help', payload: '', chat, messageId: msg.message_id, senderId: base.senderId };
      case 'ticket':
      case 'status':
        return turn(cmd.rest ? `${COMMAND_TEXT[cmd.name]}：${cmd.rest}` : COMMAND_TEXT[cmd.name]!);
      case 'help':
      case 'subscribe':
      case 'unsubscribe':
      case 'start':
        return { kind: 'command', command: cmd.name, payload: cmd.rest, chat, messageId: msg.message_id, senderId: base.senderId };
      default:
        return chat.chatType === 'private' ? turn(text) : { kind: 'ignore', reason: 'unknown command' };
    }
  }
  if (chat.chatType === 'private') return turn(stripBotMention(text, bot.username).text);

  const mentioned =
    entities.some((e) => (e.type === 'mention' && entityText(text, e).toLowerCase() === `@${bot.username.toLowerCase()}`) || (e.type === 'text_mention' && e.user.id === bot.id));
  const stripped = stripBotMention(text, bot.username);
  const repliesToBot = msg.reply_to_message?.from?.id === bot.id;
  if (!mentioned && !stripped.found && !repliesToBot) return { kind: 'ignore', reason: 'group chatter' };
  return turn(stripped.text);
}
