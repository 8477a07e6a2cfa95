import type { Inbound } from '../../core/message.ts';

/**
 * What the adapter reads off a wechaty Message, as plain data, so the addressing rules below
 * can be tested without a bot.
 */
export interface WechatFacts {
  messageId: string;
  text: string;
  talkerId: string;
  talkerName: string;
  /** Set for room messages. */
  roomId?: string;
  /** What the puppet reported; many puppets never report mentions, so the text is checked too. */
  mentionSelf: boolean;
  /** The bot's WeChat name and its alias in this room, if any. */
  botNames: string[];
  wakeWords: string[];
  receivedAt: Date;
}

// WeChat writes a mention as "@name" followed by U+2005 (four-per-em space); some clients use a plain space.
const MENTION_END = '(?:\\u2005|\\s|$)';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes "@<bot name>" mentions; returns the rest and whether one was found. */
export function stripMentions(text: string, botNames: string[]): { text: string; found: boolean } {
  const names = botNames.map((n) => n.trim()).filter(Boolean).sort((a, b) => b.length - a.length);
  if (names.length === 0) return { text, found: false };
  const re = new RegExp(`@(?:${names.map(escape).join('|')})${MENTION_END}`, 'gu');
  const stripped = text.replace(re, ' ');
  return { text: stripped.replace(/\s+/g, ' ').trim(), found: stripped !== text };
}

/** "娘家人，年票多少钱" -> "年票多少钱" when 娘家人 is a wake word at the start. */
export function stripWakeWord(text: string, wakeWords: string[]): { text: string; found: boolean } {
  const t = text.trimStart();
  for (const w of [...wakeWords].sort((a, b) => b.length - a.length)) {
    if (w && t.startsWith(w)) return { text: t.slice(w.length).replace(/^[\s,，:：、!！~～]+/u, '').trim(), found: true };
  }
  return { text: text.trim(), found: false };
}

/**
 * Maps a WeChat message to an Inbound, or undefined when a room message does not address the
 * bot (no mention, no wake word): the bot keeps quiet in group chatter.
 */
export function toInbound(f: WechatFacts): Inbound | undefined {
  const base = {
    platform: 'wechat' as const,
    senderId: f.talkerId,
    senderName: f.talkerName,
    messageId: f.messageId,
    receivedAt: f.receivedAt.toISOString(),
  };
  if (!f.roomId) {
    // A private chat always addresses the bot; a leading wake word or mention is just dropped.
    const text = stripWakeWord(stripMentions(f.text, f.botNames).text, f.wakeWords).text;
    return { ...base, chatId: f.talkerId, chatType: 'private', text, mentionsBot: true };
  }
  const mention = stripMentions(f.text, f.botNames);
  const wake = stripWakeWord(mention.text, f.wakeWords);
  if (!f.mentionSelf && !mention.found && !wake.found) return undefined;
  return { ...base, chatId: f.roomId, chatType: 'group', text: wake.text, mentionsBot: true };
}
