import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/index.ts';
import type { Role } from './roles.ts';

/** A logged-in console user as a request sees it. */
export interface WebSession {
  userId: number;
  username: string;
  role: Role;
  /** Every form and every state-changing fetch must carry this token. */
  csrf: string;
  expiresAt: string;
}

/**
 * Server-side console sessions. The cookie holds a random token; the table holds its SHA-256, so
 * logging out or disabling an account ends the session at once, on every process.
 */
export interface WebSessionStore {
  create(userId: number): Promise<{ token: string; session: WebSession }>;
  get(token: string): Promise<WebSession | undefined>;
  destroy(token: string): Promise<void>;
}

export const SESSION_HOURS = 12;

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export function createWebSessionStore(options: { database: Database; clock: () => Date; hours?: number }): WebSessionStore {
  const { database, clock } = options;
  const ttlMs = (options.hours ?? SESSION_HOURS) * 3_600_000;
  return {
    async create(userId) {
      const token = randomBytes(32).toString('base64url');
      const csrf = randomBytes(24).toString('base64url');
      const now = clock();
      const expires = new Date(now.getTime() + ttlMs);
      await database.query('DELETE FROM console_sessions WHERE expires_at < $1', [now.toISOString()]);
      await database.query('INSERT INTO console_sessions (id, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        digest(token),
        userId,
        csrf,
        now.toISOString(),
        expires.toISOString(),
      ]);
      const [row] = await database.query<{ username: string; role: Role }>('SELECT username, role FROM console_users WHERE id = $1', [userId]);
      return { token, session: { userId, username: row!.username, role: row!.role, csrf, expiresAt: expires.toISOString() } };
    },
    async get(token) {
      if (!token || token.length > 100) return undefined;
      const [row] = await database.query<{ user_id: number; username: string; role: Role; csrf: string; expires_at: Date | string }>(
        `SELECT s.user_id, u.username, u.role, s.csrf, s.expires_at FROM console_sessions s
         JOIN console_users u ON u.id = s.user_id
         WHERE s.id = $1 AND s.expires_at > $2 AND NOT u.disabled`,
        [digest(token), clock().toISOString()],
      );
      if (!row) return undefined;
      return { userId: row.user_id, username: row.username, role: row.role, csrf: row.csrf, expiresAt: new Date(row.expires_at).toISOString() };
    },
    async destroy(token) {
      await database.query('DELETE FROM console_sessions WHERE id = $1', [digest(token)]);
    },
  };
}
