import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { migrate, openDatabase, type Database } from '../src/db/index.ts';
import { createSqlTicketStore } from '../src/tickets/sql-store.ts';
import type { NewTicket, TicketStore } from '../src/tickets/types.ts';
import { share, type Deadline } from './budget.ts';

/**
 * Tickets filed per second through the SQL store (one transaction: day counter, ticket row,
 * audit entry), on the embedded PGlite and, when DATABASE_URL is set, on PostgreSQL - one at a
 * time (the latency a worker waits after confirming) and 16 at once (a busy evening).
 */

export interface BenchRow {
  name: string;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  /** Tickets the figures are of: fewer than asked when the time budget ran out. */
  tickets: number;
}

export interface BenchTicketsOptions {
  /** PostgreSQL to measure; defaults to DATABASE_URL from the configuration. */
  databaseUrl?: string;
  /** Tickets per measurement (default 400). */
  count?: number;
  /** When to stop filing (performance.now() ms); each measurement takes its share of the time left. */
  deadline?: Deadline;
}

function form(i: number): NewTicket {
  return {
    fields: { name: '张师傅', phone: '13912346721', employer: '重庆某建筑公司', district: '渝中区', description: `老板拖欠工资三个月了，第${i}位工友` },
    category: 'rights',
    requestType: 'legal_aid',
    priority: 'normal',
    urgent: false,
    tier: '一般',
    origin: { platform: 'eval', chatId: `bench-${i}`, senderId: `bench-${i}` },
    transcript: [{ from: 'worker', text: '老板拖欠工资三个月了怎么办', at: new Date().toISOString() }],
    idempotencyKey: `bench-${randomUUID()}`,
  };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(name: string, store: TicketStore, count: number, concurrency: number, deadline: Deadline): Promise<BenchRow> {
  for (let i = 0; i < 20; i++) await store.file(form(i), 'bench'); // warm-up
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  // At least 100 tickets, then until the count or the deadline.
  const more = () => next < count && (next < 100 || performance.now() < deadline);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more()) {
        const i = next++;
        const t = performance.now();
        await store.file(form(i), 'bench');
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { name, perSecond: Math.round(latencies.length / seconds), p50ms: round(percentile(latencies, 50)), p99ms: round(percentile(latencies, 99)), tickets: latencies.length };
}

function configuredDatabaseUrl(): string | undefined {
  try {
    return loadConfig().DATABASE_URL;
  } catch {
    return undefined;
  }
}

export async function benchTickets(options: BenchTicketsOptions = {}): Promise<{ rows: BenchRow[] }> {
  const count = options.count ?? 400;
  const rows: BenchRow[] = [];
  const databaseUrl = options.databaseUrl ?? configuredDatabaseUrl();
  let left = databaseUrl ? 4 : 2;
  /** Each measurement's share of the time left. */
  const until = () => share(options.deadline, 1 / left--);

  const pglite = await openDatabase({ inMemory: true });
  try {
    await migrate(pglite);
    const store = createSqlTicketStore({ database: pglite });
    rows.push(await measure('tickets filed, PGlite in memory, 1 at a time', store, count, 1, until()));
    rows.push(await measure('tickets filed, PGlite in memory, 16 at once', store, count, 16, until()));
  } finally {
    await pglite.close();
  }

  if (databaseUrl) {
    const schema = `bench_tickets_${randomBytes(4).toString('hex')}`;
    let pg: Database | undefined;
    try {
      pg = await openDatabase({ databaseUrl, schema });
      await migrate(pg);
      const store = createSqlTicketStore({ database: pg });
      rows.push(await measure('tickets filed, PostgreSQL, 1 at a time', store, count, 1, until()));
      rows.push(await measure('tickets filed, PostgreSQL, 16 at once', store, count, 16, until()));
    } finally {
      await pg?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
      await pg?.close();
    }
  }
  return { rows };
}
