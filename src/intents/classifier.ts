import { readFileSync } from 'node:fs';

/**
 * The learned half of understanding: a linear model (softmax regression) over character
 * n-grams and Latin words of the normalized message, with two heads: the intent, and for
 * topical messages what the worker wants (ask, act, vague). It is trained in seconds, without
 * network, by `scripts/train-intent.ts` on the train parts of eval/sets, and generalizes over
 * wording where cue rules cannot: dialect, Traditional after normalization, typos, English.
 */

export interface Head {
  labels: string[];
  /** feature -> weights per label (sparse: features without weight are absent). */
  weights: Record<string, number[]>;
  bias: number[];
}

export interface IntentModel {
  intent: Head;
  want: Head;
}

/** The features of a text: character 1-3-grams of its CJK runs and its Latin words and bigrams. */
export function featuresOf(text: string): string[] {
  const t = text.toLowerCase();
  const out: string[] = [];
  for (const run of t.match(/[\u4e00-\u9fff]+/g) ?? []) {
    const c = [...run];
    for (let i = 0; i < c.length; i++) {
      out.push(c[i]!);
      if (i + 1 < c.length) out.push(c[i]! + c[i + 1]!);
      if (i + 2 < c.length) out.push(c[i]! + c[i + 1]! + c[i + 2]!);
    }
  }
  const words = t.match(/[a-z]+/g) ?? [];
  for (let i = 0; i < words.length; i++) {
    out.push(`w:${words[i]}`);
    if (i + 1 < words.length) out.push(`w:${words[i]} ${words[i + 1]}`);
  }
  if (/\d{3,}/.test(t)) out.push('#digits');
  if (/[?？]/.test(t)) out.push('#question');
  return out;
}

/** Probabilities per label for a text. */
export function predict(head: Head, features: readonly string[]): Record<string, number> {
  const z = [...head.bias];
  for (const f of new Set(features)) {
    const w = head.weights[f];
    if (!w) continue;
    for (let k = 0; k < z.length; k++) z[k]! += w[k] ?? 0;
  }
  return softmax(head.labels, z);
}

function softmax(labels: readonly string[], z: number[]): Record<string, number> {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return Object.fromEntries(labels.map((l, k) => [l, e[k]! / sum]));
}

/** A feature's weights in each head of the shipped model, one per label; absent where the head gives it none. */
interface FeatureWeights {
  intent?: Float64Array;
  want?: Float64Array;
}

/** The shipped model made ready to read: each feature's weights in both heads found by one lookup. */
interface ReadyModel {
  intent: Pick<Head, 'labels' | 'bias'>;
  want: Pick<Head, 'labels' | 'bias'>;
  weights: Map<string, FeatureWeights>;
}

function ready(m: IntentModel): ReadyModel {
  const weights = new Map<string, FeatureWeights>();
  for (const head of ['intent', 'want'] as const) {
    const n = m[head].bias.length;
    for (const [f, w] of Object.entries(m[head].weights)) {
      const row = weights.get(f) ?? {};
      row[head] = Float64Array.from({ length: n }, (_, k) => w[k] ?? 0);
      weights.set(f, row);
    }
  }
  return { intent: { labels: m.intent.labels, bias: m.intent.bias }, want: { labels: m.want.labels, bias: m.want.bias }, weights };
}

function add(z: number[], w: Float64Array): void {
  for (let k = 0; k < z.length; k++) z[k]! += w[k]!;
}

let model: ReadyModel | undefined | null;

/** The shipped model, or undefined when it has not been trained. */
function intentModel(): ReadyModel | undefined {
  if (model === undefined) {
    try {
      model = ready(JSON.parse(readFileSync(new URL('./intent-model.json', import.meta.url), 'utf8')) as IntentModel);
    } catch {
      model = null;
    }
  }
  return model ?? undefined;
}

export interface Classified {
  intent: Record<string, number>;
  want: Record<string, number>;
}

/** What predict gives for each head, the features read once for both. */
export function classify(text: string): Classified | undefined {
  const m = intentModel();
  if (!m) return undefined;
  const intent = [...m.intent.bias];
  const want = [...m.want.bias];
  for (const f of new Set(featuresOf(text))) {
    const w = m.weights.get(f);
    if (w?.intent) add(intent, w.intent);
    if (w?.want) add(want, w.want);
  }
  return { intent: softmax(m.intent.labels, intent), want: softmax(m.want.labels, want) };
}
