import type { ObservedTicketStore, TicketEvent } from './events.ts';
import type { Ticket, TicketStore } from './types.ts';

/** Whose tickets a list holds: the origin a worker's chat files under. */
export function requesterKey(origin: { platform: string; senderId: string }): string {
  return `${origin.platform}:${origin.senderId}`;
}

export interface RequesterCacheOptions {
  /**
   * How long a list is trusted without news of a change. Changes made in this process arrive as
   * events and keep lists current; changes made by another process arrive only through
   * `invalidate` (Redis pub/sub), or, where there is none, only through this TTL.
   */
  ttlMs: number;
  /** Workers kept at most; the least recently read go first. */
  maxEntries?: number;
  now?: () => number;
}

export interface RequesterCache {
  /** The store with listForRequester answered from the cache; everything else goes to the store. */
  store: TicketStore;
  /** Forgets one worker's list (a change made elsewhere). */
  invalidate(requester: string): void;
  /** Stops following the store's events. */
  close(): void;
  size(): number;
}

interface Entry {
  tickets: Ticket[];
  loadedAt: number;
}

/**
 * Each worker's tickets, newest first, as listForRequester returns them: read from the database
 * on a miss, then kept current from the store's change events (filed, moved, assigned, replied,
 * noted, rated), so the ticket-status turn is answered without a query. A list only ever holds
 * tickets whose origin is its worker: an event lands in the list of the ticket's own origin.
 */
export function cacheRequesterTickets(observed: ObservedTicketStore, options: RequesterCacheOptions): RequesterCache {
  const now = options.now ?? Date.now;
  const max = options.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();
  // Database reads in flight per worker: a change while one runs makes its result too old to keep.
  const loading = new Map<string, Set<{ stale: boolean }>>();
  const outdate = (key: string) => loading.get(key)?.forEach((load) => (load.stale = true));

  function apply(event: TicketEvent): void {
    const key = requesterKey(event.ticket.origin);
    outdate(key);
    const entry = entries.get(key);
    if (!entry) return;
    const ticket = structuredClone(event.ticket);
    const at = entry.tickets.findIndex((t) => t.number === ticket.number);
    if (at >= 0) entry.tickets[at] = ticket;
    else entry.tickets.unshift(ticket); // a ticket just filed is the newest
  }

  function remember(key: string, tickets: Ticket[]): void {
    entries.delete(key);
    entries.set(key, { tickets: structuredClone(tickets), loadedAt: now() });
    while (entries.size > max) entries.delete(entries.keys().next().value as string);
  }

  const stop = observed.on(apply);
  const inner = observed.store;
  const store: TicketStore = {
    ...inner,
    async listForRequester(origin) {
      const key = requesterKey(origin);
      const hit = entries.get(key);
      if (hit && now() - hit.loadedAt < options.ttlMs) {
        // Most recently read last, so the bound drops the workers not seen for longest.
        entries.delete(key);
        entries.set(key, hit);
        return structuredClone(hit.tickets);
      }
      const load = { stale: false };
      const mine = loading.get(key) ?? new Set();
      loading.set(key, mine.add(load));
      try {
        const tickets = await inner.listForRequester(origin);
        if (!load.stale) remember(key, tickets);
        return tickets;
      } finally {
        mine.delete(load);
        if (!mine.size && loading.get(key) === mine) loading.delete(key);
      }
    },
  };

  return {
    store,
    invalidate(requester) {
      outdate(requester);
      entries.delete(requester);
    },
    close: stop,
    size: () => entries.size,
  };
}
