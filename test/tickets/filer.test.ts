import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';
import { silentLogger } from '../../src/log.ts';
import { createFileOutbox } from '../../src/tickets/outbox-file.ts';
import { createTicketFiler, startOutboxFlusher } from '../../src/tickets/filing.ts';
import { createSqlTicketStore } from '../../src/tickets/sql-store.ts';
import type { TicketStore } from '../../src/tickets/types.ts';
import { makeNewTicket } from '../contracts/ticket-store.contract.ts';
import { pgctl, waitForPostgres } from '../helpers/postgres.ts';

/**
 * Stops and starts the real PostgreSQL server. Kept alone in this file and as short as possible,
 * because other test files may be using the same server; the server is always started again.
 */
const DATABASE_URL = process.env.DATABASE_URL;

describe.skipIf(!DATABASE_URL)('ticket filer with the real PostgreSQL stopped and started', () => {
  const schema = `t_filer_${randomBytes(4).toString('hex')}`;
  let database: Database;
  let store: TicketStore;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'niangjia-filer-'));
    database = await openDatabase({ databaseUrl: DATABASE_URL, schema });
    await migrate(database);
    store = createSqlTicketStore({ database });
  });
  afterAll(async () => {
    if (!pgctl('status')) pgctl('start');
    if (database) {
      await waitForPostgres(database);
      await database.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await database.close();
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('queues forms confirmed while the database is down and files each exactly once when it returns', async () => {
    const late: string[] = [];
    const filer = createTicketFiler({
      store,
      outbox: createFileOutbox({ file: path.join(dir, 'outbox.jsonl') }),
      log: silentLogger(),
      onFlushed: (t) => void late.push(t.number),
    });
    const a = makeNewTicket();
    const b = makeNewTicket({ fields: { description: '受伤住院，单位不管' }, urgent: true, priority: 'urgent' });
    await store.get('12351-20991231-9999'); // the pool holds a live connection when the server goes away

    let queued;
    try {
      expect(pgctl('stop')).toBe(true);
      queued = [await filer.file(a, 'bot'), await filer.file(structuredClone(a), 'bot'), await filer.file(b, 'bot')];
      expect(await filer.flush()).toBe(0); // still down: nothing filed, nothing dropped
    } finally {
      pgctl('start');
    }
    expect(queued.map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    expect(await filer.pending()).toBe(2);

    await waitForPostgres(database);
    expect(await filer.flush()).toBe(2);
    expect(await filer.flush()).toBe(0);
    expect(await filer.pending()).toBe(0);
    expect(late).toHaveLength(2);
    const forA = await store.listForRequester(a.origin);
    const forB = await store.listForRequester(b.origin);
    expect(forA).toHaveLength(1);
    expect(forB).toHaveLength(1);
    expect(forB[0]?.fields.description).toBe('受伤住院，单位不管');
    expect(late.sort()).toEqual([forA[0]!.number, forB[0]!.number].sort());
    // The same form delivered once more after recovery still files nothing new.
    const again = await filer.file(a, 'bot');
    expect(again).toMatchObject({ status: 'filed', created: false });
  });

  it('files queued forms on its own with the periodic flusher', async () => {
    const outbox = createFileOutbox({ file: path.join(dir, 'flusher.jsonl') });
    const filer = createTicketFiler({ store, outbox, log: silentLogger() });
    const form = makeNewTicket();
    await outbox.put({ input: form, actor: 'bot', queuedAt: new Date().toISOString() });
    const flusher = startOutboxFlusher(filer, 50);
    try {
      for (let i = 0; i < 100 && (await filer.pending()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await flusher.stop();
    }
    expect(await filer.pending()).toBe(0);
    expect(await store.listForRequester(form.origin)).toHaveLength(1);
  });
});
