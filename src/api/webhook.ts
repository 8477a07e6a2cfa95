import { createHmac } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { ObservedTicketStore, TicketEvent } from '../tickets/events.ts';

export interface WebhookOptions {
  /** BACKOFFICE_WEBHOOK_URL */
  url: string;
  /** BACKOFFICE_WEBHOOK_SECRET: the key of the HMAC-SHA256 signature. */
  secret: string;
  log: Logger;
  /** Tries per event, the first included (default 6). */
  maxAttempts?: number;
  /** First retry delay; doubles each time, with jitter (default 1 s, at most maxDelayMs). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per request (default 5 s). */
  timeoutMs?: number;
}

export interface WebhookSender {
  /** Queues the event and returns at once: the chat never waits for the back office. */
  send(event: TicketEvent): void;
  /** Resolves when every queued delivery has finished (delivered or given up). */
  idle(): Promise<void>;
  /** Gives up waiting retries; in-flight requests finish on their own. */
  stop(): void;
}

export const SIGNATURE_HEADER = 'x-niangjia-signature';

/** `sha256=<hex>`: HMAC-SHA256 of the exact raw body bytes. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Tells the back office about every ticket change by POSTing a signed JSON event. Delivery is
 * fire-and-forget with bounded retries and exponential backoff; events of one ticket are sent
 * in order, different tickets in parallel. A 4xx other than 408/429 is not retried (the
 * receiver refused the event itself).
 */
export function createWebhookSender(options: WebhookOptions): WebhookSender {
  const log = options.log.child({ mod: 'api.webhook' });
  const maxAttempts = options.maxAttempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const perTicket = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping.signal.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      timer.unref();
      stopping.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  async function deliver(event: TicketEvent): Promise<void> {
    const body = JSON.stringify(event);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'niangjia-webhook/1',
      'x-niangjia-event': event.type,
      'x-niangjia-delivery': event.id,
      [SIGNATURE_HEADER]: signBody(options.secret, body),
    };
    for (let attempt = 1; attempt <= maxAttempts && !stopping.signal.aborted; attempt++) {
      let outcome: string;
      try {
        const res = await fetch(options.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) {
          log.debug({ event: event.type, number: event.ticket.number, attempt }, 'webhook delivered');
          return;
        }
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
          log.warn({ event: event.type, number: event.ticket.number, status: res.status }, 'webhook refused by the receiver; not retried');
          return;
        }
        outcome = `HTTP ${res.status}`;
      } catch (err) {
        outcome = (err as Error).message;
      }
      if (attempt === maxAttempts) break;
      const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      log.info({ event: event.type, number: event.ticket.number, attempt, outcome }, 'webhook failed; will retry');
      await wait(delay / 2 + Math.random() * (delay / 2));
    }
    log.error({ event: event.type, number: event.ticket.number, id: event.id }, 'webhook gave up after all attempts');
  }

  return {
    send(event) {
      const key = event.ticket.number;
      const previous = perTicket.get(key) ?? Promise.resolve();
      const next = previous.then(() => deliver(event)).catch((err: unknown) => log.error({ err }, 'webhook delivery crashed'));
      perTicket.set(key, next);
      inFlight.add(next);
      void next.finally(() => {
        inFlight.delete(next);
        if (perTicket.get(key) === next) perTicket.delete(key);
      });
    },
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    stop() {
      stopping.abort();
    },
  };
}

/** Sends every change of an observed store to the webhook; returns the unsubscribe function. */
export function connectWebhook(observed: ObservedTicketStore, sender: WebhookSender): () => void {
  return observed.on((event) => sender.send(event));
}
