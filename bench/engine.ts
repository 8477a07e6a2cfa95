import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { performance } from 'node:perf_hooks';
import type { Question } from '../src/eval/dataset.ts';
import { percentile } from '../src/eval/score.ts';
import { runQuestions, summarizeQuestions, type QuestionSummary } from '../src/eval/questions.ts';
import { createEvalWorld } from '../src/eval/world.ts';
import type { KnowledgeBase } from '../src/knowledge/base.ts';
import type { KnowledgeEntry } from '../src/knowledge/entry.ts';
import { createKnowledgeBase } from '../src/knowledge/index.ts';
import { share, type Deadline } from './budget.ts';
import { top1FactPass, time, type Timing } from './peers.ts';

/**
 * Niangjia's own figures: whole turns through the engine on memory state, and the offline
 * index (build time, memory, search latency) on the shipped entries and on a synthetic
 * knowledge base of 10,000 entries.
 */

setFlagsFromString('--expose-gc');
const gcFn = runInNewContext('gc') as (() => void) | undefined;

/** A full collection, twice, so memory figures compare like with like. */
export function collect(): void {
  gcFn?.();
  gcFn?.();
}

/** Bytes the JS heap holds plus typed arrays' storage, which lives outside it. */
export function heldBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export interface IndexFigures {
  entries: number;
  buildMs: number;
  /** Resident-set and heap growth (typed arrays included) while building and holding the index, in MB. */
  rssMb: number;
  heapMb: number;
  search: Timing;
  kb: KnowledgeBase;
}

const MB = 1024 * 1024;

export async function measureIndex(entries: readonly KnowledgeEntry[], queries: readonly string[], searches: number, deadline?: Deadline): Promise<IndexFigures> {
  collect();
  const before = process.memoryUsage();
  const heldBefore = heldBytes();
  const t0 = performance.now();
  const kb = createKnowledgeBase(entries, 'bench');
  const buildMs = performance.now() - t0;
  collect();
  const after = process.memoryUsage();
  const held = heldBytes() - heldBefore;
  for (const q of queries.slice(0, 20)) kb.retriever.search(q, { k: 5 }); // warm-up, not timed
  const search = await time(queries, searches, (q) => kb.retriever.search(q, { k: 5 }), undefined, deadline);
  return { entries: entries.length, buildMs, rssMb: (after.rss - before.rss) / MB, heapMb: held / MB, search, kb };
}

/** Synthetic entries already made, by the shipped entries they were made from and their number. */
const synthetic = new WeakMap<readonly KnowledgeEntry[], Map<number, KnowledgeEntry[]>>();

const SYNTHETIC_REGIONS = ['重庆', '四川', '浙江', '贵州', '湖北', '山东', '江苏', '福建', '广东', '吉林', '内蒙古', '全国'];
const LEADS = ['', '请问', '想问下', '麻烦问一下', '我们单位', '听说'];

/**
 * A synthetic knowledge base made from the shipped one: each entry takes one entry's phrasings
 * and answer, borrows a phrasing from another, and is moved to one of a dozen regions, so the
 * vocabulary and lengths stay realistic while the index grows to `n` entries.
 */
export function syntheticEntries(shipped: readonly KnowledgeEntry[], n: number): KnowledgeEntry[] {
  // The same array for the same size, so a peer built on it once (MiniSearch takes long) serves every section.
  const made = synthetic.get(shipped)?.get(n);
  if (made) return made;
  const m = shipped.length;
  const out: KnowledgeEntry[] = [];
  for (let i = 0; i < n; i++) {
    const base = shipped[i % m]!;
    const mix = shipped[(i * 31 + 7) % m]!;
    const region = SYNTHETIC_REGIONS[Math.floor(i / m) % SYNTHETIC_REGIONS.length]!;
    const lead = LEADS[i % LEADS.length]!;
    out.push({
      ...base,
      id: `syn-${i}`,
      title: `${region}：${base.title}`.slice(0, 80),
      region,
      questions: [...base.questions.map((q) => `${lead}${region}${q}`), `${region}${mix.questions[0] ?? mix.title}`],
      tags: [...base.tags, ...(mix.tags[0] ? [mix.tags[0]] : [])],
      answer: `${region}：${base.answer}`,
    });
  }
  const bySize = synthetic.get(shipped) ?? new Map<number, KnowledgeEntry[]>();
  synthetic.set(shipped, bySize.set(n, out));
  return out;
}

export interface EngineFigures {
  summary: QuestionSummary;
  turns: Timing;
  /** Turn latency by the expected action, to show where the time goes. */
  byAction: { action: string; n: number; p50: number; p99: number }[];
  /** Retrieval alone: the top entry's answer judged by the eval's fact rule. */
  retrievalTop1: { passed: number; total: number };
  retrievalSearch: Timing;
}

/**
 * Whole turns through createEngine on memory state: one scored pass over the questions, then
 * `turns` timed turns cycling through them, each from its own sender and message id so the
 * rate limit and dedupe never short-cut a turn.
 */
export async function benchEngine(questions: readonly Question[], turns: number, env: Record<string, string | undefined>, deadline?: Deadline): Promise<EngineFigures> {
  const world = await createEvalWorld(env);
  try {
    const { engine } = await world.open();
    const summary = summarizeQuestions(questions, await runQuestions(engine, questions));
    const now = new Date().toISOString();
    const samples = new Map<string, number[]>();
    const timing = await time(questions, turns, (q, i) =>
      engine.handle({
        platform: 'eval',
        chatId: `bench-${i}`,
        chatType: 'private',
        senderId: `bench-${i}`,
        text: q.text,
        mentionsBot: false,
        messageId: `bench-${i}`,
        receivedAt: now,
      }),
      (q, ms) => {
        const lat = samples.get(q.action);
        if (lat) lat.push(ms);
        else samples.set(q.action, [ms]);
      },
      share(deadline, 0.75),
    );
    const byAction = [...samples].map(([action, lat]) => ({ action, n: lat.length, p50: percentile(lat, 50), p99: percentile(lat, 99) }));
    const top1 = (text: string) => world.kb.retriever.search(text, { k: 1 })[0]?.entry.answer;
    return {
      summary,
      turns: timing,
      byAction,
      retrievalTop1: top1FactPass(questions, top1),
      retrievalSearch: await time(questions, turns, (q) => world.kb.retriever.search(q.text, { k: 5 }), undefined, deadline),
    };
  } finally {
    await world.close();
  }
}
