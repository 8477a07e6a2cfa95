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
  /**
   * How sure the want head must be to make a request to act of a message the written cues read as a question,
   * chosen on folds of the train parts the head never saw (`scripts/cv-want.ts`).
   */
  actMinP?: number;
}

const CJK_RUNS = /[\u4e00-\u9fff]+/g;

/** The features of a text: character 1-3-grams of its CJK runs and its Latin words and bigrams. */
export function featuresOf(text: string): string[] {
  const t = text.toLowerCase();
  const out: string[] = [];
  // A run's characters are each one UTF-16 unit, so its n-grams are slices: flat strings, quick to hash.
  for (const run of t.match(CJK_RUNS) ?? []) {
    const n = run.length;
    for (let i = 0; i < n; i++) {
      out.push(run[i]!);
      if (i + 1 < n) out.push(run.slice(i, i + 2));
      if (i + 2 < n) out.push(run.slice(i, i + 3));
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
  // Loops in place of spread, map, reduce and fromEntries: the same operations in the same order, without the arrays between.
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const e = new Array<number>(z.length);
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += e[k] = Math.exp(z[k]! - max);
  const out: Record<string, number> = {};
  for (let k = 0; k < labels.length; k++) out[labels[k]!] = e[k]! / sum;
  return out;
}

/** One head of the shipped model laid out flat: feature f's weights are weights[f * n .. f * n + n). */
interface FlatHead {
  labels: string[];
  bias: number[];
  n: number;
  weights: Float64Array;
  /** has[f] is 1 when the head gives feature f weights at all (a head without them adds nothing). */
  has: Uint8Array;
}

/**
 * The shipped model made ready to read: one lookup gives a feature's number, and its weights in
 * every head sit in flat arrays at that number, so a classification touches a few cache lines per
 * feature instead of an object and a typed array per head.
 */
interface ReadyModel {
  intent: FlatHead;
  want: FlatHead;
  unsafe?: FlatHead;
  index: Map<string, number>;
  actMinP?: number;
  /** seen[f] is the number of the last classification that counted feature f: each counts once per text. */
  seen: Int32Array;
  /** Classifications so far, numbering them for `seen`. */
  runs: number;
}

function ready(m: IntentModel): ReadyModel {
  const index = new Map<string, number>();
  for (const head of ['intent', 'want', 'unsafe'] as const) for (const f of Object.keys(m[head]?.weights ?? {})) if (!index.has(f)) index.set(f, index.size);
  const flat = (h: Head): FlatHead => {
    const n = h.bias.length;
    const weights = new Float64Array(index.size * n);
    const has = new Uint8Array(index.size);
    for (const [f, w] of Object.entries(h.weights)) {
      const at = index.get(f)!;
      has[at] = 1;
      for (let k = 0; k < n; k++) weights[at * n + k] = w[k] ?? 0;
    }
    return { labels: h.labels, bias: h.bias, n, weights, has };
  };
  return { intent: flat(m.intent), want: flat(m.want), ...(m.unsafe ? { unsafe: flat(m.unsafe) } : {}), index, ...(m.actMinP !== undefined ? { actMinP: m.actMinP } : {}), seen: new Int32Array(index.size), runs: 0 };
}

/** Adds feature f's weights in head h to z, when the head gives it any. */
function add(z: number[], h: FlatHead, f: number): void {
  if (h.has[f] === 0) return;
  const { weights, n } = h;
  for (let k = 0, at = f * n; k < n; k++) z[k]! += weights[at + k]!;
}

/**
 * A model shipped as JSON beside the code that reads it: read on first use (undefined when it has not been
 * trained), and replaceable (undefined: none at all) by the training script that judges a model it has just trained.
 * `prepare` turns the JSON into the form the code reads.
 */
export function shippedModel<M, R = M>(file: URL, prepare: (m: M) => R = (m) => m as unknown as R): { get(): R | undefined; use(m: M | undefined): void } {
  let model: R | null | undefined;
  return {
    get() {
      if (model === undefined) {
        try {
          model = prepare(JSON.parse(readFileSync(file, 'utf8')) as M);
        } catch {
          model = null;
        }
      }
      return model ?? undefined;
    },
    use(m) {
      model = m ? prepare(m) : null;
    },
  };
}

const shipped = shippedModel<IntentModel, ReadyModel>(new URL('./intent-model.json', import.meta.url), ready);
/** The shipped model, or undefined when it has not been trained. */
const intentModel = () => shipped.get();

/** Replaces the shipped model (undefined: none at all), for training scripts that judge a model they have just trained. */
export function useIntentModel(m: IntentModel | undefined): void {
  shipped.use(m);
}

/** The shipped model's act threshold for the want head, when it carries one. */
export function learnedActMinP(): number | undefined {
  return intentModel()?.actMinP;
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
  // Each known feature once, in order of first appearance (the order a Set of them gives), so the
  // sums are the same to the last bit; a mark on the feature's row stands for the Set.
  const run = ++m.runs;
  for (const f of featuresOf(text)) {
    const at = m.index.get(f);
    if (at === undefined || m.seen[at] === run) continue;
    m.seen[at] = run;
    add(intent, m.intent, at);
    add(want, m.want, at);
    if (unsafe && m.unsafe) add(unsafe, m.unsafe, at);
  }
  const out: Classified = { intent: softmax(m.intent.labels, intent), want: softmax(m.want.labels, want) };
  if (m.unsafe && unsafe) out.unsafe = softmax(m.unsafe.labels, unsafe)['unsafe'] ?? 0;
  return out;
}
