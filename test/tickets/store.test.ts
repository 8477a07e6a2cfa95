import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';
import { createSqlTicketStore } from '../../src/tickets/sql-store.ts';
import { makeNewTicket, ticketStoreContract } from '../contracts/ticket-store.contract.ts';

describe('SQL ticket store on PGlite (in memory)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ inMemory: true });
    await migrate(database);
  });
  afterAll(async () => {
    await database?.close();
  });
  ticketStoreContract('PGlite', { open: async (o) => createSqlTicketStore({ database, clock: o?.clock }) });
  it('goes on from the numbers a day already holds when it files that day again', async () => continuesTheDay(database));
});

/**
 * A day part-numbered before (the counter table that numbered tickets before day sequences, and a
 * ticket restored with a higher number) goes on after the highest: no number is handed out twice.
 */
async function continuesTheDay(database: Database): Promise<void> {
  const at = new Date(Date.UTC(2031, 4, 17, 2, 0));
  await database.query('INSERT INTO ticket_counters (day, last) VALUES ($1, $2)', ['20310517', 7]);
  const store = createSqlTicketStore({ database, clock: () => at });
  const first = await store.file(makeNewTicket(), 'bot');
  expect(first.ticket.number).toBe('12351-20310517-0008');
  const later = new Date(Date.UTC(2031, 4, 18, 2, 0));
  const restored = createSqlTicketStore({ database, clock: () => later });
  await database.query(`UPDATE tickets SET number = '12351-20310518-0041' WHERE number = $1`, [first.ticket.number]);
  expect((await restored.file(makeNewTicket(), 'bot')).ticket.number).toBe('12351-20310518-0042');
  const numbers = await Promise.all(Array.from({ length: 16 }, () => restored.file(makeNewTicket(), 'bot').then((r) => r.ticket.number)));
  expect(numbers.sort()).toEqual(Array.from({ length: 16 }, (_, i) => `12351-20310518-${String(43 + i).padStart(4, '0')}`));
}

const DATABASE_URL = process.env.DATABASE_URL;

describe.skipIf(!DATABASE_URL)('SQL ticket store on PostgreSQL (DATABASE_URL)', () => {
  const schema = `t_store_${randomBytes(4).toString('hex')}`;
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: DATABASE_URL, schema });
    await migrate(database);
  });
  afterAll(async () => {
    if (!database) return;
    await database.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await database.close();
  });
  ticketStoreContract('PostgreSQL', { open: async (o) => createSqlTicketStore({ database, clock: o?.clock }) });
  it('goes on from the numbers a day already holds when it files that day again', async () => continuesTheDay(database));
});
