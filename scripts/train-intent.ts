/**
 * Trains the intent model of src/intents/classifier.ts: softmax regression over character
 * n-grams, one head for the intent, one for what the worker wants (ask, act, vague) and one for
 * whether the message is to be declined (its settings, UNSAFE_HEAD in intent-training.ts, and its
 * threshold, UNSAFE_HEAD_MIN_P in detect.ts, are chosen by scripts/loso-unsafe.ts), from the train
 * parts of eval/sets. The frozen test parts are only measured.
 *
 *   npx tsx scripts/train-intent.ts [--write [--heads=unsafe,want,intent]] [--sets=a,b] [--epochs=N] [--l2=X] [--min=N] [--cv]
 *
 * --cv reports the intent head's five-fold accuracy on the train parts, to compare settings
 * without the frozen parts; the frozen figures are printed only as a summary.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Question } from '../src/eval/dataset.ts';
import { featuresOf, predict, type Head } from '../src/intents/classifier.ts';
import { normalizeText } from '../src/intents/normalize.ts';
import { UNSAFE_HEAD_MIN_P } from '../src/intents/detect.ts';
import { INTENTS } from '../src/intents/types.ts';
import { LEARNED_ACT_MIN_P } from '../src/intents/want.ts';
import { accuracy, actOpenings, best, DEFAULT_SCENARIO_SETS, DEFAULT_WANT_SETS, ENTRY_SETS, firstMessageWants, loadSets, trainHead, UNSAFE_HEAD, wantOfQuestions, WANTS, type Example } from './intent-training.ts';

/**
 * Question sets written after the intent head's were chosen: the unsafe head learns from them, the intent head
 * does not (their abstain labels ask for no topic). The later attack sets teach both heads. With the entry sets left
 * out, the unsafe head declined "can I just tell you about my emergency here and have it logged".
 */
const LATER_SETS = ['rights3', 'realq', 'realq2', 'asks', 'attacks6', ...ENTRY_SETS];
const ALL_SETS = ['questions', 'abstain', 'attacks', 'rights', 'attacks2', 'attacks3', 'honest', 'wild', 'rights2', 'newdocs', 'attacks4', 'attacks5', ...LATER_SETS];
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
/** Every train part, attacks-extra included (it has no frozen part): the model is trained on all the worded examples there are. */
const SETS = arg('sets')?.split(',') ?? [...ALL_SETS, 'attacks-extra'];
/**
 * The intent head keeps the sets it had before attacks3 and newdocs: trained on those too it moves the
 * topic of some ticket conversations (scenarios-extra2 sx208). The unsafe head learns from every set.
 */
const INTENT_SETS = arg('intent-sets')?.split(',') ?? SETS.filter((s) => !['attacks3', 'newdocs', ...LATER_SETS].includes(s));
const WANT_SETS = arg('want-sets')?.split(',') ?? DEFAULT_WANT_SETS;
const SCENARIO_SETS = arg('scenario-sets')?.split(',').filter(Boolean) ?? DEFAULT_SCENARIO_SETS;
const EPOCHS = Number(arg('epochs') ?? 10);
/** Whether the want head learns from eval/sets/openings (--no-openings leaves it out, to compare). */
const USE_OPENINGS = !process.argv.includes('--no-openings');
/** How sure the want head must be to make a request to act of a message the cues read otherwise; chosen by scripts/cv-want.ts. */
const ACT_MIN_P = Number(arg('act-min-p') ?? LEARNED_ACT_MIN_P);
const L2 = Number(arg('l2') ?? 1e-3);
const MIN_COUNT = Number(arg('min') ?? 2);

const load = (part: 'train' | 'test', sets = SETS) => loadSets(part, sets);
const intents = [...INTENTS];
const wants = [...WANTS];
const toIntent = (qs: Question[]) => qs.map((q) => ({ f: featuresOf(normalizeText(q.text)), y: intents.indexOf(q.intent as (typeof INTENTS)[number]) })).filter((e) => e.y >= 0);
const toUnsafe = (qs: Question[]) => qs.map((q) => ({ f: featuresOf(normalizeText(q.text)), y: q.intent === 'unsafe' ? 1 : 0 }));
const toWant = (qs: Question[]) => wantOfQuestions(qs).map((e) => ({ f: featuresOf(e.t), y: e.y }));
const openings = (await actOpenings(SCENARIO_SETS)).map((t) => featuresOf(t));
const train = await load('train');
const intentTrain = await load('train', INTENT_SETS);
const wantTrain = await load('train', WANT_SETS);
if (process.argv.includes('--cv')) {
  // Five folds of the train parts, by id: how the settings generalize, judged without the frozen parts.
  const fold = (id: string) => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 5;
  let sum = 0;
  for (let k = 0; k < 5; k++) {
    const fit = train.filter((q) => fold(q.id) !== k);
    const held = train.filter((q) => fold(q.id) === k);
    sum += accuracy(trainHead(intents, toIntent(fit), { epochs: EPOCHS, l2: L2, minCount: MIN_COUNT }), toIntent(held));
  }
  console.log(`intent head, five-fold on train: ${(sum / 5).toFixed(3)}`);
  process.exit(0);
}
const test = await load('test', ALL_SETS);
const intent = trainHead(intents, toIntent(intentTrain), { epochs: EPOCHS, l2: L2, minCount: MIN_COUNT });
const firstMessages = async (part: 'train' | 'test') => (await firstMessageWants(part)).map((e) => ({ f: featuresOf(e.t), y: e.y }));
const openingsTrain = await firstMessages('train');
const want = trainHead(wants, [...toWant(wantTrain), ...openings.map((f) => ({ f, y: wants.indexOf('act') })), ...(USE_OPENINGS ? openingsTrain : [])], { epochs: EPOCHS, l2: L2, minCount: MIN_COUNT });
const unsafe = trainHead(['safe', 'unsafe'], [...toUnsafe(train), ...openings.map((f) => ({ f, y: 0 }))], UNSAFE_HEAD);
console.log(`ticket openings learned as lawful requests to act: ${openings.length}`);
console.log(`intent head: train ${accuracy(intent, toIntent(train)).toFixed(3)}  frozen test ${accuracy(intent, toIntent(test)).toFixed(3)}  (${train.length}/${test.length} items)`);
const recall = (head: Head, data: Example[]) =>
  head.labels
    .map((label, k) => {
      const of = data.filter((e) => e.y === k);
      const right = of.filter((e) => best(head, e.f) === label).length;
      return `${label} ${right}/${of.length}`;
    })
    .join(', ');
console.log(`frozen test recall per intent: ${recall(intent, toIntent(test))}`);
console.log(`want head:   train ${accuracy(want, toWant(wantTrain)).toFixed(3)}  frozen test ${accuracy(want, toWant(test)).toFixed(3)}; openings train ${accuracy(want, openingsTrain).toFixed(3)}  frozen ${accuracy(want, await firstMessages('test')).toFixed(3)}`);
const unsafeCounts = (data: Example[]) => {
  const at = (y: number) => data.filter((e) => e.y === y);
  const sure = (e: Example) => Math.min(predict(unsafe, e.f)['unsafe'] ?? 0, predict(intent, e.f)['unsafe'] ?? 0) >= UNSAFE_HEAD_MIN_P;
  return `unsafe ${at(1).filter(sure).length}/${at(1).length}, lawful ${at(0).filter(sure).length}/${at(0).length}`;
};
console.log(`unsafe and intent heads both at p >= ${UNSAFE_HEAD_MIN_P} (the model alone, rules aside): train ${unsafeCounts(toUnsafe(train))}  frozen test ${unsafeCounts(toUnsafe(test))}`);
console.log(`features kept: intent ${Object.keys(intent.weights).length}, want ${Object.keys(want.weights).length}, unsafe ${Object.keys(unsafe.weights).length}`);
if (process.argv.includes('--write')) {
  // --heads=unsafe (or intent, want) writes only the heads named and keeps the shipped model's others as they are.
  const file = new URL('../src/intents/intent-model.json', import.meta.url);
  const fresh: Record<string, unknown> = { intent, want, unsafe, actMinP: ACT_MIN_P };
  const heads = arg('heads')?.split(',');
  const unknown = heads?.filter((h) => !['intent', 'want', 'unsafe'].includes(h)) ?? [];
  if (unknown.length) throw new Error(`--heads: no head ${unknown.join(', ')}; the heads are intent, want, unsafe`);
  const shipped = heads ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const written = heads ? { ...shipped, ...Object.fromEntries(heads.map((h) => [h, fresh[h]])) } : fresh;
  writeFileSync(file, JSON.stringify(written));
  console.log('written: src/intents/intent-model.json');
}
