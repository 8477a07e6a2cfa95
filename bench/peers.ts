import { performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import { NlpManager } from 'node-nlp';
import { checkFacts, percentile } from '../src/eval/score.ts';
import type { Question } from '../src/eval/dataset.ts';
import { EXAMPLES } from '../src/intents/catalog.ts';
import type { Intent } from '../src/intents/types.ts';
import type { KnowledgeEntry } from '../src/knowledge/entry.ts';
import { overdue, type Deadline } from './budget.ts';

/**
 * The peers Niangjia is measured beside: NLP.js (node-nlp's NlpManager) for understanding and
 * MiniSearch for retrieval, fed the same examples and the same entries the engine uses.
 */

export interface Timing {
  ops: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * Runs `fn` over inputs, cycling, `total` times, or fewer when `deadline` passes first (never
 * fewer than `atLeast` calls, by default 50 and one pass over the inputs, unless `total` is smaller); sequential,
 * per-call latency in ms. `ops` says how many calls the figures are of.
 */
export async function time<T>(
  inputs: readonly T[],
  total: number,
  fn: (input: T, i: number) => unknown,
  onSample?: (input: T, ms: number) => void,
  deadline?: Deadline,
  atLeast?: number,
): Promise<Timing> {
  const lat: number[] = [];
  const min = Math.min(total, atLeast ?? Math.max(50, inputs.length));
  const start = performance.now();
  for (let i = 0; i < total && !overdue(deadline, i, min); i++) {
    const t = performance.now();
    await fn(inputs[i % inputs.length]!, i);
    const ms = performance.now() - t;
    lat.push(ms);
    onSample?.(inputs[i % inputs.length]!, ms);
  }
  const elapsed = performance.now() - start;
  return { ops: lat.length, perSecond: lat.length / (elapsed / 1000), p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

/** What the engine learns from: every entry's question phrasings labelled with its topic, plus the intent catalogue's examples. */
export function trainingExamples(entries: readonly KnowledgeEntry[]): { text: string; intent: Intent }[] {
  const out: { text: string; intent: Intent }[] = [];
  for (const e of entries) for (const q of e.questions) out.push({ text: q, intent: e.topic });
  for (const [intent, texts] of Object.entries(EXAMPLES) as [Intent, string[]][]) for (const t of texts) out.push({ text: t, intent });
  return out;
}

export interface NlpJsResult {
  trainMs: number;
  accuracy: number;
  timing: Timing;
}

/** NLP.js trained on the same examples; its "None" (below its own threshold) counts as out_of_scope. */
export async function trainNlpJs(entries: readonly KnowledgeEntry[]): Promise<{ trainMs: number; classify: (text: string) => Promise<string> }> {
  const manager = new NlpManager({ languages: ['zh'], forceNER: false, autoSave: false, nlu: { log: false } });
  for (const ex of trainingExamples(entries)) manager.addDocument('zh', ex.text, ex.intent);
  const t0 = performance.now();
  await quietly(() => manager.train());
  const trainMs = performance.now() - t0;
  const classify = async (text: string): Promise<string> => {
    const r = (await manager.process('zh', text)) as { intent?: string };
    return !r.intent || r.intent === 'None' ? 'out_of_scope' : r.intent;
  };
  await quietly(() => classify('预热')); // the first call compiles its dictionary
  return { trainMs, classify };
}

export async function benchNlpJs(entries: readonly KnowledgeEntry[], questions: readonly Question[], turns: number, deadline?: Deadline): Promise<NlpJsResult> {
  const { trainMs, classify } = await trainNlpJs(entries);
  let correct = 0;
  for (const q of questions) if ((await classify(q.text)) === q.intent) correct += 1;
  const timing = await time(questions, turns, (q) => classify(q.text), undefined, deadline);
  return { trainMs, accuracy: questions.length ? correct / questions.length : 0, timing };
}

/** NLP.js prints progress ("Compiling dictionary") with console.log; keep the bench's tables clean. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => {};
  try {
    return await fn();
  } finally {
    console.log = log;
  }
}

const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });

/** MiniSearch's default tokenizer splits on spaces only; give it Intl.Segmenter words plus character bigrams. */
export function segmenterTokens(text: string): string[] {
  const out: string[] = [];
  for (const s of WORDS.segment(text.toLowerCase())) {
    if (!s.isWordLike) continue;
    out.push(s.segment);
    const chars = [...s.segment];
    if (chars.length > 2 && /[\u4e00-\u9fff]/.test(s.segment)) for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

export interface RetrievalResult {
  buildMs: number;
  factPass: number;
  answerItems: number;
  timing: Timing;
}

/** Top-1 entry's answer judged by the eval's fact rule on the dev answer items. */
export function top1FactPass(questions: readonly Question[], top1: (text: string) => string | undefined): { passed: number; total: number } {
  const items = questions.filter((q) => q.action === 'answer' && q.must_include.length > 0);
  let passed = 0;
  for (const q of items) if (checkFacts(top1(q.text) ?? '', q.must_include, q.must_not_include).pass) passed += 1;
  return { passed, total: items.length };
}

/** MiniSearch over the entries' phrasings, titles, tags, answers and regions, phrasings and titles boosted. */
export function buildMiniSearch(entries: readonly KnowledgeEntry[]) {
  const index = new MiniSearch<{ id: string; questions: string; title: string; tags: string; answer: string; region: string }>({
    fields: ['questions', 'title', 'tags', 'answer', 'region'],
    storeFields: ['id'],
    tokenize: segmenterTokens,
    searchOptions: { boost: { questions: 2, title: 2, tags: 2 }, fuzzy: false, prefix: false, combineWith: 'OR' },
  });
  index.addAll(entries.map((e) => ({ id: e.id, questions: e.questions.join('\n'), title: e.title, tags: e.tags.join(' '), answer: e.answer, region: e.region })));
  return index;
}

/**
 * MiniSearch built once per set of entries: at 10,000 entries its build takes tens of seconds,
 * and the index and search-by-size sections measure it on the same synthetic entries.
 */
const builtMiniSearch = new WeakMap<readonly KnowledgeEntry[], { index: ReturnType<typeof buildMiniSearch>; buildMs: number }>();

export function miniSearchBuilt(entries: readonly KnowledgeEntry[]): boolean {
  return builtMiniSearch.has(entries);
}

export function miniSearchFor(entries: readonly KnowledgeEntry[]): { index: ReturnType<typeof buildMiniSearch>; buildMs: number } {
  let built = builtMiniSearch.get(entries);
  if (!built) {
    const t0 = performance.now();
    const index = buildMiniSearch(entries);
    built = { index, buildMs: performance.now() - t0 };
    builtMiniSearch.set(entries, built);
  }
  return built;
}

export async function benchMiniSearch(entries: readonly KnowledgeEntry[], questions: readonly Question[], queries: number, deadline?: Deadline, atLeast?: number): Promise<RetrievalResult> {
  const { index, buildMs } = miniSearchFor(entries);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const top1 = (text: string) => {
    const [hit] = index.search(text);
    return hit ? byId.get(String(hit.id))?.answer : undefined;
  };
  const fact = top1FactPass(questions, top1);
  const timing = await time(questions, queries, (q) => index.search(q.text), undefined, deadline, atLeast);
  return { buildMs, factPass: fact.total ? fact.passed / fact.total : 0, answerItems: fact.total, timing };
}
