import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { byQueuedAt, formKey, type Outbox, type OutboxItem, type Queued } from './outbox.ts';

type Line<T> = { op: 'put'; item: T } | { op: 'del'; key: string };

/**
 * The embedded outbox: an append-only JSON-lines log, fsync'd on every write so a queued form
 * survives a crash or power loss. Each record is written between newlines, so a torn last
 * record from a crash is skipped on replay without swallowing the next one. When the outbox
 * empties (or the log grows long) it is rewritten through a temporary file and an atomic rename.
 * Meant for one process per DATA_DIR, like the embedded database; use Redis for several.
 */
export function createFileOutbox(options: { file: string }): Outbox<OutboxItem>;
export function createFileOutbox<T extends Queued>(options: { file: string; keyOf: (item: T) => string }): Outbox<T>;
export function createFileOutbox<T extends Queued>(options: { file: string; keyOf?: (item: T) => string }): Outbox<T> {
  const file = options.file;
  const keyOf = options.keyOf ?? (formKey as unknown as (item: T) => string);
  let chain: Promise<unknown> = Promise.resolve();
  // One operation at a time within the process: appends and rewrites never interleave.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => {});
    return next;
  };

  async function replay(): Promise<{ items: Map<string, T>; lines: number }> {
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const items = new Map<string, T>();
    let lines = 0;
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      let line: Line<T>;
      try {
        line = JSON.parse(raw) as Line<T>;
      } catch {
        continue; // a record torn by a crash mid-write
      }
      lines += 1;
      if (line.op === 'put' && !items.has(keyOf(line.item))) items.set(keyOf(line.item), line.item);
      else if (line.op === 'del') items.delete(line.key);
    }
    return { items, lines };
  }

  async function append(line: Line<T>): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    const fh = await open(file, 'a');
    try {
      await fh.appendFile(`\n${JSON.stringify(line)}\n`, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  async function rewrite(items: T[]): Promise<void> {
    const tmp = `${file}.tmp`;
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(items.map((item) => `${JSON.stringify({ op: 'put', item } satisfies Line<T>)}\n`).join(''), 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    const dir = await open(path.dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  return {
    put: (item) =>
      serial(async () => {
        const { items } = await replay();
        if (!items.has(keyOf(item))) await append({ op: 'put', item });
      }),
    list: () => serial(async () => [...(await replay()).items.values()].sort(byQueuedAt)),
    remove: (key) =>
      serial(async () => {
        const { items, lines } = await replay();
        if (!items.has(key)) return;
        items.delete(key);
        if (items.size === 0 || lines > 2 * items.size + 50) await rewrite([...items.values()].sort(byQueuedAt));
        else await append({ op: 'del', key });
      }),
    size: () => serial(async () => (await replay()).items.size),
    hold: async () => true,
    letGo: async () => undefined,
  };
}
