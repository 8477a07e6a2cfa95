import { and, asc, count, desc, eq, getTableColumns, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { storeError } from './db-errors.ts';
import { shanghaiDay } from './number.ts';
import { ticketAudit, ticketNotes, tickets, type TicketRow } from './schema.ts';
import { canRate } from './lifecycle.ts';
import { canTransition, type AuditEntry, type NewTicket, type Ticket, type TicketFilter, type TicketNote, type TicketStatus, type TicketStore, type TranscriptLine } from './types.ts';

export interface SqlTicketStoreOptions {
  /** An open, migrated database (PGlite or PostgreSQL); the store does not own or close it. */
  database: Database;
  /** Time source for timestamps and the day in the ticket number; tests pin it. */
  clock?: () => Date;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Exec = Db | Tx;

/**
 * Files a ticket in one statement, so in one transaction of its own: it takes the day's next
 * number, inserts the ticket under it and audits it. The day's counter row is locked from the
 * statement to its commit, so filings at once wait for each other only this long. A key already
 * filed fails the insert (unique violation), which undoes the whole statement and so returns the
 * number it took: numbers stay without gaps. Written out rather than built by the query builder,
 * whose column-by-column building and transaction cost more than the statement itself on the
 * embedded database. The number is written as formatTicketNumber writes it: at least four digits.
 * $1 day, $2 key, $3-$7 the form's fields, $8-$16 category to origin, $17 transcript, $18-$20 the time, $21 actor.
 */
const FILE_TICKET = `
  WITH counter AS (
    INSERT INTO ticket_counters (day, last) VALUES ($1, 1)
    ON CONFLICT (day) DO UPDATE SET last = ticket_counters.last + 1
    RETURNING '12351-' || day || '-' || lpad(last::text, greatest(4, length(last::text)), '0') AS number
  ), filed AS (
    INSERT INTO tickets (number, idempotency_key, status, name, phone, employer, district, description, category, request_type,
      priority, urgent, urgent_reason, tier, origin_platform, origin_chat_id, origin_sender_id, transcript, assignee, rating, created_at, updated_at)
    VALUES ((SELECT number FROM counter), $2, 'received', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, NULL, NULL, $18, $19)
    RETURNING *
  ), audited AS (
    INSERT INTO ticket_audit (ticket_id, at, actor, action, from_value, to_value, detail)
    SELECT id, $20::timestamptz, $21, 'file', NULL, 'received', number FROM filed
  )
  SELECT * FROM filed`;

/** Moves a day's counter up to the highest number its tickets hold ($1 the day). */
const CATCH_UP_COUNTER = `
  INSERT INTO ticket_counters (day, last)
  SELECT $1, coalesce(max(split_part(number, '-', 3)::int), 0) FROM tickets WHERE number LIKE '12351-' || $1 || '-%'
  ON CONFLICT (day) DO UPDATE SET last = greatest(ticket_counters.last, EXCLUDED.last)`;

/** A unique constraint refused a row (SQLSTATE 23505), wherever the driver put the code. */
function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 8; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The ticket store over drizzle, one implementation for PGlite and PostgreSQL. Each change and
 * its audit entry are written in one transaction; the ticket row is locked (FOR UPDATE) while a
 * change checks the lifecycle, so two operators cannot both move a ticket from the same state.
 */
export function createSqlTicketStore(options: SqlTicketStoreOptions): TicketStore {
  const { database } = options;
  const db = database.db;
  const clock = options.clock ?? (() => new Date());

  async function run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw storeError(err, what);
    }
  }

  async function byKey(key: string): Promise<Ticket | undefined> {
    const [row] = await db.select().from(tickets).where(eq(tickets.idempotencyKey, key)).limit(1);
    return row ? toTicket(row) : undefined;
  }

  async function rowOf(exec: Exec, number: string, lock: boolean): Promise<TicketRow> {
    const q = exec.select().from(tickets).where(eq(tickets.number, number)).limit(1);
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw new AppError('TICKET_NOT_FOUND', `ticket ${number} not found`, { details: { number } });
    return row;
  }

  /** Runs one change to one ticket: lock the row, apply, write the audit entries, all in one transaction. */
  async function change(
    what: string,
    number: string,
    apply: (row: TicketRow, now: Date, tx: Tx) => Promise<{ set: Partial<TicketRow>; audit: Omit<AuditEntry, 'at'>[] }>,
  ): Promise<Ticket> {
    return run(what, () =>
      db.transaction(async (tx) => {
        const row = await rowOf(tx, number, true);
        const now = clock();
        const { set, audit } = await apply(row, now, tx);
        const [updated] = await tx
          .update(tickets)
          .set({ ...set, updatedAt: now })
          .where(eq(tickets.id, row.id))
          .returning();
        for (const a of audit) await writeAudit(tx, row.id, now, a);
        return toTicket(updated!);
      }),
    );
  }

  return {
    async file(input: NewTicket, actor: string) {
      return run('file', async () => {
        const now = clock();
        const at = tickets.createdAt.mapToDriverValue(now);
        const f = input.fields;
        // No look-up first: a key already filed fails the insert, so a new form (nearly every
        // filing) costs one statement, and a repeated one is found after it failed.
        const day = shanghaiDay(now);
        for (let attempt = 0; ; attempt++) {
          try {
            const [row] = await database.query<Record<string, unknown>>(FILE_TICKET, [
              day,
              input.idempotencyKey,
              f.name,
              f.phone,
              f.employer,
              f.district,
              f.description,
              input.category,
              input.requestType,
              input.priority,
              input.urgent,
              input.urgentReason ?? null,
              input.tier,
              input.origin.platform,
              input.origin.chatId,
              input.origin.senderId,
              tickets.transcript.mapToDriverValue(input.transcript),
              at,
              at,
              at,
              actor,
            ]);
            return { ticket: toTicket(ticketRow(row!)), created: true };
          } catch (err) {
            if (!isUniqueViolation(err)) throw err;
            // Another filing with this key committed first (or was waited for); it is the ticket.
            const winner = await byKey(input.idempotencyKey);
            if (winner) return { ticket: winner, created: false };
            // Not the key: the number was taken by a ticket the counter never counted (restored from a
            // backup, or numbered otherwise). The counter moves past the day's highest, and the filing runs again.
            if (attempt >= 2) throw err;
            await database.query(CATCH_UP_COUNTER, [day]);
          }
        }
      });
    },

    async get(number) {
      return run('get', async () => {
        const [row] = await db.select().from(tickets).where(eq(tickets.number, number)).limit(1);
        return row ? toTicket(row) : undefined;
      });
    },

    async listForRequester(origin) {
      return run('listForRequester', async () => {
        // Written out like the filing: a turn asks this for every worker it has not seen lately.
        const rows = await database.query<Record<string, unknown>>(
          'SELECT * FROM tickets WHERE origin_platform = $1 AND origin_sender_id = $2 ORDER BY created_at DESC, id DESC',
          [origin.platform, origin.senderId],
        );
        return rows.map((r) => toTicket(ticketRow(r)));
      });
    },

    async list(filter: TicketFilter) {
      const where = and(...conditions(filter));
      const limit = clampInt(filter.limit, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
      const offset = clampInt(filter.offset, 0, 0, Number.MAX_SAFE_INTEGER);
      return run('list', async () => {
        const [rows, totals] = await Promise.all([
          db.select().from(tickets).where(where).orderBy(desc(tickets.createdAt), desc(tickets.id)).limit(limit).offset(offset),
          db.select({ n: count() }).from(tickets).where(where),
        ]);
        return { items: rows.map(toTicket), total: Number(totals[0]?.n ?? 0) };
      });
    },

    async transition(number, to, actor, detail) {
      return change('transition', number, async (row) => {
        const from = row.status as TicketStatus;
        if (!canTransition(from, to)) throw invalidTransition(number, from, to);
        return {
          set: { status: to },
          audit: [{ actor, action: from === 'closed' ? 'reopen' : 'status', from, to, detail: detail ?? null }],
        };
      });
    },

    async assign(number, assignee, actor) {
      return change('assign', number, async (row) => {
        const from = row.status as TicketStatus;
        if (assignee === null) {
          if (from === 'closed') throw invalidTransition(number, from, from, 'a closed ticket keeps its assignee; reopen it first');
          return { set: { assignee: null }, audit: [{ actor, action: 'unassign', from: row.assignee, to: null, detail: null }] };
        }
        if (!canTransition(from, 'assigned')) throw invalidTransition(number, from, 'assigned');
        const audit: Omit<AuditEntry, 'at'>[] = [{ actor, action: 'assign', from: row.assignee, to: assignee, detail: null }];
        if (from !== 'assigned') audit.push({ actor, action: 'status', from, to: 'assigned', detail: `派给 ${assignee}` });
        return { set: { assignee, status: 'assigned' }, audit };
      });
    },

    async appendTranscript(number, line: TranscriptLine, actor) {
      return change('appendTranscript', number, async () => ({
        set: { transcript: sql`${tickets.transcript} || ${JSON.stringify([line])}::jsonb` as unknown as TranscriptLine[] },
        audit: [{ actor, action: 'transcript', from: null, to: line.from, detail: clip(line.text) }],
      }));
    },

    async addNote(number, text, actor) {
      return run('addNote', () =>
        db.transaction(async (tx) => {
          const row = await rowOf(tx, number, true);
          const now = clock();
          const [note] = await tx.insert(ticketNotes).values({ ticketId: row.id, at: now, author: actor, text }).returning();
          await writeAudit(tx, row.id, now, { actor, action: 'note', from: null, to: null, detail: clip(text) });
          return toNote(note!);
        }),
      );
    },

    async notes(number) {
      return run('notes', async () => {
        const row = await rowOf(db, number, false);
        const rows = await db.select().from(ticketNotes).where(eq(ticketNotes.ticketId, row.id)).orderBy(asc(ticketNotes.id));
        return rows.map(toNote);
      });
    },

    async rate(number, rating, actor) {
      if (!Number.isInteger(rating) || rating < 1 || rating > 5)
        throw new AppError('VALIDATION', `rating must be a whole number from 1 to 5, got ${rating}`, { details: { field: 'rating' } });
      return change('rate', number, async (row) => {
        const status = row.status as TicketStatus;
        if (!canRate(status))
          throw new AppError('INVALID_TRANSITION', `ticket ${number} cannot be rated while ${status}; rating opens once it is replied`, {
            details: { number, from: status, to: 'rated' },
          });
        return {
          set: { rating },
          audit: [{ actor, action: 'rate', from: row.rating === null ? null : String(row.rating), to: String(rating), detail: null }],
        };
      });
    },

    async audit(number) {
      return run('audit', async () => {
        const row = await rowOf(db, number, false);
        const rows = await db.select().from(ticketAudit).where(eq(ticketAudit.ticketId, row.id)).orderBy(asc(ticketAudit.id));
        return rows.map((r) => ({
          at: r.at.toISOString(),
          actor: r.actor,
          action: r.action,
          from: r.fromValue,
          to: r.toValue,
          detail: r.detail,
        }));
      });
    },

    async close() {
      // The database belongs to the composition root, which closes it after everything that shares it.
    },
  };
}

async function writeAudit(exec: Exec, ticketId: number, at: Date, entry: Omit<AuditEntry, 'at'>): Promise<void> {
  await exec.insert(ticketAudit).values({
    ticketId,
    at,
    actor: entry.actor,
    action: entry.action,
    fromValue: entry.from ?? null,
    toValue: entry.to ?? null,
    detail: entry.detail ?? null,
  });
}

function invalidTransition(number: string, from: TicketStatus, to: TicketStatus, why?: string): AppError {
  return new AppError('INVALID_TRANSITION', `ticket ${number} cannot move from ${from} to ${to}${why ? `: ${why}` : ''}`, {
    details: { number, from, to },
  });
}

function conditions(f: TicketFilter): SQL[] {
  const out: SQL[] = [];
  if (f.status?.length) out.push(inArray(tickets.status, f.status));
  if (f.category?.length) out.push(inArray(tickets.category, f.category));
  if (f.requestType?.length) out.push(inArray(tickets.requestType, f.requestType));
  if (f.priority?.length) out.push(inArray(tickets.priority, f.priority));
  if (f.urgent !== undefined) out.push(eq(tickets.urgent, f.urgent));
  // Part of the name is enough: 江北 finds 江北区.
  if (f.district?.trim()) out.push(ilike(tickets.district, `%${escapeLike(f.district.trim())}%`));
  if (f.assignee) out.push(eq(tickets.assignee, f.assignee));
  if (f.from) out.push(gte(tickets.createdAt, boundary(f.from, 'from')));
  if (f.to) out.push(lt(tickets.createdAt, boundary(f.to, 'to')));
  const q = f.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    out.push(
      or(
        ilike(tickets.number, pattern),
        ilike(tickets.name, pattern),
        ilike(tickets.phone, pattern),
        ilike(tickets.employer, pattern),
        ilike(tickets.district, pattern),
        ilike(tickets.description, pattern),
        sql`exists (select 1 from jsonb_array_elements(${tickets.transcript}) as line where line->>'text' ilike ${pattern})`,
      )!,
    );
  }
  return out;
}

/** `from` is inclusive, `to` exclusive; a bare date means that whole Shanghai day (so to=2026-11-22 includes the 22nd). */
function boundary(value: string, side: 'from' | 'to'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = new Date(`${value}T00:00:00+08:00`);
    if (!Number.isNaN(start.getTime())) return side === 'from' ? start : new Date(start.getTime() + 86_400_000);
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new AppError('VALIDATION', `${side}: not a date or ISO timestamp: ${value}`, { details: { field: side } });
  return side === 'from' ? at : new Date(at.getTime() + 1);
}

/** LIKE's wildcards and its escape character (backslash by default) become literal characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function iso(d: Date | string): string {
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

function toNote(r: typeof ticketNotes.$inferSelect): TicketNote {
  return { at: iso(r.at), author: r.author, text: r.text };
}

/** The ticket table's columns by property name, as the query builder reads them. */
const TICKET_COLUMNS = Object.entries(getTableColumns(tickets));

/** A tickets row as written SQL returns it (by column name, as the driver parsed it), read as the query builder reads its rows. */
function ticketRow(raw: Record<string, unknown>): TicketRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of TICKET_COLUMNS) {
    const value = raw[column.name];
    row[key] = value === null ? null : column.mapFromDriverValue(value);
  }
  return row as TicketRow;
}

function toTicket(r: TicketRow): Ticket {
  return {
    number: r.number,
    status: r.status as Ticket['status'],
    fields: { name: r.name, phone: r.phone, employer: r.employer, district: r.district, description: r.description },
    category: r.category as Ticket['category'],
    requestType: r.requestType as Ticket['requestType'],
    priority: r.priority as Ticket['priority'],
    urgent: r.urgent,
    ...(r.urgentReason ? { urgentReason: r.urgentReason } : {}),
    tier: r.tier as Ticket['tier'],
    origin: { platform: r.originPlatform as Ticket['origin']['platform'], chatId: r.originChatId, senderId: r.originSenderId },
    transcript: typeof r.transcript === 'string' ? (JSON.parse(r.transcript) as TranscriptLine[]) : r.transcript,
    assignee: r.assignee,
    rating: r.rating,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}
