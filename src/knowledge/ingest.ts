import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Passage } from './entry.ts';

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

/** Regions a document may be about, most specific first; the most mentioned one wins. */
const REGIONS: [RegExp, string][] = [
  [/内蒙古/g, '内蒙古'],
  [/浙江/g, '浙江'],
  [/贵州|贵阳|铜仁|毕节|遵义/g, '贵州'],
  [/四川|成都/g, '四川'],
  [/湖北|武汉/g, '湖北'],
  [/长春|吉林/g, '吉林'],
  [/潍坊|山东/g, '山东'],
  [/南京|江苏/g, '江苏'],
  [/武平|福建/g, '福建'],
  [/南沙|广州|广东/g, '广东'],
  [/重庆|渝工|巴渝/g, '重庆'],
  [/全国总工会|全总|中华全国/g, '全国'],
];

/** The region a document is mostly about, from its title first and then its body; undefined when none is named. */
export function guessRegion(title: string, body: string): string | undefined {
  const count = (text: string) =>
    REGIONS.map(([re, name]) => ({ name, n: text.match(re)?.length ?? 0 }))
      .filter((r) => r.n > 0)
      .sort((a, b) => b.n - a.n);
  return count(title)[0]?.name ?? count(body)[0]?.name;
}

/**
 * The date of a document: a news report's own date is usually the latest it states, so the
 * latest year mentioned wins, as precisely as the text gives it (day, then month, then year),
 * never later than `now`.
 */
export function guessDate(text: string, now = new Date()): string | undefined {
  const two = (n: string) => n.padStart(2, '0');
  const limit = now.toISOString().slice(0, 10);
  const found: string[] = [];
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})(?!\d)/g)) found.push(`${m[1]}-${two(m[2]!)}-${two(m[3]!)}`);
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月/g)) found.push(`${m[1]}-${two(m[2]!)}`);
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*年/g)) found.push(m[1]!);
  const valid = found.filter((d) => d <= limit && !/^\d{4}-(00|1[3-9]|[2-9]\d)/.test(d) && !/-\d\d-(00|3[2-9]|[4-9]\d)$/.test(d));
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

/** One document to passages. `file` names the document in ids and as the default source. */
export function ingestText(raw: string, file: string, options: IngestOptions & { fallbackDate?: string } = {}): IngestedDocument {
  const { title, paragraphs } = parseDocument(raw);
  const body = paragraphs.join('\n');
  const region = options.region ?? guessRegion(title, body) ?? '未注明';
  const date = options.date ?? guessDate(`${title}\n${body}`) ?? options.fallbackDate ?? '未注明';
  const stem = createHash('sha1').update(file).digest('hex').slice(0, 10);
  const source = options.source ?? path.basename(file);
  const passages = splitPassages(paragraphs, options.target).map(
    (text, i): Passage => ({
      id: `p-${stem}-${String(i + 1).padStart(3, '0')}`,
      title,
      source,
      region: options.region ?? guessRegion('', text) ?? region,
      date,
      ...(options.topic ? { topic: options.topic } : {}),
      text,
    }),
  );
  return { file, title, region, date, passages };
}

/** The documents `kb ingest` would read under a directory, sorted, recursively. */
export async function listDocuments(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...(await listDocuments(p)));
    else if (d.isFile() && DOCUMENT_EXTENSIONS.includes(path.extname(d.name).toLowerCase())) out.push(p);
  }
  return out.sort();
}

/**
 * Ingests every document under `dir` and writes one `<name>-<hash>.json` per document to
 * `outDir`. Re-ingesting a document overwrites its file, so ids stay stable.
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
    const rel = path.relative(dir, file);
    const info = await stat(file);
    const doc = ingestText(await readFile(file, 'utf8'), rel, { ...options, fallbackDate: info.mtime.toISOString().slice(0, 10) });
    const name = `${path.basename(rel, path.extname(rel)).replace(/[^\w.-]+/g, '_').slice(0, 40)}-${doc.passages[0]?.id.slice(2, 12) ?? 'empty'}.json`;
    const target = path.join(outDir, name);
    if (doc.passages.length) {
      await writeFile(target, `${JSON.stringify(doc.passages, null, 2)}\n`, 'utf8');
      written.push(target);
    }
    documents.push(doc);
    options.onDocument?.(doc, i + 1, files.length);
  }
  return { documents, written };
}
