import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';
import { AppError } from '../../src/errors.ts';
import { createLogger } from '../../src/log.ts';
import { createSqlTicketStore } from '../../src/tickets/sql-store.ts';
import { makeNewTicket } from '../contracts/ticket-store.contract.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const SECRET = { name: '欧阳秘密', employer: '保密物流有限公司', description: '老板拖欠工资保密细节' };

/** A failing insert (a NUL the database refuses, past the door) and what its error and log line carry. */
async function failAndLog(database: Database): Promise<{ error: AppError; line: string }> {
  const store = createSqlTicketStore({ database });
  const input = makeNewTicket({
    fields: { ...SECRET, description: `${SECRET.description}\u0000` },
    transcript: [{ from: 'worker', text: `我叫${SECRET.name}，在${SECRET.employer}，电话13912345678`, at: new Date().toISOString() }],
  });
  const error = (await store.file(input, 'bot').then(
    () => undefined,
    (e: unknown) => e,
  )) as AppError;
  expect(error).toBeInstanceOf(AppError);
  const lines: string[] = [];
  const log = createLogger({ destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) });
  log.warn({ err: error, cause: error.cause }, 'turn failed');
  log.error(error.message);
  return { error, line: lines.join('\n') };
}

function expectNoParams(r: { error: AppError; line: string }): void {
  for (const text of [r.line, r.error.message, String((r.error.cause as Error | undefined)?.message), r.error.stack ?? '']) {
    for (const secret of [...Object.values(SECRET), '13912345678']) expect(text).not.toContain(secret);
  }
  expect(r.line).toMatch(/ticket store failed/);
}

describe('a database error', () => {
  let pglite: Database | undefined;
  let pg: Database | undefined;
  const schema = `t_dberr_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    pglite = await openDatabase({ inMemory: true });
    await migrate(pglite);
  });
  afterAll(async () => {
    await pglite?.close();
    if (pg) {
      await pg.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pg.close();
    }
  });

  it("on PGlite keeps the query's parameters (name, employer, story, transcript) out of the error and the log", async () => {
    expectNoParams(await failAndLog(pglite!));
  });

  it.skipIf(!DATABASE_URL)("on PostgreSQL keeps the query's parameters out of the error and the log, and keeps the SQLSTATE", async () => {
    pg = await openDatabase({ databaseUrl: DATABASE_URL, schema });
    await migrate(pg);
    const r = await failAndLog(pg);
    expectNoParams(r);
    expect(r.line).toMatch(/22021|22P05/);
  });
});
