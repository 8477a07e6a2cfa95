import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from './config.ts';
import { migrate, openDatabase, type Database } from './db/index.ts';
import type { EngineEventMap, Services } from './engine/services.ts';
import { loadKnowledgeBase } from './knowledge/index.ts';
import { prepareNeighbours } from './knowledge/neighbours.ts';
import { watchKnowledge, type KnowledgeWatcher } from './knowledge/live.ts';
import { reloadable, type ReloadableKnowledgeBase } from './knowledge/reloadable.ts';
import { buildModelPath } from './llm/build.ts';
import { createLogger, type Logger } from './log.ts';
import { createOutbound, type DeliveryEvent, type DeliveryListener, type ManagedOutbound } from './outbound/index.ts';
import { createMemoryBackend } from './store/memory/index.ts';
import { observeTicketStore, type ObservedTicketStore } from './tickets/events.ts';
import { createTicketFiler, startOutboxFlusher } from './tickets/filing.ts';
import { cacheRequesterTickets, type RequesterCache } from './tickets/requester-cache.ts';
import { shareRequesterChanges } from './tickets/requester-sync.ts';
import { createFileOutbox } from './tickets/outbox-file.ts';
import { mirroredOutbox } from './tickets/outbox-mirrored.ts';
import { createRedisOutbox } from './tickets/outbox-redis.ts';
import { createSqlTicketStore } from './tickets/sql-store.ts';
import type { KnowledgeBase } from './knowledge/base.ts';
import { connectWebhook, createWebhookSender, type WebhookDelivery } from './api/webhook.ts';
import { createWorkerNotifier, type WorkerNotifier } from './tickets/notify.ts';
import { createTicketDesk, type TicketDesk } from './tickets/desk.ts';
import { createAuditLog } from './auth/audit.ts';
import { LiveHub } from './console/live.ts';

/** Listeners for outbound outcomes; each is awaited, so a message is acknowledged only after they have recorded it. */
export interface DeliveryListeners {
  on(listener: DeliveryListener): void;
  emit(event: DeliveryEvent): Promise<void>;
}

function createDeliveryListeners(log: Logger): DeliveryListeners {
  const listeners: DeliveryListener[] = [];
  return {
    on: (listener) => void listeners.push(listener),
    emit: async (event) => {
      for (const l of listeners) await Promise.resolve(l(event)).catch((err) => log.warn({ err }, 'delivery listener failed'));
    },
  };
}

/** The running service's parts, with the handles main.ts needs to wire adapters and shut down. */
export interface RunningServices extends Services {
  kb: ReloadableKnowledgeBase;
  database: Database;
  observed: ObservedTicketStore;
  /** Each worker's tickets as the chat turns read them; `tickets` answers listForRequester from it. */
  requesters: RequesterCache;
  outbound: ManagedOutbound;
  /** What happened to each outbound message (sent, retry, dropped, uncertain); notice delivery reports listen here. */
  deliveries: DeliveryListeners;
  /** Tells workers about their tickets in their chat (operator replies, 回访, late filing). */
  notifier: WorkerNotifier;
  /** The one door to ticket changes, for the console and the back-office API alike. */
  desk: TicketDesk;
  /** Live events for open console pages, shared by every process on the same Redis. */
  live: LiveHub;
  redis?: Redis;
  /** The knowledge base following its files; absent when the knowledge was handed in. */
  knowledge?: KnowledgeWatcher;
  close(): Promise<void>;
}

export interface BuildOptions {
  log?: Logger;
  /** An already-open database (tests and eval hand in an in-memory PGlite). */
  database?: Database;
  kb?: KnowledgeBase;
  clock?: () => Date;
  /** Skip the periodic outbox flusher (tests drive flush themselves). */
  noFlusher?: boolean;
  /** How often the knowledge files are checked for changes (default 3 s). */
  kbPollMs?: number;
}

/** How long a worker's cached ticket list is trusted: changes arrive as events, this bounds a missed one. */
const CACHE_TTL_MS = 60_000;
/** On PostgreSQL shared without Redis, another process's change reaches this one only by expiry. */
const SHARED_DB_TTL_MS = 2_000;

/**
 * Builds every service from the configuration: memory or Redis state, PGlite or PostgreSQL
 * tickets, the knowledge base, the optional model path and the outbound queue. Start-up errors
 * (an unreachable REDIS_URL or DATABASE_URL, a bad knowledge entry) throw and stop the process.
 */
export async function buildServices(config: Config, options: BuildOptions = {}): Promise<RunningServices> {
  const log = options.log ?? createLogger({ level: config.LOG_LEVEL });
  const clock = options.clock ?? (() => new Date());
  // ioredis is loaded only when Redis is configured.
  const redisStore = config.REDIS_URL ? await import('./store/redis/index.ts') : undefined;
  const redis = redisStore && config.REDIS_URL ? await redisStore.connectRedis(config.REDIS_URL, log) : undefined;
  const state = redisStore && redis ? redisStore.createRedisBackend({ redis, keyPrefix: 'niangjia:' }) : createMemoryBackend(() => clock().getTime());

  // The embedded database opens and migrates itself on its first query; PostgreSQL is checked now.
  const database = options.database ?? (await openDatabase(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.DATA_DIR, lazy: true }));
  if (database.kind === 'postgres' || options.database) await migrate(database);
  const observed = observeTicketStore(createSqlTicketStore({ database, clock }), { clock, onListenerError: (err) => log.warn({ err }, 'ticket listener failed') });
  // A worker's own tickets, for the status, rating and add-information turns: kept current by this
  // process's changes, by other processes' through Redis, and without Redis on a shared
  // PostgreSQL only by a short TTL (the embedded database has no other writer).
  const requesters = cacheRequesterTickets(observed, { ttlMs: database.kind === 'postgres' && !redis ? SHARED_DB_TTL_MS : CACHE_TTL_MS });
  const leaveRequesters = redis ? await shareRequesterChanges({ redis, channel: 'niangjia:ticket-requesters', cache: requesters, observed, log }) : undefined;
  // With Redis the outbox is shared, and mirrored on disk: a Redis restart that keeps nothing must not lose a form the worker was told is kept.
  const localOutbox = createFileOutbox({ file: path.join(config.DATA_DIR, 'ticket-outbox.jsonl') });
  const outbox = redis ? mirroredOutbox(createRedisOutbox({ redis, key: 'niangjia:ticket-outbox' }), localOutbox) : localOutbox;
  const deliveries = createDeliveryListeners(log);
  const outbound = createOutbound(config, { log, ...(redis ? { redis } : {}), onEvent: deliveries.emit });
  const notifier = createWorkerNotifier({ outbound, sessions: state.sessions, sessionTtlSeconds: config.SESSION_TTL_SECONDS, clock });
  const events = new EventEmitter<EngineEventMap>();
  const filer = createTicketFiler({
    store: observed.store,
    outbox,
    log,
    clock,
    onFlushed: async (ticket, created) => {
      events.emit('ticketFiled', { number: ticket.number, created });
      if (created) await notifier.filedLate(ticket);
    },
  });
  const flusher = options.noFlusher ? undefined : startOutboxFlusher(filer, 15_000, log);
  // Webhook deliveries wait in the same kind of outbox as queued forms, so a restart loses none.
  const deliveryKey = (d: WebhookDelivery) => d.event.id;
  const webhookQueue = redis
    ? createRedisOutbox({ redis, key: 'niangjia:webhook-outbox', keyOf: deliveryKey })
    : createFileOutbox({ file: path.join(config.DATA_DIR, 'webhook-outbox.jsonl'), keyOf: deliveryKey });
  const webhook =
    config.BACKOFFICE_WEBHOOK_URL && config.BACKOFFICE_WEBHOOK_SECRET
      ? createWebhookSender({ url: config.BACKOFFICE_WEBHOOK_URL, secret: config.BACKOFFICE_WEBHOOK_SECRET, log, queue: webhookQueue })
      : undefined;
  const unhook = webhook ? connectWebhook(observed, webhook) : undefined;
  const live = new LiveHub();
  const leaveLive = redis ? await live.joinRedis({ redis, channel: 'niangjia:live', log }) : undefined;
  const desk = createTicketDesk({
    tickets: observed.store,
    filer,
    sessions: state.sessions,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
    notifier,
    audit: createAuditLog({ database, clock }),
    announce: (e) => live.emit('ticket', e),
    clock,
    log,
  });

  const passagesDir = path.join(config.DATA_DIR, 'passages');
  const loadKb = async () => {
    const loaded = await loadKnowledgeBase(config.KB_DIR, { passagesDir });
    prepareNeighbours(loaded);
    return loaded;
  };
  // Reloadable: an entry saved from the console's knowledge editor answers the next question, and so
  // does any change to the files (an edit under KB_DIR, passages written by `kb ingest` in another
  // process). Knowledge handed in is not watched.
  const kb = reloadable(options.kb ?? (await loadKb()), loadKb);
  const watcher = options.kb ? undefined : await watchKnowledge({ kb, dirs: [config.KB_DIR, passagesDir], log, ...(options.kbPollMs ? { pollMs: options.kbPollMs } : {}) });
  const model = await buildModelPath(config, { log, kbVersion: () => kb.version, ...(redis ? { redis } : {}), clock });

  return {
    config,
    log,
    clock,
    state,
    kb,
    ...(watcher ? { knowledge: watcher } : {}),
    tickets: requesters.store,
    observed,
    requesters,
    filer,
    outbound,
    deliveries,
    notifier,
    desk,
    live,
    ...(model ? { model } : {}),
    events,
    database,
    ...(redis ? { redis } : {}),
    async close() {
      watcher?.stop();
      await flusher?.stop();
      await leaveLive?.();
      await leaveRequesters?.();
      requesters.close();
      unhook?.();
      webhook?.stop();
      // Deliveries still waiting stay in the outbox; let go of them before the connection closes.
      await webhook?.idle();
      await outbound.stop().catch(() => {});
      await state.close();
      if (!options.database) await database.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
