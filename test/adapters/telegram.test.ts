import http from 'node:http';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import TelegramServer from 'telegram-test-api';
import { TelegramError } from 'telegraf';
import { containsPhone } from '../../src/core/redact.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryOutbound } from '../../src/outbound/index.ts';
import { startTelegram, toPlatformError, type TelegramHandle } from '../../src/adapters/telegram/index.ts';
import type { TelegramChat } from '../../src/adapters/telegram/map.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { RunningServices } from '../../src/services.ts';
import { buildTestEngine } from '../fixtures/services.ts';
import { freePort } from '../helpers/ports.ts';

const TOKEN = '123456:niangjia-test';
const GROUP = -1001;
const SECRET = 'niangjia-webhook-secret-0001';

type Client = ReturnType<TelegramServer['getClient']>;
interface BotSent {
  text: string;
  chat_id: number | string;
  reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] };
  reply_parameters?: { message_id: number };
}

/**
 * The real telegraf stack against the telegram-test-api emulator on 127.0.0.1, in webhook mode
 * through our own HTTP server (the emulator does not long-poll), answering with the real engine.
 */
describe('Telegram adapter on telegraf with the Bot API emulator', () => {
  let server: TelegramServer;
  let hook: http.Server;
  let tg: TelegramHandle;
  let services: RunningServices;
  let engine: Engine;
  const logLines: string[] = [];
  const subscribed: TelegramChat[] = [];
  const outbound = createMemoryOutbound({ log: createLogger({ level: 'silent' }) });
  const clients = new Map<string, Client>();
  let hookUrl = '';

  beforeAll(async () => {
    ({ engine, services } = await buildTestEngine());
    server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
    await server.start();
    let handler: http.RequestListener = (_req, res) => res.end();
    hook = http.createServer((req, res) => handler(req, res));
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const { port } = hook.address() as { port: number };
    const log = createLogger({
      level: 'info',
      destination: new Writable({ write: (chunk, _e, cb) => (logLines.push(String(chunk)), cb()) }),
    });
    tg = await startTelegram({
      token: TOKEN,
      apiRoot: server.config.apiURL,
      webhookUrl: `http://127.0.0.1:${port}/telegram/hook`,
      webhookSecret: SECRET,
      handle: (msg) => engine.handle(msg),
      outbound,
      log,
      onSubscribe: async (chat) => {
        subscribed.push(chat);
      },
    });
    // The emulator posts without the secret header Telegram sends; add it here, except on forged posts.
    handler = (req, res) => {
      if (!req.headers['x-forged']) req.headers['x-telegram-bot-api-secret-token'] = SECRET;
      void tg.webhook!.callback(req, res);
    };
    hookUrl = `http://127.0.0.1:${port}/telegram/hook`;
    await outbound.start();
  });

  afterAll(async () => {
    await outbound.stop();
    await tg?.stop();
    await new Promise((r) => hook?.close(r));
    await server?.stop();
    await services?.close();
  });

  function client(userId: number, chat: 'group' | 'private'): Client {
    const key = `${userId}:${chat}`;
    if (!clients.has(key))
      clients.set(
        key,
        server.getClient(TOKEN, {
          userId, firstName: `工友${userId}`, userName: `worker${userId}`, timeout: 8000, interval: 50,
          ...(chat === 'group' ? { chatId: GROUP, type: 'group', chatTitle: '渝北建筑工友群' } : { chatId: userId, type: 'private' }),
        }),
      );
    return clients.get(key)!;
  }

  const sentTo = (chatId: number): BotSent[] =>
    server.storage.botMessages.filter((u) => String(u.message.chat_id) === String(chatId)).map((u) => u.message as unknown as BotSent);

  async function next(chatId: number, after: number, what: string): Promise<BotSent[]> {
    const end = Date.now() + 8000;
    while (sentTo(chatId).length <= after) {
      if (Date.now() > end) throw new Error(`no bot message for ${what}`);
      await sleep(20);
    }
    await outbound.drain();
    return sentTo(chatId).slice(after);
  }

  it('warns at start-up that privacy mode hides group messages', () => {
    expect(logLines.some((l) => l.includes('privacy mode is on'))).toBe(true);
  });

  it('answers a group message that @-mentions the bot, as a reply, with the source', async () => {
    const c = client(42, 'group');
    const before = sentTo(GROUP).length;
    const text = '@TestNameBot 年票多少钱';
    await c.sendMessage(c.makeMessage(text, { entities: [{ type: 'mention', offset: 0, length: 12 }] }));
    const [answer] = await next(GROUP, before, 'the mention');
    expect(answer!.text).toContain('200元');
    expect(answer!.text).toContain('来源：');
    expect(answer!.reply_parameters?.message_id).toBeTypeOf('number');
  });

  it('keeps quiet in plain group chatter', async () => {
    const c = client(42, 'group');
    const before = sentTo(GROUP).length;
    await c.sendMessage(c.makeMessage('今天工地几点收工'));
    await c.sendMessage(c.makeMessage('年票多少钱啊大家知道吗'));
    await sleep(500);
    await outbound.drain();
    expect(sentTo(GROUP).length).toBe(before);
  });

  it('answers /ask and a reply to one of its own messages in a group', async () => {
    const c = client(43, 'group');
    const before = sentTo(GROUP).length;
    await c.sendCommand(c.makeCommand('/ask@TestNameBot 疗休养是什么'));
    const [a] = await next(GROUP, before, '/ask');
    expect(a!.text.length).toBeGreaterThan(10);
    const mid = sentTo(GROUP).length;
    await c.sendMessage(
      c.makeMessage('那年票呢', { reply_to_message: { message_id: 1, date: 0, chat: { id: GROUP, type: 'group', title: 'g' }, from: { id: 666, is_bot: true, first_name: 'Bot' } } } as never),
    );
    const [b] = await next(GROUP, mid, 'the reply to the bot');
    expect(b!.text.length).toBeGreaterThan(10);
  });

  it('refuses a forged update posted to the webhook without the secret, and starts no form', async () => {
    const before = sentTo(4242).length;
    const update = {
      update_id: 990001,
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), text: '帮我登记欠薪', chat: { id: 4242, type: 'private' }, from: { id: 4242, is_bot: false, first_name: '冒名' } },
    };
    for (const secret of [undefined, 'wrong-secret-0123456789']) {
      const res = await fetch(hookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forged': '1', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(403);
    }
    await sleep(300);
    await outbound.drain();
    expect(sentTo(4242).length).toBe(before);
  });

  it('answers a private chat', async () => {
    const c = client(50, 'private');
    await c.sendMessage(c.makeMessage('工会会员有哪些福利'));
    const [a] = await next(50, 0, 'the private question');
    expect(a!.text.length).toBeGreaterThan(10);
  });

  it('moves a ticket from the group to the private chat by deep link, confirms with an inline button, and shows no phone in the group', async () => {
    const g = client(60, 'group');
    const p = client(60, 'private');
    const groupBefore = sentTo(GROUP).length;
    await g.sendMessage(g.makeMessage('@TestNameBot 老板拖欠工资三个月了，我要投诉，电话 139-1234-6721', { entities: [{ type: 'mention', offset: 0, length: 12 }] }));
    const [note] = await next(GROUP, groupBefore, 'the group note');
    expect(note!.text).toContain('私聊');
    expect(note!.text).toContain('https://t.me/TestNameBot?start=ticket');

    let seen = sentTo(60).length; // the bot may already have written privately
    await p.sendCommand(p.makeCommand('/start ticket'));
    const [resumed] = await next(60, seen, 'the deep link');
    expect(resumed!.text).toContain('称呼');

    const step = async (text: string) => {
      seen = sentTo(60).length;
      await p.sendMessage(p.makeMessage(text));
      return (await next(60, seen, text)).at(-1)!;
    };
    await step('张三');
    await step('重庆某建筑公司');
    const summary = await step('渝北区');
    expect(summary.text).toContain('139****6721');
    const buttons = summary.reply_markup?.inline_keyboard?.flat().map((b) => b.callback_data);
    expect(buttons).toEqual(['qr:确认', 'qr:取消']);

    seen = sentTo(60).length;
    await p.sendCallback(p.makeCallbackQuery('qr:确认'));
    const [filed] = await next(60, seen, 'the confirm button');
    expect(filed!.text).toMatch(/12351-\d{8}-\d{4}/);

    const groupText = sentTo(GROUP).map((m) => m.text).join('\n');
    expect(containsPhone(groupText)).toBe(false);
    expect(groupText).not.toContain('6721');
  });

  it('passes /subscribe in a group to the notices callback', async () => {
    const c = client(70, 'group');
    const before = sentTo(GROUP).length;
    await c.sendCommand(c.makeCommand('/subscribe'));
    const [ok] = await next(GROUP, before, '/subscribe');
    expect(ok!.text).toContain('已订阅');
    expect(subscribed.at(-1)).toMatchObject({ platform: 'telegram', chatId: String(GROUP), chatType: 'group', title: '渝北建筑工友群' });
  });
});

describe('Telegram adapter in webhook mode without a secret', () => {
  it('refuses to start', async () => {
    await expect(
      startTelegram({
        token: TOKEN,
        botInfo: { id: 1, is_bot: true, first_name: 'bot', username: 'niangjia_bot', can_join_groups: true, can_read_all_group_messages: true, supports_inline_queries: false },
        webhookUrl: 'http://127.0.0.1:9/telegram/hook',
        handle: async () => [],
        log: createLogger({ level: 'silent' }),
      }),
    ).rejects.toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });
});

describe('Telegram adapter in long-polling mode (the default)', () => {
  it('answers a private chat it polls for', async () => {
    const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
    await server.start();
    const { engine, services } = await buildTestEngine();
    const token = '777:niangjia-polling';
    const tg = await startTelegram({ token, apiRoot: server.config.apiURL, handle: (m) => engine.handle(m), log: createLogger({ level: 'silent' }) });
    try {
      const c = server.getClient(token, { userId: 91, chatId: 91, type: 'private', timeout: 8000, interval: 50 });
      await c.sendMessage(c.makeMessage('年票多少钱'));
      const updates = await c.getUpdates();
      expect(updates.result.map((u) => u.message.text).join('\n')).toContain('200元');
    } finally {
      // The emulator answers getUpdates at once (no long poll), so the loop is stopped promptly.
      await tg.stop();
      await server.stop();
      await services.close();
    }
  });
});

describe('Telegram errors', () => {
  it("turns a 429 into a retryable error carrying retry_after, and other refusals into permanent ones", () => {
    const tooMany = toPlatformError(new TelegramError({ error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } }));
    expect(tooMany.details).toEqual({ retryAfterMs: 3000 });
    const blocked = toPlatformError(new TelegramError({ error_code: 403, description: 'Forbidden: bot was blocked by the user' }));
    expect(blocked.code).toBe('PLATFORM_API_ERROR');
    expect(blocked.details).toBeUndefined();
    expect(toPlatformError(new Error('ECONNREFUSED')).code).toBe('PLATFORM_NETWORK_ERROR');
  });
});
