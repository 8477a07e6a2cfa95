/**
 * Trains the form's consent model (src/tickets/consent-model.json): softmax regression over the
 * character n-grams of a worker's reply and the step the form is at, with three labels: confirm
 * (file it now), cancel (do not file it now) and continue (an answer, a correction, a question,
 * more of the story). It learns from the train parts of eval/sets/replies and replies2; how sure it must be to
 * speak where the form's rules are silent is chosen by five-fold cross-validation on that part
 * (the pair of thresholds, for a cancellation and for a confirmation, that costs least when a
 * wrong confirmation costs most).
 * The frozen test part is only measured.
 *
 *   npx tsx scripts/train-form.ts [--write] [--sets=replies,replies2]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readJsonl, replySchema, type Reply } from '../src/eval/dataset.ts';
import { CONSENT_LABELS, consentFeatures, useConsentModel, type ConsentModel } from '../src/tickets/consent.ts';
import { formStep, startDraft } from '../src/tickets/form.ts';
import { crossValidate, trainHead, type Example, type Score } from './intent-training.ts';

const SETS = process.argv.find((a) => a.startsWith('--sets='))?.slice('--sets='.length).split(',') ?? ['replies', 'replies2'];
const readSet = (set: string, part: 'train' | 'test') => readJsonl(`eval/sets/${set}.${part}.jsonl`, replySchema);
const read = async (part: 'train' | 'test') => (await Promise.all(SETS.map((set) => readSet(set, part)))).flat();

const OPTIONS = { epochs: 12, lr: 0.2, l2: 2e-3, minCount: 1, weights: 'balanced' as const };
const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9];
/**
 * What a wrong reading costs: filing what the worker held back is the worst, losing a form the
 * worker wanted filed next, a reply not read (the worker is asked again) the least.
 */
const COST = { falseConfirm: 4, falseCancel: 2, missed: 1 };

const toExample = (r: Reply): Example => ({ f: consentFeatures(r.text, r.step), y: CONSENT_LABELS.indexOf(r.label) });
const trainHeadOn = (items: Reply[]) => trainHead([...CONSENT_LABELS], items.map(toExample), OPTIONS);

/** The form's own reading of a reply at its step: the draft holds the fields asked before it. */
const FIELDS = { name: '张明', phone: '13800800123', employer: '重庆某某建筑有限公司', district: '渝中区' } as const;
const ORDER = ['name', 'phone', 'employer', 'district', 'confirm'] as const;
function formReading(r: Reply): string {
  const opening = '老板欠了我三个月工资不给 想请工会帮我反映一下';
  const d = startDraft({ topic: 'rights', raw: opening, normalized: opening, key: r.id, now: new Date(0).toISOString() });
  for (const f of ORDER) {
    if (f === r.step) break;
    if (f !== 'confirm') d.fields[f] = FIELDS[f];
  }
  d.requested = r.step;
  const s = formStep(d, r.text);
  return s.kind === 'cancelled' ? 'cancel' : s.kind === 'confirmed' ? 'confirm' : 'continue';
}

function score(items: Reply[], model: ConsentModel | undefined): Score {
  useConsentModel(model);
  let right = 0;
  let cost = 0;
  for (const r of items) {
    const got = formReading(r);
    if (got === r.label) right += 1;
    else cost += got === 'confirm' ? COST.falseConfirm : got === 'cancel' ? COST.falseCancel : COST.missed;
  }
  return { right, cost };
}
const share = (s: Score, n: number) => (s.right / Math.max(1, n)).toFixed(3);

const trainPart = await read('train');
const testPart = await read('test');

const pairs = THRESHOLDS.flatMap((cancelP) => THRESHOLDS.map((confirmP) => ({ cancelP, confirmP })));
const cv = crossValidate(trainPart, pairs, trainHeadOn, (items, head, t) => score(items, { head, ...t }));
const rules = score(trainPart, undefined);
console.log(`rules alone: train ${share(rules, trainPart.length)}, cost ${rules.cost}`);
for (const c of cv) console.log(`cancel p >= ${c.cancelP}, confirm p >= ${c.confirmP}: five-fold on train ${share(c, trainPart.length)}, cost ${c.cost}`);
// The cheapest pair; of equal cost, the more cautious.
const best = cv.reduce((a, b) => (b.cost < a.cost || (b.cost === a.cost && b.cancelP + b.confirmP > a.cancelP + a.confirmP) ? b : a));
const model: ConsentModel = { head: trainHeadOn(trainPart), cancelP: best.cancelP, confirmP: best.confirmP };
const frozenRules = score(testPart, undefined);
const frozen = score(testPart, model);
console.log(
  `chosen cancel p >= ${best.cancelP}, confirm p >= ${best.confirmP}: train ${share(score(trainPart, model), trainPart.length)}; ` +
    `frozen test (${testPart.length} replies): rules alone ${share(frozenRules, testPart.length)} cost ${frozenRules.cost}, rules and model ${share(frozen, testPart.length)} cost ${frozen.cost}`,
);
// Each set's parts, with the model shipped now beside the one just trained.
const shipped = JSON.parse(readFileSync(new URL('../src/tickets/consent-model.json', import.meta.url), 'utf8')) as ConsentModel;
for (const set of SETS) {
  for (const part of ['train', 'test'] as const) {
    const items = await readSet(set, part);
    const [before, after] = [score(items, shipped), score(items, model)];
    console.log(`  ${set}.${part} (${items.length}): shipped ${share(before, items.length)} cost ${before.cost}, new ${share(after, items.length)} cost ${after.cost}`);
  }
}

if (process.argv.includes('--write')) {
  writeFileSync(new URL('../src/tickets/consent-model.json', import.meta.url), `${JSON.stringify(model)}\n`);
  console.log('written: src/tickets/consent-model.json');
}
