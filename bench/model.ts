import { performance } from 'node:perf_hooks';
import { createModelPath } from '../src/llm/model-path.ts';
import { loadKnowledge } from '../src/knowledge/loader.ts';
import type { Hit, KnowledgeEntry } from '../src/knowledge/retriever.ts';
import { percentile } from '../src/eval/score.ts';
import { overdue, share, type Deadline } from './budget.ts';
import { silentLogger } from '../src/log.ts';
import { lastUserText, startFakeOpenAI, type FakeBehaviour, type FakeRequest } from '../test/helpers/fake-openai.ts';

/**
 * What the language-model path costs a turn, measured against the loopback fake server (so the
 * figures are Niangjia's own overhead: the LangChain client, HTTP on 127.0.0.1, the grounding
 * checks and the cache, plus `modelDelayMs` of simulated model time). A real endpoint adds its
 * own generation time on top. Tokens are estimated by the fake (1 per CJK character, 1 per 4
 * other characters), since it has no tokenizer.
 */

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export interface BenchModelOptions {
  /** Turns in the workload (default 200). */
  turns?: number;
  /** Distinct questions the turns are drawn from (default 40). */
  distinct?: number;
  /** Simulated model time per completion (default 0). */
  modelDelayMs?: number;
  kbDir?: string;
  /** When to stop (performance.now() ms): fewer turns, never fewer than 60 (10 against the failing endpoint). */
  deadline?: Deadline;
}

export async function benchModel(options: BenchModelOptions = {}): Promise<BenchRow[]> {
  const turns = options.turns ?? 200;
  const distinct = options.distinct ?? 40;
  const delay = options.modelDelayMs ?? 0;
  const { entries, version } = await loadKnowledge(options.kbDir ?? 'knowledge');
  const pool = [...entries].sort((a, b) => a.id.localeCompare(b.id)).slice(0, distinct);
  const rand = mulberry32(20261122);
  const workload = Array.from({ length: turns }, () => pool[Math.floor(rand() * pool.length)]!);

  await using fake = await startFakeOpenAI({ responder: (req) => groundedReply(req, delay) });
  const model = benchModelPath(fake.baseURL, version);

  // One warm-up call outside the figures (connection set-up, first-call compilation).
  await model.compose({ question: '预热', hits: hitsOf(pool[0]!, pool), offlineText: '' });
  const before = model.stats();

  const all: number[] = [];
  const misses: number[] = [];
  const tokensPerAnswer: number[] = [];
  let accepted = 0;
  const workloadUntil = share(options.deadline, 0.7);
  for (const [i, entry] of workload.entries()) {
    if (overdue(workloadUntil, i, 60)) break;
    const question = entry.questions[0] ?? entry.title;
    const t = performance.now();
    const out = await model.compose({ question, hits: hitsOf(entry, pool), offlineText: entry.answer });
    const ms = performance.now() - t;
    all.push(ms);
    if (out.ok) {
      accepted += 1;
      if (!out.cached) {
        misses.push(ms);
        tokensPerAnswer.push(out.usage.promptTokens + out.usage.completionTokens);
      }
    }
  }
  const s = model.stats();
  const hits = s.cacheHits - before.cacheHits;
  const lookups = hits + (s.cacheMisses - before.cacheMisses);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

  const failing = await benchFailingEndpoint(pool, version, options.deadline);
  const round = (n: number, d = 2) => Number(n.toFixed(d));
  const note = `${all.length} turns drawn from ${distinct} questions, fake model time ${delay} ms`;
  return [
    { name: 'model path: added latency per turn p50', value: round(percentile(all, 50)), unit: 'ms', note },
    { name: 'model path: added latency per turn p99', value: round(percentile(all, 99)), unit: 'ms', note },
    { name: 'model path: latency of a cache miss p50', value: round(percentile(misses, 50)), unit: 'ms' },
    { name: 'model path: latency of a cache miss p99', value: round(percentile(misses, 99)), unit: 'ms' },
    { name: 'model path: tokens per answer (model call)', value: round(mean(tokensPerAnswer), 0), unit: 'tokens', note: 'estimated by the fake server' },
    {
      name: 'model path: prompt / completion tokens per answer',
      value: round((s.promptTokens - before.promptTokens) / Math.max(1, tokensPerAnswer.length), 0),
      unit: 'prompt tokens',
      note: `${round((s.completionTokens - before.completionTokens) / Math.max(1, tokensPerAnswer.length), 0)} completion tokens`,
    },
    { name: 'model path: cache hit rate', value: round((100 * hits) / Math.max(1, lookups), 1), unit: '%', note },
    { name: 'model path: answers accepted', value: round((100 * accepted) / all.length, 1), unit: '%' },
    { name: 'model path, endpoint failing: fallback latency p50', value: round(failing.p50), unit: 'ms', note: failing.note },
    { name: 'model path, endpoint failing: fallback latency p99', value: round(failing.p99), unit: 'ms', note: failing.note },
  ];
}

/** An endpoint answering 500 to everything: how long a turn waits before the offline answer. */
async function benchFailingEndpoint(pool: KnowledgeEntry[], version: string, deadline?: Deadline): Promise<{ p50: number; p99: number; note: string }> {
  await using fake = await startFakeOpenAI({ responder: { status: 500 } });
  const model = benchModelPath(fake.baseURL, version);
  const lat: number[] = [];
  for (let i = 0; i < 50 && !overdue(deadline, i, 10); i++) {
    const entry = pool[i % pool.length]!;
    const t = performance.now();
    await model.compose({ question: `${entry.title}${i}`, hits: hitsOf(entry, pool), offlineText: entry.answer });
    lat.push(performance.now() - t);
  }
  return {
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    note: `${lat.length} turns, ${fake.requests.length} HTTP calls; breaker ${model.stats().breaker} after 5 failed calls (3 attempts each)`,
  };
}

/** The entry first, then two neighbours, as offline retrieval would return them. */
function hitsOf(entry: KnowledgeEntry, pool: KnowledgeEntry[]): Hit[] {
  const i = pool.indexOf(entry);
  const others = [pool[(i + 1) % pool.length]!, pool[(i + 2) % pool.length]!].filter((e) => e.id !== entry.id);
  return [entry, ...others].map((e, k) => ({ entry: e, score: 1 - k * 0.2, matched: e.questions[0] ?? e.title }));
}

/** A model that does what it is told: the first entry's first sentence, region named, cited. */
function groundedReply(req: FakeRequest, delayMs: number): FakeBehaviour {
  const user = lastUserText(req);
  const id = /条目id：(\S+)/.exec(user)?.[1] ?? 'unknown';
  const region = /地区：(\S+)/.exec(user)?.[1] ?? '';
  const content = /内容：([^\n]+)/.exec(user)?.[1] ?? '';
  const sentence = (content.split('。')[0] ?? '').slice(0, 150);
  const text = `${region}：${sentence}。[[${id}]]`;
  const prompt = (req.body.messages ?? []).reduce((n, m) => n + estimateTokens(typeof m.content === 'string' ? m.content : ''), 0);
  return { text, usage: { prompt, completion: estimateTokens(text) }, delayMs };
}

function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    if (/\p{Script=Han}/u.test(ch)) cjk += 1;
    else other += 1;
  }
  return cjk + Math.ceil(other / 4);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The model path as every bench row uses it, against the loopback server at `baseURL`. */
function benchModelPath(baseURL: string, kbVersion: string) {
  return createModelPath({
    apiKey: 'sk-bench',
    baseURL,
    model: 'bench-model',
    timeoutMs: 5000,
    structuredMethod: 'functionCalling',
    kbVersion,
    log: silentLogger(),
  });
}
