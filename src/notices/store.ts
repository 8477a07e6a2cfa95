import type { Platform } from '../core/message.ts';
import type { Database } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { DELIVERY_STATUSES, type Delivery, type DeliveryReport, type DeliveryStatus, type Notice, type NoticeDraft, type NoticeStatus } from './types.ts';

interface NoticeRow {
  id: string | number;
  title: string;
  body: string;
  link: string;
  tags: string[];
  regions: string[];
  platforms: Platform[];
  status: NoticeStatus;
  scheduled_at: Date | string | null;
  created_by: string;
  created_at: Date | string;
  sent_at: Date | string | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function toNotice(r: NoticeRow): Notice {
  return {
    id: Number(r.id),
    title: r.title,
    body: r.body,
    link: r.link,
    audience: { tags: r.tags ?? [], regions: r.regions ?? [], platforms: r.platforms ?? [] },
    status: r.status,
    scheduledAt: iso(r.scheduled_at),
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    sentAt: iso(r.sent_at),
  };
}

/** The audience filter as SQL over notice_groups `g` and a notice row `n`: any tag, any region, any platform. */
const AUDIENCE_MATCH = `g.subscribed
  AND (cardinality(n.tags) = 0 OR g.tags && n.tags)
  AND (cardinality(n.regions) = 0 OR g.region = ANY(n.regions))
  AND (cardinality(n.platforms) = 0 OR g.platform = ANY(n.platforms))`;

/**
 * Notices and their delivery rows. Claiming a notice and writing one `pending` row per matching
 * group happen in one statement, so a notice is either untouched or fully planned.
 */
export interface NoticeStore {
  /** `formKey`: the compose form's one-time key; a second create with it returns the first notice. */
  create(draft: NoticeDraft, actor: string, options?: { formKey?: string }): Promise<{ notice: Notice; created: boolean }>;
  get(id: number): Promise<Notice | undefined>;
  list(options?: { limit?: number; offset?: number }): Promise<Notice[]>;
  schedule(id: number, at: string): Promise<Notice>;
  cancel(id: number): Promise<Notice>;
  /** Moves one draft/scheduled notice to `sending` and writes its delivery rows; false if already claimed. */
  claim(id: number): Promise<boolean>;
  /** Claims every scheduled notice that is due; returns their ids. */
  claimDue(now: string): Promise<number[]>;
  /** Pending rows of notices being sent, oldest notice first. */
  pending(limit: number): Promise<Delivery[]>;
  /** `attempts`: set the try count to at least this; omitted on sent/failed counts one more try. */
  setStatus(noticeId: number, groupId: number, to: DeliveryStatus, options?: { from?: DeliveryStatus[]; error?: string | null; attempts?: number }): Promise<boolean>;
  /**
   * Ends `sending` notices with nothing left to queue: `sent` when at least one delivery was
   * queued (sent or failed since), `unsent` when none was (no group was subscribed any more).
   */
  finish(now: string): Promise<{ sent: number[]; unsent: number[] }>;
  /** Whether any notice is scheduled or still being sent, so the scheduler has work now or later. */
  anyWaiting(): Promise<boolean>;
  report(id: number): Promise<DeliveryReport>;
  /** Groups a draft would reach right now. */
  countAudience(draft: NoticeDraft): Promise<number>;
  /** The same, per platform (only platforms with at least one group). */
  audienceByPlatform(draft: NoticeDraft): Promise<Partial<Record<Platform, number>>>;
}

interface DeliveryRow {
  notice_id: string | number;
  group_id: string | number;
  title: string | null;
  platform: Platform;
  chat_id: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  queued_at: Date | string | null;
  sent_at: Date | string | null;
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    noticeId: Number(r.notice_id),
    groupId: Number(r.group_id),
    groupTitle: r.title ?? '',
    platform: r.platform,
    chatId: r.chat_id,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    queuedAt: iso(r.queued_at),
    sentAt: iso(r.sent_at),
  };
}

export function createNoticeStore(options: { database: Database; clock: () => Date }): NoticeStore {
  const { database, clock } = options;
  const planFrom = (claimed: string) => `
    INSERT INTO notice_deliveries (notice_id, group_id, platform, chat_id, status)
    SELECT n.id, g.id, g.platform, g.chat_id, 'pending' FROM ${claimed} n JOIN notice_groups g ON ${AUDIENCE_MATCH}
    ON CONFLICT DO NOTHING`;

  const store: NoticeStore = {
    async create(draft, actor, opts = {}) {
      const formKey = opts.formKey ?? null;
      const [row] = await database.query<NoticeRow>(
        `INSERT INTO notices (title, body, link, tags, regions, platforms, status, created_by, created_at, form_key)
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9)
         ON CONFLICT (form_key) WHERE form_key IS NOT NULL DO NOTHING RETURNING *`,
        [draft.title, draft.body, draft.link, draft.audience.tags, draft.audience.regions, draft.audience.platforms, actor, clock().toISOString(), formKey],
      );
      if (row) return { notice: toNotice(row), created: true };
      const [first] = await database.query<NoticeRow>('SELECT * FROM notices WHERE form_key = $1', [formKey]);
      return { notice: toNotice(first!), created: false };
    },
    async get(id) {
      const [row] = await database.query<NoticeRow>('SELECT * FROM notices WHERE id = $1', [id]);
      return row ? toNotice(row) : undefined;
    },
    async list(opts = {}) {
      const rows = await database.query<NoticeRow>('SELECT * FROM notices ORDER BY id DESC LIMIT $1 OFFSET $2', [opts.limit ?? 50, opts.offset ?? 0]);
      return rows.map(toNotice);
    },
    async schedule(id, at) {
      const [row] = await database.query<NoticeRow>(
        "UPDATE notices SET status = 'scheduled', scheduled_at = $2 WHERE id = $1 AND status IN ('draft', 'scheduled') RETURNING *",
        [id, at],
      );
      if (!row) throw new AppError('INVALID_TRANSITION', '这条通知已经发出或取消，不能再定时');
      return toNotice(row);
    },
    async cancel(id) {
      const [row] = await database.query<NoticeRow>(
        "UPDATE notices SET status = 'cancelled' WHERE id = $1 AND status IN ('draft', 'scheduled') RETURNING *",
        [id],
      );
      if (!row) throw new AppError('INVALID_TRANSITION', '这条通知已经开始发送，不能取消');
      return toNotice(row);
    },
    async claim(id) {
      const now = clock().toISOString();
      const rows = await database.query<{ id: string }>(
        `WITH claimed AS (
           UPDATE notices SET status = 'sending', scheduled_at = COALESCE(scheduled_at, $2)
           WHERE id = $1 AND status IN ('draft', 'scheduled') RETURNING *
         ), planned AS (${planFrom('claimed')} RETURNING 1)
         SELECT id FROM claimed`,
        [id, now],
      );
      return rows.length > 0;
    },
    async claimDue(now) {
      const rows = await database.query<{ id: string | number }>(
        `WITH claimed AS (
           UPDATE notices SET status = 'sending' WHERE status = 'scheduled' AND scheduled_at <= $1 RETURNING *
         ), planned AS (${planFrom('claimed')} RETURNING 1)
         SELECT id FROM claimed`,
        [now],
      );
      return rows.map((r) => Number(r.id));
    },
    async pending(limit) {
      const rows = await database.query<DeliveryRow>(
        `SELECT d.*, g.title FROM notice_deliveries d
         JOIN notices n ON n.id = d.notice_id JOIN notice_groups g ON g.id = d.group_id
         WHERE d.status = 'pending' AND n.status = 'sending'
         ORDER BY d.notice_id, d.group_id LIMIT $1`,
        [limit],
      );
      return rows.map(toDelivery);
    },
    async setStatus(noticeId, groupId, to, opts = {}) {
      const now = clock().toISOString();
      const rows = await database.query(
        `UPDATE notice_deliveries SET status = $3,
           attempts = CASE WHEN $5::int IS NULL THEN attempts + (CASE WHEN $3 IN ('sent', 'failed') THEN 1 ELSE 0 END) ELSE GREATEST(attempts, $5::int) END,
           last_error = CASE WHEN $6::boolean THEN $7 ELSE last_error END,
           queued_at = CASE WHEN $3 = 'queued' THEN $8::timestamptz ELSE queued_at END,
           sent_at = CASE WHEN $3 = 'sent' THEN $8::timestamptz ELSE sent_at END
         WHERE notice_id = $1 AND group_id = $2 AND ($4::text[] IS NULL OR status = ANY($4::text[]))
         RETURNING 1`,
        [noticeId, groupId, to, opts.from ?? null, opts.attempts ?? null, opts.error !== undefined, opts.error ?? null, now],
      );
      return rows.length > 0;
    },
    async finish(now) {
      // A notice that queued nothing keeps no sent_at: it did not go out.
      const rows = await database.query<{ id: string | number; status: 'sent' | 'unsent' }>(
        `WITH done AS (
           SELECT n.id, EXISTS (SELECT 1 FROM notice_deliveries d WHERE d.notice_id = n.id AND d.status IN ('queued', 'sent', 'failed')) AS reached
           FROM notices n WHERE n.status = 'sending'
             AND NOT EXISTS (SELECT 1 FROM notice_deliveries d WHERE d.notice_id = n.id AND d.status = 'pending')
         )
         UPDATE notices n SET status = CASE WHEN done.reached THEN 'sent' ELSE 'unsent' END,
           sent_at = CASE WHEN done.reached THEN $1::timestamptz ELSE NULL END
         FROM done WHERE n.id = done.id AND n.status = 'sending'
         RETURNING n.id, n.status`,
        [now],
      );
      const ids = (status: 'sent' | 'unsent') => rows.filter((r) => r.status === status).map((r) => Number(r.id));
      return { sent: ids('sent'), unsent: ids('unsent') };
    },
    async anyWaiting() {
      return (await database.query("SELECT 1 FROM notices WHERE status IN ('scheduled', 'sending') LIMIT 1")).length > 0;
    },
    async report(id) {
      const rows = (
        await database.query<DeliveryRow>(
          `SELECT d.*, g.title FROM notice_deliveries d JOIN notice_groups g ON g.id = d.group_id
           WHERE d.notice_id = $1 ORDER BY d.status, g.region, g.title, d.group_id`,
          [id],
        )
      ).map(toDelivery);
      const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
      for (const r of rows) counts[r.status] += 1;
      return { total: rows.length, counts, retried: rows.filter((r) => r.attempts > 1).length, rows };
    },
    async countAudience(draft) {
      return Object.values(await store.audienceByPlatform(draft)).reduce((a, b) => a + b, 0);
    },
    async audienceByPlatform(draft) {
      const rows = await database.query<{ platform: Platform; n: number }>(
        `SELECT g.platform, count(*)::int AS n FROM notice_groups g, (SELECT $1::text[] AS tags, $2::text[] AS regions, $3::text[] AS platforms) n
         WHERE ${AUDIENCE_MATCH} GROUP BY g.platform ORDER BY g.platform`,
        [draft.audience.tags, draft.audience.regions, draft.audience.platforms],
      );
      return Object.fromEntries(rows.map((r) => [r.platform, r.n]));
    },
  };
  return store;
}
