import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config.ts';
import { toAppError } from '../errors.ts';
import { checkKnowledge } from '../knowledge/check.ts';
import { loadKnowledgeBase } from '../knowledge/index.ts';
import { ingestDirectory } from '../knowledge/ingest.ts';
import { isPassage } from '../knowledge/retriever.ts';
import { table } from '../eval/format.ts';

/**
 * Tools for knowledge editors:
 *   kb check                 validate every entry, duplicate ids and phrasings (exit 1 on problems)
 *   kb search "问题" [-k 5]   hit testing: the entries a question finds, with scores
 *   kb list [--topic T]      the entries and ingested passages
 *   kb ingest DIR            add .md/.txt documents as passages under DATA_DIR/passages
 */

const USAGE = `usage:
  npm run kb -- check [--dir knowledge]
  npm run kb -- search "年票多少钱" [-k 5] [--topic annual_pass] [--region 重庆]
  npm run kb -- list [--topic rights]
  npm run kb -- ingest DIR [--region 浙江] [--date 2025-03-01] [--topic sanatorium] [--source "报道标题"]`;

const out = (s = '') => process.stdout.write(`${s}\n`);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      k: { type: 'string', short: 'k' },
      topic: { type: 'string' },
      region: { type: 'string' },
      date: { type: 'string' },
      source: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const kbDir = values.dir ?? config.KB_DIR;
  const passagesDir = path.join(config.DATA_DIR, 'passages');
  switch (command) {
    case 'check':
      return check(kbDir);
    case 'search': {
      const query = rest.join(' ').trim();
      if (!query) {
        out('kb search needs a question, e.g. npm run kb -- search "年票多少钱"');
        return 2;
      }
      return search(kbDir, passagesDir, query, { k: Number(values.k ?? 5), topic: values.topic, region: values.region });
    }
    case 'list':
      return list(kbDir, passagesDir, values.topic);
    case 'ingest': {
      const dir = rest[0];
      if (!dir) {
        out('kb ingest needs a directory of .md/.txt documents');
        return 2;
      }
      return ingest(dir, values.out ?? passagesDir, { region: values.region, date: values.date, topic: values.topic, source: values.source });
    }
    default:
      out(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

async function check(dir: string): Promise<number> {
  const result = await checkKnowledge(dir);
  if (result.problems.length === 0) {
    const phrasings = result.entries.reduce((n, e) => n + e.entry.questions.length, 0);
    out(`OK: ${result.entries.length} entries in ${result.files} files, ${phrasings} question phrasings, no duplicates.`);
    return 0;
  }
  const byFile = new Map<string, string[]>();
  for (const p of result.problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), `${p.field ? `${p.field}: ` : ''}${p.message}`]);
  for (const [file, lines] of byFile) {
    out(file);
    for (const l of lines) out(`  ${l}`);
  }
  out(`\n${result.problems.length} problem(s) in ${byFile.size} file(s); ${result.entries.length} of ${result.files} files valid.`);
  return 1;
}

async function search(dir: string, passagesDir: string, query: string, options: { k: number; topic?: string; region?: string }): Promise<number> {
  const kb = await loadKnowledgeBase(dir, { passagesDir });
  const hits = kb.retriever.search(query, { k: Number.isFinite(options.k) && options.k > 0 ? options.k : 5, topic: options.topic, region: options.region });
  if (hits.length === 0) {
    out(`No entry matches "${query}". The bot would say it is not sure and offer 12351.`);
    return 0;
  }
  out(`"${query}": top ${hits.length} of ${kb.entries.length} entries (knowledge version ${kb.version})`);
  out(
    table(
      ['#', 'score', 'id', 'topic', 'region', 'matched phrasing'],
      hits.map((h, i) => [String(i + 1), h.score.toFixed(3), h.entry.id, h.entry.topic ?? (isPassage(h.entry) ? 'passage' : ''), h.entry.region, h.matched]),
    ),
  );
  const top = hits[0]!;
  out(`\nTop answer (${top.entry.title}, ${top.entry.source}, ${top.entry.date}):\n${top.entry.answer}`);
  return 0;
}

async function list(dir: string, passagesDir: string, topic?: string): Promise<number> {
  const kb = await loadKnowledgeBase(dir, { passagesDir });
  const entries = kb.entries.filter((e) => !topic || e.topic === topic).sort((a, b) => a.topic.localeCompare(b.topic) || a.id.localeCompare(b.id));
  out(
    table(
      ['id', 'topic', 'region', 'date', 'questions', 'title'],
      entries.map((e) => [e.id, e.topic, e.region, e.date, String(e.questions.length), e.title]),
    ),
  );
  const counts = new Map<string, number>();
  for (const e of kb.entries) counts.set(e.topic, (counts.get(e.topic) ?? 0) + 1);
  out(`\n${entries.length} entries${topic ? ` on ${topic}` : ''} (${[...counts].map(([t, n]) => `${t} ${n}`).join(', ')}); version ${kb.version}`);
  return 0;
}

async function ingest(dir: string, outDir: string, options: { region?: string; date?: string; topic?: string; source?: string }): Promise<number> {
  // A bar on a terminal; one line per document when stderr is a file or a pipe.
  const tty = Boolean(process.stderr.isTTY);
  const bar = new SingleBar({ format: 'ingest [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  const { documents, written } = await ingestDirectory(dir, outDir, {
    ...options,
    onStart: (total) => (tty ? bar.start(total, 0, { file: '' }) : undefined),
    onDocument: (doc, i, total) => (tty ? bar.increment({ file: doc.file }) : process.stderr.write(`ingest [${i}/${total}] ${doc.file}\n`)),
  });
  if (tty) bar.stop();
  if (documents.length === 0) {
    out(`No .md or .txt documents under ${dir}.`);
    return 1;
  }
  out(
    table(
      ['document', 'title', 'region', 'date', 'passages'],
      documents.map((d) => [d.file, d.title, d.region, d.date, String(d.passages.length)]),
    ),
  );
  const total = documents.reduce((n, d) => n + d.passages.length, 0);
  out(`\n${total} passages from ${documents.length} documents written to ${written.length} file(s) in ${outDir}.`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const e = toAppError(err);
    process.stderr.write(`kb: ${e.message}\n`);
    process.exit(1);
  },
);
