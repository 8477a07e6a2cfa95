import { TelegramError, type Telegram } from 'telegraf';
import type { Reply } from '../../core/message.ts';
import { AppError } from '../../errors.ts';
import { sendParts, type Capabilities, type Channel, type SendOptions } from '../channel.ts';
import { renderReply } from '../render.ts';
import { QUICK_REPLY_PREFIX } from './map.ts';

/** A chat id with the message to answer, as the outbound queue carries it: "<chatId>#<messageId>". */
export function replyTarget(chatId: string, messageId: number): string {
  return `${chatId}#${messageId}`;
}

export function parseReplyTarget(target: string): { chatId: string; replyTo?: number } {
  const [chatId, reply] = target.split('#');
  const n = Number(reply);
  return reply && Number.isInteger(n) ? { chatId: chatId!, replyTo: n } : { chatId: chatId! };
}

export const TELEGRAM_CAPABILITIES: Capabilities = { buttons: true, markdown: false, maxLength: 4096 };

/**
 * Sends through the Bot API. Quick replies become an inline keyboard (callback data
 * "qr:<text>"); a 429 answer becomes a retryable error carrying Telegram's retry_after.
 */
export class TelegramChannel implements Channel {
  readonly platform = 'telegram' as const;
  readonly capabilities = TELEGRAM_CAPABILITIES;

  constructor(private readonly telegram: Telegram) {}

  async send(target: string, reply: Reply, options?: SendOptions): Promise<void> {
    const { chatId, replyTo } = parseReplyTarget(target);
    const group = chatId.startsWith('-');
    const { parts, buttons } = renderReply(reply, this.capabilities, { group });
    const keyboard = buttons.length
      ? { inline_keyboard: [buttons.map((b) => ({ text: b, callback_data: `${QUICK_REPLY_PREFIX}${b}`.slice(0, 64) }))] }
      : undefined;
    await sendParts(parts, options?.fromPart ?? 0, (part, i) =>
      this.call(() =>
        this.telegram.sendMessage(chatId, part, {
          ...(i === 0 && replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
          ...(i === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
        }),
      ),
    );
  }

  private async call(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      throw toPlatformError(err);
    }
  }
}

/** The platform refused (4xx, kept apart from 429) versus could not be reached or failed (network, 5xx). */
export function toPlatformError(err: unknown): AppError {
  if (err instanceof TelegramError) {
    const retryAfter = err.parameters?.retry_after;
    if (err.code === 429) return new AppError('PLATFORM_API_ERROR', `telegram 429: ${err.description}`, { cause: err, details: { retryAfterMs: (retryAfter ?? 1) * 1000 } });
    const code = err.code >= 500 ? 'PLATFORM_NETWORK_ERROR' : 'PLATFORM_API_ERROR';
    return new AppError(code, `telegram ${err.code}: ${err.description}`, { cause: err });
  }
  return new AppError('PLATFORM_NETWORK_ERROR', `telegram unreachable: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}
