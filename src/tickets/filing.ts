import type { Logger } from '../log.ts';
import { AppError } from '../errors.ts';
import type { FileResult, TicketFiler } from './filer.ts';
import type { Outbox } from './outbox.ts';
import type { Ticket, TicketStore } from './types.ts';

export interface TicketFilerOptions {
  store: TicketStore;
  outbox: Outbox;
  log: Logger;
  clock?: () => Date;
  /** Called for each form the outbox filed late, so the worker can be told the ticket number. */
  onFlushed?: (ticket: Ticket, created: boolean) => void | Promise<void>;
}

/**
 * Files confirmed forms. When the ticket database is unreachable the form goes to the outbox and
 * the worker is told it is kept; `flush` files it when the database is back and removes it only
 * after the store has it. The idempotency key makes a retry after a crash file nothing twice.
 */
export function createTicketFiler(options: TicketFilerOptions): TicketFiler {
  const { store, outbox } = options;
  const log = options.log.child({ mod: 'tickets.filer' });
  const clock = options.clock ?? (() => new Date());
  let flushing: Promise<number> | undefined;

  async function flushOnce(): Promise<number> {
    let filed = 0;
    for (const item of await outbox.list()) {
      try {
        const { ticket, created } = await store.file(item.input, item.actor);
        await outbox.remove(item.input.idempotencyKey);
        filed += 1;
        log.info({ number: ticket.number, created, queuedAt: item.queuedAt }, 'queued ticket filed');
        try {
          await options.onFlushed?.(ticket, created);
        } catch (err) {
          log.warn({ err, number: ticket.number }, 'could not announce a late-filed ticket');
        }
      } catch (err) {
        if (err instanceof AppError && err.code === 'STORE_UNAVAILABLE') {
          log.warn({ pending: true }, 'ticket database still unreachable; outbox kept');
          break;
        }
        // A form the store refuses for another reason stays queued for a person to look at.
        log.error({ err, idempotencyKey: item.input.idempotencyKey }, 'queued ticket could not be filed');
      }
    }
    return filed;
  }

  return {
    async file(input, actor): Promise<FileResult> {
      try {
        const { ticket, created } = await store.file(input, actor);
        return { status: 'filed', ticket, created };
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'STORE_UNAVAILABLE')) throw err;
        try {
          await outbox.put({ input, actor, queuedAt: clock().toISOString() });
        } catch (outboxErr) {
          log.error({ err: outboxErr }, 'ticket database and outbox both unavailable');
          throw new AppError('STORE_UNAVAILABLE', 'ticket database unreachable and the outbox could not keep the form', { cause: outboxErr });
        }
        log.warn({ idempotencyKey: input.idempotencyKey }, 'ticket database unreachable; form kept in the outbox');
        return { status: 'queued', idempotencyKey: input.idempotencyKey };
      }
    },
    flush() {
      // One flush at a time per process; a caller arriving mid-flush waits for that one.
      flushing ??= flushOnce().finally(() => {
        flushing = undefined;
      });
      return flushing;
    },
    pending: () => outbox.size(),
  };
}

/** Flushes the outbox every `intervalMs` until stopped; the timer does not keep the process alive. */
export function startOutboxFlusher(filer: TicketFiler, intervalMs: number, log?: Logger): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = filer.flush().catch((err: unknown) => log?.warn({ err }, 'outbox flush failed'));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
