import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TOPIC_CUES } from '../intents/catalog.ts';
import { TOPICS, type Topic } from '../intents/types.ts';
import type { Passage } from './entry.ts';
import { placesIn } from './places.ts';

/**
 * `kb ingest`: plain documents (Markdown or text) become searchable, citable passages of about
 * 300 characters cut at paragraph and sentence boundaries. They are not curated answers; they
 * let the bot find and cite a document nobody has written entries for yet. Each document is
 * written as one JSON array of passages under DATA_DIR/passages, which loadKnowledgeBase reads.
 */

export interface IngestOptions {
  /** Target passage length in characters; paragraphs are kept whole up to 1.5 times this. */
  target?: number;
  /** Overrides the region guessed from the text. */
  region?: string;
  /** Overrides the date guessed from the text (YYYY, YYYY-MM or YYYY-MM-DD). */
  date?: string;
  topic?: string;
  /** Overrides the source label (default: the file name). */
  source?: string;
}

export interface IngestedDocument {
  file: string;
  title: string;
  region: string;
  date: string;
  passages: Passage[];
}

export const DOCUMENT_EXTENSIONS = ['.md', '.markdown', '.txt'];
const DEFAULT_TARGET = 300;

const NATIONAL = /全国总工会|中华全国|全总/;

/**
 * The region a document is about, from its title first and then its body, in the form entries
 * carry: the province ("宁夏"), or the province and the city or county when the document is one
 * place's ("吉林长春", "福建武平"). Places come from the complete table in places.ts.
 */
export function guessRegion(title: string, body: string): string | undefined {
  return regionIn(title, true) ?? regionIn(body, false) ?? (NATIONAL.test(`${title}${body}`) ? '全国' : undefined);
}

function regionIn(text: string, isTitle: boolean): string | undefined {
  const places = placesIn(text);
  if (!places.length) return undefined;
  // The province named most often; on a tie, the one named first.
  const counts = new Map<string, number>();
  for (const p of places) counts.set(p.province, (counts.get(p.province) ?? 0) + 1);
  const province = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best))[0];
  const own = places.filter((p) => p.province === province);
  const local = [...new Set(own.map((p) => p.county ?? p.city).filter((n): n is string => Boolean(n)).map(shortName))];
  // A title naming a city or county is that place's document; a body only when it never names the
  // province alone and keeps to one place (a provincial notice may name a city in passing).
  const specific = isTitle ? local[0] : own.every((p) => p.city || p.county) && local.length === 1 ? local[0] : undefined;
  return specific && specific !== province ? `${province}${specific}` : province;
}

/** 武平县 → 武平, 南宁市 → 南宁: the label entries carry ("福建武平"); a one-character name keeps its suffix. */
function shortName(name: string): string {
  const short = name.replace(/(自治县|自治旗|县|区|市|旗)$/, '');
  return [...short].length >= 2 ? short : name;
}

/** The topic a document is about, by the same cue words the understanding uses; the title counts thrice. */
export function guessTopic(title: string, body: string): Topic | undefined {
  let best: { topic: Topic; score: number } | undefined;
  for (const topic of TOPICS) {
    let score = 0;
    for (const cue of TOPIC_CUES[topic]) {
      const re = new RegExp(cue.re.source, 'g');
      score += cue.weight * (3 * (title.match(re)?.length ?? 0) + (body.match(re)?.length ?? 0));
    }
    if (score > 0 && (!best || score > best.score)) best = { topic, score };
  }
  return best?.topic;
}

/**
 * The date of a document: a news report's own date is usually the latest it states, so the
 * latest full date wins; without one, the latest year mentioned, as precisely as the text gives
 * it (month, then year); never later than `now`.
 */
export function guessDate(text: string, now = new Date()): string | undefined {
  const two = (n: string) => n.padStart(2, '0');
  const limit = now.toISOString().slice(0, 10);
  const found: string[] = [];
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})(?!\d)/g)) found.push(`${m[1]}-${two(m[2]!)}-${two(m[3]!)}`);
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月/g)) found.push(`${m[1]}-${two(m[2]!)}`);
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*年/g)) found.push(m[1]!);
  const valid = found.filter((d) => d <= limit && !/^\d{4}-(00|1[3-9]|[2-9]\d)/.test(d) && !/-\d\d-(00|3[2-9]|[4-9]\d)$/.test(d));
  // A notice's own full date beats a year it speaks of ("2024年12月20日印发，从2025年起执行").
  const days = valid.filter((d) => d.length === 10).sort();
  if (days.length) return days[days.length - 1];
  const year = valid.map((d) => d.slice(0, 4)).sort().pop();
  if (!year) return undefined;
  return valid.filter((d) => d.startsWith(year)).sort((a, b) => b.length - a.length || b.localeCompare(a))[0];
}

const CJK = '\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef';
const CJK_GAP = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'g');

/** Joins a paragraph's lines and drops the stray spaces scanned documents put between Chinese characters. */
export function cleanParagraph(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .replace(CJK_GAP, '')
    .trim();
}

/** Splits text after sentence-ending punctuation, keeping the punctuation (and a closing quote) with its sentence. */
export function sentences(text: string): string[] {
  return text.match(/[^。！？!?；;]+(?:[。！？!?；;]+[”’"」』)）]*|$)/g)?.map((s) => s.trim()).filter(Boolean) ?? [];
}

/** Packs paragraphs into passages of about `target` characters; an overlong sentence is cut hard. */
export function splitPassages(paragraphs: readonly string[], target = DEFAULT_TARGET): string[] {
  const max = Math.round(target * 1.5);
  const pieces: string[] = [];
  for (const p of paragraphs) {
    if ([...p].length <= max) pieces.push(p);
    else
      for (const s of sentences(p)) {
        const chars = [...s];
        for (let i = 0; i < chars.length; i += max) pieces.push(chars.slice(i, i + max).join(''));
      }
  }
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const joined = current ? `${current}\n${piece}` : piece;
    if (current && [...joined].length > target) {
      out.push(current);
      current = piece;
    } else current = joined;
  }
  if (current) out.push(current);
  return out;
}

/** Title and paragraphs of a Markdown or text document; the title is the first heading or the first line. */
export function parseDocument(raw: string): { title: string; paragraphs: string[] } {
  let text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  text = text.replace(/^---\n[\s\S]*?\n---\n/, ''); // front matter
  const blocks = text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const heading = /^#{1,6}\s+(.+)$/m.exec(text)?.[1];
  const firstLine = blocks[0]?.split('\n')[0] ?? '';
  const title = cleanParagraph((heading ?? firstLine).replace(/^#+\s*/, '')).slice(0, 80);
  const paragraphs = blocks
    .map((b) =>
      cleanParagraph(
        b
          .split('\n')
          .map((l) => l.replace(/^#{1,6}\s+/, '').replace(/^\s*(?:[-*+]|\d+[.)])\s+/, ''))
          .join('\n')
          .replace(/[*_`]{1,3}([^*_`]+)[*_`]{1,3}/g, '$1')
          .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1'),
      ),
    )
    .filter((p) => p.length > 0 && p !== title);
  return { title: title || '未命名文档', paragraphs };
}

/**
 * One document to passages. `file` names the document: its hash makes the passage ids, so
 * re-ingesting the same file gives the same ids and replaces what it gave before.
 */
export function ingestText(raw: string, file: string, options: IngestOptions & { fallbackDate?: string } = {}): IngestedDocument {
  const { title, paragraphs } = parseDocument(raw);
  const body = paragraphs.join('\n');
  const region = options.region ?? guessRegion(title, body) ?? '未注明';
  const date = options.date ?? guessDate(`${title}\n${body}`) ?? options.fallbackDate ?? '未注明';
  const topic = options.topic ?? guessTopic(title, body);
  const stem = documentStem(file);
  const source = options.source ?? path.basename(file);
  const passages = splitPassages(paragraphs, options.target).map(
    (text, i): Passage => ({
      id: `p-${stem}-${String(i + 1).padStart(3, '0')}`,
      title,
      source,
      region,
      date,
      ...(topic ? { topic } : {}),
      document: file,
      text,
    }),
  );
  return { file, title, region, date, passages };
}

/** The hash that names a document's passages and its file under the passages folder. */
function documentStem(file: string): string {
  return createHash('sha1').update(file).digest('hex').slice(0, 10);
}

/** The documents `kb ingest` would read: the file itself, or every document under a directory, sorted, recursively. */
export async function listDocuments(dirOrFile: string): Promise<string[]> {
  if ((await stat(dirOrFile)).isFile()) return [dirOrFile];
  const out: string[] = [];
  for (const d of await readdir(dirOrFile, { withFileTypes: true })) {
    const p = path.join(dirOrFile, d.name);
    if (d.isDirectory()) out.push(...(await listDocuments(p)));
    else if (d.isFile() && DOCUMENT_EXTENSIONS.includes(path.extname(d.name).toLowerCase())) out.push(p);
  }
  return out.sort();
}

/**
 * Ingests every document under `dir` (or the one document `dir` names) and writes one
 * `<name>-<hash>.json` per document to `outDir`. A document is known by its absolute path: ingesting
 * it again, changed or not and from whatever folder, replaces its passages, and a document that
 * no longer yields any passage has its old ones removed. Each file is written whole (a temporary
 * file renamed into place), so a running service that reloads never reads half a document.
 */
export async function ingestDirectory(
  dir: string,
  outDir: string,
  options: IngestOptions & { onDocument?: (doc: IngestedDocument, index: number, total: number) => void; onStart?: (total: number) => void } = {},
): Promise<{ documents: IngestedDocument[]; written: string[] }> {
  const files = await listDocuments(dir);
  options.onStart?.(files.length);
  await mkdir(outDir, { recursive: true });
  const documents: IngestedDocument[] = [];
  const written: string[] = [];
  for (const [i, file] of files.entries()) {
    const key = path.resolve(file);
    const info = await stat(file);
    const doc = ingestText(await readFile(file, 'utf8'), key, { ...options, source: options.source ?? path.basename(file), fallbackDate: info.mtime.toISOString().slice(0, 10) });
    const name = `${path.basename(file, path.extname(file)).replace(/[^\w.-]+/g, '_').slice(0, 40)}-${documentStem(key)}.json`;
    const target = path.join(outDir, name);
    await removeEarlier(outDir, key, name);
    if (doc.passages.length) {
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(doc.passages, null, 2)}\n`, 'utf8');
      await rename(temporary, target);
      written.push(target);
    } else await rm(target, { force: true });
    documents.push(doc);
    options.onDocument?.(doc, i + 1, files.length);
  }
  return { documents, written };
}

/** Removes the passage files an earlier ingest of the same document left under another name. */
async function removeEarlier(outDir: string, document: string, keep: string): Promise<void> {
  for (const f of await readdir(outDir)) {
    if (!f.endsWith('.json') || f === keep) continue;
    const file = path.join(outDir, f);
    const passages = JSON.parse(await readFile(file, 'utf8').catch(() => '[]')) as Partial<Passage>[];
    if (Array.isArray(passages) && passages.some((p) => p.document === document)) await rm(file, { force: true });
  }
}
