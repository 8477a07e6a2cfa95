import type { Database } from '../db/index.ts';

/**
 * Login throttling per username+IP. The first four wrong passwords cost nothing; from the fifth
 * on, the next try must wait 2^(n-5) seconds (1 s, 2 s, 4 s ... capped at 15 minutes). A correct
 * password clears the count. Kept in the database so every console process sees the same count.
 */
export interface LoginThrottle {
  /**
   * Takes one try for this key in a single step: either the key may try now, and the try is
   * counted as a failure at once (a correct password clears it through `succeeded`), or it must
   * wait. Checking and counting in one statement means parallel guesses cannot all slip
   * through before the first failure is recorded.
   */
  attempt(key: string): Promise<{ ok: true; failures: number } | { ok: false; waitMs: number }>;
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
    async attempt(key) {
      const now = clock();
      // The row is locked by the upsert, so concurrent tries on one key are counted one by one.
      const [taken] = await database.query<{ failures: number }>(
        `INSERT INTO console_login_failures AS f (key, failures, last_at) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET failures = f.failures + 1, last_at = EXCLUDED.last_at
         WHERE f.last_at + make_interval(secs => CASE WHEN f.failures <= $3 THEN 0 ELSE LEAST($4, power(2, f.failures - $3 - 1)) END) <= EXCLUDED.last_at
         RETURNING failures`,
        [key, now.toISOString(), FREE_TRIES, MAX_DELAY_MS / 1000],
      );
      if (taken) return { ok: true, failures: taken.failures };
      const [row] = await database.query<{ failures: number; last_at: Date | string }>('SELECT failures, last_at FROM console_login_failures WHERE key = $1', [key]);
      const until = row ? new Date(row.last_at).getTime() + delayAfter(row.failures) : 0;
      return { ok: false, waitMs: Math.max(1, until - now.getTime()) };
    },
    async succeeded(key) {
      await database.query('DELETE FROM console_login_failures WHERE key = $1', [key]);
    },
  };
}
