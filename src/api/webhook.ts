import { createHmac, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../log.ts';
import type { ObservedTicketStore, TicketEvent } from '../tickets/events.ts';
import type { Outbox } from '../tickets/outbox.ts';

export interface WebhookOptions {
  /** BACKOFFICE_WEBHOOK_URL */
  url: string;
  /** BACKOFFICE_WEBHOOK_SECRET: the key of the HMAC-SHA256 signature. */
  secret: string;
  log: Logger;
  /**
   * Where deliveries wait until the receiver takes them, so a restart loses none: the Redis
   * outbox when REDIS_URL is set, the file outbox under DATA_DIR otherwise. Without one,
   * deliveries live in memory only.
   */
  queue?: Outbox<WebhookDelivery>;
  /** This process's name when holding a queued delivery (default host-pid-random). */
  owner?: string;
  /** How often to look for deliveries a stopped process left (default 30 s). */
  rescanMs?: number;
  /** Tries per event, the first included (default 6). */
  maxAttempts?: number;
  /** First retry delay; doubles each time, with jitter (default 1 s, at most maxDelayMs). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per request (default 5 s). */
  timeoutMs?: number;
}

/** One event waiting for the back office, as the durable queue keeps it. */
export interface WebhookDelivery {
  event: TicketEvent;
  queuedAt: string;
}

export interface WebhookSender {
  /** Queues the event and returns at once: the chat never waits for the back office. */
  send(event: TicketEvent): void;
  /** Takes up the deliveries in the durable queue that nobody is working on (done at creation and every rescanMs). */
  resume(): Promise<void>;
  /** Resolves when every delivery started here has finished (delivered, given up, or left queued by stop). */
  idle(): Promise<void>;
  /** Gives up waiting retries; queued deliveries stay queued for the next start. In-flight requests finish on their own. */
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
 * receiver refused the event itself). With a durable queue each event is stored before its
 * first try and removed once delivered, refused or given up; a delivery is worked by one
 * process at a time (it holds it for the next try and wait), and one a stopped process left is
 * taken up at the next start, or by another process once its hold runs out. A restart starts
 * the count of tries afresh; the receiver drops a repeat by its x-niangjia-delivery id.
 */
export function createWebhookSender(options: WebhookOptions): WebhookSender {
  const log = options.log.child({ mod: 'api.webhook' });
  const maxAttempts = options.maxAttempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const { queue } = options;
  const owner = options.owner ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const perTicket = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  /** Event ids started here and not finished. */
  const active = new Set<string>();
  const stopping = new AbortController();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping.signal.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      timer.unref();
      stopping.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  /** Holds a queued delivery for the next try and the wait after it; false when another process has it. */
  const keep = (id: string, ms: number) => (queue ? queue.hold(id, owner, timeoutMs + ms + 5000) : Promise.resolve(true));

  /** 'done': delivered, refused or given up (leave the queue); 'left': stopped or taken by another process (stays queued). */
  async function deliver(event: TicketEvent): Promise<'done' | 'left'> {
    const body = JSON.stringify(event);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'niangjia-webhook/1',
      'x-niangjia-event': event.type,
      'x-niangjia-delivery': event.id,
      [SIGNATURE_HEADER]: signBody(options.secret, body),
    };
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      if (stopping.signal.aborted || !(await keep(event.id, delay))) return 'left';
      let outcome: string;
      try {
        const res = await fetch(options.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) {
          log.debug({ event: event.type, number: event.ticket.number, attempt }, 'webhook delivered');
          return 'done';
        }
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
          log.warn({ event: event.type, number: event.ticket.number, status: res.status }, 'webhook refused by the receiver; not retried');
          return 'done';
        }
        outcome = `HTTP ${res.status}`;
      } catch (err) {
        outcome = (err as Error).message;
      }
      if (attempt === maxAttempts) break;
      log.info({ event: event.type, number: event.ticket.number, attempt, outcome }, 'webhook failed; will retry');
      await wait(delay / 2 + Math.random() * (delay / 2));
    }
    if (stopping.signal.aborted) return 'left';
    log.error({ event: event.type, number: event.ticket.number, id: event.id }, 'webhook gave up after all attempts');
    return 'done';
  }

  async function work(event: TicketEvent, stored: Promise<void>): Promise<void> {
    await stored;
    const outcome = await deliver(event);
    if (!queue) return;
    if (outcome === 'done') await queue.remove(event.id);
    await queue.letGo(event.id, owner);
  }

  function start(event: TicketEvent, stored: Promise<void>): void {
    if (active.has(event.id)) return;
    active.add(event.id);
    const key = event.ticket.number;
    const previous = perTicket.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => work(event, stored))
      .catch((err: unknown) => log.error({ err, id: event.id }, 'webhook delivery failed'))
      .finally(() => active.delete(event.id));
    perTicket.set(key, next);
    inFlight.add(next);
    void next.finally(() => {
      inFlight.delete(next);
      if (perTicket.get(key) === next) perTicket.delete(key);
    });
  }

  async function resume(): Promise<void> {
    if (!queue || stopping.signal.aborted) return;
    for (const { event } of await queue.list()) start(event, Promise.resolve());
  }

  const rescan = queue ? setInterval(() => void resume().catch((err: unknown) => log.warn({ err }, 'webhook queue unreadable')), options.rescanMs ?? 30_000) : undefined;
  rescan?.unref();
  void resume().catch((err: unknown) => log.warn({ err }, 'webhook queue unreadable'));

  return {
    send(event) {
      // Stored before the first try; a queue that cannot store it still leaves the delivery to memory.
      const stored = queue
        ? queue.put({ event, queuedAt: new Date().toISOString() }).catch((err: unknown) => log.error({ err, id: event.id }, 'webhook delivery not stored; kept in memory only'))
        : Promise.resolve();
      start(event, stored);
    },
    resume,
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    stop() {
      clearInterval(rescan);
      stopping.abort();
    },
  };
}
/** Sends every change of an observed store to the webhook; returns the unsubscribe function. */
export function connectWebhook(observed: ObservedTicketStore, sender: WebhookSender): () => void {
  return observed.on((event) => sender.send(event));
}
