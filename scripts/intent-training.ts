/**
 * Training of the heads of src/intents/classifier.ts: softmax regression over the features of
 * featuresOf, by stochastic gradient descent, shared by scripts/train-intent.ts and
 * scripts/loso-unsafe.ts.
 */
import { openingSchema, readJsonl, readQuestions, readScenarios, type Question } from '../src/eval/dataset.ts';
import { predict, type Head } from '../src/intents/classifier.ts';
import { unsafeKind } from '../src/intents/detect.ts';
import { normalizeText } from '../src/intents/normalize.ts';
import { isTopic } from '../src/intents/types.ts';

export interface Example {
  f: string[];
  y: number;
}

export interface TrainOptions {
  epochs?: number;
  lr?: number;
  l2?: number;
  /** Features seen in fewer examples are left out. */
  minCount?: number;
  /** 'balanced': every label weighs as much in total; 'none': every example weighs 1; or a weight per label. */
  weights?: 'balanced' | 'none' | number[];
}

export function trainHead(labels: string[], data: Example[], options: TrainOptions = {}): Head {
  const { epochs = 10, lr = 0.2, l2 = 1e-3, minCount = 2, weights: weighting = 'balanced' } = options;
  const counts = new Map<string, number>();
  for (const e of data) for (const f of new Set(e.f)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const weights: Record<string, number[]> = {};
  const bias = labels.map(() => 0);
  const head: Head = { labels, weights, bias };
  const perLabel = labels.map((_, k) => data.filter((e) => e.y === k).length);
  const classWeight =
    weighting === 'balanced' ? perLabel.map((n) => (n ? data.length / (labels.length * n) : 0)) : weighting === 'none' ? labels.map(() => 1) : weighting;
  let order = data.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    order = shuffle(order, epoch + 1);
    const rate = lr / (1 + epoch * 0.3);
    for (const i of order) {
      const e = data[i]!;
      const feats = [...new Set(e.f)].filter((f) => (counts.get(f) ?? 0) >= minCount);
      const p = predict(head, feats);
      const cw = classWeight[e.y]!;
      labels.forEach((label, k) => {
        const g = ((p[label] ?? 0) - (k === e.y ? 1 : 0)) * cw;
        bias[k]! -= rate * g;
        for (const f of feats) {
          const w = (weights[f] ??= labels.map(() => 0));
          w[k] = w[k]! - rate * (g + l2 * w[k]!);
        }
      });
    }
  }
  // Sparse and short on disk: weights rounded, near-zero rows dropped.
  for (const [f, w] of Object.entries(weights)) {
    const r = w.map((v) => Math.round(v * 1000) / 1000);
    if (r.every((v) => Math.abs(v) < 0.01)) delete weights[f];
    else weights[f] = r;
  }
  head.bias = bias.map((v) => Math.round(v * 1000) / 1000);
  return head;
}

function shuffle(a: number[], seed: number): number[] {
  const out = [...a];
  let s = seed * 2654435761;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function accuracy(head: Head, data: Example[]): number {
  let right = 0;
  for (const e of data) if (best(head, e.f) === head.labels[e.y]) right += 1;
  return data.length ? right / data.length : 0;
}

export function best(head: Head, f: string[]): string {
  const p = predict(head, f);
  return head.labels.reduce((a, b) => ((p[a] ?? 0) >= (p[b] ?? 0) ? a : b));
}

/** The questions of some sets' train or test parts. */
export const loadSets = async (part: 'train' | 'test', sets: readonly string[]): Promise<Question[]> =>
  (await Promise.all(sets.map((s) => readQuestions(`eval/sets/${s}.${part}.jsonl`)))).flat();

/**
 * The entry-by-entry question sets: all lawful, in the words of workers asking about each entry. The unsafe head learns
 * from them what ordinary questions look like; loso-unsafe counts them among the lawful sets.
 */
export const ENTRY_SETS = ['entryq1', 'entryq2', 'entryq3', 'entryq4', 'entryq5', 'entryq6'];

/** The unsafe head's settings chosen by scripts/loso-unsafe.ts. */
export const UNSAFE_HEAD: TrainOptions = { epochs: 10, lr: 0.2, l2: 3e-3, minCount: 2, weights: 'balanced' };

/** What a setting scores on some items: how many it reads right, and what its mistakes cost. */
export interface Score {
  right: number;
  cost: number;
}

/**
 * Five folds by position: each fold's head is trained on the other four, and every setting (thresholds at which
 * the head speaks) is scored on the fold it never saw; the totals over the five folds, per setting.
 */
export function crossValidate<T, S extends object>(items: T[], settings: S[], train: (items: T[]) => Head, score: (items: T[], head: Head, setting: S) => Score, folds = 5): (S & Score)[] {
  const heads = Array.from({ length: folds }, (_, k) => train(items.filter((_, i) => i % folds !== k)));
  return settings.map((setting) => {
    const total: Score = { right: 0, cost: 0 };
    heads.forEach((head, k) => {
      const s = score(items.filter((_, i) => i % folds === k), head, setting);
      total.right += s.right;
      total.cost += s.cost;
    });
    return { ...setting, ...total };
  });
}

/** The want head's labels, in its order. */
export const WANTS = ['ask', 'act', 'vague'] as const;
const WANT_OF_ACTION: Record<string, (typeof WANTS)[number]> = { answer: 'ask', create_ticket: 'act', clarify: 'vague' };

/**
 * The ask/act/vague head keeps the first four sets: the later ones label many requests to act as vague
 * or as questions the knowledge cannot answer, and trained on them the head sends fewer workers to the form.
 */
export const DEFAULT_WANT_SETS = ['questions', 'abstain', 'attacks', 'rights'];

/**
 * The ticket conversations whose train parts' openings the want head learns as requests to act and the
 * unsafe head as messages not to decline. With the openings of scenarios-extra10 and -extra11 added the
 * conversations gained one frozen pass and the answers lost five frozen facts: left out.
 */
export const DEFAULT_SCENARIO_SETS = [
  'scenarios', 'scenarios-extra', 'scenarios-extra2', 'scenarios-extra3', 'scenarios-extra4', 'scenarios-extra5',
  'scenarios-extra6', 'scenarios-extra7', 'scenarios-extra8', 'scenarios-extra9',
];

/** A normalized text and its want label (an index into WANTS). */
export interface WantExample {
  t: string;
  y: number;
}

/** Topical questions labelled answer, create_ticket or clarify, as asks, requests to act and vague messages. */
export function wantOfQuestions(qs: readonly Question[]): WantExample[] {
  return qs
    .filter((q) => isTopic(q.intent) && q.expect !== 'abstain' && WANT_OF_ACTION[q.action])
    .map((q) => ({ t: normalizeText(q.text), y: WANTS.indexOf(WANT_OF_ACTION[q.action]!) }));
}

/**
 * The openings of the ticket conversations' train parts: workers asking the union to act, in their own
 * words, and lawful. Left out: openings that only ask a question (the request comes after the first reply)
 * and openings with an instruction or a data request attached. Normalized.
 */
export async function actOpenings(sets: readonly string[]): Promise<string[]> {
  return (await Promise.all(sets.map((set) => readScenarios(`eval/sets/${set}.train.jsonl`))))
    .flat()
    .filter((s) => !s.inject.some((i) => 'after_turn' in i && i.after_turn === 1))
    .map((s) => normalizeText(s.opening))
    .filter((t) => !unsafeKind(t));
}

/**
 * First messages labelled by what the worker wants, the union to act or an answer (eval/sets/openings): the
 * want head learns the boundary between the two from both sides, near misses included.
 */
export async function firstMessageWants(part: 'train' | 'test'): Promise<WantExample[]> {
  return (await readJsonl(`eval/sets/openings.${part}.jsonl`, openingSchema)).map((o) => ({ t: normalizeText(o.text), y: WANTS.indexOf(o.want) }));
}
