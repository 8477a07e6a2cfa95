import { fork, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.ts';
import { secondsLeft, share, type Deadline } from './budget.ts';
import { benchQuestions, load, openEngine, percentile } from './redis-load.ts';
import { singleClient } from './redis-single.ts';

/**
 * Redis-backed state under load: whole engine turns on memory state and on Redis state in one
 * process, on Redis state in two processes sharing it, and redis-benchmark's GET/SET rate as
 * the bound a round trip puts on them. Each turn does two Redis round trips: one script for
 * dedupe, rate limits, lock and session read, one for session write and unlock.
 */

interface Row {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const TURNS = 2000;
const CONCURRENCY = 16;

function rowsFor(label: string, latencies: number[], wallMs: number, note: string): Row[] {
  return [
    { name: `${label}: messages per second`, value: latencies.length / (wallMs / 1000), unit: '/s', note },
    { name: `${label}: p50`, value: percentile(latencies, 50), unit: 'ms', note: `${CONCURRENCY} in flight per process` },
    { name: `${label}: p99`, value: percentile(latencies, 99), unit: 'ms' },
  ];
}

export async function benchRedis(options: { deadline?: Deadline } = {}): Promise<Row[]> {
  const { deadline } = options;
  const config = loadConfig(process.env);
  if (!config.REDIS_URL) throw new Error('REDIS_URL is not set');
  const url = config.REDIS_URL;
  const questions = await benchQuestions();
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const rows: Row[] = [];

  // One engine on each state over the same services, opened once (opening one costs seconds on a busy machine).
  const e = await openEngine({ redisUrl: url, keyPrefix: `${prefix}one:` });
  try {
    // Shares of the time left: the two states one after the other, the single client, the two processes; redis-benchmark takes the rest.
    const states = [['memory state, 1 process', e.memoryEngine], ['Redis state, 1 process', e.engine]] as const;
    for (const [k, [label, engine]] of states.entries()) {
      const until = share(deadline, 0.3 / (states.length - k));
      await load(engine, questions, { n: 100, concurrency: 4, tag: `${label}-warm` });
      const seq = await load(engine, questions, { n: 500, concurrency: 1, tag: `${label}-seq`, deadline: share(until, 0.4), min: 150 });
      rows.push({ name: `${label}: one turn at a time, p99`, value: percentile(seq.latencies, 99), unit: 'ms', note: `p50 ${percentile(seq.latencies, 50).toFixed(2)} ms, ${seq.latencies.length} turns` });
      const r = await load(engine, questions, { n: TURNS, concurrency: CONCURRENCY, tag: label, deadline: until, min: 400 });
      rows.push(...rowsFor(label, r.latencies, r.wallMs, `${r.latencies.length} turns`));
    }
    rows.push(...(await singleClient({ memory: e.memoryEngine, redis: e.engine, client: e.redis!, keyPrefix: `${prefix}single:`, questions, rounds: 2000, deadline: share(deadline, 0.6) })));
  } finally {
    await dropPrefix(e.redis!, prefix);
    await e.close();
  }

  const cleaner = new Redis(url, { maxRetriesPerRequest: 1 });
  cleaner.on('error', () => undefined);
  try {
    rows.push(...(await twoProcesses(url, `${prefix}two:`, deadline)));
  } finally {
    // The worker processes leave their keys behind.
    await dropPrefix(cleaner, prefix).catch(() => undefined);
    cleaner.disconnect();
  }
  rows.push(...(await redisBenchmark(url)));
  return rows;
}

async function twoProcesses(redisUrl: string, keyPrefix: string, deadline: Deadline | undefined): Promise<Row[]> {
  const children: ChildProcess[] = [0, 1].map(() => fork(new URL('./redis-worker.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: 'ignore' }));
  const next = (c: ChildProcess) => new Promise<Record<string, unknown>>((resolve, reject) => {
    c.once('message', (m) => resolve(m as Record<string, unknown>));
    c.once('exit', (code) => code && reject(new Error(`bench worker exited with ${code}`)));
  });
  try {
    const ready = children.map(next);
    // Each runs at most half the turns, and stops after its minimum once the time left is spent.
    children.forEach((c, i) => c.send({ redisUrl, keyPrefix, n: TURNS / 2, concurrency: CONCURRENCY, tag: `p${i}`, min: 200 }));
    await Promise.all(ready);
    const done = children.map(next);
    const start = performance.now();
    // The run may take what is left of the budget once the workers are up, but a second for redis-benchmark.
    const left = deadline === undefined ? Number.POSITIVE_INFINITY : Math.max(2, secondsLeft(deadline) - 1) * 1000;
    children.forEach((c) => c.send({ go: true, ...(Number.isFinite(left) ? { ms: left } : {}) }));
    const results = (await Promise.all(done)).map((m) => m.result as { latencies: number[]; wallMs: number });
    const wallMs = performance.now() - start;
    const latencies = results.flatMap((r) => r.latencies);
    return rowsFor('Redis state, 2 processes', latencies, wallMs, `${latencies.length} turns split over two processes`);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
  }
}

/** redis-benchmark's own GET/SET rate against the same server: the round-trip bound. */
async function redisBenchmark(redisUrl: string): Promise<Row[]> {
  const u = new URL(redisUrl);
  const args = ['-h', u.hostname, '-p', u.port || '6379', '-q', '-n', '20000', '-t', 'get,set'];
  let out: string;
  try {
    out = (await promisify(execFile)('redis-benchmark', args)).stdout;
  } catch (err) {
    return [{ name: 'redis-benchmark', value: 0, unit: '', note: `not run: ${(err as Error).message.split('\n')[0]}` }];
  }
  const rows: Row[] = [];
  // "SET: 98039.22 requests per second, p50=0.263 msec"
  for (const m of out.replace(/\r/g, '\n').matchAll(/^(GET|SET): ([\d.]+) requests per second(?:, p50=([\d.]+) msec)?/gm)) {
    rows.push({ name: `redis-benchmark ${m[1]} (50 clients)`, value: Number(m[2]), unit: '/s', ...(m[3] ? { note: `p50 ${m[3]} ms` } : {}) });
  }
  return rows;
}

async function dropPrefix(redis: import('ioredis').Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = nextCursor;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}
