import type { Database } from '../db/index.ts';
import { AppError } from '../errors.ts';

/** A ready-made reply an operator picks on the ticket page and edits before sending. */
export interface CannedReply {
  id: number;
  title: string;
  body: string;
  position: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface CannedReplyInput {
  title: string;
  body: string;
  position: number;
}

/**
 * The canned replies, kept in the database so admins change them without a release. The
 * console audits every change; this store only reads and writes rows.
 */
export interface CannedReplyStore {
  list(): Promise<CannedReply[]>;
  add(input: CannedReplyInput, actor: string): Promise<CannedReply>;
  update(id: number, input: CannedReplyInput, actor: string): Promise<CannedReply>;
  remove(id: number): Promise<CannedReply>;
}

interface Row {
  id: number;
  title: string;
  body: string;
  position: number;
  updated_by: string | null;
  updated_at: Date | string | null;
}

const toReply = (r: Row): CannedReply => ({
  id: Number(r.id),
  title: r.title,
  body: r.body,
  position: r.position,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at === null ? null : new Date(r.updated_at).toISOString(),
});

function sameTitle(err: unknown): boolean {
  return (err as { code?: string }).code === '23505' || /unique|duplicate/i.test((err as Error).message ?? '');
}

export function createCannedReplyStore(options: { database: Database; clock: () => Date }): CannedReplyStore {
  const { database, clock } = options;
  const taken = (title: string) => new AppError('VALIDATION', `已经有一条叫“${title}”的常用回复`, { details: { field: 'title' } });
  return {
    async list() {
      return (await database.query<Row>('SELECT * FROM console_canned_replies ORDER BY position, id')).map(toReply);
    },
    async add(input, actor) {
      try {
        const [row] = await database.query<Row>(
          'INSERT INTO console_canned_replies (title, body, position, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
          [input.title, input.body, input.position, actor, clock().toISOString()],
        );
        return toReply(row!);
      } catch (err) {
        throw sameTitle(err) ? taken(input.title) : err;
      }
    },
    async update(id, input, actor) {
      let row: Row | undefined;
      try {
        [row] = await database.query<Row>(
          'UPDATE console_canned_replies SET title = $2, body = $3, position = $4, updated_by = $5, updated_at = $6 WHERE id = $1 RETURNING *',
          [id, input.title, input.body, input.position, actor, clock().toISOString()],
        );
      } catch (err) {
        throw sameTitle(err) ? taken(input.title) : err;
      }
      if (!row) throw new AppError('VALIDATION', '没有这条常用回复');
      return toReply(row);
    },
    async remove(id) {
      const [row] = await database.query<Row>('DELETE FROM console_canned_replies WHERE id = $1 RETURNING *', [id]);
      if (!row) throw new AppError('VALIDATION', '没有这条常用回复');
      return toReply(row);
    },
  };
}
