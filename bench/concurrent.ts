import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEngine, type Engine } from '../src/engine/engine.ts';
import { createEvalWorld } from '../src/eval/world.ts';
import { percentile } from '../src/eval/score.ts';
import type { BenchRow } from './run.ts';
import { NO_DEADLINE, share, type Deadline } from './budget.ts';
import { benchQuestions } from './redis-load.ts';

/**
 * Sixteen conversations at once on the embedded defaults (memory state, PGlite tickets), each a
 * worker with a filed ticket who asks about it every fourth message between policy questions.
 * Measured with the cached ticket lists the service runs with, and with every status read
 * going to the database, in the same process one after the other; each both with sixteen turns
 * always in flight and at a steady pace.
 */

const LANES = 16;
const PER_LANE = 120;
/** Messages per conversation a run sends at least, whatever its deadline. */
const MIN_PER_LANE = 25;
const WARM_PER_LANE = 20;
const STATUS = '我的工单进度咋样了';
/** Paced runs: each conversation sends one message this often (sixteen of them: 200 messages a second). */
const PACE_MS = 80;

/**
 * Every conversation sends PER_LANE messages. Closed (`everyMs` undefined): the next as soon as
 * the reply is back, so sixteen are always in flight and the latency is mostly the queue.
 * Paced: one every `everyMs`, each latency counted from when the message was due, not from when
 * it could be sent, so a late turn is not hidden by the one behind it.
 */
async function run(engine: Engine, questions: readonly string[], tag: string, options: { everyMs?: number; perLane?: number; deadline?: Deadline } = {}): Promise<{ all: number[]; status: number[]; wallMs: number }> {
  const { everyMs, perLane = PER_LANE, deadline = NO_DEADLINE } = options;
  const all: number[] = [];
  const status: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      // Past the deadline a conversation stops sending, after its minimum: every lane sends alike.
      for (let i = 0; i < perLane && (i < MIN_PER_LANE || performance.now() < deadline); i++) {
        const due = everyMs === undefined ? performance.now() : start + (i + lane / LANES) * everyMs;
        if (due > performance.now()) await sleep(due - performance.now());
        const asksStatus = i % 4 === 3;
        await engine.handle({
          platform: 'eval', chatId: `conc-${lane}`, chatType: 'private', senderId: `conc-${lane}`,
          text: asksStatus ? STATUS : questions[(lane * 7 + i) % questions.length]!,
          mentionsBot: false, messageId: `${tag}-${lane}-${i}`, receivedAt: new Date().toISOString(),
        });
        const ms = performance.now() - due;
        all.push(ms);
        if (asksStatus) status.push(ms);
      }
    }),
  );
  return { all, status, wallMs: performance.now() - start };
}

export async function benchConcurrent(options: { deadline?: Deadline } = {}): Promise<BenchRow[]> {
  const questions = (await benchQuestions()).filter((q) => q.length < 60);
  // The limits are per sender; a bench conversation talks faster than any worker.
  const world = await createEvalWorld({ RATE_LIMIT_MAX: '10000' });
  try {
    const { engine, services } = await world.open();
    for (let lane = 0; lane < LANES; lane++) {
      await services.desk.file({
        fields: { name: '张师傅', phone: '13912346721', employer: '重庆某建筑公司', district: '渝中区', description: '老板拖欠工资三个月了' },
        category: 'rights', requestType: 'assistance', priority: 'normal', urgent: false, tier: '一般',
        origin: { platform: 'eval', chatId: `conc-${lane}`, senderId: `conc-${lane}` },
        transcript: [{ from: 'worker', text: '老板拖欠工资三个月了怎么办', at: new Date().toISOString() }],
        idempotencyKey: `conc-${lane}`,
      }, 'bench');
    }
    const uncached = createEngine({ ...services, tickets: services.observed.store });
    const rows: BenchRow[] = [];
    const figures = (label: string, r: { all: number[]; status: number[]; wallMs: number }, note: string): BenchRow[] => [
      { name: `${label}: turns per second`, value: r.all.length / (r.wallMs / 1000), unit: '/s', note },
      { name: `${label}: p50`, value: percentile(r.all, 50), unit: 'ms' },
      { name: `${label}: p99`, value: percentile(r.all, 99), unit: 'ms', note: 'target <= 10 ms' },
      { name: `${label}: status turns p50`, value: percentile(r.status, 50), unit: 'ms' },
      { name: `${label}: status turns p99`, value: percentile(r.status, 99), unit: 'ms' },
    ];
    // Four measured runs; each takes its share of the time left.
    let left = 4;
    const until = () => share(options.deadline, 1 / left--);
    for (const [label, e] of [['cached ticket lists', engine], ['every status read from PGlite', uncached]] as const) {
      await run(e, questions, `${label}-warm`, { perLane: WARM_PER_LANE });
      const closed = await run(e, questions, `${label}-closed`, { deadline: until() });
      rows.push(...figures(`16 in flight, ${label}`, closed, `${closed.all.length} turns, 1 in 4 a status question; latency ~ 16 x a turn's time`));
      const paced = await run(e, questions, `${label}-paced`, { everyMs: PACE_MS, deadline: until() });
      rows.push(...figures(`16 conversations, one message each ${PACE_MS} ms, ${label}`, paced, `${LANES * 1000 / PACE_MS} messages/s offered, ${paced.all.length} turns`));
    }
    return rows;
  } finally {
    await world.close();
  }
}
