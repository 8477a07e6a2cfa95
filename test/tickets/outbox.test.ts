import { randomBytes, randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outbox, OutboxItem } from '../../src/tickets/outbox.ts';
import { createFileOutbox } from '../../src/tickets/outbox-file.ts';
import { mirroredOutbox } from '../../src/tickets/outbox-mirrored.ts';
import { createRedisOutbox } from '../../src/tickets/outbox-redis.ts';
import { makeNewTicket } from '../contracts/ticket-store.contract.ts';

function item(queuedAt: string, description = '工资被拖欠 <b>急</b>'): OutboxItem {
  return { input: makeNewTicket({ fields: { description } }), actor: 'bot', queuedAt };
}

/** The Outbox contract, run on the file and the Redis implementation. */
function outboxContract(name: string, make: () => Promise<Outbox>): void {
  describe(`Outbox contract: ${name}`, () => {
    it('keeps what is put, oldest first, until it is removed', async () => {
      const outbox = await make();
      expect(await outbox.list()).toEqual([]);
      const late = item('2026-11-22T02:00:00.000Z');
      const early = item('2026-11-22T01:00:00.000Z', '单位不给缴社保');
      await outbox.put(late);
      await outbox.put(early);
      expect(await outbox.size()).toBe(2);
      expect(await outbox.list()).toEqual([early, late]);
      await outbox.remove(early.input.idempotencyKey);
      expect(await outbox.list()).toEqual([late]);
      await outbox.remove('never-queued');
      await outbox.remove(late.input.idempotencyKey);
      expect(await outbox.size()).toBe(0);
    });

    it('keeps one copy of a form put twice', async () => {
      const outbox = await make();
      const first = item('2026-11-22T01:00:00.000Z');
      await outbox.put(first);
      await outbox.put({ ...first, queuedAt: '2026-11-22T03:00:00.000Z' });
      expect(await outbox.list()).toEqual([first]);
    });

    it('loses none of 50 forms put at once', async () => {
      const outbox = await make();
      const items = Array.from({ length: 50 }, (_, i) => item(`2026-11-22T01:00:${String(i).padStart(2, '0')}.000Z`));
      await Promise.all(items.map((x) => outbox.put(x)));
      expect((await outbox.list()).map((x) => x.input.idempotencyKey)).toEqual(items.map((x) => x.input.idempotencyKey));
      await Promise.all(items.slice(0, 25).map((x) => outbox.remove(x.input.idempotencyKey)));
      expect(await outbox.size()).toBe(25);
    });
  });
}

describe('file outbox', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'niangjia-outbox-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  outboxContract('JSON-lines file', async () => createFileOutbox({ file: path.join(dir, `${randomUUID()}.jsonl`) }));

  it('survives a restart and skips a record torn by a crash without losing later ones', async () => {
    const file = path.join(dir, 'crash.jsonl');
    const a = item('2026-11-22T01:00:00.000Z');
    await createFileOutbox({ file }).put(a);
    await appendFile(file, '{"op":"put","item":{"input":{"fields"'); // the process died mid-write
    const b = item('2026-11-22T02:00:00.000Z');
    const reopened = createFileOutbox({ file });
    await reopened.put(b);
    expect(await createFileOutbox({ file }).list()).toEqual([a, b]);
  });

  it('shrinks the log once everything is filed', async () => {
    const file = path.join(dir, 'compact.jsonl');
    const outbox = createFileOutbox({ file });
    const items = Array.from({ length: 20 }, (_, i) => item(`2026-11-22T01:00:${String(i).padStart(2, '0')}.000Z`));
    for (const x of items) await outbox.put(x);
    const full = (await stat(file)).size;
    for (const x of items) await outbox.remove(x.input.idempotencyKey);
    expect((await stat(file)).size).toBeLessThan(full / 10);
    expect((await readFile(file, 'utf8')).trim()).toBe('');
  });
});

const REDIS_URL = process.env.REDIS_URL;

describe.skipIf(!REDIS_URL)('Redis outbox (REDIS_URL)', () => {
  const prefix = `test:${randomBytes(6).toString('hex')}`;
  let redis: Redis;
  let n = 0;
  beforeAll(() => {
    redis = new Redis(REDIS_URL!, { lazyConnect: false, maxRetriesPerRequest: 2 });
    redis.on('error', () => {});
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });
  outboxContract('Redis hash', async () => createRedisOutbox({ redis, key: `${prefix}:outbox:${++n}` }));

  it('lets one process at a time hold an item, until it lets go or its hold runs out', async () => {
    const outbox = createRedisOutbox({ redis, key: `${prefix}:outbox:${++n}` });
    expect(await outbox.hold('evt-1', 'a', 5000)).toBe(true);
    expect(await outbox.hold('evt-1', 'b', 5000)).toBe(false);
    expect(await outbox.hold('evt-1', 'a', 5000)).toBe(true);
    await outbox.letGo('evt-1', 'b');
    expect(await outbox.hold('evt-1', 'b', 5000)).toBe(false);
    await outbox.letGo('evt-1', 'a');
    expect(await outbox.hold('evt-1', 'b', 100)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(await outbox.hold('evt-1', 'a', 5000)).toBe(true);
  });

  outboxContract('Redis hash mirrored on disk', async () => mirroredOutbox(createRedisOutbox({ redis, key: `${prefix}:outbox:${++n}` }), createFileOutbox({ file: path.join(tmpdir(), `niangjia-mirror-${randomUUID()}.jsonl`) })));

  it('still holds a kept form after Redis lost its data, and forgets it once filed', async () => {
    const key = `${prefix}:outbox:${++n}`;
    const file = path.join(tmpdir(), `niangjia-mirror-${randomUUID()}.jsonl`);
    const kept = item('2026-11-22T01:00:00.000Z');
    await mirroredOutbox(createRedisOutbox({ redis, key }), createFileOutbox({ file })).put(kept);
    // What a restart of a Redis that keeps nothing on disk leaves behind.
    await redis.del(key);
    const afterRestart = mirroredOutbox(createRedisOutbox({ redis, key }), createFileOutbox({ file }));
    expect(await afterRestart.list()).toEqual([kept]);
    await afterRestart.remove(kept.input.idempotencyKey);
    expect(await afterRestart.size()).toBe(0);
    expect(await createFileOutbox({ file }).list()).toEqual([]);
    await rm(file, { force: true });
  });

  it('keeps a form on disk while Redis is unreachable', async () => {
    const away = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    away.on('error', () => {});
    const file = path.join(tmpdir(), `niangjia-mirror-${randomUUID()}.jsonl`);
    const kept = item('2026-11-22T01:00:00.000Z');
    await mirroredOutbox(createRedisOutbox({ redis: away, key: 'unreachable' }), createFileOutbox({ file })).put(kept);
    expect(await createFileOutbox({ file }).list()).toEqual([kept]);
    away.disconnect();
    await rm(file, { force: true });
  });
});
