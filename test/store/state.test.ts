import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryBackend } from '../../src/store/memory/index.ts';
import { connectRedis, createRedisBackend } from '../../src/store/redis/index.ts';
import { AppError } from '../../src/errors.ts';
import { silentLogger } from '../../src/log.ts';
import { stateContract } from '../contracts/state.contract.ts';
import { dropPrefix, randomPrefix, testRedis } from '../helpers/redis.ts';

const REDIS_URL = process.env.REDIS_URL;

stateContract('memory', async () => {
  const backend = createMemoryBackend();
  return { a: backend, b: backend, cleanup: () => backend.close() };
});

describe.skipIf(!REDIS_URL)('Redis state (REDIS_URL)', () => {
  const clients: ReturnType<typeof testRedis>[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  stateContract('redis', async () => {
    const prefix = randomPrefix('state');
    const ra = testRedis(REDIS_URL!);
    const rb = testRedis(REDIS_URL!);
    clients.push(ra, rb);
    return {
      a: createRedisBackend({ redis: ra, keyPrefix: prefix }),
      b: createRedisBackend({ redis: rb, keyPrefix: prefix }),
      cleanup: () => dropPrefix(ra, prefix),
    };
  });

  it('fails start-up with an error naming REDIS_URL when Redis is unreachable', async () => {
    const err = await connectRedis('redis://:secret@127.0.0.1:1/0', silentLogger(), { attempts: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('STORE_UNAVAILABLE');
    expect((err as AppError).message).toContain('REDIS_URL');
    expect((err as AppError).message).not.toContain('secret');
  });

  it('surfaces a closed client as STORE_UNAVAILABLE', async () => {
    const redis = await connectRedis(REDIS_URL!, silentLogger());
    const backend = createRedisBackend({ redis, keyPrefix: randomPrefix('closed'), ownsClient: true });
    expect(await backend.dedupe.firstSeen('x', 10)).toBe(true);
    await backend.close();
    const err = await backend.sessions.get('x').catch((e: unknown) => e);
    expect((err as AppError).code).toBe('STORE_UNAVAILABLE');
  });
});
