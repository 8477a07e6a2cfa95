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
  /**
   * Whether the message is one Niangjia declines (labels safe, unsafe), trained apart from the intent
   * head so that how sure it must be is set on attack sets it never saw (`scripts/loso-unsafe.ts`).
   */
  unsafe?: Head;
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
  unsafe?: Float64Array;
}

/** The shipped model made ready to read: each feature's weights in both heads found by one lookup. */
interface ReadyModel {
  intent: Pick<Head, 'labels' | 'bias'>;
  want: Pick<Head, 'labels' | 'bias'>;
  unsafe?: Pick<Head, 'labels' | 'bias'>;
  weights: Map<string, FeatureWeights>;
}

function ready(m: IntentModel): ReadyModel {
  const weights = new Map<string, FeatureWeights>();
  for (const head of ['intent', 'want', 'unsafe'] as const) {
    const h = m[head];
    if (!h) continue;
    const n = h.bias.length;
    for (const [f, w] of Object.entries(h.weights)) {
      const row = weights.get(f) ?? {};
      row[head] = Float64Array.from({ length: n }, (_, k) => w[k] ?? 0);
      weights.set(f, row);
    }
  }
  const labelsAndBias = (h: Head) => ({ labels: h.labels, bias: h.bias });
  return { intent: labelsAndBias(m.intent), want: labelsAndBias(m.want), ...(m.unsafe ? { unsafe: labelsAndBias(m.unsafe) } : {}), weights };
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

/** Replaces the shipped model (undefined: none at all), for training scripts that judge a model they have just trained. */
export function useIntentModel(m: IntentModel | undefined): void {
  model = m ? ready(m) : null;
}

export interface Classified {
  intent: Record<string, number>;
  want: Record<string, number>;
  /** The unsafe head's probability that the message is one to decline, when the model has that head. */
  unsafe?: number;
}

/** What predict gives for each head, the features read once for both. */
export function classify(text: string): Classified | undefined {
  const m = intentModel();
  if (!m) return undefined;
  const intent = [...m.intent.bias];
  const want = [...m.want.bias];
  const unsafe = m.unsafe ? [...m.unsafe.bias] : undefined;
  for (const f of new Set(featuresOf(text))) {
    const w = m.weights.get(f);
    if (w?.intent) add(intent, w.intent);
    if (w?.want) add(want, w.want);
    if (unsafe && w?.unsafe) add(unsafe, w.unsafe);
  }
  const out: Classified = { intent: softmax(m.intent.labels, intent), want: softmax(m.want.labels, want) };
  if (m.unsafe && unsafe) out.unsafe = softmax(m.unsafe.labels, unsafe)['unsafe'] ?? 0;
  return out;
}
