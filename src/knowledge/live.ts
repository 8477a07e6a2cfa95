import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.ts';
import type { ReloadableKnowledgeBase } from './reloadable.ts';

/**
 * Keeps a running service's knowledge current: when an entry under KB_DIR is edited or `kb ingest`
 * (in another process) writes passages, the knowledge base is reloaded, and the next turn answers
 * from it. File events (fs.watch) make it quick; a check of every file's size and time every few
 * seconds makes it sure where events are lost (network disks, editors that swap files). A folder
 * that no longer loads (an entry half edited) leaves the last good knowledge in place.
 */
export interface KnowledgeWatcher {
  /** Reloads if any file changed since the last look; resolves true when the knowledge was replaced. */
  refresh(): Promise<boolean>;
  stop(): void;
}

export interface WatchOptions {
  kb: ReloadableKnowledgeBase;
  /** The folders whose `.md` and `.json` files make the knowledge (KB_DIR and the passages folder). */
  dirs: readonly string[];
  log: Logger;
  /** How often files are checked even without a file event (default 3 s). */
  pollMs?: number;
  /** Quiet time after a file event before loading, so a burst of writes loads once (default 300 ms). */
  debounceMs?: number;
}

export async function watchKnowledge(options: WatchOptions): Promise<KnowledgeWatcher> {
  const { kb, dirs, log } = options;
  let fingerprint = await filesFingerprint(dirs);
  let running: Promise<boolean> | undefined;
  let again = false;
  let stopped = false;

  async function check(): Promise<boolean> {
    const now = await filesFingerprint(dirs);
    if (now === fingerprint) return false;
    // Taken before loading: a file written while the load runs changes it again and is loaded next time.
    fingerprint = now;
    const previous = kb.version;
    try {
      await kb.reload();
    } catch (err) {
      log.warn({ err }, 'knowledge changed but does not load; keeping the loaded version');
      return false;
    }
    if (kb.version === previous) return false;
    log.info({ version: kb.version, previous }, 'knowledge reloaded');
    return true;
  }

  /** One check at a time; a change seen while one runs is checked right after it. */
  function refresh(): Promise<boolean> {
    if (running) {
      again = true;
      return running;
    }
    running = check()
      .catch((err: unknown) => {
        log.warn({ err }, 'knowledge check failed');
        return false;
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void refresh();
        }
      });
    return running;
  }

  let timer: NodeJS.Timeout | undefined;
  const soon = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), options.debounceMs ?? 300);
    timer.unref();
  };
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    try {
      const w = watch(dir, { recursive: true, persistent: false }, soon);
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // A folder that does not exist yet (nothing ingested so far) is found by the poll once it appears.
    }
  }
  const poll = setInterval(() => void refresh(), options.pollMs ?? 3000);
  poll.unref();

  return {
    refresh,
    stop() {
      stopped = true;
      clearInterval(poll);
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

/** Names, sizes and modification times of the knowledge files: any edit, addition or removal changes it. */
async function filesFingerprint(dirs: readonly string[]): Promise<string> {
  const parts: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const d of entries) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) await walk(p);
      else if (d.isFile() && /\.(md|json)$/.test(d.name)) {
        const s = await stat(p).catch(() => undefined);
        if (s) parts.push(`${p}\u0000${s.size}\u0000${s.mtimeMs}`);
      }
    }
  };
  for (const dir of dirs) await walk(dir);
  return parts.sort().join('\n');
}
