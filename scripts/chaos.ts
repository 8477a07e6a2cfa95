/**
 * `npm run chaos [-- --rounds 100 --minutes 8 --seed N --faults kill,postgres,pause,drop]`: the
 * service as a child process on the real Redis and PostgreSQL, driven through ticket conversations
 * in the terminal pipe while faults are injected: kill -9 of the service at a random point (then a
 * restart), PostgreSQL stopped and started, Redis paused (CLIENT PAUSE, at most 3 s) and the
 * service's Redis connections dropped. The shared Redis is never restarted (it keeps nothing on
 * disk, so everyone's keys would go); `--own-redis` runs the service on a redis-server of the run's
 * own and adds `restart` faults of it. `--faults outage-crash` (not in the default turn) confirms
 * while PostgreSQL is down and kills the service before the kept form is filed.
 * Prints conversations, tickets confirmed, filed, lost and doubled, late replies (> 5 s), stuck
 * conversations, and whether the worker's first message after each crash was understood.
 *
 * It disturbs everyone who shares the servers: each outage is short and both servers are always
 * put back, on errors and on Ctrl+C too. Tickets go to a schema of their own (dropped at the end),
 * state to Redis database --db (its niangjia: keys are deleted before and after).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Redis } from 'ioredis';
import { freePort } from '../test/helpers/ports.ts';
import { dropPrefix } from '../test/helpers/redis.ts';
import { Faults } from './chaos/faults.ts';
import { OwnRedis } from './chaos/redis-server.ts';
import { BUSY, PipedService } from './chaos/service.ts';
import { askedIn, conversationFor, type Asked, type ChaosWorker } from './chaos/worker.ts';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '100' },
    minutes: { type: 'string', default: '8' },
    db: { type: 'string', default: '12' },
    seed: { type: 'string' },
    'own-redis': { type: 'boolean', default: false },
    faults: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const deadline = Date.now() + Number(args.minutes) * 60_000;
const db = Number(args.db);
const BASE = process.env.CHAOS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// With --own-redis the run starts a redis-server of its own, so it can also restart it.
const own = args['own-redis'] ? new OwnRedis(await freePort()) : undefined;
await own?.start();
process.on('exit', () => own?.killNow());
const REDIS = own?.url ?? process.env.CHAOS_REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = `chaos_${randomBytes(4).toString('hex')}`;
const firstSeed = Number(args.seed ?? Date.now() % 1e9);
let seed = firstSeed;
/** A small seeded generator, so a run can be repeated with --seed. */
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const log = (line: string) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const control = new Redis(REDIS, { maxRetriesPerRequest: 2 });
const faults = new Faults(control, db, log, own);
const onSignal = () => {
  faults.restorePostgresNow();
  void control.call('CLIENT', 'UNPAUSE').finally(() => void own?.stop().finally(() => process.exit(130)));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const admin = new pg.Client({ connectionString: BASE });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
await admin.end();
await clearState();

const dataDir = mkdtempSync(path.join(tmpdir(), 'niangjia-chaos-'));
const root = path.resolve(import.meta.dirname, '..');
const service = new PipedService(
  {
    cmd: process.execPath,
    args: ['scripts/run.mjs', 'cli/chat'],
    cwd: root,
    env: {
      ...process.env,
      REDIS_URL: `${REDIS}/${db}`,
      DATABASE_URL: `${BASE}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '10000',
      NODE_ENV: 'production',
    },
  },
  log,
);

process.on('exit', () => service.killNow());

type FaultKind = 'kill' | 'postgres' | 'pause' | 'drop' | 'restart' | 'outage-crash' | 'none';
const ALL_KINDS: FaultKind[] = ['kill', 'postgres', 'pause', 'drop', 'restart', 'outage-crash', 'none'];
// One fault per conversation, in turn; --faults kill,restart picks some.
const KINDS: FaultKind[] = args.faults
  ? args.faults.split(',').map((k) => {
      if (!ALL_KINDS.includes(k as FaultKind) || (k === 'restart' && !own)) throw new Error(`--faults: ${k} is not one of ${ALL_KINDS.join(', ')} (restart needs --own-redis)`);
      return k as FaultKind;
    })
  : own
    ? ['kill', 'postgres', 'pause', 'drop', 'restart', 'none']
    : ['kill', 'postgres', 'pause', 'drop', 'kill', 'postgres', 'pause', 'drop', 'none'];
const runTag = Math.floor(random() * 10_000);
let crashBefore = false;
const workers = new Map<string, ChaosWorker>();
const stats = { startedOver: [] as string[], killedMidTurn: 0, conversations: 0, confirmed: 0, queued: 0, late: 0, stuck: 0, busy: 0, crashes: 0, understood: 0, misunderstood: [] as string[], stuckWhere: [] as string[] };
/** Phone number -> what the worker was told: the ticket number, 'queued', or nothing yet. */
const told = new Map<string, string | undefined>();

try {
  log(`schema ${schema}, Redis db ${db}, seed ${firstSeed}; starting the service`);
  await service.start();
  for (let i = 0; i < rounds && Date.now() < deadline; i++) {
    await converse(i, KINDS[i % KINDS.length]!);
    stats.conversations += 1;
    if (i % 10 === 9) log(`${i + 1} conversations; faults ${JSON.stringify(faults.counts)}`);
  }
} finally {
  await faults.restoreAll();
}

log('waiting for tickets kept during outages to be filed');
const tickets = await settle();
await sleep(5000);
await service.stop();
const all = [...tickets.values()].flat();
const lost = [...told.entries()].filter(([phone, t]) => t !== undefined && !tickets.get(phone)?.length).length;
const doubled = [...tickets.values()].filter((list) => list.length > 1).length;
const unannounced = [...tickets.keys()].filter((phone) => !told.has(phone)).length;
// A ticket kept while PostgreSQL was down is announced in the chat with its number once filed.
const notNotified = [...told.entries()].filter(([phone, t]) => t === 'queued' && !tickets.get(phone)?.some((f) => service.transcript.includes(f.number))).length;
const wrong = all.filter((f) => {
  const w = [...workers.values()].find((x) => tickets.get(x.phone)?.includes(f));
  return w && (f.name !== w.values.name || f.employer !== w.values.employer || f.district !== w.values.district);
});

console.log(`conversations           ${stats.conversations} (service started ${service.starts} times)`);
console.log(`faults                  kill -9 ${faults.counts.kill} (${stats.killedMidTurn} before the answer), PostgreSQL stopped ${faults.counts.pgStop}, Redis paused ${faults.counts.redisPause}, Redis connections dropped ${faults.counts.redisDrop}, Redis restarted ${faults.counts.redisRestart}`);
console.log(`tickets confirmed       ${stats.confirmed} (${stats.queued} of them kept while PostgreSQL was down; ${notNotified} of those never told their number)`);
console.log(`tickets filed           ${all.length} (${unannounced} the worker was never told of, ${wrong.length} with a field that is not what the worker said)`);
console.log(`tickets lost            ${lost}`);
console.log(`tickets doubled         ${doubled}`);
console.log(`replies late (> 5 s)    ${stats.late}`);
console.log(`busy notices            ${stats.busy} (the worker sent the message again)`);
console.log(`stuck                   ${stats.stuck}`);
console.log(`after a crash           ${stats.understood} of ${stats.crashes} next messages understood as what they were`);
for (const m of stats.misunderstood.slice(0, 8)) console.log(`  misunderstood: ${m}`);
for (const f of wrong.slice(0, 8)) {
  const w = [...workers.values()].find((x) => tickets.get(x.phone)?.includes(f));
  console.log(`  wrong field: ${f.number} filed ${JSON.stringify({ name: f.name, employer: f.employer, district: f.district })}, worker said ${JSON.stringify(w?.values)} (${w?.transcript.join(' / ').slice(0, 600)})`);
}
for (const m of stats.stuckWhere.slice(0, 8)) console.log(`  stuck: ${m}`);
console.log(`started over            ${stats.startedOver.length} (the bot had lost the form; the worker told it again)`);
for (const m of stats.startedOver.slice(0, 8)) console.log(`  lost form: ${m}`);

await dropSchema();
await clearState();
control.disconnect();
await own?.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(lost || doubled || stats.stuck || wrong.length ? 1 : 0);

/** One ticket conversation with one fault at a random step (40% of them at 确认). */
async function converse(i: number, kind: FaultKind): Promise<void> {
  const c = conversationFor(i, random, runTag);
  workers.set(c.phone, c);
  const faultAt = kind === 'outage-crash' || random() < 0.4 ? Infinity : Math.floor(random() * 4);
  let asked: Asked = 'start';
  let injected = false;
  let startedOver = false;
  let last = '';
  for (let step = 0; step < 14; step++) {
    const text = c.answer(asked);
    if (text === undefined) break;
    const faulty: FaultKind = !injected && (step === faultAt || (faultAt === Infinity && asked === 'confirm')) ? kind : 'none';
    injected ||= faulty !== 'none';
    const judged = crashBefore;
    crashBefore = false;
    const { answer, crashed } = await withFault(faulty, text);
    crashBefore = crashed;
    c.transcript.push(`${faulty === 'none' ? '' : `[${faulty}] `}> ${text}`, `< ${answer?.replaceAll('\n', ' ').slice(0, 100) ?? '(none)'}`);
    // A worker who got no answer before the crash says it again.
    if (crashed && answer === undefined) continue;
    if (answer === undefined) {
      stats.stuck += 1;
      stats.stuckWhere.push(`#${i} no reply to ${JSON.stringify(text)} (asked ${asked})`);
      await restart();
      return;
    }
    if (judged) {
      stats.crashes += 1;
      if (c.understood(asked, answer)) stats.understood += 1;
      else stats.misunderstood.push(`#${i} ${JSON.stringify(text)} (asked ${asked}) -> ${JSON.stringify(answer.slice(0, 200))}`);
    }
    const number = /12351-\d{8}-\d{4}/.exec(answer)?.[0];
    if (asked === 'confirm' && (number || answer.includes('已保存'))) {
      stats.confirmed += 1;
      if (!number) stats.queued += 1;
      told.set(c.phone, number ?? 'queued');
      return;
    }
    last = answer;
    const next = askedIn(answer);
    // A bot that no longer knows the form (its state lost with a restarted Redis) is told the story again, once.
    if (next === undefined && !startedOver && asked !== 'start') {
      startedOver = true;
      stats.startedOver.push(`#${i} ${JSON.stringify(text)} (asked ${asked}) -> ${JSON.stringify(answer.slice(0, 160))}`);
      asked = 'start';
    } else asked = next ?? asked;
  }
  stats.stuck += 1;
  stats.stuckWhere.push(`#${i} the form did not reach a ticket (last asked ${asked}, last reply ${JSON.stringify(last.slice(0, 160))})`);
  await service.say('取消');
}

/** Sends a message under a fault; a busy notice is answered by sending it again, as a worker would. */
async function withFault(kind: FaultKind, text: string): Promise<{ answer?: string; crashed: boolean }> {
  if (kind === 'kill') return killDuring(text);
  if (kind === 'outage-crash') return crashWhileKept(text);
  // Half of the outages begin before the message, half while its turn may be running.
  const early = random() < 0.5;
  const begin = async () => {
    if (kind === 'postgres') faults.stopPostgres();
    if (kind === 'pause') await faults.pauseRedis(1000 + Math.floor(random() * 2000));
    if (kind === 'drop') await faults.dropRedisConnections();
    if (kind === 'restart') await faults.restartRedis();
  };
  if (early) await begin();
  const sending = sayTimed(text);
  if (!early) {
    await sleep(random() * 150);
    await begin();
  }
  let answer = await sending;
  if (kind === 'postgres') {
    await sleep(500 + random() * 1500);
    faults.startPostgres();
  }
  for (let tries = 0; answer !== undefined && BUSY.includes(answer.trim()) && tries < 5; tries++) {
    stats.busy += 1;
    await sleep(1000);
    answer = await sayTimed(text);
  }
  return answer === undefined ? { crashed: false } : { answer, crashed: false };
}

/** kill -9 at a random moment after the message left: before, during or just after its turn. */
async function killDuring(text: string): Promise<{ answer?: string; crashed: boolean }> {
  faults.counts.kill += 1;
  const sending = sayTimed(text);
  // Mostly within the turn's first few hundred milliseconds, sometimes after its answer.
  await sleep(random() ** 2 * 600);
  await service.kill();
  const answer = await sending;
  if (answer === undefined) stats.killedMidTurn += 1;
  await restart();
  return answer === undefined ? { crashed: true } : { answer, crashed: true };
}

/** 确认 while PostgreSQL is down (the form is kept), then kill -9 before the outbox is flushed: the restarted service must file it. */
async function crashWhileKept(text: string): Promise<{ answer?: string; crashed: boolean }> {
  faults.counts.kill += 1;
  faults.stopPostgres();
  const answer = await sayTimed(text);
  await service.kill();
  // The service checks PostgreSQL at start-up: it comes back first.
  faults.startPostgres();
  await restart();
  return answer === undefined ? { crashed: true } : { answer, crashed: true };
}

async function sayTimed(text: string): Promise<string | undefined> {
  const a = await service.say(text);
  if (a.text !== undefined && a.ms > 5000) stats.late += 1;
  return a.text;
}

async function restart(): Promise<void> {
  await service.kill();
  await service.start();
}

interface Filed {
  number: string;
  name: string;
  employer: string;
  district: string;
}

/** Waits until every ticket the worker was told about is in the database (the outbox flushes every 15 s). */
async function settle(): Promise<Map<string, Filed[]>> {
  const end = Date.now() + 60_000;
  for (;;) {
    const filed = await ticketsByPhone();
    const missing = [...told.entries()].filter(([phone, t]) => t !== undefined && !filed.get(phone));
    if (!missing.length || Date.now() > end) return filed;
    await sleep(2000);
  }
}

async function ticketsByPhone(): Promise<Map<string, Filed[]>> {
  const client = new pg.Client({ connectionString: BASE });
  await client.connect();
  try {
    const rows = (await client.query<Filed & { phone: string }>(`SELECT number, phone, name, employer, district FROM ${schema}.tickets`)).rows;
    const out = new Map<string, Filed[]>();
    for (const r of rows) out.set(r.phone, [...(out.get(r.phone) ?? []), r]);
    return out;
  } finally {
    await client.end();
  }
}

async function dropSchema(): Promise<void> {
  const client = new pg.Client({ connectionString: BASE });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

async function clearState(): Promise<void> {
  const r = new Redis(`${REDIS}/${db}`, { maxRetriesPerRequest: 2 });
  await dropPrefix(r, 'niangjia:');
  r.disconnect();
}
