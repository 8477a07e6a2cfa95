import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../config.ts';
import { migrate, openDatabase, type Database } from '../db/index.ts';
import { createEngine, type Engine } from '../engine/engine.ts';
import type { KnowledgeBase } from '../knowledge/base.ts';
import { loadKnowledgeBase } from '../knowledge/index.ts';
import { silentLogger } from '../log.ts';
import { buildServices, type RunningServices } from '../services.ts';

/**
 * The engine on its embedded defaults, as the eval README asks: the shipped knowledge base,
 * memory state, an in-memory PGlite for tickets, no platform, and a throwaway DATA_DIR so a run
 * never writes into the service's data. The model path stays on when OPENAI_* is configured.
 */
export interface EvalWorld {
  config: Config;
  kb: KnowledgeBase;
  database: Database;
  /** Fresh services (fresh memory state) over the shared database. */
  open(): Promise<{ engine: Engine; services: RunningServices }>;
  /** Empties every table, so the next scenario starts with a ticket store nobody has written to. */
  resetTickets(): Promise<void>;
  close(): Promise<void>;
}

/** Variables the embedded defaults leave unset: no Redis, no PostgreSQL, no platforms, no webhook. */
const EXTERNAL = ['REDIS_URL', 'DATABASE_URL', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_URL', 'WECHATY_PUPPET', 'BACKOFFICE_WEBHOOK_URL', 'BACKOFFICE_WEBHOOK_SECRET'];

/** `passagesDir`: also load the passages `kb ingest` wrote there (the shipped knowledge alone by default). */
export async function createEvalWorld(env: Record<string, string | undefined>, options: { passagesDir?: string } = {}): Promise<EvalWorld> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'niangjia-eval-'));
  const cleaned: Record<string, string | undefined> = { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', TERMINAL_CHAT: 'off', CONSOLE: 'false' };
  for (const k of EXTERNAL) delete cleaned[k];
  const config = loadConfig(cleaned);
  const kb = await loadKnowledgeBase(config.KB_DIR, options.passagesDir ? { passagesDir: options.passagesDir } : {});
  const database = await openDatabase({ inMemory: true });
  await migrate(database);
  const live = new Set<RunningServices>();
  return {
    config,
    kb,
    database,
    async open() {
      const built = await buildServices(config, { database, kb, log: silentLogger(), noFlusher: true });
      // Closing twice (by the caller, then by world.close) must not stop anything twice.
      const services: RunningServices = {
        ...built,
        async close() {
          if (!live.delete(services)) return;
          await built.close();
        },
      };
      live.add(services);
      return { engine: createEngine(services), services };
    },
    async resetTickets() {
      const rows = await database.query<{ tablename: string }>(
        `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'niangjia_migrations'`,
      );
      if (rows.length) await database.exec(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
    },
    async close() {
      for (const s of [...live]) await s.close().catch(() => {});
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
