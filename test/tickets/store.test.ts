import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';
import { createSqlTicketStore } from '../../src/tickets/sql-store.ts';
import { ticketStoreContract } from '../contracts/ticket-store.contract.ts';

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
});

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
});
