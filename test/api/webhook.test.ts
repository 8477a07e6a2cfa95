import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiApp } from '../../src/api/app.ts';
import { connectWebhook, createWebhookSender, type WebhookDelivery, type WebhookSender } from '../../src/api/webhook.ts';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';
import { silentLogger } from '../../src/log.ts';
import { observeTicketStore, type TicketEvent } from '../../src/tickets/events.ts';
import { createTicketFiler } from '../../src/tickets/filing.ts';
import { createFileOutbox } from '../../src/tickets/outbox-file.ts';
import { createRedisOutbox } from '../../src/tickets/outbox-redis.ts';
import type { Outbox } from '../../src/tickets/outbox.ts';
import { createSqlTicketStore } from '../../src/tickets/sql-store.ts';
import { makeNewTicket } from '../contracts/ticket-store.contract.ts';
import { dropPrefix, randomPrefix, testRedis } from '../helpers/redis.ts';
import { auth, phoneCall, TOKEN } from './helpers.ts';

const SECRET = 'webhook-secret-for-tests';
const REDIS_URL = process.env.REDIS_URL;

/** A back-office receiver on 127.0.0.1: refuses the first `failFirst` posts of each event with 503, then accepts. */
async function startReceiver(failFirst: number): Promise<{ url: string; server: Server; accepted: TicketEvent[]; attempts: Map<string, number>; badSignatures: number }> {
  const state = { accepted: [] as TicketEvent[], attempts: new Map<string, number>(), badSignatures: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      if (!verify(req.headers, raw)) {
        state.badSignatures += 1;
        res.writeHead(401).end();
        return;
      }
      const event = JSON.parse(raw.toString('utf8')) as TicketEvent;
      const n = (state.attempts.get(event.id) ?? 0) + 1;
      state.attempts.set(event.id, n);
      if (n <= failFirst) {
        res.writeHead(503).end('busy');
        return;
      }
      state.accepted.push(event);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}/hook`, server });
}

/** What a receiver does: recompute the HMAC over the raw body and compare in constant time. */
function verify(headers: IncomingHttpHeaders, raw: Buffer): boolean {
  const got = String(headers['x-niangjia-signature'] ?? '');
  const want = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
  return got.length === want.length && timingSafeEqual(Buffer.from(got), Buffer.from(want));
}

describe('outbound webhook', () => {
  let database: Database;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let sender: WebhookSender;

  beforeAll(async () => {
    database = await openDatabase({ inMemory: true });
    await migrate(database);
    receiver = await startReceiver(2);
  });
  afterAll(async () => {
    sender?.stop();
    receiver?.server.closeAllConnections();
    await new Promise((r) => receiver?.server.close(r));
    await database?.close();
  });

  it('posts a signed event on create and on every change, retrying through two failures, in order per ticket', async () => {
    const observed = observeTicketStore(createSqlTicketStore({ database }));
    sender = createWebhookSender({ url: receiver.url, secret: SECRET, log: silentLogger(), baseDelayMs: 20, maxAttempts: 5 });
    connectWebhook(observed, sender);
    const app = await buildApiApp({ tickets: observed.store, token: TOKEN, log: silentLogger(), notify: async () => {} });
    try {
      const created = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: phoneCall() });
      const number = created.json().ticket.number as string;
      await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/assign`, headers: { ...auth, 'x-operator': '王科长' }, payload: { assignee: '李接线员' } });
      await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/status`, headers: auth, payload: { to: 'in_progress' } });
      await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/reply`, headers: auth, payload: { text: '已联系单位' } });
      await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/notes`, headers: auth, payload: { text: '内部备注' } });
      // A refused change sends nothing.
      await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/status`, headers: auth, payload: { to: 'received' } });
      await sender.idle();

      const mine = receiver.accepted.filter((e) => e.ticket.number === number);
      expect(mine.map((e) => e.type)).toEqual([
        'ticket.created',
        'ticket.assigned',
        'ticket.status_changed',
        'ticket.transcript_appended',
        'ticket.status_changed',
        'ticket.note_added',
      ]);
      expect(mine[1]).toMatchObject({ actor: '王科长', change: { from: null, to: '李接线员' }, ticket: { status: 'assigned' } });
      expect(mine[2]).toMatchObject({ change: { from: 'assigned', to: 'in_progress' } });
      expect(mine[4]).toMatchObject({ change: { from: 'in_progress', to: 'replied' }, ticket: { status: 'replied' } });
      expect(mine[5]?.note?.text).toBe('内部备注');
      for (const e of mine) expect(receiver.attempts.get(e.id)).toBe(3);
      expect(receiver.badSignatures).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('never makes the chat wait: filing returns while the receiver is still failing', async () => {
    const slow = await startReceiver(1_000);
    const observed = observeTicketStore(createSqlTicketStore({ database }));
    const s = createWebhookSender({ url: slow.url, secret: SECRET, log: silentLogger(), baseDelayMs: 200, maxAttempts: 3 });
    connectWebhook(observed, s);
    try {
      const started = performance.now();
      const { created } = await observed.store.file(makeNewTicket(), 'bot');
      expect(created).toBe(true);
      expect(performance.now() - started).toBeLessThan(150);
      await s.idle();
      // Bounded: three attempts, then it gives up.
      expect([...slow.attempts.values()]).toEqual([3]);
      expect(slow.accepted).toEqual([]);
    } finally {
      s.stop();
      slow.server.closeAllConnections();
      await new Promise((r) => slow.server.close(r));
    }
  });

  /** One delivery pending a retry when the service stops; the restarted service delivers it. */
  async function deliversAcrossRestart(makeQueue: () => Promise<{ queue: Outbox<WebhookDelivery>; close: () => Promise<void> }>): Promise<void> {
    const flaky = await startReceiver(2);
    const observed = observeTicketStore(createSqlTicketStore({ database }));
    let first = await makeQueue();
    const before = createWebhookSender({ url: flaky.url, secret: SECRET, log: silentLogger(), queue: first.queue, owner: 'before', baseDelayMs: 5000, maxAttempts: 6 });
    const unhook = connectWebhook(observed, before);
    let after: WebhookSender | undefined;
    try {
      const { ticket } = await observed.store.file(makeNewTicket(), 'bot');
      const deadline = Date.now() + 5000;
      while (flaky.attempts.size === 0 && Date.now() < deadline) await sleep(5);
      const [id] = [...flaky.attempts.keys()];
      expect(flaky.attempts.get(id!)).toBe(1);

      // Restart while the delivery waits for its second try: stop and close everything, then build it again.
      unhook();
      before.stop();
      await before.idle();
      await first.close();
      first = await makeQueue();
      expect(await first.queue.size()).toBe(1);
      after = createWebhookSender({ url: flaky.url, secret: SECRET, log: silentLogger(), queue: first.queue, owner: 'after', baseDelayMs: 50, maxAttempts: 6 });
      const until = Date.now() + 10_000;
      while (flaky.accepted.length === 0 && Date.now() < until) await sleep(10);
      await after.idle();
      await sleep(200);

      expect(flaky.accepted.map((e) => e.id)).toEqual([id]);
      expect(flaky.accepted[0]).toMatchObject({ type: 'ticket.created', ticket: { number: ticket.number } });
      expect(flaky.attempts.get(id!)).toBe(3);
      expect(flaky.badSignatures).toBe(0);
      expect(await first.queue.size()).toBe(0);
    } finally {
      after?.stop();
      await first.close();
      flaky.server.closeAllConnections();
      await new Promise((r) => flaky.server.close(r));
    }
  }

  it('keeps a pending delivery in the file outbox across a restart and delivers it once, signed', async () => {
    const dir = await mkdtemp(`${tmpdir()}/niangjia-webhook-`);
    try {
      await deliversAcrossRestart(async () => ({
        queue: createFileOutbox({ file: `${dir}/webhook-outbox.jsonl`, keyOf: (d: WebhookDelivery) => d.event.id }),
        close: async () => {},
      }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!REDIS_URL)('keeps a pending delivery in the Redis outbox across a restart and delivers it once, signed (REDIS_URL)', async () => {
    const prefix = randomPrefix('webhook');
    try {
      await deliversAcrossRestart(async () => {
        const redis = testRedis(REDIS_URL!);
        return { queue: createRedisOutbox({ redis, key: `${prefix}outbox`, keyOf: (d: WebhookDelivery) => d.event.id }), close: async () => void (await redis.quit()) };
      });
    } finally {
      const redis = testRedis(REDIS_URL!);
      await dropPrefix(redis, prefix);
      await redis.quit();
    }
  });

  it('signs the exact raw body: a receiver with another secret rejects it', () => {
    const raw = Buffer.from(JSON.stringify({ id: 'x', type: 'ticket.created' }));
    const good = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
    expect(verify({ 'x-niangjia-signature': good }, raw)).toBe(true);
    const other = `sha256=${createHmac('sha256', 'another').update(raw).digest('hex')}`;
    expect(verify({ 'x-niangjia-signature': other }, raw)).toBe(false);
    expect(verify({ 'x-niangjia-signature': good }, Buffer.concat([raw, Buffer.from(' ')]))).toBe(false);
  });
});

const DATABASE_URL = process.env.DATABASE_URL;

describe.skipIf(!DATABASE_URL)('POST /tickets while the ticket database is unreachable (DATABASE_URL)', () => {
  it('answers 202 queued with a filer, and 503 without one', async () => {
    const schema = `t_api_${randomBytes(4).toString('hex')}`;
    const database = await openDatabase({ databaseUrl: DATABASE_URL, schema });
    await migrate(database);
    await database.exec(`DROP SCHEMA ${schema} CASCADE`);
    await database.close(); // every query from now on fails as a connection failure
    const tickets = createSqlTicketStore({ database });
    const dir = await mkdtemp(`${tmpdir()}/niangjia-api-`);
    const outbox = createFileOutbox({ file: `${dir}/outbox.jsonl` });
    const filer = createTicketFiler({ store: tickets, outbox, log: silentLogger() });
    const withFiler = await buildApiApp({ tickets, filer, token: TOKEN, log: silentLogger(), notify: async () => {} });
    const without = await buildApiApp({ tickets, token: TOKEN, log: silentLogger(), notify: async () => {} });
    try {
      const queued = await withFiler.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: phoneCall({ idempotencyKey: 'call-20261122-0001' }) });
      expect(queued.statusCode).toBe(202);
      expect(queued.json()).toEqual({ status: 'queued', idempotencyKey: 'api:call-20261122-0001' });
      expect(await outbox.size()).toBe(1);
      const refused = await without.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: phoneCall() });
      expect(refused.statusCode).toBe(503);
      expect(refused.json().error).toBe('STORE_UNAVAILABLE');
      const list = await without.inject({ method: 'GET', url: '/api/v1/tickets', headers: auth });
      expect(list.statusCode).toBe(503);
    } finally {
      await withFiler.close();
      await without.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
