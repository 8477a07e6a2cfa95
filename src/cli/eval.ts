import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { modelEnabled } from '../config.ts';
import { toAppError } from '../errors.ts';
import { readQuestions, readScenarios } from '../eval/dataset.ts';
import { formatQuestionSummary, formatScenarioSummary } from '../eval/format.ts';
import { questionsHtml, scenariosHtml } from '../eval/html.ts';
import type { ScenarioReportItem } from '../eval/report.ts';

/**
 * `npm run eval`: scores the engine on a question file or a scenario file in the format of
 * ../shared/eval (LABELS.md), prints a summary and writes the report JSON (and an HTML page).
 *
 *   npm run --silent eval -- --questions FILE.jsonl --out REPORT.json [--html REPORT.html]
 *   npm run --silent eval -- --scenarios FILE.jsonl --out REPORT.json [--html REPORT.html]
 *
 * `--passages DIR` also loads the passages `kb ingest` wrote there (DATA_DIR/passages), to score
 * questions about ingested documents.
 */

const DEFAULT_QUESTIONS = '../shared/eval/dev.jsonl';
const out = (s = '') => process.stdout.write(`${s}\n`);

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      questions: { type: 'string' },
      scenarios: { type: 'string' },
      out: { type: 'string' },
      html: { type: 'string' },
      passages: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out('usage: npm run --silent eval -- (--questions FILE | --scenarios FILE) [--out REPORT.json] [--html REPORT.html] [--passages DIR]');
    return 0;
  }
  if (values.questions && values.scenarios) {
    process.stderr.write('eval: give --questions or --scenarios, not both\n');
    return 2;
  }
  const file = values.scenarios ?? values.questions ?? DEFAULT_QUESTIONS;
  // Checked before the engine loads (that takes a while), so a wrong path fails at once and says why.
  if (!existsSync(file)) {
    process.stderr.write(missingFile(file, !values.scenarios && !values.questions));
    return 2;
  }
  // The engine is loaded only now, so the checks above answer at once.
  const { createEvalWorld } = await import('../eval/world.ts');
  const world = await createEvalWorld(process.env, values.passages ? { passagesDir: values.passages } : {});
  try {
    if (values.scenarios) return await scenarios(world, file, values.out, values.html);
    return await questions(world, file, values.out, values.html);
  } finally {
    await world.close();
  }
}

/** What to do when the question or scenario file is not there. */
function missingFile(file: string, defaulted: boolean): string {
  const where = `${file} (${path.resolve(file)})`;
  const lines = defaulted
    ? [
        `eval: no question file given, and the default ${where} does not exist.`,
        'Without arguments the command reads the labelled questions from a shared/eval folder beside this clone:',
        '  <parent>/shared/eval/dev.jsonl',
      ]
    : [`eval: ${where} does not exist.`];
  return `${[
    ...lines,
    'Pass a file in the labelled format (one JSON object a line; see shared/eval/LABELS.md):',
    '  npm run --silent eval -- --questions path/to/questions.jsonl [--out report.json] [--html report.html]',
    '  npm run --silent eval -- --scenarios path/to/scenarios.jsonl [--out report.json]',
  ].join('\n')}\n`;
}

type World = Awaited<ReturnType<typeof import('../eval/world.ts').createEvalWorld>>;

async function questions(world: World, file: string, outFile: string | undefined, htmlFile: string | undefined): Promise<number> {
  const items = await readQuestions(file);
  const { runQuestions, summarizeQuestions } = await import('../eval/questions.ts');
  const { engine } = await world.open();
  const report = await runQuestions(engine, items, { onItem: progress('questions') });
  const summary = summarizeQuestions(items, report);
  out(formatQuestionSummary(summary, { modelEnabled: modelEnabled(world.config) }));
  await write(outFile, `${JSON.stringify({ items: report, summary: { file, kb_version: world.kb.version, model_enabled: modelEnabled(world.config), ...summary } }, null, 2)}\n`);
  await write(htmlFile, questionsHtml(summary, items, report));
  return 0;
}

async function scenarios(world: World, file: string, outFile: string | undefined, htmlFile: string | undefined): Promise<number> {
  const list = await readScenarios(file);
  const { runScenario, summarizeScenarios } = await import('../eval/scenarios.ts');
  const items: ScenarioReportItem[] = [];
  const tick = progress('scenarios');
  let resetMs = 0;
  for (const [i, s] of list.entries()) {
    const t0 = performance.now();
    await world.resetTickets();
    resetMs += performance.now() - t0;
    const { engine, services } = await world.open();
    try {
      items.push(await runScenario({ engine, tickets: services.tickets }, s));
    } finally {
      await services.close();
    }
    tick(i + 1, list.length);
  }
  const summary = summarizeScenarios(items);
  out(formatScenarioSummary(summary, items));
  await write(
    outFile,
    `${JSON.stringify({ items, summary: { file, kb_version: world.kb.version, store_reset_ms: Math.round(resetMs), ...summary } }, null, 2)}\n`,
  );
  await write(htmlFile, scenariosHtml(summary, items));
  return 0;
}

/** A one-line counter on stderr when it is a terminal; silent otherwise so redirected output stays clean. */
function progress(what: string): (done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => {};
  return (done, total) => {
    process.stderr.write(`\r${what} ${done}/${total}`);
    if (done === total) process.stderr.write('\r\x1b[K');
  };
}

async function write(file: string | undefined, text: string): Promise<void> {
  if (!file) return;
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, text, 'utf8');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`eval: ${toAppError(err).message}\n`);
    process.exit(1);
  },
);
