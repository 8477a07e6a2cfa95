import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { Database } from '../../src/db/index.ts';

/** Stops, starts or checks the machine's real PostgreSQL cluster (outage tests only). */
export function pgctl(action: 'start' | 'stop' | 'status'): boolean {
  const version = readdirSync('/etc/postgresql').sort().at(-1)!;
  try {
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], { stdio: 'pipe', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

export async function waitForPostgres(database: Database): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await database.query('SELECT 1');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('PostgreSQL did not come back');
}

