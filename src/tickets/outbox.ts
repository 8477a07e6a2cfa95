import type { NewTicket } from './types.ts';

/** A confirmed form waiting for the ticket database to come back. */
export interface OutboxItem {
  input: NewTicket;
  actor: string;
  queuedAt: string;
}

/** Anything an outbox keeps: it is listed oldest first by `queuedAt`. */
export interface Queued {
  queuedAt: string;
}

/**
 * Where work that must survive a restart waits: confirmed forms while the ticket database is
 * unreachable, back-office webhook deliveries until the receiver takes them. Keyed (a form's
 * idempotency key, an event's id): putting the same key twice keeps the first item. Two
 * implementations: an fsync'd append-only file under DATA_DIR (one process) and a Redis hash
 * (several processes, which `hold` keeps from working the same item at once).
 */
export interface Outbox<T extends Queued = OutboxItem> {
  /** Durable when it resolves. A second put with the same key keeps the first. */
  put(item: T): Promise<void>;
  /** Everything waiting, oldest first. */
  list(): Promise<T[]>;
  remove(key: string): Promise<void>;
  size(): Promise<number>;
  /**
   * Takes or renews the right to work one item for `ms`; false while another owner holds it.
   * The file outbox serves one process and always says yes.
   */
  hold(key: string, owner: string, ms: number): Promise<boolean>;
  /** Gives the item up (it stays queued) so another owner may take it at once. */
  letGo(key: string, owner: string): Promise<void>;
}

/** The key of a queued form. */
export const formKey = (item: OutboxItem): string => item.input.idempotencyKey;

export function byQueuedAt(a: Queued, b: Queued): number {
  return a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0;
}
