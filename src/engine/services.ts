import type { EventEmitter } from 'node:events';
import type { Platform } from '../core/message.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { OutboundQueue } from '../adapters/channel.ts';
import type { KnowledgeBase } from '../knowledge/base.ts';
import type { StateBackend } from '../store/ports.ts';
import type { TicketStore } from '../tickets/types.ts';
import type { ModelPath } from '../llm/port.ts';
import type { TicketFiler } from '../tickets/filer.ts';
import type { TicketDesk } from '../tickets/desk.ts';

/** Events the engine emits for the console's dashboard and live views. */
export interface EngineEventMap {
  /** A question the knowledge base could not answer (the list the KB grows from). */
  unanswered: [{ text: string; intent: string; at: string; platform: string }];
  /** The worker said an answer did not help. */
  unhelpful: [{ text: string; entryIds: string[]; at: string }];
  ticketFiled: [{ number: string; created: boolean }];
  /** A worker wrote into a conversation an operator has taken over. */
  workerMessage: [{ conversationKey: string; ticketNumber?: string; text: string; at: string }];
}

/** Everything a turn needs, built once by buildServices and passed in; nothing reaches for globals. */
export interface Services {
  config: Config;
  log: Logger;
  clock: () => Date;
  state: StateBackend;
  kb: KnowledgeBase;
  tickets: TicketStore;
  /** Files confirmed forms; keeps them in an outbox when the ticket database is away. */
  filer: TicketFiler;
  /** The one door to ticket changes: the worker's additions and ratings go through it, like the console's. */
  desk: Pick<TicketDesk, 'addition' | 'rate'>;
  outbound?: OutboundQueue;
  /** Present only when OPENAI_* is configured. */
  model?: ModelPath;
  events: EventEmitter<EngineEventMap>;
  /** Groups subscribe to policy notices with a chat command; absent when notices are not set up. */
  subscriptions?: Subscriptions;
}

export interface Subscriptions {
  subscribe(chat: { platform: Platform; chatId: string; title?: string }): Promise<{ text: string }>;
  unsubscribe(chat: { platform: Platform; chatId: string; title?: string }): Promise<{ text: string }>;
}
