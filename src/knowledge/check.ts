import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';
import type { KnowledgeEntry } from './entry.ts';
import { parseEntry } from './loader.ts';

/**
 * `kb check`: what a knowledge editor must fix before the entries ship. Unlike loading, it
 * reads every file and reports every problem at once: invalid entries (file and field named),
 * duplicate ids, and the same or a nearly identical question phrasing in two entries, which
 * makes retrieval pick between them by chance. Entries of the national rights module (id `law-…`
 * or a `law` field) must also cite a law and article, carry the day of the version in force, and
 * name the law in an answer short enough for a phone.
 */

export interface KbProblem {
  file: string;
  /** The front-matter field at fault, when there is one. */
  field?: string;
  message: string;
}

export interface KbCheckResult {
  files: number;
  entries: { file: string; entry: KnowledgeEntry }[];
  problems: KbProblem[];
}

/** Lowercase, full-width folded, without whitespace or punctuation: how two phrasings are compared. */
export function normalizePhrasing(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Edit distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[y.length]!;
}

/** Phrasings this long or longer that differ by one character count as near-identical. */
const NEAR_MIN_LENGTH = 6;

export async function checkKnowledge(dir: string): Promise<KbCheckResult> {
  const files = await listEntryFiles(dir);
  const problems: KbProblem[] = [];
  const entries: { file: string; entry: KnowledgeEntry }[] = [];
  for (const abs of files) {
    const file = path.relative(process.cwd(), abs);
    try {
      entries.push({ file, entry: parseEntry(await readFile(abs, 'utf8'), file) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problems.push(...invalidEntryProblems(err, file));
    }
  }
  problems.push(...entries.flatMap(({ file, entry }) => rightsProblems(file, entry)), ...duplicateIds(entries), ...duplicatePhrasings(entries));
  return { files: files.length, entries, problems };
}

/** What loading refused in one file, one problem per field. */
export function invalidEntryProblems(err: AppError, file: string): KbProblem[] {
  const issues = Array.isArray(err.details) ? (err.details as { path: PropertyKey[]; message: string }[]) : [];
  if (issues.length) return issues.map((i) => ({ file, field: i.path.map(String).join('.') || undefined, message: i.message }));
  return [{ file, message: err.message.replace(`${file}: `, '') }];
}

/** A citation: a law's name in 《》 and an article, e.g. 《劳动合同法》第四十七条 or 《工会法》第三条第二款. */
export const LAW_CITATION = /^《[^《》]{2,40}》(?:第[零〇一二三四五六七八九十百千\d]+条(?:第[零〇一二三四五六七八九十\d]+[款项])*[、，和及]?)+$/;
/** The longest answer a rights entry may have: the key fact first, then where to ask. */
export const RIGHTS_ANSWER_MAX = 200;

export function isRightsEntry(entry: KnowledgeEntry): boolean {
  return entry.id.startsWith('law-') || entry.law !== undefined;
}

function rightsProblems(file: string, entry: KnowledgeEntry): KbProblem[] {
  if (!isRightsEntry(entry)) return [];
  const out: KbProblem[] = [];
  if (!entry.law?.length) out.push({ file, field: 'law', message: 'a rights entry must cite the law and article, e.g. law: ["《劳动合同法》第四十七条"]' });
  for (const [i, cite] of (entry.law ?? []).entries())
    if (!LAW_CITATION.test(cite.trim())) out.push({ file, field: `law.${i}`, message: `"${cite}" does not name a law in 《》 and an article (第…条)` });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.date))
    out.push({ file, field: 'date', message: `a rights entry needs the full date of the version in force (YYYY-MM-DD), not "${entry.date}"` });
  const laws = (entry.law ?? []).map((c) => /《[^》]+》/.exec(c)?.[0]).filter((l): l is string => Boolean(l));
  if (laws.length && !laws.some((l) => entry.answer.includes(l))) out.push({ file, field: 'answer', message: `the answer must name the law it cites (${laws[0]})` });
  if ([...entry.answer].length > RIGHTS_ANSWER_MAX)
    out.push({ file, field: 'answer', message: `a rights answer is at most ${RIGHTS_ANSWER_MAX} characters (this one has ${[...entry.answer].length})` });
  return out;
}

function duplicateIds(entries: readonly { file: string; entry: KnowledgeEntry }[]): KbProblem[] {
  const first = new Map<string, string>();
  const out: KbProblem[] = [];
  for (const { file, entry } of entries) {
    const seen = first.get(entry.id);
    if (seen) out.push({ file, field: 'id', message: `duplicate id "${entry.id}" (also in ${seen})` });
    else first.set(entry.id, file);
  }
  return out;
}

function duplicatePhrasings(entries: readonly { file: string; entry: KnowledgeEntry }[]): KbProblem[] {
  const out: KbProblem[] = [];
  const all = entries.flatMap(({ file, entry }, owner) =>
    entry.questions.map((q, i) => ({ owner, file, id: entry.id, index: i, text: q, norm: normalizePhrasing(q) })),
  );
  const byNorm = new Map<string, (typeof all)[number]>();
  for (const p of all) {
    const earlier = byNorm.get(p.norm);
    if (earlier) {
      const where = earlier.owner === p.owner ? 'earlier in the same entry' : `${earlier.id} in ${earlier.file}`;
      out.push({ file: p.file, field: `questions.${p.index}`, message: `duplicate phrasing "${p.text}" (${where})` });
    } else byNorm.set(p.norm, p);
  }
  const unique = [...byNorm.values()].sort((a, b) => a.norm.length - b.norm.length);
  for (let i = 0; i < unique.length; i++) {
    const a = unique[i]!;
    if ([...a.norm].length < NEAR_MIN_LENGTH) continue;
    for (let j = i + 1; j < unique.length; j++) {
      const b = unique[j]!;
      if (b.norm.length - a.norm.length > 1) break;
      if (a.owner === b.owner) continue;
      if (editDistance(a.norm, b.norm, 1) <= 1)
        out.push({ file: b.file, field: `questions.${b.index}`, message: `near-identical phrasing "${b.text}" and "${a.text}" of ${a.id} in ${a.file}` });
    }
  }
  return out;
}

async function listEntryFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...(await listEntryFiles(p)));
    else if (d.isFile() && d.name.endsWith('.md') && !d.name.startsWith('_')) out.push(p);
  }
  return out.sort();
}
