/**
 * Trains the learned half of urgency (src/tickets/urgency-model.json): softmax regression over the
 * character n-grams of a worker's account, one label per urgency rule and none. It learns from the
 * train parts of eval/sets/urgency and eval/sets/urgency2 and the openings of the train parts of the
 * ticket conversation sets (eval/sets/scenarios*); the two thresholds at which it overrules
 * the written rules (up: urgent where the rules see nothing; down: not urgent where they do) are chosen
 * by five-fold cross-validation on those parts, a missed urgent ticket costing twice a needless one.
 * The frozen test parts are only measured.
 *
 *   npx tsx scripts/train-urgency.ts [--write]
 */
import { writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { accountSchema, readJsonl, readScenarios, type Account } from '../src/eval/dataset.ts';
import { judgeUrgency, ruleUrgency, URGENT_REASONS } from '../src/tickets/urgency.ts';
import { URGENCY_LABELS, urgencyFeatures, useUrgencyModel, type UrgencyModel } from '../src/tickets/urgency-model.ts';
import { crossValidate, trainHead, type Example, type Score } from './intent-training.ts';

const SETS = ['urgency', 'urgency2'];
/**
 * The openings of the ticket conversations, labelled urgent or not: most are ordinary complaints, which the
 * urgency sets (near misses around each rule) hold few of. An urgent opening teaches the rule the written
 * rules name for it; one they cannot name is left out, its rule unknown.
 */
async function openings(part: 'train' | 'test'): Promise<Account[]> {
  const files = (await readdir('eval/sets')).filter((f) => f.startsWith('scenarios') && f.endsWith(`.${part}.jsonl`));
  const out: Account[] = [];
  for (const f of files) {
    for (const s of await readScenarios(`eval/sets/${f}`)) {
      if (s.expect.cancelled || s.expect.urgent === undefined) continue;
      const text = s.opening;
      if (!s.expect.urgent) out.push({ id: s.id, text, urgent: false, reason: 'none' });
      else {
        const named = ruleUrgency(text).reason;
        const reason = Object.entries(URGENT_REASONS).find(([, words]) => named?.startsWith(words))?.[0];
        if (reason) out.push({ id: s.id, text, urgent: true, reason });
      }
    }
  }
  return out;
}
const read = async (part: 'train' | 'test') => [...(await Promise.all(SETS.map((s) => readJsonl(`eval/sets/${s}.${part}.jsonl`, accountSchema)))).flat(), ...(await openings(part))];

const OPTIONS = { epochs: 12, lr: 0.2, l2: 2e-3, minCount: 2, weights: 'balanced' as const };
const UP = [0.8, 0.9, 0.95, 0.98, 0.99];
const DOWN = [0.02, 0.05, 0.1, 0.2];
const COST = { missed: 2, needless: 1 };

const labels = [...URGENCY_LABELS] as string[];
const toExample = (a: Account): Example => ({ f: urgencyFeatures(a.text), y: Math.max(0, labels.indexOf(a.urgent ? a.reason : 'none')) });
const trainOn = (items: Account[]) => trainHead(labels, items.map(toExample), OPTIONS);

function score(items: Account[], m: UrgencyModel | undefined): Score {
  useUrgencyModel(m);
  let right = 0;
  let cost = 0;
  for (const a of items) {
    const got = judgeUrgency(a.text).urgent;
    if (got === a.urgent) right += 1;
    else cost += a.urgent ? COST.missed : COST.needless;
  }
  return { right, cost };
}
const share = (s: Score, n: number) => (s.right / Math.max(1, n)).toFixed(3);

const trainPart = await read('train');
const testPart = await read('test');

const pairs = UP.flatMap((upP) => DOWN.map((downP) => ({ upP, downP })));
const cv = crossValidate(trainPart, pairs, trainOn, (items, head, t) => score(items, { head, ...t }));
const rules = score(trainPart, undefined);
console.log(`rules alone: train ${share(rules, trainPart.length)} (${rules.right}/${trainPart.length}), cost ${rules.cost}`);
for (const c of cv) console.log(`up p >= ${c.upP}, down p <= ${c.downP}: five-fold on train ${share(c, trainPart.length)}, cost ${c.cost}`);
// The cheapest pair; of equal cost, the one that overrules the rules least.
const best = cv.reduce((a, b) => (b.cost < a.cost || (b.cost === a.cost && b.upP - b.downP > a.upP - a.downP) ? b : a));
const model: UrgencyModel = { head: trainOn(trainPart), upP: best.upP, downP: best.downP };
const frozenRules = score(testPart, undefined);
const frozen = score(testPart, model);
const trained = score(trainPart, model);
console.log(
  `chosen up p >= ${best.upP}, down p <= ${best.downP}: train ${share(trained, trainPart.length)} (${trained.right}/${trainPart.length}); ` +
    `frozen test (${testPart.length} accounts): rules alone ${share(frozenRules, testPart.length)} (${frozenRules.right}), rules and model ${share(frozen, testPart.length)} (${frozen.right})`,
);

if (process.argv.includes('--write')) {
  writeFileSync(new URL('../src/tickets/urgency-model.json', import.meta.url), `${JSON.stringify(model)}\n`);
  console.log('written: src/tickets/urgency-model.json');
}
