/**
 * The composition root: configuration, services, the engine, then every front door that is
 * configured (terminal chat, web console and back-office API, Telegram, WeChat), and an orderly
 * shutdown. Start-up errors stop the process with a message naming what is wrong.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from './config.ts';
import { createEngine } from './engine/engine.ts';
import { AppError } from './errors.ts';
import { createLogger, quietLogDestination } from './log.ts';
import { buildServices } from './services.ts';
import { createTerminalChat } from './adapters/terminal/terminal.ts';
import { startHttp } from './http.ts';
import { startConsole } from './console/start.ts';
import { createNoticeService } from './notices/service.ts';
import { noticeEventRecorder } from './notices/tracking.ts';
import { startPlatforms } from './platforms.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const terminal = config.TERMINAL_CHAT === 'on' || (config.TERMINAL_CHAT === 'auto' && process.stdin.isTTY);
  const interactive = Boolean(terminal && process.stdin.isTTY);
  const chat = terminal ? createTerminalChat({ input: process.stdin, output: process.stdout, interactive }) : undefined;
  // A chat at the keyboard owns the screen: the log goes to a file (or only warnings to stderr).
  const quiet = interactive && process.stdout.isTTY ? quietLogDestination(path.join(config.DATA_DIR, 'niangjia.log'), config.LOG_LEVEL) : undefined;
  const log = createLogger(quiet ?? { level: config.LOG_LEVEL });
  if (quiet) chat?.say(`娘家人正在启动…${quiet.file ? `（日志写在 ${quiet.file}）` : ''}`);
  const services = await buildServices(config, { log });
  const { notifier } = services;

  // Policy notices: groups (un)subscribe by chat command; deliveries are recorded from the queue's events.
  // With the embedded database a file beside it says no notice waits, so an idle service never opens it for the scheduler.
  const idleFile = config.DATABASE_URL ? undefined : path.join(config.DATA_DIR, 'notices-idle');
  const notices = createNoticeService({ database: services.database, outbound: services.outbound, clock: services.clock, log, ...(idleFile ? { idleFile } : {}) });
  services.deliveries.on(noticeEventRecorder(notices, log));
  const engine = createEngine({ ...services, subscriptions: notices });

  const stops: (() => Promise<void>)[] = [];
  // Platforms first: Telegram's webhook route has to be on the server before it listens.
  const platforms = await startPlatforms({
    config,
    services,
    engine,
    onSubscribe: async (chat, subscribe) => (subscribe ? await notices.subscribe(chat) : await notices.unsubscribe(chat)).text,
  });
  stops.push(platforms.stop);
  const http = config.CONSOLE
    ? await startConsole({
        config,
        log,
        clock: services.clock,
        database: services.database,
        tickets: services.tickets,
        filer: services.filer,
        outbound: services.outbound,
        sessions: services.state.sessions,
        events: services.events,
        ticketEvents: services.observed.on,
        desk: services.desk,
        live: services.live,
        notices,
        mount: (app) => platforms.mount(app),
        knowledge: { kb: services.kb, dir: config.KB_DIR },
      })
    : await startHttp({ config, services, notify: (ticket, text) => notifier.reply(ticket, text, randomUUID()), mount: (app) => platforms.mount(app) });
  stops.push(() => ('close' in http ? http.close() : http.stop()));

  if (chat) services.outbound.register(chat.channel);
  await services.outbound.start();
  log.info({ url: http.url, redis: Boolean(config.REDIS_URL), postgres: Boolean(config.DATABASE_URL), model: Boolean(services.model) }, 'Niangjia is running');
  if (quiet) chat?.say(`已就绪。工作台：${http.url}`);

  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    for (const stop of stops.reverse()) await stop().catch((err) => log.warn({ err }, 'stop failed'));
    await services.close().catch((err) => log.warn({ err }, 'close failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (chat) {
    await chat.run((m) => engine.handle(m));
    if (config.TERMINAL_CHAT === 'on' || !config.TELEGRAM_BOT_TOKEN) await shutdown('terminal closed');
  }
}

main().catch((err: unknown) => {
  const message = err instanceof AppError ? `${err.code}: ${err.message}` : err instanceof Error ? err.stack ?? err.message : String(err);
  console.error(`Niangjia could not start.\n${message}`);
  process.exit(1);
});
