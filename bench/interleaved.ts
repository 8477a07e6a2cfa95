import { performance } from 'node:perf_hooks';
import { Charset, Index } from 'flexsearch';
import type { Question } from '../src/eval/dataset.ts';
import { percentile } from '../src/eval/score.ts';
import { createEvalWorld } from '../src/eval/world.ts';
import type { KnowledgeBase } from '../src/knowledge/base.ts';
import type { KnowledgeEntry } from '../src/knowledge/entry.ts';
import { createKnowledgeBase } from '../src/knowledge/index.ts';
import { collect, heldBytes, syntheticEntries } from './engine.ts';
import { buildMiniSearch, trainNlpJs } from './peers.ts';

/**
 * Ratios that mean something: every engine answers the same query one after another, in a
 * rotating order, inside one loop in one process, so a busy machine slows all of them alike.
 * Our whole turn runs beside NLP.js classifying (on the shipped entries); our search runs beside
 * MiniSearch and FlexSearch (its CJK encoder) at each knowledge-base size. Every figure is the
 * median of a few runs, so one slow moment on a shared machine does not make the headline.
 */

export interface InterleavedRow {
  entries: number;
  engine: string;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  buildMs?: number;
  /** CPU time of our build (all threads): on a shared machine wall time also counts waiting for a core. */
  buildCpuMs?: number;
  /** Heap held by the built index, typed arrays included (ours only: measured between full collections). */
  heapMb?: number;
  /** How many runs the figures are the median of. */
  runs: number;
}

type Runner = { name: string; run: (text: string, i: number) => unknown; buildMs?: number; buildCpuMs?: number; heapMb?: number };
type RunFigures = Omit<InterleavedRow, 'runs'>;

async function interleave(entries: number, runners: Runner[], queries: readonly string[], rounds: number): Promise<RunFigures[]> {
  const lat = runners.map(() => [] as number[]);
  for (let i = 0; i < Math.min(20, queries.length); i++) for (const r of runners) await r.run(queries[i]!, -1 - i); // warm-up
  for (let i = 0; i < rounds; i++) {
    const text = queries[i % queries.length]!;
    for (let k = 0; k < runners.length; k++) {
      const j = (i + k) % runners.length;
      const t = performance.now();
      await runners[j]!.run(text, i);
      lat[j]!.push(performance.now() - t);
    }
  }
  return runners.map((r, j) => {
    const l = lat[j]!;
    const mean = l.reduce((a, b) => a + b, 0) / (l.length || 1);
    return {
      entries,
      engine: r.name,
      perSecond: Math.round(1000 / mean),
      p50ms: percentile(l, 50),
      p99ms: percentile(l, 99),
      ...(r.buildMs === undefined ? {} : { buildMs: r.buildMs }),
      ...(r.buildCpuMs === undefined ? {} : { buildCpuMs: r.buildCpuMs }),
      ...(r.heapMb === undefined ? {} : { heapMb: r.heapMb }),
    };
  });
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Each engine's figures as the median of its runs, figure by figure. */
function medianRows(runs: RunFigures[][]): InterleavedRow[] {
  const of = (j: number, key: 'buildMs' | 'buildCpuMs' | 'heapMb') => {
    const values = runs.map((r) => r[j]![key]).filter((v): v is number => v !== undefined);
    return values.length ? { [key]: median(values) } : {};
  };
  return runs[0]!.map((first, j) => ({
    entries: first.entries,
    engine: first.engine,
    perSecond: Math.round(median(runs.map((r) => r[j]!.perSecond))),
    p50ms: median(runs.map((r) => r[j]!.p50ms)),
    p99ms: median(runs.map((r) => r[j]!.p99ms)),
    ...of(j, 'buildMs'),
    ...of(j, 'buildCpuMs'),
    ...of(j, 'heapMb'),
    runs: runs.length,
  }));
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

/** The whole turn (memory state, shipped knowledge base) beside NLP.js classifying only, `runs` times over. */
export async function benchTurnInterleaved(options: {
  shipped: readonly KnowledgeEntry[];
  questions: readonly Question[];
  env: Record<string, string | undefined>;
  rounds: number;
  runs: number;
}): Promise<InterleavedRow[]> {
  const queries = options.questions.map((q) => q.text);
  const world = await createEvalWorld(options.env);
  try {
    const { engine } = await world.open();
    const nlp = await trainNlpJs(options.shipped);
    const now = new Date().toISOString();
    const runs: RunFigures[][] = [];
    for (let run = 0; run < options.runs; run++) {
      // Every turn comes from its own sender and message id, so the rate limit and dedupe never short-cut one.
      const id = (i: number) => `il-${run}-${i}`;
      runs.push(
        await interleave(
          world.kb.entries.length,
          [
            {
              name: 'Niangjia whole turn',
              run: (text, i) => engine.handle({ platform: 'eval', chatId: id(i), chatType: 'private', senderId: id(i), text, mentionsBot: false, messageId: id(i), receivedAt: now }),
            },
            { name: 'NLP.js classify only', run: (text) => nlp.classify(text), buildMs: nlp.trainMs },
          ],
          queries,
          options.rounds,
        ),
      );
    }
    return medianRows(runs);
  } finally {
    await world.close();
  }
}

/**
 * Search alone at each size (the shipped entries, then synthetic ones made from them): ours beside
 * MiniSearch and FlexSearch (its CJK encoder). Ours is built once per run, before the peers and
 * between full collections, so its build time and heap are medians and its heap figure is its
 * own; the peers are built once per size (MiniSearch takes minutes at 50,000 entries). Then the
 * three are interleaved once per run.
 */
export async function benchSearchBySize(options: {
  shipped: readonly KnowledgeEntry[];
  questions: readonly Question[];
  sizes: readonly number[];
  rounds: number;
  runs: number;
}): Promise<InterleavedRow[]> {
  const queries = options.questions.map((q) => q.text);
  const rows: InterleavedRow[] = [];
  for (const size of options.sizes) {
    const entries = size <= options.shipped.length ? options.shipped : syntheticEntries(options.shipped, size);
    // Ours is built `runs` times before the peers exist, so their heaps do not slow its collections.
    // Only `held` refers to a build: a local variable would keep the last one alive through the
    // next measurement and its heap figure would come out near zero.
    const held: { kb?: KnowledgeBase } = {};
    const builds: { ms: number; cpuMs: number; heapMb: number }[] = [];
    for (let run = 0; run < options.runs; run++) {
      delete held.kb;
      collect();
      const held0 = heldBytes();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      held.kb = createKnowledgeBase(entries, 'bench');
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      collect();
      builds.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000, heapMb: (heldBytes() - held0) / (1024 * 1024) });
    }
    const ours = held.kb!;
    const mini = timed(() => buildMiniSearch(entries));
    const flex = timed(() => {
      const index = new Index({ encoder: Charset.CJK, tokenize: 'forward' });
      entries.forEach((e, id) => index.add(id, [e.title, ...e.questions, ...e.tags].join('\n')));
      return index;
    });
    const runs: RunFigures[][] = [];
    for (const build of builds) {
      runs.push(
        await interleave(
          entries.length,
          [
            { name: 'Niangjia search', run: (text) => ours.retriever.search(text, { k: 5 }), buildMs: build.ms, buildCpuMs: build.cpuMs, heapMb: build.heapMb },
            { name: 'MiniSearch', run: (text) => mini.value.search(text), buildMs: mini.ms },
            { name: 'FlexSearch (CJK)', run: (text) => flex.value.search(text, { limit: 5 }), buildMs: flex.ms },
          ],
          queries,
          Math.min(options.rounds, size >= 10_000 ? 300 : options.rounds),
        ),
      );
    }
    rows.push(...medianRows(runs));
  }
  return rows;
}
