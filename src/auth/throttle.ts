import type { Database } from '../db/index.ts';

/**
 * Login throttling per username+IP. The first four wrong passwords cost nothing; from the fifth
 * on, the next try must wait 2^(n-5) seconds (1 s, 2 s, 4 s ... capped at 15 minutes). A correct
 * password clears the count. Kept in the database so every console process sees the same count.
 */
export interface LoginThrottle {
  /** Milliseconds the caller must still wait before trying this key again (0 = go ahead). */
  waitMs(key: string): Promise<number>;
  failed(key: string): Promise<number>;
  succeeded(key: string): Promise<void>;
}

export const FREE_TRIES = 4;
const MAX_DELAY_MS = 15 * 60_000;

export function delayAfter(failures: number): number {
  if (failures <= FREE_TRIES) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_TRIES - 1));
}

export function throttleKey(username: string, ip: string): string {
  return `${username.trim().toLowerCase()}|${ip}`;
}

export function createLoginThrottle(options: { database: Database; clock: () => Date }): LoginThrottle {
  const { database, clock } = options;
  return {
    async waitMs(key) {
      const [row] = await database.query<{ failures: number; last_at: Date | string }>(
        'SELECT failures, last_at FROM console_login_failures WHERE key = $1',
        [key],
      );
      if (!row) return 0;
      const until = new Date(row.last_at).getTime() + delayAfter(row.failures);
      return Math.max(0, until - clock().getTime());
    },
    async failed(key) {
      const [row] = await database.query<{ failures: number }>(
        `INSERT INTO console_login_failures (key, failures, last_at) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET failures = console_login_failures.failures + 1, last_at = EXCLUDED.last_at
         RETURNING failures`,
        [key, clock().toISOString()],
      );
      return row?.failures ?? 1;
    },
    async succeeded(key) {
      await database.query('DELETE FROM console_login_failures WHERE key = $1', [key]);
    },
  };
}
