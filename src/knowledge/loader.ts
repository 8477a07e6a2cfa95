import { readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../errors.ts';
import { entrySchema, type KnowledgeEntry } from './entry.ts';

/**
 * Loads the curated knowledge base: every `*.md` under the directory, YAML front matter plus
 * the answer as the body. A bad entry stops loading with the file and the field named.
 */
export async function loadKnowledge(dir: string): Promise<{ entries: KnowledgeEntry[]; version: string }> {
  const files = (await listMarkdown(dir)).sort();
  const entries: KnowledgeEntry[] = [];
  const hash = createHash('sha256');
  for (const file of files) {
    const raw = await readFile(file, 'utf8');
    hash.update(raw);
    entries.push(parseEntry(raw, path.relative(process.cwd(), file)));
  }
  return { entries, version: hash.digest('hex').slice(0, 12) };
}

export function parseEntry(raw: string, file: string): KnowledgeEntry {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(raw);
  if (!m) throw new AppError('KB_INVALID', `${file}: missing front matter (--- ... ---)`);
  let front: unknown;
  try {
    front = parseYaml(m[1] ?? '');
  } catch (err) {
    throw new AppError('KB_INVALID', `${file}: front matter is not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  if (typeof front !== 'object' || front === null) throw new AppError('KB_INVALID', `${file}: front matter must be a mapping`);
  const candidate = { ...(front as Record<string, unknown>), answer: (m[2] ?? '').trim() };
  // YAML turns 2024-05-01 into a Date; keep dates as the strings the editor wrote.
  const date = (candidate as { date?: unknown }).date;
  if (date instanceof Date) (candidate as { date?: unknown }).date = date.toISOString().slice(0, 10);
  else if (typeof date === 'number') (candidate as { date?: unknown }).date = String(date);
  const parsed = entrySchema.safeParse(candidate);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ');
    throw new AppError('KB_INVALID', `${file}: ${issues}`, { details: parsed.error.issues });
  }
  return parsed.data;
}

async function listMarkdown(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...(await listMarkdown(p)));
    else if (d.isFile() && d.name.endsWith('.md') && !d.name.startsWith('_')) out.push(p);
  }
  return out;
}
