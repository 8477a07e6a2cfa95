import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginThrottle, FREE_TRIES } from '../../src/auth/throttle.ts';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';

const DATABASE_URL = process.env.DATABASE_URL;

describe.skipIf(!DATABASE_URL)('login throttle on PostgreSQL, shared by every console process', () => {
  const schema = `t_throttle_${randomBytes(4).toString('hex')}`;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    a = await openDatabase({ databaseUrl: DATABASE_URL, schema });
    await migrate(a);
    b = await openDatabase({ databaseUrl: DATABASE_URL, schema });
  });
  afterAll(async () => {
    await a?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await a?.close();
    await b?.close();
  });

  it('lets exactly five of 200 parallel tries through, from two processes at once', async () => {
    const now = () => new Date('2026-11-22T02:00:00Z');
    const throttles = [createLoginThrottle({ database: a, clock: now }), createLoginThrottle({ database: b, clock: now })];
    const key = `op1|10.0.0.${randomBytes(1)[0]}`;
    const tries = await Promise.all(Array.from({ length: 200 }, (_, i) => throttles[i % 2]!.attempt(key)));
    expect(tries.filter((t) => t.ok)).toHaveLength(FREE_TRIES + 1);
    const waits = tries.flatMap((t) => (t.ok ? [] : [t.waitMs]));
    expect(Math.min(...waits)).toBeGreaterThan(0);
  });
});
