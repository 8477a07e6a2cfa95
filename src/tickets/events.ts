import { randomUUID } from 'node:crypto';
import type { Ticket, TicketNote, TicketStatus, TicketStore } from './types.ts';

/**
 * Ticket change events, emitted after each change has committed. The back-office webhook and
 * the console's live views subscribe here instead of polling the store.
 */
export const TICKET_EVENT_TYPES = [
  'ticket.created',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.transcript_appended',
  'ticket.note_added',
  'ticket.rated',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export interface TicketEvent {
  /** Unique per event; receivers use it to drop redeliveries. */
  id: string;
  type: TicketEventType;
  at: string;
  actor: string;
  /** The ticket as it is after the change. */
  ticket: Ticket;
  change?: { from?: string | null; to?: string | null; detail?: string | null };
  note?: TicketNote;
}

export type TicketListener = (event: TicketEvent) => void | Promise<void>;

export interface ObservedTicketStore {
  store: TicketStore;
  /** Subscribes; returns the unsubscribe function. A failing listener never fails the change. */
  on(listener: TicketListener): () => void;
}

/** Wraps a store so every committed change is announced to the listeners. */
export function observeTicketStore(inner: TicketStore, options: { clock?: () => Date; onListenerError?: (err: unknown) => void } = {}): ObservedTicketStore {
  const clock = options.clock ?? (() => new Date());
  const listeners = new Set<TicketListener>();

  function emit(type: TicketEventType, actor: string, ticket: Ticket, extra: Pick<TicketEvent, 'change' | 'note'> = {}): void {
    const event: TicketEvent = { id: randomUUID(), type, at: clock().toISOString(), actor, ticket, ...extra };
    for (const listener of listeners) {
      try {
        const result = listener(event);
        if (result && typeof (result as Promise<void>).catch === 'function') (result as Promise<void>).catch((err) => options.onListenerError?.(err));
      } catch (err) {
        options.onListenerError?.(err);
      }
    }
  }

  async function statusOf(number: string): Promise<TicketStatus | undefined> {
    return listeners.size ? (await inner.get(number))?.status : undefined;
  }

  const store: TicketStore = {
    ...inner,
    async file(input, actor) {
      const result = await inner.file(input, actor);
      if (result.created) emit('ticket.created', actor, result.ticket);
      return result;
    },
    async transition(number, to, actor, detail) {
      const from = await statusOf(number);
      const ticket = await inner.transition(number, to, actor, detail);
      emit('ticket.status_changed', actor, ticket, { change: { from: from ?? null, to, detail: detail ?? null } });
      return ticket;
    },
    async assign(number, assignee, actor) {
      const before = listeners.size ? await inner.get(number) : undefined;
      const ticket = await inner.assign(number, assignee, actor);
      emit('ticket.assigned', actor, ticket, { change: { from: before?.assignee ?? null, to: assignee } });
      return ticket;
    },
    async appendTranscript(number, line, actor) {
      const ticket = await inner.appendTranscript(number, line, actor);
      emit('ticket.transcript_appended', actor, ticket, { change: { to: line.from, detail: line.text } });
      return ticket;
    },
    async addNote(number, text, actor) {
      const note = await inner.addNote(number, text, actor);
      const ticket = await inner.get(number);
      if (ticket) emit('ticket.note_added', actor, ticket, { note });
      return note;
    },
    async rate(number, rating, actor) {
      const ticket = await inner.rate(number, rating, actor);
      emit('ticket.rated', actor, ticket, { change: { to: String(rating) } });
      return ticket;
    },
  };

  return {
    store,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
