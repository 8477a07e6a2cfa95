import type { NewTicket } from './types.ts';

/** A confirmed form waiting for the ticket database to come back. */
export interface OutboxItem {
  input: NewTicket;
  actor: string;
  queuedAt: string;
}

/**
 * Where confirmed forms wait while the ticket database is unreachable. Keyed by the form's
 * idempotency key: putting the same form twice keeps one item, and filing it later is safe to
 * repeat because the store files each key once. Two implementations: an fsync'd append-only
 * file under DATA_DIR (one process) and a Redis hash (several processes).
 */
export interface Outbox {
  /** Durable when it resolves. A second put with the same key keeps the first. */
  put(item: OutboxItem): Promise<void>;
  /** Everything waiting, oldest first. */
  list(): Promise<OutboxItem[]>;
  remove(idempotencyKey: string): Promise<void>;
  size(): Promise<number>;
}

export function byQueuedAt(a: OutboxItem, b: OutboxItem): number {
  return a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0;
}
