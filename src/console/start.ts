import type { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { OutboundQueue } from '../adapters/channel.ts';
import { buildApi } from '../api/plugin.ts';
import { createUserStore, ensureAdmin, validateUsername } from '../auth/users.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { EngineEventMap } from '../engine/services.ts';
import type { Logger } from '../log.ts';
import { createNoticeService, type NoticeService } from '../notices/service.ts';
import { noticeEventRecorder } from '../notices/tracking.ts';
import type { DeliveryEvent } from '../outbound/deliver.ts';
import type { SessionStore } from '../store/ports.ts';
import type { TicketListener } from '../tickets/events.ts';
import type { TicketFiler } from '../tickets/filer.ts';
import type { TicketStore } from '../tickets/types.ts';
import { buildConsole } from './app.ts';
import type { LiveHub } from './live.ts';
import type { TicketDesk } from '../tickets/desk.ts';
import type { ConsoleDeps } from './context.ts';
import { createWorkerNotifier } from '../tickets/notify.ts';

/** What src/main.ts hands over: the built services (see src/services.ts). */
export interface StartConsoleDeps {
  config: Config;
  log: Logger;
  clock: () => Date;
  database: Database;
  tickets: TicketStore;
  filer?: TicketFiler;
  outbound: OutboundQueue;
  sessions: SessionStore;
  events?: EventEmitter<EngineEventMap>;
  ticketEvents?: (listener: TicketListener) => () => void;
  /** Pass one in when adapters already hold it (they call subscribe/unsubscribe); otherwise one is made. */
  notices?: NoticeService;
  /** Routes that share the server but not the console's login (the Telegram webhook). */
  mount?: (app: FastifyInstance) => void;
  /** The service's ticket desk and live hub (src/services.ts); without them the console makes its own. */
  desk?: TicketDesk;
  live?: LiveHub;
  /** Scheduler period for notices; default 5 s. */
  schedulerIntervalMs?: number;
  /** The knowledge editor's knowledge base and folder (see ConsoleDeps). */
  knowledge?: ConsoleDeps['knowledge'];
}

export interface RunningConsole {
  app: FastifyInstance;
  url: string;
  notices: NoticeService;
  /** Give this to the outbound queue's `onEvent` so notice deliveries are recorded as sent/failed/retried. */
  onDeliveryEvent: (event: DeliveryEvent) => void;
  close(): Promise<void>;
}

/**
 * Starts the console on HOST:PORT: the first admin from ADMIN_USERNAME/ADMIN_PASSWORD, the
 * console pages, the back-office API under /api/v1 (when BACKOFFICE_API_TOKEN is set) and the
 * notice scheduler.
 */
export async function startConsole(deps: StartConsoleDeps): Promise<RunningConsole> {
  const { config, log, database, clock } = deps;
  const notices = deps.notices ?? createNoticeService({ database, outbound: deps.outbound, clock, log });
  // The embedded database opens on its first need, not for the first admin or the account count:
  // both run as part of its opening (at once on an open database), before the query that opened it.
  const { ADMIN_USERNAME: username, ADMIN_PASSWORD: password } = config;
  if (username && password) {
    validateUsername(username);
    await database.whenOpen(async (db) => {
      const admin = await ensureAdmin(createUserStore({ database: db }), { username, password });
      if (admin) log.info({ mod: 'console', username: admin.username }, 'first admin account created');
    });
  } else {
    const noAccounts = () => log.warn({ mod: 'console' }, 'no console accounts yet: set ADMIN_USERNAME/ADMIN_PASSWORD or run `npm run user -- add NAME --role admin`');
    // Without files there are no accounts.
    if (database.state() === 'not created yet') noAccounts();
    else
      await database.whenOpen(async (db) => {
        if ((await createUserStore({ database: db }).count().catch(() => 1)) === 0) noAccounts();
      });
  }
  const notifier = createWorkerNotifier({ outbound: deps.outbound, sessions: deps.sessions, sessionTtlSeconds: config.SESSION_TTL_SECONDS, clock });
  const notify = (ticket: Parameters<typeof notifier.reply>[0], text: string, replyId: string) => notifier.reply(ticket, text, replyId);
  const backofficeApi = buildApi({
    tickets: deps.tickets,
    ...(deps.desk ? { desk: deps.desk } : {}),
    ...(deps.filer ? { filer: deps.filer } : {}),
    token: config.BACKOFFICE_API_TOKEN,
    notify: (ticket, text) => notify(ticket, text, randomUUID()),
    log,
    clock,
  });
  const app = await buildConsole({
    database,
    tickets: deps.tickets,
    outbound: deps.outbound,
    sessions: deps.sessions,
    notices,
    config,
    log,
    clock,
    backofficeApi,
    notify,
    ...(deps.mount ? { mount: deps.mount } : {}),
    ...(deps.desk ? { desk: deps.desk } : {}),
    ...(deps.live ? { live: deps.live } : {}),
    ...(deps.events ? { events: deps.events } : {}),
    ...(deps.ticketEvents ? { ticketEvents: deps.ticketEvents } : {}),
    ...(deps.knowledge ? { knowledge: deps.knowledge } : {}),
  });
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  const scheduler = notices.startScheduler({ intervalMs: deps.schedulerIntervalMs ?? 5000 });
  log.info({ mod: 'console', url: address }, 'console listening');
  return {
    app,
    url: address,
    notices,
    onDeliveryEvent: noticeEventRecorder(notices, log),
    async close() {
      await scheduler.stop();
      await app.close();
    },
  };
}
