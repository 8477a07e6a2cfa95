import type { IncomingMessage, ServerResponse } from 'node:http';
import { Telegraf } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import type { Inbound, Reply } from '../../core/message.ts';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type { OutboundQueue } from '../channel.ts';
import { TelegramChannel, replyTarget } from './channel.ts';
import { createMemoryFollowUps, type FollowUpStore } from './follow-ups.ts';
import { toMapped, type BotIdentity, type Mapped, type TelegramChat } from './map.ts';
import { TG_TEXT } from './texts.ts';

export interface TelegramOptions {
  /** TELEGRAM_BOT_TOKEN. */
  token: string;
  /** TELEGRAM_API_ROOT: an emulator or a self-hosted Bot API server. */
  apiRoot?: string;
  /** TELEGRAM_WEBHOOK_URL: webhook mode (many processes behind a load balancer); long polling without it. */
  webhookUrl?: string;
  /** TELEGRAM_WEBHOOK_SECRET: checked on every webhook request. */
  webhookSecret?: string;
  handle: (msg: Inbound) => Promise<Reply[]>;
  /** Replies leave through the paced queue when given; otherwise they are sent directly. */
  outbound?: OutboundQueue;
  log: Logger;
  /** Skips getMe (tests, or a known bot). */
  botInfo?: UserFromGetMe;
  /** /subscribe and /unsubscribe in a group; returns the text to answer, or nothing for the default. */
  onSubscribe?: (chat: TelegramChat, subscribe: boolean) => Promise<string | void>;
  /** Where a group's private follow-up waits for the deep link (share one on Redis across processes). */
  followUps?: FollowUpStore;
}

export type WebhookHandler = (req: IncomingMessage & { body?: Update }, res: ServerResponse, next?: () => void) => Promise<void>;

export interface TelegramHandle {
  bot: Telegraf;
  channel: TelegramChannel;
  /** In webhook mode: mount `callback` on the service's HTTP server at `path`. */
  webhook?: { path: string; callback: WebhookHandler };
  stop(): Promise<void>;
}

/**
 * Runs the Telegram bot: maps updates, asks the engine, answers through the outbound queue.
 * Groups are answered only when addressed; the ticket form moves to the private chat, which a
 * worker opens through the "/start ticket" deep link; confirm/cancel are inline buttons.
 */
export async function startTelegram(o: TelegramOptions): Promise<TelegramHandle> {
  const log = o.log.child({ mod: 'telegram' });
  const bot = new Telegraf(o.token, { telegram: { ...(o.apiRoot ? { apiRoot: o.apiRoot } : {}), webhookReply: false }, handlerTimeout: 30_000 });
  bot.botInfo = o.botInfo ?? (await getMe(bot, o.apiRoot));
  const me: BotIdentity = { id: bot.botInfo.id, username: bot.botInfo.username };
  if (!bot.botInfo.can_read_all_group_messages)
    log.warn(
      { bot: me.username },
      'privacy mode is on: in groups the bot may see only commands and replies to it, not @-mentions; turn it off with @BotFather /setprivacy so mentions are answered',
    );
  const channel = new TelegramChannel(bot.telegram);
  o.outbound?.register(channel);
  const followUps = o.followUps ?? createMemoryFollowUps();
  const deepLink = `https://t.me/${me.username}?start=ticket`;

  async function send(chatId: string, reply: Reply, dedupeKey: string): Promise<void> {
    if (!o.outbound) return channel.send(chatId, reply);
    try {
      await o.outbound.enqueue({ platform: 'telegram', chatId, reply, dedupeKey });
    } catch (err) {
      // The queue lives on Redis and Redis is away: send this one directly so the worker still
      // hears back (typically "busy, try again"), unpaced but not lost.
      log.warn({ dedupeKey, err: (err as Error).message }, 'outbound queue unavailable; sending directly');
      await channel.send(chatId, reply);
    }
  }
  const say = (chatId: string, text: string, dedupeKey: string) =>
    send(chatId, { text, citations: [], action: 'notice', awaiting: null }, dedupeKey);

  async function onTurn(m: Extract<Mapped, { kind: 'turn' }>): Promise<void> {
    const msg = m.inbound;
    if (m.callbackId) await bot.telegram.answerCbQuery(m.callbackId).catch(() => undefined);
    // The worker is in the private chat now: a waiting follow-up is no longer needed.
    if (msg.chatType === 'private') await followUps.take(msg.senderId).catch(() => undefined);
    const replies = await o.handle(msg);
    const target = m.replyTo ? replyTarget(msg.chatId, m.replyTo) : msg.chatId;
    for (const [i, reply] of replies.entries()) {
      const key = `telegram:${msg.chatId}:${msg.messageId}:${i}`;
      const follow = reply.privateFollowUp;
      if (!follow) {
        await send(target, reply, key);
        continue;
      }
      const dm: Reply = {
        text: follow.text, citations: [], action: reply.action, awaiting: follow.awaiting,
        ...(follow.awaiting === 'confirm' ? { quickReplies: ['确认', '取消'] } : {}),
      };
      if (msg.chatType === 'group') {
        await followUps.save(msg.senderId, dm);
        await send(target, { ...reply, privateFollowUp: undefined, text: `${reply.text}\n${TG_TEXT.privateLink(deepLink)}` }, key);
      } else {
        await send(target, { ...reply, privateFollowUp: undefined }, key);
      }
      // Works when the worker has started the bot before; otherwise the deep link shows it.
      await send(msg.senderId, dm, `${key}:private`);
    }
  }

  async function onCommand(m: Extract<Mapped, { kind: 'command' }>): Promise<void> {
    const key = `telegram:${m.chat.chatId}:${m.messageId}:cmd`;
    const target = m.chat.chatType === 'group' ? replyTarget(m.chat.chatId, m.messageId) : m.chat.chatId;
    switch (m.command) {
      case 'help':
        return say(target, TG_TEXT.help, key);
      case 'start': {
        if (m.chat.chatType === 'group') return say(target, TG_TEXT.help, key);
        if (m.payload === 'ticket') {
          const pending = await followUps.take(m.senderId);
          return pending ? send(target, pending, key) : say(target, TG_TEXT.noPendingForm, key);
        }
        return say(target, TG_TEXT.welcome, key);
      }
      case 'subscribe':
      case 'unsubscribe': {
        if (m.chat.chatType !== 'group') return say(target, TG_TEXT.subscribeGroupsOnly, key);
        if (!o.onSubscribe) return say(target, TG_TEXT.subscribeUnavailable, key);
        const on = m.command === 'subscribe';
        const text = await o.onSubscribe(m.chat, on);
        return say(target, text || (on ? TG_TEXT.subscribed : TG_TEXT.unsubscribed), key);
      }
    }
  }

  bot.on(['message', 'callback_query'], async (ctx) => {
    const m = toMapped(ctx.update, me);
    if (m.kind === 'turn') await onTurn(m);
    else if (m.kind === 'command') await onCommand(m);
  });
  bot.catch((err, ctx) => log.error({ updateId: ctx.update.update_id, err: (err as Error).message }, 'telegram update failed'));

  let polling = false;
  let webhook: TelegramHandle['webhook'];
  if (o.webhookUrl) {
    // A webhook without its secret accepts forged updates from anyone who reaches the port.
    if (!o.webhookSecret) throw new AppError('CONFIG_INVALID', 'TELEGRAM_WEBHOOK_SECRET is required in webhook mode');
    const path = new URL(o.webhookUrl).pathname;
    await bot.telegram.setWebhook(o.webhookUrl, { secret_token: o.webhookSecret });
    webhook = { path, callback: bot.webhookCallback(path, { secretToken: o.webhookSecret }) };
    log.info({ bot: me.username, path }, 'telegram webhook set');
  } else {
    polling = true;
    bot.launch(() => log.info({ bot: me.username }, 'telegram long polling')).catch((err: Error) => log.error({ err: err.message }, 'telegram polling stopped'));
  }

  return {
    bot,
    channel,
    ...(webhook ? { webhook } : {}),
    async stop() {
      if (polling) bot.stop('shutdown');
    },
  };
}

async function getMe(bot: Telegraf, apiRoot?: string): Promise<UserFromGetMe> {
  try {
    return await bot.telegram.getMe();
  } catch (err) {
    throw new AppError(
      'CONFIG_INVALID',
      `Telegram getMe failed at ${apiRoot ?? 'https://api.telegram.org'} (${(err as Error).message}); check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT`,
      { cause: err },
    );
  }
}
