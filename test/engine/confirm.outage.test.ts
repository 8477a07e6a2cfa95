import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingChannel } from '../../src/adapters/recording.ts';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import type { RunningServices } from '../../src/services.ts';
import { conversation } from '../fixtures/messages.ts';
import { buildTestServices } from '../fixtures/services.ts';
import { pgctl, waitForPostgres } from '../helpers/postgres.ts';

/**
 * A worker confirms a ticket while the real PostgreSQL server is down: the form is kept, the
 * worker is told so honestly, and once the server is back it is filed exactly once and the
 * worker gets the ticket number in the same chat.
 */
const DATABASE_URL = process.env.DATABASE_URL;

describe.skipIf(!DATABASE_URL)('confirming a ticket while PostgreSQL is down', () => {
  const schema = `t_confirm_${randomBytes(4).toString('hex')}`;
  let database: Database;
  let services: RunningServices;
  let engine: Engine;
  const chat = new RecordingChannel({ platform: 'terminal' });

  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: DATABASE_URL, schema });
    await migrate(database);
    services = await buildTestServices({ database });
    services.outbound.register(chat);
    await services.outbound.start();
    engine = createEngine(services);
  });
  afterAll(async () => {
    if (!pgctl('status')) pgctl('start');
    await waitForPostgres(database);
    await services?.close();
    await database.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await database.close();
  });

  it('keeps the form, tells the worker, files it once when the database returns', async () => {
    const w = conversation(engine);
    await w.say('老板拖欠三个月工资 想请工会帮我讨薪 我叫李强 电话13983456721 九龙坡区 单位是重庆鑫达机械加工厂');
    expect(pgctl('stop')).toBe(true);
    try {
      const [kept] = await w.say('确认');
      expect(kept?.meta?.form).toBe('queued');
      expect(kept?.text).toMatch(/已保存[\s\S]*不会丢失/);
      const [again] = await w.say('确认');
      expect(again?.meta?.form).not.toBe('filed');
    } finally {
      expect(pgctl('start')).toBe(true);
    }
    await waitForPostgres(database);
    expect(await services.filer.flush()).toBe(1);
    expect(await services.filer.flush()).toBe(0);
    const mine = await services.tickets.listForRequester({ platform: 'terminal', senderId: w.base.senderId });
    expect(mine).toHaveLength(1);
    expect(mine[0]?.fields.phone).toBe('13983456721');
    await services.outbound.drain(5000);
    expect(chat.sent.some((s) => s.chatId === w.base.chatId && s.reply.text.includes(mine[0]!.number))).toBe(true);
  });
});
