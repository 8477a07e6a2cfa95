import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { AppError } from '../errors.ts';

/**
 * One query layer over two engines. drizzle-orm has official PGlite and node-postgres drivers
 * that share one database type, so the same repository code runs on the embedded database and
 * on PostgreSQL. Migrations are plain numbered SQL files applied by `migrate`, so each domain
 * (tickets, console, notices) adds its own file without a shared generated journal.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

/**
 * Where the database stands: 'open', or for the embedded database opened with `lazy` before its
 * first query, 'not opened yet' (its files are on disk) or 'not created yet' (no files: it holds nothing).
 */
export type DatabaseState = 'open' | 'not opened yet' | 'not created yet';

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Answered without opening anything, so a health check or a timer can ask it for free. */
  state(): DatabaseState;
  /**
   * Runs `fn` on the open database before anything else uses it: now when it is open; for the
   * embedded database not opened yet, as part of its opening, so the query that opens it waits.
   * A failing `fn` fails that opening, and the next query tries both again.
   */
  whenOpen(fn: (database: Database) => Promise<void>): Promise<void>;
  /** Runs SQL that may hold several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** A raw parameterized query, for the few places the builder does not fit. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` on one connection (advisory locks and explicit transactions need that on PostgreSQL). */
  withConnection<T>(fn: (conn: Pick<Database, 'exec' | 'query'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The embedded database's buffer cache (see openDatabase). */
const PGLITE_SHARED_BUFFERS = '32MB';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  inMemory?: boolean;
  /** PostgreSQL only: a schema to create and work in (tests isolate themselves this way). */
  schema?: string;
  /**
   * PGlite only: open the files and apply the migrations on the first query instead of now, so a
   * process that never needs the database (a piped question) never pays its seconds and memory.
   */
  lazy?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    // node-postgres and its drizzle driver are loaded only for PostgreSQL, PGlite only when it opens.
    const [{ default: pg }, { drizzle: drizzlePg }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
    if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new AppError('CONFIG_INVALID', `bad schema name ${options.schema}`);
    if (options.schema) {
      const admin = new pg.Client({ connectionString: options.databaseUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
      await admin.end();
    }
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      connectionTimeoutMillis: 5000,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client that loses its server must not crash the process.
    pool.on('error', () => {});
    try {
      const c = await pool.connect();
      c.release();
    } catch (err) {
      await pool.end().catch(() => {});
      throw new AppError('STORE_UNAVAILABLE', `cannot reach PostgreSQL at DATABASE_URL: ${(err as Error).message}`, { cause: err });
    }
    const database: Database = {
      kind: 'postgres',
      db: drizzlePg({ client: pool }) as unknown as Db,
      state: () => 'open',
      whenOpen: (fn) => fn(database),
      async exec(sql) {
        await pool.query(sql);
      },
      async query(sql, params) {
        return (await pool.query(sql, params as unknown[])).rows;
      },
      async withConnection(fn) {
        const client = await pool.connect();
        let broken = false;
        try {
          return await fn({
            async exec(sql) {
              await client.query(sql);
            },
            async query(sql, params) {
              return (await client.query(sql, params as unknown[])).rows;
            },
          });
        } catch (err) {
          broken = true;
          throw err;
        } finally {
          client.release(broken);
        }
      },
      async close() {
        await pool.end();
      },
    };
    return database;
  }
  const files = options.inMemory || !options.dataDir ? undefined : path.join(options.dataDir, 'pglite');
  const create = async (): Promise<PGlite> => {
    const { PGlite } = await import('@electric-sql/pglite');
    // PostgreSQL's default 128 MB of shared buffers is touched as the engine starts, so it was
    // resident for good; the ticket database is a few MB, and 32 MB keeps it all cached.
    const settings = { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`] };
    if (!files) return PGlite.create(settings);
    await mkdir(options.dataDir!, { recursive: true });
    return PGlite.create(files, settings);
  };
  if (!options.lazy) return pgliteDatabase(await create());
  // Opened, and brought up to date, by the first query; a failed open is tried again by the next.
  let opening: Promise<PGlite> | undefined;
  let opened = false;
  const preparing: ((database: Database) => Promise<void>)[] = [];
  const open = () =>
    (opening ??= (async () => {
      const client = await create();
      try {
        const direct = pgliteDatabase(client);
        await migrate(direct);
        // One at a time, each removed once done: a failure leaves it, and those after it, for the next opening.
        while (preparing.length) {
          await preparing[0]!(direct);
          preparing.shift();
        }
      } catch (err) {
        await client.close().catch(() => {});
        throw err;
      }
      opened = true;
      return client;
    })().catch((err: unknown) => {
      opening = undefined;
      throw new AppError('STORE_UNAVAILABLE', `cannot open the embedded database: ${(err as Error).message}`, { cause: err });
    }));
  const lazy = {
    query: async (...args: Parameters<PGlite['query']>) => (await open()).query(...args),
    exec: async (...args: Parameters<PGlite['exec']>) => (await open()).exec(...args),
    transaction: async (...args: Parameters<PGlite['transaction']>) => (await open()).transaction(...args),
    close: async () => {
      const client = await opening?.catch(() => undefined);
      await client?.close();
    },
  };
  const database = pgliteDatabase(lazy as unknown as PGlite, {
    state: () => (opened ? 'open' : files && existsSync(files) ? 'not opened yet' : 'not created yet'),
    whenOpen: async (fn) => {
      // An opening under way is past its preparations: it is waited for, then fn runs as on an open database.
      if (opening) await opening.catch(() => undefined);
      if (opened) await fn(database);
      else preparing.push(fn);
    },
  });
  return database;
}

function pgliteDatabase(client: PGlite, lazy?: Pick<Database, 'state' | 'whenOpen'>): Database {
  const database: Database = {
    kind: 'pglite',
    db: drizzlePglite({ client }) as unknown as Db,
    state: lazy?.state ?? (() => 'open'),
    whenOpen: lazy?.whenOpen ?? ((fn) => fn(database)),
    async exec(sql) {
      await client.exec(sql);
    },
    async query(sql, params) {
      return (await client.query(sql, params as unknown[])).rows as never;
    },
    withConnection(fn) {
      return fn(database);
    },
    async close() {
      await client.close();
    },
  };
  return database;
}

/**
 * Applies every `NNNN_name.sql` in order, once, each in its own transaction, recorded in
 * `niangjia_migrations`. On PostgreSQL an advisory lock keeps two starting processes apart.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  return database.withConnection(async (conn) => {
    await conn.exec(`CREATE TABLE IF NOT EXISTS niangjia_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied: string[] = [];
    if (database.kind === 'postgres') await conn.query('SELECT pg_advisory_lock(12351)');
    try {
      const done = new Set((await conn.query<{ name: string }>('SELECT name FROM niangjia_migrations')).map((r) => r.name));
      for (const file of files) {
        if (done.has(file)) continue;
        const sql = await readFile(path.join(dir, file), 'utf8');
        const escaped = file.replace(/'/g, "''");
        try {
          await conn.exec(`BEGIN;\n${sql}\n;INSERT INTO niangjia_migrations(name) VALUES ('${escaped}');\nCOMMIT;`);
        } catch (err) {
          await conn.exec('ROLLBACK').catch(() => {});
          throw new AppError('STORE_UNAVAILABLE', `migration ${file} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(file);
      }
    } finally {
      if (database.kind === 'postgres') await conn.query('SELECT pg_advisory_unlock(12351)').catch(() => {});
    }
    return applied;
  });
}
