import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { Engine } from '../src/engine/engine.ts';
import { overdue, share, type Deadline } from './budget.ts';
import type { BenchRow } from './run.ts';
import { benchMessage, load, percentile } from './redis-load.ts';

/**
 * One client (one Redis connection), all in the same minute: a whole turn on memory state, a
 * whole turn on Redis state (two round trips), and the raw PING and SET round trips on the same
 * connection, taken in rotation so a busy machine slows each of them alike; then both states
 * with sixteen turns in flight on that one connection, in alternating blocks; then two messages
 * of one conversation sent at once, the second waiting for the first's lock.
 */

type Step = { name: string; run: (i: number) => Promise<unknown> };

export async function singleClient(options: { memory: Engine; redis: Engine; client: Redis; keyPrefix: string; questions: readonly string[]; rounds: number; deadline?: Deadline }): Promise<BenchRow[]> {
  const { questions, client } = options;
  // Half the time for the rotation, a third of the rest for the blocks in flight, the rest for the pairs.
  const rotationUntil = share(options.deadline, 0.5);
  const steps: Step[] = [
    { name: 'memory', run: (i) => options.memory.handle(benchMessage(questions[i % questions.length]!, `single-m-${i}`)) },
    { name: 'redis', run: (i) => options.redis.handle(benchMessage(questions[i % questions.length]!, `single-r-${i}`)) },
    { name: 'ping', run: () => client.ping() },
    { name: 'set', run: (i) => client.set(`${options.keyPrefix}single:${i % 100}`, 'x', 'EX', 60) },
  ];
  const lat = new Map(steps.map((s) => [s.name, [] as number[]]));
  // This process's CPU per step: what the state backend costs here, apart from waiting for the server.
  const cpu = new Map(steps.map((s) => [s.name, 0]));
  // Times this process gave up the CPU per step: each wait for Redis is one, and on a busy machine
  // each costs a wait to be scheduled again (a memory-state turn never waits).
  const switches = new Map(steps.map((s) => [s.name, 0]));
  let rounds = 0;
  for (let i = -50; i < options.rounds && !overdue(rotationUntil, i, 200); i++) {
    if (i >= 0) rounds += 1;
    for (let k = 0; k < steps.length; k++) {
      const step = steps[(Math.abs(i) + k) % steps.length]!;
      const r = process.resourceUsage();
      const c = process.cpuUsage();
      const t = performance.now();
      await step.run(i);
      if (i < 0) continue;
      lat.get(step.name)!.push(performance.now() - t);
      const used = process.cpuUsage(c);
      const after = process.resourceUsage();
      cpu.set(step.name, cpu.get(step.name)! + (used.user + used.system) / 1000);
      switches.set(step.name, switches.get(step.name)! + after.voluntaryContextSwitches - r.voluntaryContextSwitches + after.involuntaryContextSwitches - r.involuntaryContextSwitches);
    }
  }
  const switchesPer = (name: string) => switches.get(name)! / rounds;
  const cpuMs = (name: string) => cpu.get(name)! / rounds;
  const perSecond = (l: number[]) => l.length / (l.reduce((a, b) => a + b, 0) / 1000);
  const fig = (l: number[]) => `p50 ${percentile(l, 50).toFixed(3)} ms, p99 ${percentile(l, 99).toFixed(3)} ms`;
  const memory = lat.get('memory')!;
  const redis = lat.get('redis')!;
  const ping = lat.get('ping')!;
  const set = lat.get('set')!;
  return [
    { name: 'one client: memory-state turns per second', value: perSecond(memory), unit: '/s', note: `${fig(memory)}; ${rounds} rounds` },
    { name: 'one client: Redis-state turns per second', value: perSecond(redis), unit: '/s', note: fig(redis) },
    { name: 'one client: Redis-state turn p50', value: percentile(redis, 50), unit: 'ms' },
    { name: 'one client: Redis-state turn p99', value: percentile(redis, 99), unit: 'ms' },
    { name: 'one client: Redis vs memory state throughput', value: perSecond(redis) / perSecond(memory), unit: 'x', note: `target >= 0.8; at the medians ${(percentile(memory, 50) / percentile(redis, 50)).toFixed(2)}x` },
    { name: 'one client: raw PING round trip p50', value: percentile(ping, 50), unit: 'ms', note: fig(ping) },
    { name: 'one client: raw SET round trip p50', value: percentile(set, 50), unit: 'ms', note: fig(set) },
    { name: 'one client: Redis turn minus memory turn, p50', value: percentile(redis, 50) - percentile(memory, 50), unit: 'ms', note: 'the two round trips a Redis-state turn adds, and the waits for the server to be scheduled' },
    { name: 'one client: CPU per turn, memory state', value: cpuMs('memory'), unit: 'ms' },
    { name: 'one client: CPU per turn, Redis state', value: cpuMs('redis'), unit: 'ms', note: `memory/Redis ${(cpuMs('memory') / cpuMs('redis')).toFixed(2)}x; PING ${cpuMs('ping').toFixed(3)} ms CPU` },
    { name: 'one client: context switches per turn, memory state', value: switchesPer('memory'), unit: '', note: 'voluntary + involuntary, this process' },
    { name: 'one client: context switches per turn, Redis state', value: switchesPer('redis'), unit: '', note: `PING ${switchesPer('ping').toFixed(2)}; each is a wait to be scheduled again, dear when the machine is busy` },
    ...(await inFlight({ ...options, deadline: share(options.deadline, 0.5) })),
    ...(await twoAtOnce(options)),
    { name: 'machine load average (1 min) during the run', value: loadavg()[0]!, unit: '', note: `${availableParallelism()} cores` },
  ];
}

/** Sixteen turns at a time on each state, in alternating blocks so the machine's load falls on both alike. */
async function inFlight(options: { memory: Engine; redis: Engine; questions: readonly string[]; deadline?: Deadline }): Promise<BenchRow[]> {
  const sums = { memory: { turns: 0, ms: 0, lat: [] as number[] }, redis: { turns: 0, ms: 0, lat: [] as number[] } };
  // Whole pairs of blocks, at least two, so both states see the same share of the machine's load.
  for (let block = 0; block < 8 && !(block % 2 === 0 && overdue(options.deadline, block, 2)); block++) {
    for (const name of block % 2 ? (['redis', 'memory'] as const) : (['memory', 'redis'] as const)) {
      const r = await load(options[name], options.questions, { n: 250, concurrency: 16, tag: `flight-${name}-${block}` });
      sums[name].turns += r.latencies.length;
      sums[name].ms += r.wallMs;
      sums[name].lat.push(...r.latencies);
    }
  }
  const rate = (x: { turns: number; ms: number }) => x.turns / (x.ms / 1000);
  const fig = (l: number[]) => `p50 ${percentile(l, 50).toFixed(2)} ms, p99 ${percentile(l, 99).toFixed(2)} ms`;
  return [
    { name: 'one client, 16 turns in flight: memory-state turns per second', value: rate(sums.memory), unit: '/s', note: fig(sums.memory.lat) },
    { name: 'one client, 16 turns in flight: Redis-state turns per second', value: rate(sums.redis), unit: '/s', note: fig(sums.redis.lat) },
    { name: 'one client, 16 turns in flight: Redis vs memory state throughput', value: rate(sums.redis) / rate(sums.memory), unit: 'x', note: 'target >= 0.8' },
  ];
}

/**
 * A worker sending two messages in a row: both of one conversation at once, so the second waits
 * for the first's lock. The figure is the later reply's latency, on each state in rotation.
 */
async function twoAtOnce(options: { memory: Engine; redis: Engine; questions: readonly string[]; deadline?: Deadline }): Promise<BenchRow[]> {
  const lat = { memory: [] as number[], redis: [] as number[] };
  for (let i = -20; i < 300 && !overdue(options.deadline, i, 60); i++) {
    for (const name of i % 2 ? (['redis', 'memory'] as const) : (['memory', 'redis'] as const)) {
      const message = (k: number) => ({ ...benchMessage(options.questions[(i + k) % options.questions.length]!, `pair-${name}-${i}`), messageId: `pair-${name}-${i}-${k}` });
      const t = performance.now();
      await Promise.all([options[name].handle(message(0)), options[name].handle(message(1))]);
      if (i >= 0) lat[name].push(performance.now() - t);
    }
  }
  const fig = (l: number[]) => `p50 ${percentile(l, 50).toFixed(2)} ms, p99 ${percentile(l, 99).toFixed(2)} ms`;
  return [
    { name: 'one client, two messages of one conversation at once: later reply p50, memory state', value: percentile(lat.memory, 50), unit: 'ms', note: fig(lat.memory) },
    { name: 'one client, two messages of one conversation at once: later reply p50, Redis state', value: percentile(lat.redis, 50), unit: 'ms', note: `${fig(lat.redis)}; the second waits for the first's lock` },
  ];
}
