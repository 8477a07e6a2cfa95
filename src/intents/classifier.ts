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
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return Object.fromEntries(head.labels.map((l, k) => [l, e[k]! / sum]));
}

let model: IntentModel | undefined | null;

/** The shipped model, or undefined when it has not been trained. */
export function intentModel(): IntentModel | undefined {
  if (model === undefined) {
    try {
      model = JSON.parse(readFileSync(new URL('./intent-model.json', import.meta.url), 'utf8')) as IntentModel;
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

export function classify(text: string): Classified | undefined {
  const m = intentModel();
  if (!m) return undefined;
  const f = featuresOf(text);
  return { intent: predict(m.intent, f), want: predict(m.want, f) };
}
