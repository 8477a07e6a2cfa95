import type { Wechaty, Contact, Room } from 'wechaty';
import type { Reply } from '../../core/message.ts';
import { containsPhone } from '../../core/redact.ts';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { sendParts, type Capabilities, type Channel, type SendOptions } from '../channel.ts';
import { renderReply } from '../render.ts';

/**
 * A room chat id with the member to @-mention, as the outbound queue carries it:
 * "<roomId>#<contactId>". Plain room ids and contact ids pass through unchanged.
 */
export function roomTarget(roomId: string, mentionId: string): string {
  return `${roomId}#${mentionId}`;
}

export function parseTarget(chatId: string): { id: string; mentionId?: string } {
  const i = chatId.lastIndexOf('#');
  return i > 0 ? { id: chatId.slice(0, i), mentionId: chatId.slice(i + 1) } : { id: chatId };
}

export const WECHAT_CAPABILITIES: Capabilities = { buttons: false, markdown: false, maxLength: 500 };

/**
 * Sends to a WeChat room or contact by id. Room text is rendered for a group (phone numbers
 * masked as the last guard) and @-mentions the asker on its first piece.
 */
export class WechatChannel implements Channel {
  readonly platform = 'wechat' as const;
  readonly capabilities = WECHAT_CAPABILITIES;
  /** Chat ids seen on inbound messages, by kind; ids never seen fall back to WeChat's "@chatroom" suffix. */
  private readonly kinds = new Map<string, 'room' | 'contact'>();

  constructor(
    private readonly bot: Wechaty,
    private readonly log: Logger,
  ) {}

  remember(id: string, kind: 'room' | 'contact'): void {
    if (this.kinds.size > 50_000) this.kinds.clear();
    this.kinds.set(id, kind);
  }

  async send(chatId: string, reply: Reply, options?: SendOptions): Promise<void> {
    const { id, mentionId } = parseTarget(chatId);
    const isRoom = (this.kinds.get(id) ?? (id.endsWith('@chatroom') ? 'room' : 'contact')) === 'room';
    if (!this.bot.isLoggedIn) throw new AppError('PLATFORM_NETWORK_ERROR', 'wechat is not logged in');
    if (isRoom) {
      if (containsPhone(reply.text)) this.log.warn({ mod: 'wechat', roomId: id }, 'a phone number reached a room reply; masked');
      const room = await this.find(() => this.bot.Room.find({ id }), `room ${id}`);
      const mention = mentionId ? await this.find(() => this.bot.Contact.find({ id: mentionId }), `contact ${mentionId}`).catch(() => undefined) : undefined;
      const { parts } = renderReply(reply, this.capabilities, { group: true });
      await sendParts(parts, options?.fromPart ?? 0, (part, i) => this.say(() => (i === 0 && mention ? room.say(part, mention) : room.say(part))));
      return;
    }
    const contact = await this.find(() => this.bot.Contact.find({ id }), `contact ${id}`);
    await sendParts(renderReply(reply, this.capabilities).parts, options?.fromPart ?? 0, (part) => this.say(() => contact.say(part)));
  }

  private async find<T extends Room | Contact>(lookup: () => Promise<T | undefined>, what: string): Promise<T> {
    let found: T | undefined;
    try {
      found = await lookup();
    } catch (err) {
      throw new AppError('PLATFORM_NETWORK_ERROR', `wechat lookup of ${what} failed`, { cause: err });
    }
    if (!found) throw new AppError('PLATFORM_API_ERROR', `wechat ${what} not found`);
    return found;
  }

  private async say(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      throw new AppError('PLATFORM_NETWORK_ERROR', `wechat send failed: ${(err as Error).message}`, { cause: err });
    }
  }
}
