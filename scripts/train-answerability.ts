/**
 * Trains the answerability model: a logistic regression over the evidence of
 * src/knowledge/answerability.ts, from labelled questions. A question is a positive example when
 * it is answerable and the best entry's answer holds the facts it asks for; a question the
 * knowledge cannot answer, or one whose best entry lacks the asked facts, is a negative one.
 *
 *   npx tsx scripts/train-answerability.ts [--write] [--sets=questions,abstain,rights] [--no-neighbours]
 *
 * It trains on the train parts of eval/sets and reports the frozen test parts beside them;
 * --write stores the weights in src/knowledge/answerability.weights.json and the neighbour memory
 * (src/knowledge/neighbours.json) the nearness inputs are read from. --no-neighbours trains
 * without that memory, to compare.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readQuestions, type Question } from '../src/eval/dataset.ts';
import { checkFacts } from '../src/eval/score.ts';
import { createEvalWorld } from '../src/eval/world.ts';
import { understand } from '../src/engine/understand.ts';
import { composeAnswer } from '../src/knowledge/compose.ts';
import { askedYears, FEATURE_NAMES, features, MATTER_FEATURES, PAIRS, withPairs } from '../src/knowledge/answerability.ts';
import { askedPlaces } from '../src/knowledge/places.ts';
import { useNeighbours, type StoredQuestion } from '../src/knowledge/neighbours.ts';
import { normalizeText } from '../src/intents/normalize.ts';
import { isTopic } from '../src/intents/types.ts';
import type { KnowledgeBase } from '../src/knowledge/base.ts';
import { initialSession } from '../src/store/ports.ts';

const DEFAULT_SETS = ['questions', 'abstain', 'rights', 'asks', 'honest', 'wild', 'realq', 'realq2', 'rights2', 'rights3', 'entryq1', 'entryq2', 'entryq3', 'entryq4', 'entryq5', 'entryq6'];
const SETS = process.argv.find((a) => a.startsWith('--sets='))?.slice('--sets='.length).split(',') ?? DEFAULT_SETS;

interface Example {
  id: string;
  x: number[];
  y: 0 | 1;
  placeOk: boolean;
}

async function examples(world: Awaited<ReturnType<typeof createEvalWorld>>, items: Question[]): Promise<Example[]> {
  const { services } = await world.open();
  const out: Example[] = [];
  for (const q of items) {
    const topical = q.expect === 'abstain' || (q.action === 'answer' && isTopic(q.intent));
    if (!topical) continue;
    const u = await understand({
      msg: { platform: 'eval', chatId: q.id, chatType: 'private', senderId: q.id, senderName: '职工', text: q.text, mentionsBot: false, messageId: q.id, receivedAt: new Date().toISOString() },
      text: q.text,
      session: initialSession(new Date().toISOString()),
      services,
      signal: AbortSignal.timeout(10_000),
      usage: { promptTokens: 0, completionTokens: 0, used: false },
    });
    const a = u.evidence[0];
    if (!a || !isTopic(u.nlu.intent)) continue;
    const text = composeAnswer([a.hit], { minScore: 0 })?.text ?? '';
    const right = q.expect !== 'abstain' && checkFacts(text, q.must_include, q.must_not_include).pass;
    out.push({ id: q.id, x: features(a, u.nlu.normalized), y: right ? 1 : 0, placeOk: a.place.ok });
  }
  await services.close();
  return out;
}

const NEAR_ENTRY = FEATURE_NAMES.indexOf('nearEntry');
const NEAR_CENTROID = FEATURE_NAMES.indexOf('nearCentroid');
const UNSEEN = FEATURE_NAMES.indexOf('unseen');

/**
 * The example as it would be if no earlier question had been answered from its entry (a passage, an
 * entry just written): trained on beside the real one, so the model knows what the rest is worth alone.
 */
function asUnseen(e: Example): Example {
  const x = [...e.x];
  x[NEAR_ENTRY] = 0;
  x[NEAR_CENTROID] = 0;
  x[UNSEEN] = 1;
  return { ...e, x };
}

function train(data: Example[], epochs = 3000, lr = 0.5, l2 = 1e-3, d: number = FEATURE_NAMES.length): number[] {
  const w = new Array(d + 1).fill(0) as number[];
  // Positives and negatives weigh the same, whatever their counts.
  const pos = data.filter((e) => e.y === 1).length;
  const neg = data.length - pos;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const g = new Array(d + 1).fill(0) as number[];
    for (const e of data) {
      const p = predict(w, e.x);
      const weight = e.y === 1 ? data.length / (2 * pos) : data.length / (2 * neg);
      const err = (p - e.y) * weight;
      g[0]! += err;
      for (let i = 0; i < d; i++) g[i + 1]! += err * e.x[i]!;
    }
    for (let i = 0; i <= d; i++) w[i]! -= lr * (g[i]! / data.length + (i > 0 ? l2 * w[i]! : 0));
  }
  return w;
}

/** The names of withPairs' inputs: the features, then "a*b" for each product. */
function pairNames(): string[] {
  return [...FEATURE_NAMES, ...PAIRS.map(([i, j]) => `${FEATURE_NAMES[i]}*${FEATURE_NAMES[j]}`)];
}

function predict(w: number[], x: number[]): number {
  let z = w[0]!;
  for (let i = 0; i < x.length; i++) z += (w[i + 1] ?? 0) * x[i]!;
  return 1 / (1 + Math.exp(-z));
}

function report(name: string, w: number[], data: Example[]): void {
  const rows: string[] = [];
  for (const t of [0.3, 0.4, 0.5, 0.6, 0.7]) {
    const over = data.filter((e) => predict(w, e.x) >= t && e.placeOk);
    const tp = over.filter((e) => e.y === 1).length;
    const pos = data.filter((e) => e.y === 1).length;
    const neg = data.length - pos;
    rows.push(`  p>=${t}: answered right kept ${(tp / Math.max(1, pos)).toFixed(3)}  wrong let through ${((over.length - tp) / Math.max(1, neg)).toFixed(3)}  precision ${(tp / Math.max(1, over.length)).toFixed(3)}`);
  }
  // The chance that a right answer scores above a wrong one: how well the model separates them, whatever the threshold.
  const scores = (y: number) => data.filter((e) => e.y === y).map((e) => predict(w, e.x));
  const [right, wrong] = [scores(1), scores(0)];
  let above = 0;
  for (const r of right) for (const x of wrong) above += r > x ? 1 : r === x ? 0.5 : 0;
  rows.push(`  AUC ${(above / Math.max(1, right.length * wrong.length)).toFixed(3)}`);
  console.log(`${name}: ${data.length} examples (${data.filter((e) => e.y === 1).length} right answers)\n${rows.join('\n')}`);
}

/**
 * The questions the neighbour memory keeps: every train part's answerable question with the entry that
 * answers it, and every question labelled as one the knowledge cannot answer. Frozen parts never enter.
 */
async function memory(entryOf: (source: string) => string | undefined): Promise<StoredQuestion[]> {
  const out: StoredQuestion[] = [];
  for (const file of readdirSync('eval/sets').filter((f) => f.endsWith('.train.jsonl')).sort()) {
    const items = await readQuestions(`eval/sets/${file}`).catch(() => [] as Question[]);
    for (const q of items) {
      if (q.expect === 'abstain') {
        // A place or a year the knowledge does not cover is read by the rules (Assessment.place, .year); the
        // memory keeps the questions that went unanswered for what they ask, not where or when.
        const t = normalizeText(q.text);
        if (askedPlaces(t).length > 0 || askedYears(t).length > 0) continue;
        out.push({ t, e: null });
      }
      else if (q.action === 'answer' && isTopic(q.intent)) {
        const e = entryOf(q.source);
        if (e) out.push({ t: normalizeText(q.text), e });
      }
    }
  }
  return out;
}

/**
 * The entry a label's source names: its id, or a statute article ("《劳动合同法》第十九条") that exactly
 * one entry rests on. A source no entry or several entries answer to tells no entry to lean to.
 */
function entryOf(kb: KnowledgeBase, source: string): string | undefined {
  if (kb.byId(source)) return source;
  const cited = source.replace(/\s+/g, '');
  const resting = kb.entries.filter((e) => e.law?.some((l) => l.replace(/\s+/g, '') === cited));
  return resting.length === 1 ? resting[0]!.id : undefined;
}

const world = await createEvalWorld({ ...process.env });
try {
  const remembered = process.argv.includes('--no-neighbours') ? [] : await memory((source) => entryOf(world.kb, source));
  useNeighbours(remembered);
  console.log(`neighbour memory: ${remembered.length} questions (${remembered.filter((q) => q.e === null).length} with no answer)`);
  const load = async (part: 'train' | 'test') => (await Promise.all(SETS.map((s) => readQuestions(`eval/sets/${s}.${part}.jsonl`).catch(() => [] as Question[])))).flat();
  const trainSet = await examples(world, await load('train'));
  const testSet = await examples(world, await load('test'));
  // The answer model reads the features and their products (withPairs); the examples keep the features alone.
  const paired = (e: Example): Example => ({ ...e, x: withPairs(e.x) });
  const PAIRED = FEATURE_NAMES.length + PAIRS.length;
  const w = train([...trainSet, ...trainSet.filter((e) => e.x[UNSEEN] === 0).map(asUnseen)].map(paired), 3000, 0.5, 1e-3, PAIRED);
  // The on-the-matter model: the words' evidence alone, without the neighbours.
  const wordsOnly = (e: Example): Example => ({ ...e, x: e.x.slice(0, MATTER_FEATURES) });
  const matter = train(trainSet.map(wordsOnly), 3000, 0.5, 1e-3, MATTER_FEATURES);
  report('on the matter, words alone, frozen test', matter, testSet.map(wordsOnly));
  console.log(`weights of the features alone: ${['bias', ...FEATURE_NAMES].map((n, i) => `${n}=${w[i]!.toFixed(3)}`).join(' ')}`);
  report('train', w, trainSet.map(paired));
  report('frozen test', w, testSet.map(paired));
  report('frozen test, as if no earlier question were answered from its entry', w, testSet.map(asUnseen).map(paired));
  const shipped = (JSON.parse(readFileSync(new URL('../src/knowledge/answerability.weights.json', import.meta.url), 'utf8')) as { weights: number[] }).weights;
  report('shipped weights, train', shipped, trainSet.map(paired));
  report('shipped weights, frozen test', shipped, testSet.map(paired));
  if (process.argv.includes('--write')) {
    writeFileSync(new URL('../src/knowledge/answerability.weights.json', import.meta.url), `${JSON.stringify({ features: ['bias', ...pairNames()], weights: w.map((v) => Number(v.toFixed(4))), matter: matter.map((v) => Number(v.toFixed(4))) }, null, 2)}\n`);
    writeFileSync(new URL('../src/knowledge/neighbours.json', import.meta.url), `${JSON.stringify({ questions: remembered })}\n`);
    console.log('written: src/knowledge/answerability.weights.json, src/knowledge/neighbours.json');
  }
} finally {
  await world.close();
}
