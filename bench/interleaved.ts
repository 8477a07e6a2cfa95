import { performance } from 'node:perf_hooks';
import { Charset, Index } from 'flexsearch';
import type { Question } from '../src/eval/dataset.ts';
import { percentile } from '../src/eval/score.ts';
import { createEvalWorld } from '../src/eval/world.ts';
import type { KnowledgeBase } from '../src/knowledge/base.ts';
import type { KnowledgeEntry } from '../src/knowledge/entry.ts';
import { createKnowledgeBase } from '../src/knowledge/index.ts';
import { collect, heldBytes, syntheticEntries } from './engine.ts';
import { overdue, secondsLeft, share, type Deadline } from './budget.ts';
import { miniSearchBuilt, miniSearchFor, trainNlpJs } from './peers.ts';

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
  /** Rounds (queries) per run, the median over runs; fewer than asked when the section's time ran out. */
  rounds?: number;
  /** Why an engine has no figures at this size. */
  note?: string;
}

type Runner = { name: string; run: (text: string, i: number) => unknown; buildMs?: number; buildCpuMs?: number; heapMb?: number };
type RunFigures = Omit<InterleavedRow, 'runs'>;

/**
 * Every runner on every query in rotation, `rounds` times or until `deadline`, after `min` rounds
 * at least (one pass over the queries unless given).
 */
async function interleave(entries: number, runners: Runner[], queries: readonly string[], rounds: number, deadline?: Deadline, atLeast?: number): Promise<RunFigures[]> {
  const lat = runners.map(() => [] as number[]);
  for (let i = 0; i < Math.min(20, queries.length); i++) for (const r of runners) await r.run(queries[i]!, -1 - i); // warm-up
  const min = Math.min(rounds, atLeast ?? Math.max(50, queries.length));
  for (let i = 0; i < rounds && !overdue(deadline, i, min); i++) {
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
      rounds: l.length,
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
    rounds: Math.round(median(runs.map((r) => r[j]!.rounds ?? 0))),
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
  deadline?: Deadline;
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
          // Each run takes its share of the time left, so every run is made.
          share(options.deadline, 1 / (options.runs - run)),
        ),
      );
    }
    return medianRows(runs);
  } finally {
    await world.close();
  }
}

/** A peer of our search: how it is built on a set of entries and how it is asked. */
interface Peer {
  name: string;
  /** Whether it is built on these entries already (another section built it). */
  built?(entries: readonly KnowledgeEntry[]): boolean;
  build(entries: readonly KnowledgeEntry[]): { run: (text: string) => unknown; ms: number };
}

/** A peer's build is skipped only when it would take this long and more than what is left for its size. */
const LONG_BUILD_MS = 20_000;

const PEERS: Peer[] = [
  {
    name: 'MiniSearch',
    built: (entries) => miniSearchBuilt(entries),
    build(entries) {
      const { index, buildMs } = miniSearchFor(entries);
      return { run: (text) => index.search(text), ms: buildMs };
    },
  },
  {
    name: 'FlexSearch (CJK)',
    build(entries) {
      const { value: index, ms } = timed(() => {
        const index = new Index({ encoder: Charset.CJK, tokenize: 'forward' });
        entries.forEach((e, id) => index.add(id, [e.title, ...e.questions, ...e.tags].join('\n')));
        return index;
      });
      return { run: (text) => index.search(text, { limit: 5 }), ms };
    },
  },
];

/** How much of the section's time a size takes: the large ones cost most to build and to search. */
const sizeWeight = (n: number) => (n >= 50_000 ? 5 : n >= 10_000 ? 3 : 1);

/**
 * Search alone at each size (the shipped entries, then synthetic ones made from them): ours beside
 * MiniSearch and FlexSearch (its CJK encoder). Ours is built up to `runs` times, before the peers
 * and between full collections, so its build time and heap are medians and its heap figure is its
 * own; the peers are built once per size. Then the three are interleaved once per build of ours.
 * Each size takes a share of the section's time; a peer whose build, projected from its build at
 * the size before, would not fit in what is left of that share is not built there, and its row
 * says so (MiniSearch takes minutes at 50,000 entries).
 */
export async function benchSearchBySize(options: {
  shipped: readonly KnowledgeEntry[];
  questions: readonly Question[];
  sizes: readonly number[];
  rounds: number;
  runs: number;
  deadline?: Deadline;
}): Promise<InterleavedRow[]> {
  const queries = options.questions.map((q) => q.text);
  const rows: InterleavedRow[] = [];
  /** Each peer's last build: its size and time, to project the next one's. */
  const lastBuild = new Map<string, { size: number; ms: number }>();
  let weightLeft = options.sizes.reduce((sum, n) => sum + sizeWeight(n), 0);
  for (const size of options.sizes) {
    const sizeDeadline = share(options.deadline, sizeWeight(size) / weightLeft);
    weightLeft -= sizeWeight(size);
    const entries = size <= options.shipped.length ? options.shipped : syntheticEntries(options.shipped, size);
    // Ours is built before the peers exist, so their heaps do not slow its collections; at least
    // once, and again while the first half of this size's time lasts.
    // Only `held` refers to a build: a local variable would keep the last one alive through the
    // next measurement and its heap figure would come out near zero.
    const held: { kb?: KnowledgeBase } = {};
    const builds: { ms: number; cpuMs: number; heapMb: number }[] = [];
    const buildsUntil = share(sizeDeadline, 0.4);
    for (let run = 0; run < options.runs && !overdue(buildsUntil, run, 1); run++) {
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
    const peers: Runner[] = [];
    const skipped: InterleavedRow[] = [];
    for (const peer of PEERS) {
      const last = lastBuild.get(peer.name);
      const projectedMs = last ? (last.ms * entries.length) / last.size : 0;
      // A long build must leave about as long again for the searches.
      if (!peer.built?.(entries) && projectedMs > LONG_BUILD_MS && projectedMs / 1000 > secondsLeft(sizeDeadline) / 2) {
        const note = `not built: about ${(projectedMs / 1000).toFixed(0)} s projected from its build at ${last!.size.toLocaleString('en-US')} entries, more than this size's time budget leaves`;
        skipped.push({ entries: entries.length, engine: peer.name, perSecond: Number.NaN, p50ms: Number.NaN, p99ms: Number.NaN, runs: 0, note });
        continue;
      }
      const built = peer.build(entries);
      lastBuild.set(peer.name, { size: entries.length, ms: built.ms });
      peers.push({ name: peer.name, run: built.run, buildMs: built.ms });
    }
    const runs: RunFigures[][] = [];
    for (const [run, build] of builds.entries()) {
      runs.push(
        await interleave(
          entries.length,
          [{ name: 'Niangjia search', run: (text) => ours.retriever.search(text, { k: 5 }), buildMs: build.ms, buildCpuMs: build.cpuMs, heapMb: build.heapMb }, ...peers],
          queries,
          Math.min(options.rounds, size >= 10_000 ? 300 : options.rounds),
          share(sizeDeadline, 1 / (builds.length - run)),
          // MiniSearch takes a tenth of a second a query at 10,000 entries: there fewer rounds must do.
          size >= 10_000 ? 30 : undefined,
        ),
      );
    }
    rows.push(...medianRows(runs), ...skipped);
  }
  return rows;
}
