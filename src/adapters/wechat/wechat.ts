import { WechatyBuilder, types, type Message, type OfficialPuppetNpmName, type Wechaty, type WechatyOptions } from 'wechaty';
import qrcodeTerminal from 'qrcode-terminal';
import type { Inbound, Reply } from '../../core/message.ts';
import type { Logger } from '../../log.ts';
import type { OutboundQueue } from '../channel.ts';
import { WechatChannel, roomTarget } from './channel.ts';
import { toInbound } from './map.ts';

/** A puppet object, as wechaty takes it. */
export type PuppetInstance = Exclude<NonNullable<WechatyOptions['puppet']>, string>;

export interface WechatOptions {
  /** A puppet instance (tests pass wechaty-puppet-mock); without it `puppetName` picks one the wechaty way. */
  puppet?: PuppetInstance;
  /** WECHATY_PUPPET, e.g. "wechaty-puppet-service" or "wechaty-puppet-wechat4u". */
  puppetName?: string;
  /** WECHATY_PUPPET_TOKEN / WECHATY_PUPPET_SERVICE_TOKEN. */
  puppetToken?: string;
  /** Names the wechaty instance (its memory card). */
  name?: string;
  /** BOT_NAME: what workers type after "@". */
  botName: string;
  /** NIANGJIA_WAKE_WORDS: a room message starting with one of these addresses the bot. */
  wakeWords: string[];
  handle: (msg: Inbound) => Promise<Reply[]>;
  /** Replies leave through the paced queue when given; otherwise they are sent directly. */
  outbound?: OutboundQueue;
  log: Logger;
  /** Talkers whose name marks another bot; their messages are ignored so two bots never loop. */
  isOtherBot?: (name: string) => boolean;
  /** Where the login QR code goes (default: drawn on the terminal). */
  printQr?: (drawing: string, url: string) => void;
}

export interface WechatHandle {
  bot: Wechaty;
  channel: WechatChannel;
  stop(): Promise<void>;
}

const defaultIsOtherBot = (name: string) => /机器人|(^|[^a-z])bot([^a-z]|$)/i.test(name);

function defaultPrintQr(drawing: string, url: string): void {
  process.stdout.write(`\n微信扫码登录 Niangjia：\n${drawing}\n${url}\n`);
}

/**
 * Runs the bot on one WeChat account: maps each addressed message to an Inbound, asks the
 * engine, and answers - @-mentioning the asker in rooms, moving private details to a private
 * chat. Logging out keeps all conversation state (it lives in the state backend); the bot
 * simply waits for the next login.
 */
export async function startWechat(o: WechatOptions): Promise<WechatHandle> {
  const log = o.log.child({ mod: 'wechat' });
  const options: WechatyOptions = o.puppet
    ? { puppet: o.puppet, name: o.name }
    : {
        puppet: o.puppetName as OfficialPuppetNpmName,
        puppetOptions: o.puppetToken ? { token: o.puppetToken } : {},
        name: o.name,
      };
  const bot = WechatyBuilder.build(options);
  const channel = new WechatChannel(bot, log);
  o.outbound?.register(channel);
  const isOtherBot = o.isOtherBot ?? defaultIsOtherBot;
  const printQr = o.printQr ?? defaultPrintQr;

  bot.on('scan', (qrcode, status) => {
    if (status !== types.ScanStatus.Waiting && status !== types.ScanStatus.Timeout) return;
    const url = `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`;
    qrcodeTerminal.generate(qrcode, { small: true }, (drawing) => printQr(drawing, url));
    log.info({ status }, 'waiting for a WeChat login: scan the QR code');
  });
  bot.on('login', (user) => log.info({ user: user.name() }, 'wechat logged in'));
  bot.on('logout', (user, reason) =>
    log.warn({ user: user.name(), reason }, 'wechat logged out; waiting for the next login (conversations are kept)'),
  );
  bot.on('error', (err) => log.error({ err: err.message }, 'wechat error'));
  bot.on('message', (msg) => {
    onMessage(msg).catch((err: Error) => log.error({ messageId: msg.id, err: err.message }, 'wechat message failed'));
  });

  async function onMessage(msg: Message): Promise<void> {
    if (msg.self() || msg.type() !== types.Message.Text) return;
    const talker = msg.talker();
    if (talker.id === bot.currentUser.id || talker.type() === types.Contact.Official || isOtherBot(talker.name())) return;
    const room = msg.room();
    const me = bot.currentUser;
    const botNames = [o.botName, me.name()];
    if (room) {
      const alias = await room.alias(me).catch(() => undefined);
      if (alias) botNames.push(alias);
    }
    const mentionSelf = room ? await msg.mentionSelf().catch(() => false) : false;
    const inbound = toInbound({
      messageId: msg.id,
      text: mentionSelf ? await msg.mentionText() : msg.text(),
      talkerId: talker.id,
      talkerName: talker.name(),
      roomId: room?.id,
      mentionSelf,
      botNames,
      wakeWords: o.wakeWords,
      receivedAt: msg.date(),
    });
    if (!inbound) return;
    channel.remember(talker.id, 'contact');
    if (room) channel.remember(room.id, 'room');
    const replies = await o.handle(inbound);
    for (const [i, reply] of replies.entries()) {
      const key = `wechat:${msg.id}:${i}`;
      const follow = reply.privateFollowUp;
      const shown: Reply = follow ? { ...reply, privateFollowUp: undefined } : reply;
      await send(room ? roomTarget(room.id, talker.id) : talker.id, shown, key);
      if (follow) {
        const dm: Reply = { text: follow.text, citations: [], action: reply.action, awaiting: follow.awaiting };
        await send(talker.id, dm, `${key}:private`);
      }
    }
  }

  async function send(chatId: string, reply: Reply, dedupeKey: string): Promise<void> {
    if (!o.outbound) return channel.send(chatId, reply);
    try {
      await o.outbound.enqueue({ platform: 'wechat', chatId, reply, dedupeKey });
    } catch (err) {
      // The queue lives on Redis and Redis is away: send this one directly so the worker still
      // hears back (typically "busy, try again"), unpaced but not lost.
      log.warn({ dedupeKey, err: (err as Error).message }, 'outbound queue unavailable; sending directly');
      await channel.send(chatId, reply);
    }
  }

  await bot.start();
  return {
    bot,
    channel,
    async stop() {
      await bot.stop();
    },
  };
}
