import type { EventEmitter } from 'node:events';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { OutboundQueue } from '../adapters/channel.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { Permission } from '../auth/roles.ts';
import type { LoginThrottle } from '../auth/throttle.ts';
import type { UserStore } from '../auth/users.ts';
import type { WebSession, WebSessionStore } from '../auth/web-sessions.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { EngineEventMap } from '../engine/services.ts';
import type { ReloadableKnowledgeBase } from '../knowledge/reloadable.ts';
import type { Logger } from '../log.ts';
import type { NoticeService } from '../notices/service.ts';
import type { SessionStore } from '../store/ports.ts';
import type { TicketDesk } from '../tickets/desk.ts';
import type { TicketListener } from '../tickets/events.ts';
import type { Ticket, TicketStore } from '../tickets/types.ts';
import type { FeedbackStore } from './feedback.ts';
import type { LiveHub } from './live.ts';

/** What the console is built from; the composition root owns every client and closes them. */
export interface ConsoleDeps {
  database: Database;
  tickets: TicketStore;
  outbound: OutboundQueue;
  /** Chat sessions, for taking a worker's conversation over. */
  sessions: SessionStore;
  notices: NoticeService;
  config: Config;
  log: Logger;
  clock: () => Date;
  /** The engine's events: new tickets, worker messages in taken-over chats, unanswered questions. */
  events?: EventEmitter<EngineEventMap>;
  /** Subscribes to committed ticket changes (observeTicketStore().on), so changes made through the API show live too. */
  ticketEvents?: (listener: TicketListener) => () => void;
  /** Sends an operator's reply into the worker's chat; default: the ticket WorkerNotifier over `outbound`. */
  notify?: (ticket: Ticket, text: string, replyId: string) => Promise<void>;
  /** The one door to ticket changes, shared with the back-office API; default: a desk over `tickets`, `sessions` and the notifier. */
  desk?: TicketDesk;
  /** Live events for open pages; pass the service's hub so several processes share it (Redis). Default: one for this console. */
  live?: LiveHub;
  /** Other routes on the same server (the Telegram webhook); they sit outside the console's login. */
  mount?: (app: FastifyInstance) => void;
  /** The back-office API plugin with its options bound (buildApi of src/api); it mounts itself under /api/v1 with its own bearer-token auth. */
  backofficeApi?: FastifyPluginAsync;
  /** The knowledge editor: the running service's knowledge base and the folder its entries are written to. */
  knowledge?: { kb: ReloadableKnowledgeBase; dir: string };
}

/** Everything a console route gets, passed as plugin options (no global decorations). */
export interface ConsoleContext extends ConsoleDeps {
  notify: NonNullable<ConsoleDeps['notify']>;
  users: UserStore;
  webSessions: WebSessionStore;
  throttle: LoginThrottle;
  audit: AuditLog;
  live: LiveHub;
  desk: TicketDesk;
  feedback: FeedbackStore;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in console user; set by the auth hook on every non-public route. */
    consoleSession: WebSession | null;
  }
  interface FastifyContextConfig {
    /** Any one of these lets the user in; routes without it only need a login. */
    permission?: Permission | Permission[];
    /** Reachable without logging in (login page, assets, health). */
    public?: boolean;
  }
}
