import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import type { RunningServices } from '../../src/services.ts';
import { observeTicketStore } from '../../src/tickets/events.ts';
import { STATUS_LABEL } from '../../src/tickets/lifecycle.ts';
import { cacheRequesterTickets, type RequesterCache } from '../../src/tickets/requester-cache.ts';
import { shareRequesterChanges } from '../../src/tickets/requester-sync.ts';
import { createSqlTicketStore } from '../../src/tickets/sql-store.ts';
import type { TicketStore } from '../../src/tickets/types.ts';
import { newTicket } from '../console/harness.ts';
import { buildTestEngine, buildTestServices } from '../fixtures/services.ts';
import { makeInbound } from '../fixtures/messages.ts';
import { testRedis } from '../helpers/redis.ts';

const REDIS_URL = process.env.REDIS_URL;

describe('a worker asking about their ticket after the desk changed it', () => {
  let engine: Engine;
  let services: RunningServices;
  beforeAll(async () => {
    ({ engine, services } = await buildTestEngine());
  });
  afterAll(async () => {
    await services.close();
  });

  const worker = { chatId: 'w-cache-1', senderId: 'w-cache-1' };
  const ask = async () => (await engine.handle(makeInbound({ ...worker, text: '我的工单进度咋样了' })))[0]!;

  it('sees each status and reply as soon as the desk has made it, and never another worker\'s ticket', async () => {
    const { ticket } = await services.desk.file(newTicket({ origin: { platform: 'terminal', ...worker } }), 'bot').then((r) => (r.status === 'filed' ? r : Promise.reject(new Error(r.status))));
    const first = await ask();
    expect(first.action).toBe('ticket_status');
    expect(first.text).toContain(`${ticket.number}`);
    expect(first.text).toContain(STATUS_LABEL.received);

    await services.desk.assign(ticket.number, 'op-1', 'op-1');
    await services.desk.transition(ticket.number, 'in_progress', 'op-1');
    expect((await ask()).text).toContain(STATUS_LABEL.in_progress);

    await services.desk.reply(ticket.number, '已联系您单位人事，本周内答复', 'op-1');
    const replied = await ask();
    expect(replied.text).toContain(STATUS_LABEL.replied);
    expect(replied.text).toContain('已联系您单位人事');

    // A second ticket filed for the same worker is the one the status question is about now.
    const { ticket: second } = await services.desk.file(newTicket({ origin: { platform: 'terminal', ...worker } }), 'bot').then((r) => (r.status === 'filed' ? r : Promise.reject(new Error(r.status))));
    const both = await ask();
    expect(both.text).toContain(second.number);
    expect(both.text).toContain(`另有 ${ticket.number}：${STATUS_LABEL.replied}`);

    // Another worker, asked after the first one's list was cached, sees none of it.
    const [other] = await engine.handle(makeInbound({ chatId: 'w-cache-2', senderId: 'w-cache-2', text: '我的工单进度咋样了' }));
    expect(other?.text).not.toContain(ticket.number);
    expect(other?.text).toContain('还没有提交过工单');
  });
});

describe.skipIf(!REDIS_URL)('two service processes sharing one ticket database and Redis (REDIS_URL)', () => {
  let database: Database;
  let a: RunningServices;
  let b: RunningServices;
  beforeAll(async () => {
    database = await openDatabase({ inMemory: true });
    await migrate(database);
    a = await buildTestServices({ env: { REDIS_URL: REDIS_URL! }, database });
    b = await buildTestServices({ env: { REDIS_URL: REDIS_URL! }, database });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database.close();
  });

  it('answers the worker on one process with the status an operator set on the other', async () => {
    const worker = { chatId: `w-${Math.random().toString(36).slice(2)}`, senderId: `w-${Math.random().toString(36).slice(2)}` };
    const filed = await a.desk.file(newTicket({ origin: { platform: 'terminal', ...worker } }), 'bot');
    if (filed.status !== 'filed') throw new Error(filed.status);
    const engine = createEngine(b);
    const ask = async () => (await engine.handle(makeInbound({ ...worker, text: '我的工单进度咋样了' })))[0]!.text;
    expect(await ask()).toContain(STATUS_LABEL.received);
    await a.desk.transition(filed.ticket.number, 'in_progress', 'op-1');
    let text = '';
    for (let i = 0; i < 100 && !text.includes(STATUS_LABEL.in_progress); i++) {
      if (i) await sleep(20);
      text = await ask();
    }
    expect(text).toContain(STATUS_LABEL.in_progress);
  });
});

/** The SQL store with its listForRequester reads counted and, when `gate` is set, held back until it opens. */
function counted(inner: TicketStore): { store: TicketStore; reads: () => number; hold: () => () => void } {
  let reads = 0;
  let gate: Promise<void> | undefined;
  return {
    store: {
      ...inner,
      async listForRequester(origin) {
        reads += 1;
        const list = await inner.listForRequester(origin);
        await gate;
        return list;
      },
    },
    reads: () => reads,
    hold: () => {
      let open!: () => void;
      gate = new Promise((r) => (open = r));
      return () => {
        gate = undefined;
        open();
      };
    },
  };
}

describe('the requester cache', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ inMemory: true });
    await migrate(database);
  });
  afterAll(async () => {
    await database.close();
  });

  const alice = { platform: 'terminal' as const, senderId: 'alice' };
  const bob = { platform: 'terminal' as const, senderId: 'bob' };

  it('reads the database once per worker and follows filed and moved tickets without reading it again', async () => {
    const db = counted(createSqlTicketStore({ database }));
    const observed = observeTicketStore(db.store);
    const cache = cacheRequesterTickets(observed, { ttlMs: 60_000 });
    const { ticket } = await observed.store.file(newTicket({ origin: { ...alice, chatId: 'a' } }), 'bot');
    expect((await cache.store.listForRequester(alice)).map((t) => t.number)).toEqual([ticket.number]);
    expect(await cache.store.listForRequester(bob)).toEqual([]);
    expect(db.reads()).toBe(2);

    const { ticket: later } = await observed.store.file(newTicket({ origin: { ...alice, chatId: 'a' } }), 'bot');
    await observed.store.transition(ticket.number, 'in_progress', 'op');
    const list = await cache.store.listForRequester(alice);
    expect(list.map((t) => [t.number, t.status])).toEqual([[later.number, 'received'], [ticket.number, 'in_progress']]);
    expect(await cache.store.listForRequester(bob)).toEqual([]);
    expect(db.reads()).toBe(2);
    // What the cache hands out is a copy: changing it changes nothing for the next reader.
    list[0]!.status = 'closed';
    expect((await cache.store.listForRequester(alice))[0]!.status).toBe('received');
    cache.close();
  });

  it('does not keep a list read before a change that landed while the read was under way', async () => {
    const db = counted(createSqlTicketStore({ database }));
    const observed = observeTicketStore(db.store);
    const cache = cacheRequesterTickets(observed, { ttlMs: 60_000 });
    const carol = { platform: 'terminal' as const, senderId: 'carol' };
    const { ticket } = await observed.store.file(newTicket({ origin: { ...carol, chatId: 'c' } }), 'bot');
    const open = db.hold();
    const reading = cache.store.listForRequester(carol);
    await sleep(20); // the read has its rows; the change commits before it returns
    await observed.store.transition(ticket.number, 'in_progress', 'op');
    open();
    expect((await reading)[0]!.status).toBe('received');
    expect((await cache.store.listForRequester(carol))[0]!.status).toBe('in_progress');
    cache.close();
  });

  it.skipIf(!REDIS_URL)('drops a list in every other process when one process changes a ticket (REDIS_URL)', async () => {
    const channel = `test:requesters:${Math.random().toString(36).slice(2)}`;
    const redis = testRedis(REDIS_URL!);
    // Two processes sharing one ticket database, each with its own store, events and cache.
    const processes: { cache: RequesterCache; observed: ReturnType<typeof observeTicketStore>; leave: () => Promise<void> }[] = [];
    for (let i = 0; i < 2; i++) {
      const observed = observeTicketStore(createSqlTicketStore({ database }));
      const cache = cacheRequesterTickets(observed, { ttlMs: 60_000 });
      processes.push({ cache, observed, leave: await shareRequesterChanges({ redis, channel, cache, observed }) });
    }
    const [a, b] = processes as [(typeof processes)[0], (typeof processes)[0]];
    const dave = { platform: 'telegram' as const, senderId: 'dave' };
    try {
      const { ticket } = await a.observed.store.file(newTicket({ origin: { ...dave, chatId: 'd' } }), 'bot');
      expect((await b.cache.store.listForRequester(dave))[0]!.status).toBe('received');
      await a.observed.store.transition(ticket.number, 'in_progress', 'op');
      let seen = '';
      for (let i = 0; i < 100 && seen !== 'in_progress'; i++) {
        seen = (await b.cache.store.listForRequester(dave))[0]!.status;
        if (seen !== 'in_progress') await sleep(20);
      }
      expect(seen).toBe('in_progress');
    } finally {
      for (const p of processes) {
        await p.leave();
        p.cache.close();
      }
      await redis.quit();
    }
  });
});
