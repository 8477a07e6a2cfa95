import { performance } from 'node:perf_hooks';
import { Charset, Index } from 'flexsearch';
import type { Question } from '../src/eval/dataset.ts';
import { percentile } from '../src/eval/score.ts';
import { createEvalWorld } from '../src/eval/world.ts';
import type { KnowledgeEntry } from '../src/knowledge/entry.ts';
import { createKnowledgeBase } from '../src/knowledge/index.ts';
import { syntheticEntries } from './engine.ts';
import { buildMiniSearch, trainNlpJs } from './peers.ts';

/**
 * Ratios that mean something: every engine answers the same query one after another, in a
 * rotating order, inside one loop in one process, so a busy machine slows all of them alike.
 * Our whole turn runs beside NLP.js classifying (on the shipped entries); our search runs beside
 * MiniSearch and FlexSearch (its CJK encoder) at each knowledge-base size.
 */

export interface InterleavedRow {
  entries: number;
  engine: string;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  buildMs?: number;
}

type Runner = { name: string; run: (text: string, i: number) => unknown; buildMs?: number };

async function interleave(entries: number, runners: Runner[], queries: readonly string[], rounds: number): Promise<InterleavedRow[]> {
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
    return { entries, engine: r.name, perSecond: Math.round(1000 / mean), p50ms: percentile(l, 50), p99ms: percentile(l, 99), ...(r.buildMs === undefined ? {} : { buildMs: r.buildMs }) };
  });
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

export async function benchInterleaved(options: {
  shipped: readonly KnowledgeEntry[];
  questions: readonly Question[];
  env: Record<string, string | undefined>;
  sizes: readonly number[];
  rounds: number;
}): Promise<InterleavedRow[]> {
  const queries = options.questions.map((q) => q.text);
  const rows: InterleavedRow[] = [];

  // The whole turn (memory state, shipped knowledge base) beside NLP.js classifying only.
  const world = await createEvalWorld(options.env);
  try {
    const { engine } = await world.open();
    const nlp = await trainNlpJs(options.shipped);
    const now = new Date().toISOString();
    rows.push(
      ...(await interleave(
        world.kb.entries.length,
        [
          {
            name: 'Niangjia whole turn',
            run: (text, i) => engine.handle({ platform: 'eval', chatId: `il-${i}`, chatType: 'private', senderId: `il-${i}`, text, mentionsBot: false, messageId: `il-${i}`, receivedAt: now }),
          },
          { name: 'NLP.js classify only', run: (text) => nlp.classify(text), buildMs: nlp.trainMs },
        ],
        queries,
        options.rounds,
      )),
    );
  } finally {
    await world.close();
  }

  // Search alone at each size: the shipped entries, then synthetic ones made from them.
  for (const size of options.sizes) {
    const entries = size <= options.shipped.length ? options.shipped : syntheticEntries(options.shipped, size);
    const ours = timed(() => createKnowledgeBase(entries, 'bench'));
    const mini = timed(() => buildMiniSearch(entries));
    const flex = timed(() => {
      const index = new Index({ encoder: Charset.CJK, tokenize: 'forward' });
      entries.forEach((e, id) => index.add(id, [e.title, ...e.questions, ...e.tags].join('\n')));
      return index;
    });
    rows.push(
      ...(await interleave(
        entries.length,
        [
          { name: 'Niangjia search', run: (text) => ours.value.retriever.search(text, { k: 5 }), buildMs: ours.ms },
          { name: 'MiniSearch', run: (text) => mini.value.search(text), buildMs: mini.ms },
          { name: 'FlexSearch (CJK)', run: (text) => flex.value.search(text, { limit: 5 }), buildMs: flex.ms },
        ],
        queries,
        Math.min(options.rounds, size >= 10_000 ? 300 : options.rounds),
      )),
    );
  }
  return rows;
}
