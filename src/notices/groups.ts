import type { Platform } from '../core/message.ts';
import type { Database } from '../db/index.ts';
import { AppError } from '../errors.ts';
import type { Group, SubscribeChat } from './types.ts';

interface GroupRow {
  id: string | number;
  platform: Platform;
  chat_id: string;
  title: string;
  tags: string[];
  region: string;
  subscribed: boolean;
  updated_at: Date | string;
}

export function toGroup(r: GroupRow): Group {
  return {
    id: Number(r.id),
    platform: r.platform,
    chatId: r.chat_id,
    title: r.title,
    tags: r.tags ?? [],
    region: r.region,
    subscribed: r.subscribed,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The groups table: who subscribed, and the tags and region admins gave them. */
export interface GroupStore {
  /** Subscribes (or re-subscribes) a chat; `changed` is false when it was already subscribed. */
  subscribe(chat: SubscribeChat): Promise<{ group: Group; changed: boolean }>;
  unsubscribe(chat: Pick<SubscribeChat, 'platform' | 'chatId'>): Promise<{ group?: Group; changed: boolean }>;
  list(filter?: { subscribed?: boolean; tag?: string; region?: string; platform?: Platform }): Promise<Group[]>;
  get(id: number): Promise<Group | undefined>;
  update(id: number, change: { tags?: string[]; region?: string; title?: string }): Promise<Group>;
  /** Every tag and region in use, for the audience pickers. */
  facets(): Promise<{ tags: string[]; regions: string[] }>;
}

export function normalizeTags(input: string | string[]): string[] {
  const parts = Array.isArray(input) ? input : input.split(/[,，、\s]+/);
  return [...new Set(parts.map((t) => t.trim()).filter(Boolean))].slice(0, 20).map((t) => t.slice(0, 20));
}

export function createGroupStore(options: { database: Database; clock: () => Date }): GroupStore {
  const { database, clock } = options;
  const now = () => clock().toISOString();
  return {
    async subscribe(chat) {
      const title = (chat.title ?? '').slice(0, 100);
      const [before] = await database.query<GroupRow>('SELECT * FROM notice_groups WHERE platform = $1 AND chat_id = $2', [chat.platform, chat.chatId]);
      const [row] = await database.query<GroupRow>(
        `INSERT INTO notice_groups (platform, chat_id, title, subscribed, updated_at) VALUES ($1, $2, $3, true, $4)
         ON CONFLICT (platform, chat_id) DO UPDATE SET subscribed = true, updated_at = EXCLUDED.updated_at,
           title = CASE WHEN EXCLUDED.title <> '' THEN EXCLUDED.title ELSE notice_groups.title END
         RETURNING *`,
        [chat.platform, chat.chatId, title, now()],
      );
      return { group: toGroup(row!), changed: !before?.subscribed };
    },
    async unsubscribe(chat) {
      const [before] = await database.query<GroupRow>('SELECT * FROM notice_groups WHERE platform = $1 AND chat_id = $2', [chat.platform, chat.chatId]);
      if (!before) return { changed: false };
      const [row] = await database.query<GroupRow>(
        'UPDATE notice_groups SET subscribed = false, updated_at = $3 WHERE platform = $1 AND chat_id = $2 RETURNING *',
        [chat.platform, chat.chatId, now()],
      );
      return { group: toGroup(row!), changed: before.subscribed };
    },
    async list(filter = {}) {
      const rows = await database.query<GroupRow>(
        `SELECT * FROM notice_groups
         WHERE ($1::boolean IS NULL OR subscribed = $1)
           AND ($2::text IS NULL OR $2 = ANY(tags))
           AND ($3::text IS NULL OR region = $3)
           AND ($4::text IS NULL OR platform = $4)
         ORDER BY region, title, id`,
        [filter.subscribed ?? null, filter.tag ?? null, filter.region ?? null, filter.platform ?? null],
      );
      return rows.map(toGroup);
    },
    async get(id) {
      const [row] = await database.query<GroupRow>('SELECT * FROM notice_groups WHERE id = $1', [id]);
      return row ? toGroup(row) : undefined;
    },
    async update(id, change) {
      const [row] = await database.query<GroupRow>(
        `UPDATE notice_groups SET tags = COALESCE($2::text[], tags), region = COALESCE($3, region),
           title = COALESCE($4, title), updated_at = $5 WHERE id = $1 RETURNING *`,
        [id, change.tags ? normalizeTags(change.tags) : null, change.region?.trim().slice(0, 20) ?? null, change.title?.slice(0, 100) ?? null, now()],
      );
      if (!row) throw new AppError('VALIDATION', '没有这个群', { details: { field: 'id' } });
      return toGroup(row);
    },
    async facets() {
      const tags = await database.query<{ t: string }>('SELECT DISTINCT unnest(tags) AS t FROM notice_groups ORDER BY t');
      const regions = await database.query<{ r: string }>("SELECT DISTINCT region AS r FROM notice_groups WHERE region <> '' ORDER BY r");
      return { tags: tags.map((x) => x.t), regions: regions.map((x) => x.r) };
    },
  };
}
