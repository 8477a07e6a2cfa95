import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { userMessageFor } from '../../src/errors.ts';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import { silentLogger } from '../../src/log.ts';
import { connectRedis, createRedisBackend } from '../../src/store/redis/index.ts';
import type { RunningServices } from '../../src/services.ts';
import { buildTestServices } from '../fixtures/services.ts';
import { makeInbound } from '../fixtures/messages.ts';
import { randomPrefix } from '../helpers/redis.ts';
import { freePort } from '../helpers/ports.ts';
import TelegramServer from 'telegram-test-api';
import { startTelegram } from '../../src/adapters/telegram/index.ts';
import { createRedisOutbound } from '../../src/outbound/index.ts';

const run = promisify(execFile);
const REDIS_URL = process.env.REDIS_URL;
const PORT = REDIS_URL ? new URL(REDIS_URL).port || '6379' : '6379';

async function redisUp(): Promise<boolean> {
  return run('redis-cli', ['-p', PORT, 'ping']).then((r) => r.stdout.trim() === 'PONG', () => false);
}

/** Starts the machine's Redis the way it was started before the tests (nothing kept on disk). */
async function startRedis(): Promise<void> {
  if (await redisUp()) return;
  await run('redis-server', [
    '--daemonize', 'yes', '--bind', '127.0.0.1 -::1', '--port', PORT, '--save', '', '--appendonly', 'no',
    '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log',
  ]);
  for (let i = 0; i < 100 && !(await redisUp()); i++) await sleep(50);
}

/** The real Redis server stopped under a running engine, then started again. */
describe.skipIf(!REDIS_URL)('Redis stopped mid-run (REDIS_URL, real server)', () => {
  let services: RunningServices;
  let redis: Redis;
  let engine: Engine;
  const ask = (text: string) => engine.handle(makeInbound({ platform: 'telegram', chatId: 'w1', senderId: 'w1', text }));

  beforeAll(async () => {
    await startRedis();
    services = await buildTestServices();
    redis = await connectRedis(REDIS_URL!, silentLogger());
    engine = createEngine({ ...services, state: createRedisBackend({ redis, keyPrefix: randomPrefix('down') }) });
  });

  afterAll(async () => {
    await startRedis(); // whatever happened, leave Redis running for everything after us
    redis?.disconnect();
    await services?.close();
  });

  it('answers "busy, try again" while Redis is down, never crashes, and works again once it is back', async () => {
    const before = await ask('年票多少钱');
    expect(before[0]!.text).toContain('200元');

    await run('redis-cli', ['-p', PORT, 'shutdown', 'nosave']).catch(() => undefined);
    for (let i = 0; i < 100 && (await redisUp()); i++) await sleep(50);
    expect(await redisUp()).toBe(false);

    const started = Date.now();
    const during = await ask('疗休养有几天');
    expect(Date.now() - started).toBeLessThan(6000);
    expect(during).toHaveLength(1);
    expect(during[0]!.text).toBe(userMessageFor('STORE_UNAVAILABLE'));
    expect(during[0]!.text).toContain('12351');

    await startRedis();
    const end = Date.now() + 10_000;
    while (redis.status !== 'ready' && Date.now() < end) await sleep(50);
    const after = await ask('年票多少钱');
    expect(after[0]!.text).toContain('200元');
  });

  it('still tells a Telegram worker to try again when the Redis outbound queue is down too', async () => {
    const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
    await server.start();
    const outbound = createRedisOutbound({ log: silentLogger(), redis, keyPrefix: randomPrefix('down-out'), blockMs: 100 });
    const token = '999:niangjia-outage';
    const tg = await startTelegram({ token, apiRoot: server.config.apiURL, handle: (m) => engine.handle(m), outbound, log: silentLogger() });
    await outbound.start();
    try {
      const c = server.getClient(token, { userId: 31, chatId: 31, type: 'private', timeout: 10_000, interval: 50 });
      await c.sendMessage(c.makeMessage('年票多少钱'));
      expect((await c.getUpdates()).result.map((u) => u.message.text).join('')).toContain('200元');

      await run('redis-cli', ['-p', PORT, 'shutdown', 'nosave']).catch(() => undefined);
      for (let i = 0; i < 100 && (await redisUp()); i++) await sleep(50);
      await c.sendMessage(c.makeMessage('疗休养有几天'));
      expect((await c.getUpdates()).result.map((u) => u.message.text)).toEqual([userMessageFor('STORE_UNAVAILABLE')]);

      await startRedis();
      const end = Date.now() + 10_000;
      while (redis.status !== 'ready' && Date.now() < end) await sleep(50);
      await c.sendMessage(c.makeMessage('年票多少钱'));
      expect((await c.getUpdates()).result.map((u) => u.message.text).join('')).toContain('200元');
    } finally {
      await tg.stop();
      await outbound.stop();
      await server.stop();
    }
  });
});
