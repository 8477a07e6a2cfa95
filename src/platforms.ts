import type { Config } from './config.ts';
import type { Engine } from './engine/engine.ts';
import type { RunningServices } from './services.ts';
import { startWechat } from './adapters/wechat/index.ts';

/**
 * Starts the chat platforms that are configured: WeChat when WECHATY_PUPPET is set, Telegram
 * when TELEGRAM_BOT_TOKEN is set. Returns one function that stops them all.
 */
export async function startPlatforms(deps: { config: Config; services: RunningServices; engine: Engine }): Promise<() => Promise<void>> {
  const { config, services, engine } = deps;
  const stops: (() => Promise<void>)[] = [];
  if (config.WECHATY_PUPPET) {
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
  return async () => {
    for (const stop of stops) await stop();
  };
}
