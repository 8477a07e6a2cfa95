import type { Database } from '../db/index.ts';

/** One line of the console's audit log: who did what, to which object, when. */
export interface AuditRecord {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
}

/**
 * The console's audit log. Ticket changes are also in the ticket store's own trail; this log
 * covers everything done through the console (logins, notices, group tags, accounts, take-overs).
 */
export interface AuditLog {
  record(entry: { actor: string; action: string; target?: string | null; detail?: string | null }): Promise<void>;
  recent(options?: { limit?: number; offset?: number; actor?: string }): Promise<AuditRecord[]>;
}

export function createAuditLog(options: { database: Database; clock: () => Date }): AuditLog {
  const { database, clock } = options;
  return {
    async record(entry) {
      await database.query('INSERT INTO console_audit (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [
        clock().toISOString(),
        entry.actor,
        entry.action,
        entry.target ?? null,
        entry.detail ?? null,
      ]);
    },
    async recent(opts = {}) {
      const rows = await database.query<{ at: Date | string; actor: string; action: string; target: string | null; detail: string | null }>(
        `SELECT at, actor, action, target, detail FROM console_audit
         WHERE ($1::text IS NULL OR actor = $1) ORDER BY id DESC LIMIT $2 OFFSET $3`,
        [opts.actor ?? null, opts.limit ?? 100, opts.offset ?? 0],
      );
      return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    },
  };
}
