import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserStore } from '../../src/auth/users.ts';
import type { LiveEventMap } from '../../src/console/live.ts';
import { conversationKey } from '../../src/core/message.ts';
import { openDatabase, type Database } from '../../src/db/index.ts';
import { JOINED_TEXT, LEFT_TEXT } from '../../src/tickets/notify.ts';
import { makeInbound } from '../fixtures/messages.ts';
import { form, get, login, newTicket, PASSWORD } from './harness.ts';
import { startServiceWithConsole, type ServiceWithConsole } from '../helpers/service-console.ts';

const { REDIS_URL, DATABASE_URL } = process.env;

interface Instance extends ServiceWithConsole {
  database: Database;
}

async function startInstance(): Promise<Instance> {
  // Each process has its own connections to the shared servers.
  const database = await openDatabase({ databaseUrl: DATABASE_URL! });
  return { ...(await startServiceWithConsole({ env: { REDIS_URL: REDIS_URL!, DATABASE_URL: DATABASE_URL! }, database })), database };
}

describe.skipIf(!REDIS_URL || !DATABASE_URL)('two service processes sharing Redis and PostgreSQL behave as one', () => {
  let a: Instance;
  let b: Instance;
  const operator = `op-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    a = await startInstance();
    b = await startInstance();
    await createUserStore({ database: a.database }).create({ username: operator, role: 'operator', password: PASSWORD });
  });
  afterAll(async () => {
    for (const x of [a, b]) {
      if (!x) continue;
      await x.close();
      await x.database.close();
    }
  });

  it('takes over on one, shows the worker\'s messages on the ticket page the other serves, and hands back from either', async () => {
    const chatId = `w-${randomBytes(4).toString('hex')}`;
    const worker = { platform: 'terminal' as const, chatId, senderId: chatId, chatType: 'private' as const };
    const filed = await a.services.desk.file(newTicket({ origin: { platform: 'terminal', chatId, senderId: chatId } }), 'bot');
    if (filed.status !== 'filed') throw new Error('not filed');
    const number = filed.ticket.number;
    const texts = () => [...a.terminal.texts(chatId), ...b.terminal.texts(chatId)].join('\n');

    const heardOnA: LiveEventMap['worker'][0][] = [];
    a.services.live.on('worker', (e) => heardOnA.push(e));

    const onA = await login(a.app, operator);
    expect((await form(a.app, `/tickets/${number}/takeover`, onA, {})).statusCode).toBe(303);
    await expect.poll(texts, { timeout: 10_000 }).toContain(JOINED_TEXT);

    // The worker's message reaches process B (another webhook delivery): the bot stays out of it there too.
    const silent = await b.engine.handle(makeInbound({ ...worker, text: '师傅，合同我拍好了，怎么发给你' }));
    expect(silent).toEqual([]);
    const onB = await login(b.app, operator);
    await expect.poll(async () => (await get(b.app, `/tickets/${number}`, onB)).body, { timeout: 10_000 }).toContain('师傅，合同我拍好了，怎么发给你');
    // The page open on A hears it live.
    await expect.poll(() => heardOnA.map((e) => e.text), { timeout: 10_000 }).toContain('师傅，合同我拍好了，怎么发给你');
    expect((await get(b.app, `/tickets/${number}`, onB)).body).toContain('交还机器人');

    // Hand-back on B: the bot answers on A again, and the worker is told.
    expect((await form(b.app, `/tickets/${number}/handback`, onB, {})).statusCode).toBe(303);
    await expect.poll(texts, { timeout: 10_000 }).toContain(LEFT_TEXT);
    const answered = await a.engine.handle(makeInbound({ ...worker, text: '工会年票多少钱' }));
    expect(answered.length).toBeGreaterThan(0);
    expect(answered[0]!.text.length).toBeGreaterThan(0);
    expect((await a.services.state.sessions.get(conversationKey(worker)))?.takenOverBy).toBeUndefined();
  });

  it('never loses the take-over or the turn when an operator takes over while the worker\'s message is being answered', async () => {
    const rounds = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const chatId = `race-${i}-${randomBytes(4).toString('hex')}`;
        const worker = { platform: 'terminal' as const, chatId, senderId: chatId, chatType: 'private' as const };
        const filed = await a.services.desk.file(newTicket({ origin: { platform: 'terminal', chatId, senderId: chatId } }), 'bot');
        if (filed.status !== 'filed') throw new Error('not filed');
        // The turn runs on B while the take-over comes in on A.
        await Promise.all([b.engine.handle(makeInbound({ ...worker, text: `工会年票在哪里办 ${i}` })), a.services.desk.takeOver(filed.ticket.number, operator)]);
        return a.services.state.sessions.get(conversationKey(worker));
      }),
    );
    rounds.forEach((session, i) => {
      expect(session?.takenOverBy).toBe(operator);
      expect(session?.record?.some((l) => l.from === 'worker' && l.text === `工会年票在哪里办 ${i}`)).toBe(true);
    });
  });
});
