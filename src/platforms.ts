import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Engine } from './engine/engine.ts';
import type { RunningServices } from './services.ts';
import type { TelegramChat, WebhookHandler } from './adapters/telegram/index.ts';

/** The running platforms: how to stop them, and the routes (Telegram's webhook) the HTTP server must serve. */
export interface Platforms {
  stop(): Promise<void>;
  /** Adds webhook routes; call before the server listens. */
  mount(app: FastifyInstance): void;
}

/**
 * Starts the chat platforms that are configured: WeChat when WECHATY_PUPPET is set, Telegram
 * when TELEGRAM_BOT_TOKEN is set. Each platform's library is loaded only when it is configured,
 * so a service without them starts without paying for wechaty or telegraf. Returns one function
 * that stops them all.
 */
export async function startPlatforms(deps: {
  config: Config;
  services: RunningServices;
  engine: Engine;
  /** /subscribe in a Telegram group (policy notices); without it the bot says notices are not set up. */
  onSubscribe?: (chat: TelegramChat, subscribe: boolean) => Promise<string | void>;
}): Promise<Platforms> {
  const { config, services, engine } = deps;
  const stops: (() => Promise<void>)[] = [];
  const webhooks: { path: string; callback: WebhookHandler }[] = [];
  if (config.WECHATY_PUPPET) {
    const { startWechat } = await import('./adapters/wechat/index.ts');
    const token = config.WECHATY_PUPPET_TOKEN ?? config.WECHATY_PUPPET_SERVICE_TOKEN;
    const wechat = await startWechat({
      puppetName: config.WECHATY_PUPPET,
      ...(token ? { puppetToken: token } : {}),
      botName: config.BOT_NAME,
      wakeWords: config.NIANGJIA_WAKE_WORDS,
      handle: (m) => engine.handle(m),
      outbound: services.outbound,
      log: services.log,
    });
    services.outbound.register(wechat.channel);
    stops.push(wechat.stop);
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const { createRedisFollowUps, startTelegram } = await import('./adapters/telegram/index.ts');
    const telegram = await startTelegram({
      token: config.TELEGRAM_BOT_TOKEN,
      ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
      ...(config.TELEGRAM_WEBHOOK_URL ? { webhookUrl: config.TELEGRAM_WEBHOOK_URL } : {}),
      ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
      handle: (m) => engine.handle(m),
      outbound: services.outbound,
      log: services.log,
      ...(deps.onSubscribe ? { onSubscribe: deps.onSubscribe } : {}),
      ...(services.redis ? { followUps: createRedisFollowUps({ redis: services.redis, keyPrefix: 'niangjia:' }) } : {}),
    });
    if (telegram.webhook) webhooks.push(telegram.webhook);
    stops.push(telegram.stop);
  }
  return {
    async stop() {
      for (const stop of stops) await stop();
    },
    mount(app) {
      for (const hook of webhooks)
        app.post(hook.path, async (request, reply) => {
          // telegraf reads the update from req.body and answers on the raw response itself.
          reply.hijack();
          await hook.callback(Object.assign(request.raw, { body: request.body as never }), reply.raw);
        });
    },
  };
}
