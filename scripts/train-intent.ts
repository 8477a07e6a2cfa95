/**
 * Trains the intent model of src/intents/classifier.ts: softmax regression over character
 * n-grams, one head for the intent and one for what the worker wants (ask, act, vague), from
 * the train parts of eval/sets. The frozen test parts are only measured.
 *
 *   npx tsx scripts/train-intent.ts [--write] [--sets=a,b] [--epochs=N] [--l2=X] [--min=N] [--cv]
 *
 * --cv reports the intent head's five-fold accuracy on the train parts, to compare settings
 * without the frozen parts; the frozen figures are printed only as a summary.
 */
import { writeFileSync } from 'node:fs';
import { readQuestions, type Question } from '../src/eval/dataset.ts';
import { featuresOf, predict, type Head } from '../src/intents/classifier.ts';
import { normalizeText } from '../src/intents/normalize.ts';
import { INTENTS, isTopic } from '../src/intents/types.ts';

const ALL_SETS = ['questions', 'abstain', 'attacks', 'rights', 'attacks2', 'honest', 'wild', 'rights2'];
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
/** Every train part, attacks-extra included (it has no frozen part): the model is trained on all the worded examples there are. */
const SETS = arg('sets')?.split(',') ?? [...ALL_SETS, 'attacks-extra'];
/**
 * The ask/act/vague head keeps the first four sets: the later ones label many requests to act as vague
 * or as questions the knowledge cannot answer, and trained on them the head sends fewer workers to the form.
 */
const WANT_SETS = arg('want-sets')?.split(',') ?? ['questions', 'abstain', 'attacks', 'rights'];
const EPOCHS = Number(arg('epochs') ?? 10);
const L2 = Number(arg('l2') ?? 1e-3);
const MIN_COUNT = Number(arg('min') ?? 2);
const WANT: Record<string, string> = { answer: 'ask', create_ticket: 'act', clarify: 'vague' };

interface Example {
  f: string[];
  y: number;
}

function trainHead(labels: string[], data: Example[], epochs = 10, lr = 0.2, l2 = 1e-3, minCount = 2): Head {
  const counts = new Map<string, number>();
  for (const e of data) for (const f of new Set(e.f)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const weights: Record<string, number[]> = {};
  const bias = labels.map(() => 0);
  const head: Head = { labels, weights, bias };
  // Rare labels weigh as much in total as common ones.
  const perLabel = labels.map((_, k) => data.filter((e) => e.y === k).length);
  const classWeight = perLabel.map((n) => (n ? data.length / (labels.length * n) : 0));
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

function accuracy(head: Head, data: Example[]): number {
  let right = 0;
  for (const e of data) {
    const p = predict(head, e.f);
    const best = head.labels.reduce((a, b) => ((p[a] ?? 0) >= (p[b] ?? 0) ? a : b));
    if (best === head.labels[e.y]) right += 1;
  }
  return data.length ? right / data.length : 0;
}

const load = async (part: 'train' | 'test', sets = SETS) => (await Promise.all(sets.map((s) => readQuestions(`eval/sets/${s}.${part}.jsonl`)))).flat();
const intents = [...INTENTS];
const wants = ['ask', 'act', 'vague'];
const toIntent = (qs: Question[]) => qs.map((q) => ({ f: featuresOf(normalizeText(q.text)), y: intents.indexOf(q.intent as (typeof INTENTS)[number]) })).filter((e) => e.y >= 0);
const toWant = (qs: Question[]) =>
  qs.filter((q) => isTopic(q.intent) && q.expect !== 'abstain' && WANT[q.action]).map((q) => ({ f: featuresOf(normalizeText(q.text)), y: wants.indexOf(WANT[q.action]!) }));

const train = await load('train');
const wantTrain = await load('train', WANT_SETS);
if (process.argv.includes('--cv')) {
  // Five folds of the train parts, by id: how the settings generalize, judged without the frozen parts.
  const fold = (id: string) => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 5;
  let sum = 0;
  for (let k = 0; k < 5; k++) {
    const fit = train.filter((q) => fold(q.id) !== k);
    const held = train.filter((q) => fold(q.id) === k);
    sum += accuracy(trainHead(intents, toIntent(fit), EPOCHS, 0.2, L2, MIN_COUNT), toIntent(held));
  }
  console.log(`intent head, five-fold on train: ${(sum / 5).toFixed(3)}`);
  process.exit(0);
}
const test = await load('test', ALL_SETS);
const intent = trainHead(intents, toIntent(train), EPOCHS, 0.2, L2, MIN_COUNT);
const want = trainHead(wants, toWant(wantTrain), EPOCHS, 0.2, L2, MIN_COUNT);
console.log(`intent head: train ${accuracy(intent, toIntent(train)).toFixed(3)}  frozen test ${accuracy(intent, toIntent(test)).toFixed(3)}  (${train.length}/${test.length} items)`);
const recall = (head: Head, data: Example[]) =>
  head.labels
    .map((label, k) => {
      const of = data.filter((e) => e.y === k);
      const right = of.filter((e) => {
        const p = predict(head, e.f);
        return head.labels.reduce((a, b) => ((p[a] ?? 0) >= (p[b] ?? 0) ? a : b)) === label;
      }).length;
      return `${label} ${right}/${of.length}`;
    })
    .join(', ');
console.log(`frozen test recall per intent: ${recall(intent, toIntent(test))}`);
console.log(`want head:   train ${accuracy(want, toWant(wantTrain)).toFixed(3)}  frozen test ${accuracy(want, toWant(test)).toFixed(3)}`);
console.log(`features kept: intent ${Object.keys(intent.weights).length}, want ${Object.keys(want.weights).length}`);
if (process.argv.includes('--write')) {
  writeFileSync(new URL('../src/intents/intent-model.json', import.meta.url), JSON.stringify({ intent, want }));
  console.log('written: src/intents/intent-model.json');
}
