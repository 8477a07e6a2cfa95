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
  it('goes on after numbers the day holds that its counter never counted', async () => catchesUp(database, '20310517'));
});

/**
 * Tickets restored from a backup (or numbered otherwise) hold numbers the day's counter never
 * counted: the next filing moves past the highest instead of failing, and numbers stay unique.
 */
async function catchesUp(database: Database, day: string): Promise<void> {
  const at = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)), 2, 0));
  const store = createSqlTicketStore({ database, clock: () => at });
  for (let i = 1; i <= 3; i++) expect((await store.file(makeNewTicket(), 'bot')).ticket.number).toBe(`12351-${day}-000${i}`);
  // A restore brings back the day's tickets without its counter.
  await database.query('DELETE FROM ticket_counters WHERE day = $1', [day]);
  const numbers = await Promise.all(Array.from({ length: 4 }, () => store.file(makeNewTicket(), 'bot').then((r) => r.ticket.number)));
  expect(numbers.sort()).toEqual([4, 5, 6, 7].map((n) => `12351-${day}-000${n}`));
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
  it('goes on after numbers the day holds that its counter never counted', async () => catchesUp(database, '20310518'));
});
