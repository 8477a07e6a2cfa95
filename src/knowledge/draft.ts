import { createHash } from 'node:crypto';
import { access, mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TOPICS, type Topic } from '../intents/types.ts';
import { AppError } from '../errors.ts';
import { checkKnowledge, invalidEntryProblems, type KbProblem } from './check.ts';
import type { KnowledgeEntry } from './entry.ts';
import { parseEntry } from './loader.ts';
import type { Hit } from './retriever.ts';

/**
 * The knowledge editor's draft: an entry written from a question the bot could not answer (or
 * answered unhelpfully), saved as a Markdown file under knowledge/ only when `kb check` finds
 * nothing wrong with it.
 */
export interface EntryDraft {
  id: string;
  title: string;
  topic: Topic;
  region: string;
  issuer: string;
  date: string;
  source: string;
  tags: string[];
  questions: string[];
  keyFacts: string[];
  law: string[];
  answer: string;
}

/** A draft pre-filled from the question: its topic and region from what the search found, the question as the first phrasing. */
export function draftFor(question: string, hits: readonly Hit[], today: string): EntryDraft {
  const text = question.replace(/\s+/g, ' ').trim();
  const top = hits.find((h) => (TOPICS as readonly string[]).includes(h.entry.topic ?? ''));
  const topic = (top?.entry.topic as Topic | undefined) ?? 'rights';
  return {
    id: suggestId(topic, text),
    title: [...text].slice(0, 40).join(''),
    topic,
    region: top?.entry.region ?? '重庆',
    issuer: '',
    date: today,
    source: '',
    tags: [],
    questions: text ? [text] : [],
    keyFacts: [],
    law: [],
    answer: '',
  };
}

const TOPIC_PREFIX: Record<Topic, string> = { hardship_aid: 'aid', annual_pass: 'pass', sanatorium: 'rest', rights: 'rights', member_benefits: 'member' };

function suggestId(topic: Topic, text: string): string {
  return `${TOPIC_PREFIX[topic]}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}

const q = (s: string) => JSON.stringify(s);
const list = (xs: readonly string[]) => `[${xs.map(q).join(', ')}]`;

/** The Markdown file for a draft: YAML front matter (every string quoted) and the answer as the body. */
export function renderEntry(d: EntryDraft): string {
  const lines = [
    '---',
    `id: ${d.id}`,
    `title: ${q(d.title)}`,
    `topic: ${d.topic}`,
    `region: ${q(d.region)}`,
    `issuer: ${q(d.issuer)}`,
    `date: ${q(d.date)}`,
    `source: ${q(d.source)}`,
    ...(d.law.length ? [`law: ${list(d.law)}`] : []),
    `tags: ${list(d.tags)}`,
    'questions:',
    ...d.questions.map((x) => `  - ${q(x)}`),
    `keyFacts: ${list(d.keyFacts)}`,
    '---',
    d.answer.trim(),
    '',
  ];
  return lines.join('\n');
}

export type SaveResult = { ok: true; file: string; entry: KnowledgeEntry } | { ok: false; problems: KbProblem[] };

/**
 * Writes the draft to knowledge/<topic>/<id>.md when it passes `kb check` together with every
 * entry already there; otherwise writes nothing and returns what to fix (the field named).
 */
export async function saveEntry(dir: string, draft: EntryDraft): Promise<SaveResult> {
  const file = path.resolve(dir, draft.topic, `${draft.id}.md`);
  const shown = path.relative(process.cwd(), file);
  const markdown = renderEntry(draft);
  try {
    parseEntry(markdown, shown);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { ok: false, problems: invalidEntryProblems(err, shown) };
  }
  if (await exists(file)) return { ok: false, problems: [{ file: shown, field: 'id', message: `an entry with id "${draft.id}" already exists` }] };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, markdown, { encoding: 'utf8', flag: 'wx' });
  const after = await checkKnowledge(dir);
  // Problems of the new file, or of another file because of it (a phrasing both have); old problems elsewhere are not the editor's.
  const added = after.problems.filter((p) => path.resolve(p.file) === file || p.message.includes(shown));
  if (added.length) {
    await unlink(file);
    return { ok: false, problems: added };
  }
  const entry = after.entries.find((e) => e.entry.id === draft.id)!.entry;
  return { ok: true, file: shown, entry };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
