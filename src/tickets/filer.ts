import type { NewTicket, Ticket } from './types.ts';

export type FileResult =
  | { status: 'filed'; ticket: Ticket; created: boolean }
  /** The database was unreachable: the ticket is kept in the outbox and filed when it returns. */
  | { status: 'queued'; idempotencyKey: string };

/** Files confirmed forms exactly once, even across a database outage or a retry after a crash. */
export interface TicketFiler {
  file(input: NewTicket, actor: string): Promise<FileResult>;
  /** Files what the outbox holds; returns how many were filed. */
  flush(): Promise<number>;
  pending(): Promise<number>;
}
