import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import type { RunningServices } from '../../src/services.ts';
import { createRedisBackend } from '../../src/store/redis/index.ts';
import { buildTestServices } from '../fixtures/services.ts';
import { makeInbound } from '../fixtures/messages.ts';
import { dropPrefix, randomPrefix, testRedis } from '../helpers/redis.ts';

const REDIS_URL = process.env.REDIS_URL;

/**
 * What the Redis server receives for one turn, watched through MONITOR: the commands this
 * engine's client sends under its own key prefix (commands a script runs inside Redis are not
 * round trips and are left out).
 */
describe.skipIf(!REDIS_URL)('Redis round trips per turn (REDIS_URL)', () => {
  const prefix = randomPrefix('trips');
  let services: RunningServices;
  let client: Redis;
  let watcher: net.Socket;
  let engine: Engine;
  const seen: { name: string; args: string[] }[] = [];

  beforeAll(async () => {
    services = await buildTestServices();
    client = testRedis(REDIS_URL!);
    engine = createEngine({ ...services, state: createRedisBackend({ redis: client, keyPrefix: prefix }) });
    watcher = await monitor(REDIS_URL!, (args, source) => {
      if (source !== 'lua' && args.some((a) => a.includes(prefix))) seen.push({ name: args[0]!.toLowerCase(), args: args.slice(1) });
    });
    // The connection's first turn sends the scripts whole; every later one calls them by hash.
    await engine.handle(makeInbound({ text: '年票多少钱', chatId: 'warm', senderId: 'warm' }));
  });

  afterAll(async () => {
    await dropPrefix(client, prefix);
    watcher.destroy();
    await client.quit();
    await services.close();
  });

  /** Reads a marker key on the engine's connection and waits until MONITOR has shown it: everything sent before it has been seen. */
  async function mark(): Promise<number> {
    const marker = `${prefix}marker:${Math.random()}`;
    await client.get(marker);
    for (let i = 0; i < 300 && !seen.some((c) => c.args.includes(marker)); i++) await new Promise((r) => setTimeout(r, 10));
    const at = seen.findIndex((c) => c.args.includes(marker));
    expect(at).toBeGreaterThanOrEqual(0);
    return at;
  }

  /** The commands one turn sent: those between a marker before it and a marker after it. */
  async function tripsOf(send: () => Promise<unknown>): Promise<string[]> {
    const from = await mark();
    await send();
    const to = await mark();
    return seen.slice(from + 1, to).map((c) => c.name);
  }

  const ask = (text: string, extra: Parameters<typeof makeInbound>[0] = {}) => engine.handle(makeInbound({ text, ...extra }));

  it('answers a private question in two round trips, the scripts called by hash', async () => {
    const trips = await tripsOf(async () => {
      const replies = await ask('疗休养有几天', { chatId: 'p1', senderId: 'p1' });
      expect(replies[0]?.text).toBeTruthy();
    });
    expect(trips).toEqual(['evalsha', 'evalsha']);
  });

  it('answers a group message, with the group\'s limit counted too, in two round trips', async () => {
    const trips = await tripsOf(async () => {
      const replies = await ask('年票多少钱', { chatType: 'group', chatId: 'room-1', senderId: 'g1', mentionsBot: true });
      expect(replies[0]?.text).toBeTruthy();
    });
    expect(trips.length).toBeLessThanOrEqual(2);
    expect(trips.every((t) => t === 'evalsha')).toBe(true);
  });

  it('drops a resent message in one round trip', async () => {
    const msg = makeInbound({ text: '年票多少钱', chatId: 'p2', senderId: 'p2' });
    await engine.handle(msg);
    const trips = await tripsOf(async () => expect(await engine.handle(msg)).toEqual([]));
    expect(trips).toEqual(['evalsha']);
  });
});

/**
 * MONITOR on a plain socket: each line the server streams is one command, with the client that sent
 * it ('lua' for a script's own calls). A plain socket keeps up with any traffic other clients make.
 */
function monitor(url: string, onCommand: (args: string[], source: string) => void): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port || 6379), hostname, () => socket.write('MONITOR\r\n'));
    let buffer = '';
    let started = false;
    socket.setEncoding('latin1');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!started) {
          started = line === '+OK';
          if (started) resolve(socket);
          continue;
        }
        const m = /^\+[\d.]+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
        if (m) onCommand([...m[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((a) => a[1]!.replace(/\\(.)/g, '$1')), m[1]!);
      }
    });
  });
}
