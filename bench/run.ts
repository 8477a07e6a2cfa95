import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { readQuestions, type Question } from '../src/eval/dataset.ts';
import { pad, table } from '../src/eval/format.ts';
import type { KnowledgeEntry } from '../src/knowledge/entry.ts';
import { loadKnowledge } from '../src/knowledge/loader.ts';
import { Budget, share, type Deadline } from './budget.ts';
import { benchEngine, collect, measureIndex, syntheticEntries } from './engine.ts';
import { benchSearchBySize, benchTurnInterleaved } from './interleaved.ts';
import { benchMiniSearch, benchNlpJs } from './peers.ts';

/**
 * `npm run bench`: Niangjia's throughput and latency beside NLP.js and MiniSearch on the same
 * data, index figures for the shipped and a 10,000-entry knowledge base, then the figures of
 * the other parts (tickets, Redis, model path, notices) when their bench modules are present.
 * Prints one table per section and writes bench/last.json. Benchmarks report; they never fail
 * on time.
 *
 * The run has one time budget (`--budget` seconds, BENCH_BUDGET_S; 6 minutes by default). Each
 * section gets a share of the time left when it starts and stops measuring at its deadline with
 * fewer samples rather than leaving a row out; every section says how long it took and of how
 * many samples its figures are.
 *
 *   npm run bench [-- --turns 2000 --questions ../shared/eval/dev.jsonl --synthetic 10000 --only core|parts --budget 360]
 */

/** One measured figure; the shape every bench module returns. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

interface Comparison {
  measure: string;
  ours: number;
  peer?: string;
  theirs?: number;
  unit: string;
  /** true when a larger value is better (throughput, accuracy) */
  higherBetter: boolean;
  note?: string;
}

const out = (s = '') => process.stdout.write(`${s}\n`);

/** Units: 'share' is a fraction shown as a percentage; '%' is already a percentage. */
function fmt(v: number, unit: string): string {
  if (!Number.isFinite(v)) return String(v);
  if (unit === 'share') return `${(v * 100).toFixed(1)}%`;
  if (unit === '%') return `${v.toFixed(1)}%`;
  if (unit === 'ms') return v < 1 ? `${v.toFixed(3)} ms` : `${v.toFixed(2)} ms`;
  if (unit === 'MB') return `${v.toFixed(1)} MB`;
  const n = Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : Number.isInteger(v) ? String(v) : v.toFixed(2);
  return `${n}${unit ? ` ${unit}` : ''}`;
}

/** How many times better Niangjia is: >1 means ours wins, whichever direction the measure runs. */
function ratio(c: Comparison): string {
  if (c.theirs === undefined || c.theirs === 0 || c.ours === 0) return '';
  const r = c.higherBetter ? c.ours / c.theirs : c.theirs / c.ours;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}x`;
}

function comparisonTable(rows: Comparison[]): string {
  return table(
    ['measure', 'Niangjia', 'peer', 'peer value', 'ours vs peer', 'note'],
    rows.map((c) => [c.measure, fmt(c.ours, c.unit), c.peer ?? '', c.theirs === undefined ? '' : fmt(c.theirs, c.unit), ratio(c), c.note ?? '']),
    { right: [false, true, false, true, true, false] },
  );
}

function rowsTable(rows: BenchRow[]): string {
  return table(['measure', 'value', 'note'], rows.map((r) => [r.name, fmt(r.value, r.unit), r.note ?? '']), { right: [false, true, false] });
}

/** Rows of another shape ({ name, perSecond, p50ms, ... }): one column per key, numbers formatted by their name. */
function genericTable(rows: Record<string, unknown>[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const unitOf = (k: string) => (/ms$/i.test(k) ? 'ms' : /persecond|per_second|rate$/i.test(k) ? '/s' : '');
  // NaN stands for a figure not measured (its row's note says why).
  const cell = (k: string, v: unknown) => (typeof v === 'number' ? (Number.isNaN(v) ? '' : fmt(v, unitOf(k))) : v === undefined || v === null ? '' : String(v));
  return table(keys, rows.map((r) => keys.map((k) => cell(k, r[k]))), { right: keys.map((k) => rows.some((r) => typeof r[k] === 'number')) });
}

function section(title: string): void {
  out('');
  out(title);
  out(pad('', [...title].length, 'left').replace(/ /g, '='));
}

/** What another part's bench returned, as rows: BenchRow[], { rows: [...] }, or a plain record of numbers. */
function toRows(result: unknown): Record<string, unknown>[] {
  const list = Array.isArray(result) ? result : result && typeof result === 'object' && Array.isArray((result as { rows?: unknown }).rows) ? (result as { rows: unknown[] }).rows : undefined;
  if (list) return list.filter((r): r is Record<string, unknown> => Boolean(r) && typeof r === 'object');
  if (result && typeof result === 'object')
    return Object.entries(result as Record<string, unknown>)
      .filter(([, v]) => typeof v === 'number')
      .map(([name, value]) => ({ name, value, unit: '' }));
  return [];
}

function isBenchRow(r: Record<string, unknown>): boolean {
  return typeof r.name === 'string' && typeof r.value === 'number' && typeof r.unit === 'string';
}

/**
 * The other parts' bench modules. Each is called with `{ deadline }` (performance.now() ms) and
 * measures less when it would overrun it. `weight` is its share of the run's time budget.
 */
const PARTS: { file: string; fn: string; title: string; needs?: string; weight: number }[] = [
  { file: 'startup.ts', fn: 'benchStartup', title: 'Start-up: npm start and a piped question', weight: 25 },
  { file: 'tickets.ts', fn: 'benchTickets', title: 'Tickets', weight: 17 },
  { file: 'concurrent.ts', fn: 'benchConcurrent', title: 'Sixteen conversations at once, status questions mixed in (memory state, PGlite)', weight: 30 },
  { file: 'redis.ts', fn: 'benchRedis', title: 'Redis state', needs: 'REDIS_URL', weight: 50 },
  { file: 'model.ts', fn: 'benchModel', title: 'Model path (loopback OpenAI-compatible server)', weight: 10 },
  { file: 'notices.ts', fn: 'benchNotices', title: 'Notices', weight: 22 },
];

/**
 * The core sections' shares of the time budget, in the same units as the parts' weights. The index
 * and search sections hold builds no deadline can shorten (10,000 and 50,000 entries, MiniSearch at
 * 10,000), so they weigh most.
 */
const CORE_WEIGHTS = { index: 40, understanding: 30, turn: 30, search: 90 } as const;

interface CoreInput {
  config: ReturnType<typeof loadConfig>;
  /** The shipped entries, loaded once: synthetic entries and the peers built on them are kept per array. */
  entries: readonly KnowledgeEntry[];
  parseMs: number;
  questions: Question[];
  turns: number;
  syntheticSize: number;
  /** Knowledge-base sizes for the search section; 0 is the shipped one. */
  sizes: number[];
  runs: number;
  env: Record<string, string | undefined>;
  last: Record<string, unknown>;
  /** When the section stops measuring. */
  deadline: Deadline;
}

/** Build time, memory and search latency of the index, shipped and synthetic, with MiniSearch on the synthetic entries. */
async function indexSection({ entries, parseMs, questions, turns, syntheticSize, last, deadline }: CoreInput): Promise<void> {
  const queries = questions.map((q) => q.text);
  // The first build also loads the segmenter's dictionary; the second is what a reload costs.
  const cold = await measureIndex(entries, queries, 1);
  const shipped = await measureIndex(entries, queries, turns, share(deadline, 0.15));
  const synthetic = syntheticEntries(entries, syntheticSize);
  const bigQueries = Math.min(turns, 300);
  const big = await measureIndex(synthetic, queries, bigQueries, share(deadline, 0.3));
  // MiniSearch's build here is the one the search-by-size section uses at this size.
  const bigMini = await benchMiniSearch(synthetic, questions, bigQueries, deadline, 30);
  section('Knowledge index');
  const indexRows = [
    ['shipped, first build', entries.length, cold, parseMs],
    ['shipped, rebuild', entries.length, shipped, undefined],
    ['synthetic', synthetic.length, big, undefined],
  ] as const;
  out(
    table(
      ['knowledge base', 'entries', 'parse', 'index build', 'RSS growth', 'heap growth', 'search p50', 'search p99'],
      indexRows.map(([name, n, f, parse]) => [
        name,
        String(n),
        parse === undefined ? '' : fmt(parse, 'ms'),
        fmt(f.buildMs, 'ms'),
        fmt(f.rssMb, 'MB'),
        fmt(f.heapMb, 'MB'),
        fmt(f.search.p50, 'ms'),
        fmt(f.search.p99, 'ms'),
      ]),
    ),
  );
  out(`(first build includes loading the jieba dictionary; search figures: ${shipped.search.ops} searches on the shipped KB, ${big.search.ops} on the synthetic one)`);
  out(`(MiniSearch on the ${synthetic.length} synthetic entries: build ${fmt(bigMini.buildMs, 'ms')}, search p50 ${fmt(bigMini.timing.p50, 'ms')}, p99 ${fmt(bigMini.timing.p99, 'ms')} of ${bigMini.timing.ops} searches, top-1 fact pass ${fmt(bigMini.factPass, 'share')})`);
  last.index = {
    shippedFirstBuild: { buildMs: cold.buildMs, rssMb: cold.rssMb, heapMb: cold.heapMb },
    shipped: { entries: entries.length, parseMs, buildMs: shipped.buildMs, rssMb: shipped.rssMb, heapMb: shipped.heapMb, search: shipped.search },
    synthetic: { entries: synthetic.length, buildMs: big.buildMs, rssMb: big.rssMb, heapMb: big.heapMb, search: big.search },
    minisearchSynthetic: { buildMs: bigMini.buildMs, search: bigMini.timing },
  };
  collect();
}

/** Niangjia's whole turn beside NLP.js classifying, and its search beside MiniSearch, on the shipped entries. */
async function understandingSection({ entries, questions, turns, env, last, deadline }: CoreInput): Promise<void> {
  const shipped = await measureIndex(entries, questions.map((q) => q.text), 1);
  collect();
  const ours = await benchEngine(questions, turns, env, share(deadline, 0.55));
  const nlp = await benchNlpJs(entries, questions, turns, share(deadline, 0.6));
  const mini = await benchMiniSearch(entries, questions, turns, deadline);
  const topFact = ours.retrievalTop1.total ? ours.retrievalTop1.passed / ours.retrievalTop1.total : 0;
  section('Understanding: the whole turn (engine, memory state) beside NLP.js intent classification');
  const understanding: Comparison[] = [
    { measure: 'intent accuracy (dev)', ours: ours.summary.intent_accuracy, peer: 'NLP.js', theirs: nlp.accuracy, unit: 'share', higherBetter: true },
    { measure: 'messages per second', ours: ours.turns.perSecond, peer: 'NLP.js', theirs: nlp.timing.perSecond, unit: '/s', higherBetter: true, note: `ours: full turn (${ours.turns.ops} turns); NLP.js: classify only (${nlp.timing.ops})` },
    { measure: 'latency p50', ours: ours.turns.p50, peer: 'NLP.js', theirs: nlp.timing.p50, unit: 'ms', higherBetter: false },
    { measure: 'latency p99', ours: ours.turns.p99, peer: 'NLP.js', theirs: nlp.timing.p99, unit: 'ms', higherBetter: false, note: `target <= ${TURN_P99_TARGET_MS} ms` },
    { measure: 'action accuracy (dev)', ours: ours.summary.action_accuracy, unit: 'share', higherBetter: true },
    { measure: 'fact pass, full reply (dev)', ours: ours.summary.fact.rate, unit: 'share', higherBetter: true },
  ];
  out(comparisonTable(understanding));
  out(
    `(turn latency by expected action: ${ours.byAction.map((a) => `${a.action} p50 ${fmt(a.p50, 'ms')} p99 ${fmt(a.p99, 'ms')} (${a.n})`).join('; ')})`,
  );
  out(`(NLP.js trained in ${fmt(nlp.trainMs, 'ms')} on ${entries.reduce((n, e) => n + e.questions.length, 0)} entry phrasings + the intent catalogue examples; its "None" counts as out_of_scope)`);
  section('Retrieval: Niangjia index beside MiniSearch (Intl.Segmenter words + bigrams), same entries');
  const retrieval: Comparison[] = [
    { measure: `top-1 answer fact pass (${ours.retrievalTop1.total} dev answer items)`, ours: topFact, peer: 'MiniSearch', theirs: mini.factPass, unit: 'share', higherBetter: true },
    { measure: 'searches per second', ours: ours.retrievalSearch.perSecond, peer: 'MiniSearch', theirs: mini.timing.perSecond, unit: '/s', higherBetter: true, note: `${ours.retrievalSearch.ops} and ${mini.timing.ops} searches` },
    { measure: 'search p50', ours: ours.retrievalSearch.p50, peer: 'MiniSearch', theirs: mini.timing.p50, unit: 'ms', higherBetter: false },
    { measure: 'search p99', ours: ours.retrievalSearch.p99, peer: 'MiniSearch', theirs: mini.timing.p99, unit: 'ms', higherBetter: false },
    { measure: 'index build (shipped)', ours: shipped.buildMs, peer: 'MiniSearch', theirs: mini.buildMs, unit: 'ms', higherBetter: false },
  ];
  out(comparisonTable(retrieval));
  last.engine = { summary: { intent_accuracy: ours.summary.intent_accuracy, action_accuracy: ours.summary.action_accuracy, fact: ours.summary.fact }, turns: ours.turns, byAction: ours.byAction, retrievalTop1: ours.retrievalTop1, retrievalSearch: ours.retrievalSearch };
  last.nlpjs = nlp;
  last.minisearch = mini;
  last.understanding = understanding;
  last.retrieval = retrieval;
}

/** The whole turn beside NLP.js, interleaved per query, median of `runs`. */
async function turnSection({ entries, questions, turns, env, runs, last, deadline }: CoreInput): Promise<void> {
  const rows = await benchTurnInterleaved({ shipped: entries, questions, env, rounds: turns, runs, deadline });
  section(`Interleaved per query in one process: whole turn beside NLP.js (median of ${runs} runs)`);
  out(genericTable(rows as unknown as Record<string, unknown>[]));
  last.interleavedTurn = rows;
  const turn = rows.find((r) => r.engine === 'Niangjia whole turn');
  if (turn) out(`target: whole turn p99 <= ${TURN_P99_TARGET_MS} ms on the shipped knowledge base: ${fmt(turn.p99ms, 'ms')} ${turn.p99ms <= TURN_P99_TARGET_MS ? 'met' : 'NOT met'}`);
}

const TURN_P99_TARGET_MS = 1;
/** How much dearer search and build may get from 10,000 to 50,000 entries (5x the entries). */
const GROWTH_TARGET = 5.5;

/** Search alone at each size, ours beside MiniSearch and FlexSearch, with build time and heap; median of `runs`. */
async function searchSection({ entries, questions, turns, sizes, runs, last, deadline }: CoreInput): Promise<void> {
  const wanted = sizes.map((n) => (n === 0 ? entries.length : n)).filter((n, i, all) => all.indexOf(n) === i);
  const rows = await benchSearchBySize({ shipped: entries, questions, sizes: wanted, rounds: turns, runs, deadline });
  section(`Interleaved per query in one process: search beside MiniSearch and FlexSearch by size (median of up to ${runs} runs)`);
  out(genericTable(rows as unknown as Record<string, unknown>[]));
  last.interleavedSearch = rows;
  const at = (n: number, engine: string) => rows.find((r) => r.entries === n && r.engine === engine);
  const ours10 = at(10_000, 'Niangjia search');
  const flex10 = at(10_000, 'FlexSearch (CJK)');
  const ours50 = at(50_000, 'Niangjia search');
  if (ours10 && flex10)
    out(`target: at 10,000 entries search p50 no slower than FlexSearch (CJK): ours ${fmt(ours10.p50ms, 'ms')}, FlexSearch ${fmt(flex10.p50ms, 'ms')} ${ours10.p50ms <= flex10.p50ms ? 'met' : 'NOT met'}`);
  if (ours10 && ours50 && ours10.p50ms > 0) {
    const search = ours50.p50ms / ours10.p50ms;
    const build = (ours50.buildMs ?? 0) / (ours10.buildMs ?? 1);
    const buildCpu = (ours50.buildCpuMs ?? 0) / (ours10.buildCpuMs ?? 1);
    const verdict = (x: number) => `x${x.toFixed(2)} ${x <= GROWTH_TARGET ? 'met' : 'NOT met'}`;
    out(`target: 10,000 -> 50,000 entries costs <= ${GROWTH_TARGET}x: search p50 ${verdict(search)}, build ${verdict(build)} (CPU time ${verdict(buildCpu)})`);
  }
}

/** The sections `--only` (or BENCH_ONLY) may name; `core` is every section but the other parts'. */
const SECTIONS = ['index', 'understanding', 'turn', 'search', 'parts'] as const;
type Section = (typeof SECTIONS)[number];

function sectionsFrom(only: string | undefined): Set<Section> {
  if (!only) return new Set(SECTIONS);
  const names = only.split(',').flatMap((n) => (n.trim() === 'core' ? SECTIONS.filter((s) => s !== 'parts') : [n.trim()]));
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`--only: unknown section ${unknown.join(', ')}; known: core, ${SECTIONS.join(', ')}`);
  return new Set(names as Section[]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      turns: { type: 'string', default: '2000' },
      questions: { type: 'string', default: '../shared/eval/dev.jsonl' },
      synthetic: { type: 'string', default: '10000' },
      sizes: { type: 'string', default: 'shipped,1000,10000,50000' },
      runs: { type: 'string', default: '3' },
      budget: { type: 'string', default: process.env.BENCH_BUDGET_S ?? '360' },
      only: { type: 'string', default: process.env.BENCH_ONLY },
      json: { type: 'string', default: 'bench/last.json' },
    },
  });
  const turns = Math.max(1, Number(values.turns));
  const syntheticSize = Math.max(1, Number(values.synthetic));
  const sizes = values.sizes.split(',').map((n) => (n.trim() === 'shipped' ? 0 : Math.max(1, Number(n))));
  const runs = Math.max(1, Number(values.runs));
  const sections = sectionsFrom(values.only);
  const env: Record<string, string | undefined> = { ...process.env };
  // The core figures are the offline engine's; the model path has its own section.
  for (const k of ['OPENAI_API_KEY', 'OPENAI_MODEL', 'OPENAI_BASE_URL']) delete env[k];
  const config = loadConfig(env);
  const questions = await readQuestions(values.questions);
  const budgetSeconds = Math.max(1, Number(values.budget));
  const last: Record<string, unknown> = { at: new Date().toISOString(), node: process.version, turns, questions: values.questions, budgetSeconds };
  const weights: Record<string, number> = {};
  for (const [name, w] of Object.entries(CORE_WEIGHTS)) if (sections.has(name as Section)) weights[name] = w;
  if (sections.has('parts')) for (const part of PARTS) if (existsSync(new URL(`./${part.file}`, import.meta.url)) && (!part.needs || env[part.needs])) weights[part.fn] = part.weight;
  const budget = new Budget(budgetSeconds, weights);
  const started = performance.now();
  const took: Record<string, { seconds: number; budget: number }> = {};
  /** Runs one section within its share of the budget and says how long it took. */
  const timed = async (name: string, fn: (deadline: Deadline) => Promise<void>) => {
    const { deadline, seconds } = budget.start(name);
    const t0 = performance.now();
    await fn(deadline);
    const spent = (performance.now() - t0) / 1000;
    took[name] = { seconds: spent, budget: seconds };
    out(`[${name}: ${spent.toFixed(1)} s of its ${seconds.toFixed(0)} s budget; ${((performance.now() - started) / 1000).toFixed(0)} s since the start]`);
  };

  out(`Niangjia bench: up to ${turns} turns over ${questions.length} questions of ${values.questions}; Node ${process.version}; time budget ${budgetSeconds} s`);
  const t0 = performance.now();
  const { entries } = await loadKnowledge(config.KB_DIR);
  const parseMs = performance.now() - t0;
  const base = { config, entries, parseMs, questions, turns, syntheticSize, sizes, runs, env, last };
  if (sections.has('index')) await timed('index', (deadline) => indexSection({ ...base, deadline }));
  if (sections.has('understanding')) await timed('understanding', (deadline) => understandingSection({ ...base, deadline }));
  if (sections.has('turn')) await timed('turn', (deadline) => turnSection({ ...base, deadline }));
  if (sections.has('search')) await timed('search', (deadline) => searchSection({ ...base, deadline }));

  // --- the other parts -------------------------------------------------------
  if (sections.has('parts')) {
    const parts: Record<string, Record<string, unknown>[] | { error: string } | { skipped: string }> = {};
    for (const part of PARTS) {
      const url = new URL(`./${part.file}`, import.meta.url);
      if (!existsSync(url)) continue;
      section(part.title);
      if (part.needs && !env[part.needs]) {
        out(`skipped: ${part.needs} is not set`);
        parts[part.fn] = { skipped: `${part.needs} not set` };
        continue;
      }
      await timed(part.fn, async (deadline) => {
        try {
          const mod = (await import(url.href)) as Record<string, unknown>;
          const fn = mod[part.fn];
          if (typeof fn !== 'function') {
            out(`skipped: bench/${part.file} has no ${part.fn}()`);
            return;
          }
          const rows = toRows(await (fn as (o: { deadline: Deadline }) => Promise<unknown>)({ deadline }));
          out(rows.length === 0 ? 'no figures' : rows.every(isBenchRow) ? rowsTable(rows as unknown as BenchRow[]) : genericTable(rows));
          parts[part.fn] = rows;
        } catch (err) {
          // A part that cannot run here is reported, never fatal: the other figures still stand.
          out(`not measured: ${(err as Error).message.split('\n')[0]}`);
          parts[part.fn] = { error: (err as Error).message };
        }
      });
    }
    last.parts = parts;
  }

  section('Time taken');
  out(table(['section', 'seconds', 'budget'], Object.entries(took).map(([name, t]) => [name, t.seconds.toFixed(1), t.budget.toFixed(0)]), { right: [false, true, true] }));
  out(`whole run: ${((performance.now() - started) / 1000).toFixed(0)} s of a ${budgetSeconds} s budget`);
  last.took = took;

  await writeFile(values.json, `${JSON.stringify(last, null, 2)}\n`, 'utf8');
  out('');
  out(`Figures written to ${values.json}.`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
