/**
 * Chooses how sure the want head must be before it makes a request to act of a message the written cues
 * read as a question (`actMinP` in src/intents/intent-model.json). The head's own train examples cannot
 * judge it: it has learned them. So the want examples are cut in five folds; each fold's head is trained on
 * the other four and the whole engine answers the fold's messages at every bar. Beside them, the train parts
 * of the question sets the want head never learns from show what each bar costs in questions sent to the form.
 * Only train parts are read; the frozen parts are left to `npm run eval` and scripts/openings-report.ts.
 *
 *   npx tsx scripts/cv-want.ts [--bars=0.5,0.7,0.9,0.97]
 */
import { readFileSync } from 'node:fs';
import { questionSchema, type Question } from '../src/eval/dataset.ts';
import { runQuestions } from '../src/eval/questions.ts';
import { createEvalWorld } from '../src/eval/world.ts';
import { featuresOf, useIntentModel, type Head, type IntentModel } from '../src/intents/classifier.ts';
import {
  actOpenings,
  DEFAULT_SCENARIO_SETS,
  DEFAULT_WANT_SETS,
  firstMessageWants,
  loadSets,
  trainHead,
  wantOfQuestions,
  WANTS,
  type WantExample,
} from './intent-training.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const BARS = (arg('bars') ?? '0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.97').split(',').map(Number);
const FOLDS = 5;
/** Train parts the want head never learns from: every bar is judged on them with the head trained on all its examples. */
const UNSEEN_SETS = ['wild', 'honest', 'asks', 'realq', 'realq2', 'rights2', 'rights3', 'newdocs'];
const HEAD = { epochs: 10, l2: 1e-3, minCount: 2 };

const shipped = JSON.parse(readFileSync(new URL('../src/intents/intent-model.json', import.meta.url), 'utf8')) as IntentModel;
const wantQuestions = await loadSets('train', DEFAULT_WANT_SETS);
const examples: (WantExample & { q: Question })[] = [];
const asQuestion = (id: string, text: string, y: number): Question =>
  questionSchema.parse({ id, text, intent: 'rights', action: WANTS[y] === 'act' ? 'create_ticket' : WANTS[y] === 'vague' ? 'clarify' : 'answer' });
for (const q of wantQuestions) {
  const [e] = wantOfQuestions([q]);
  if (e) examples.push({ ...e, q });
}
(await actOpenings(DEFAULT_SCENARIO_SETS)).forEach((t, i) => examples.push({ t, y: WANTS.indexOf('act'), q: asQuestion(`opening-${i}`, t, WANTS.indexOf('act')) }));
(await firstMessageWants('train')).forEach((e, i) => examples.push({ ...e, q: asQuestion(`first-${i}`, e.t, e.y) }));
const unseen = (await loadSets('train', UNSEEN_SETS)).filter((q) => q.expect === 'abstain' || wantOfQuestions([q]).length > 0);
console.log(`${examples.length} want examples in ${FOLDS} folds; ${unseen.length} questions of sets the head never learns from`);

const foldOf = (t: string) => [...t].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % FOLDS;
const learn = (data: WantExample[]): Head => trainHead([...WANTS], data.map((e) => ({ f: featuresOf(e.t), y: e.y })), HEAD);

const world = await createEvalWorld(process.env);
/** The engine's action for each question with the want head and bar given. */
async function actions(want: Head, bar: number, qs: readonly Question[]): Promise<string[]> {
  useIntentModel({ ...shipped, want, actMinP: bar });
  const { engine } = await world.open();
  return (await runQuestions(engine, qs)).map((r) => r.action);
}

interface Tally {
  actRight: number;
  act: number;
  falseAct: number;
  notAct: number;
  unseenFalseAct: number;
  unseenMissed: number;
}
const tallies = new Map<number, Tally>(BARS.map((b) => [b, { actRight: 0, act: 0, falseAct: 0, notAct: 0, unseenFalseAct: 0, unseenMissed: 0 }]));
try {
  for (let k = 0; k < FOLDS; k++) {
    const held = examples.filter((e) => foldOf(e.t) === k);
    const head = learn(examples.filter((e) => foldOf(e.t) !== k));
    for (const bar of BARS) {
      const got = await actions(head, bar, held.map((e) => e.q));
      const t = tallies.get(bar)!;
      held.forEach((e, i) => {
        const acted = got[i] === 'create_ticket';
        if (WANTS[e.y] === 'act') {
          t.act += 1;
          if (acted) t.actRight += 1;
        } else {
          t.notAct += 1;
          if (acted) t.falseAct += 1;
        }
      });
    }
  }
  const whole = learn(examples);
  for (const bar of BARS) {
    const got = await actions(whole, bar, unseen);
    const t = tallies.get(bar)!;
    unseen.forEach((q, i) => {
      const acted = got[i] === 'create_ticket';
      const wantsAct = q.action === 'create_ticket' && q.expect !== 'abstain';
      if (acted && !wantsAct && !q.action_also?.includes('create_ticket')) t.unseenFalseAct += 1;
      if (!acted && wantsAct) t.unseenMissed += 1;
    });
  }
} finally {
  useIntentModel(shipped);
  await world.close();
}
console.log('bar   requests to act started (held-out folds)   questions sent to the form (folds)   unseen sets: sent to the form / requests missed');
for (const [bar, t] of tallies) {
  console.log(`${bar.toFixed(2)}  ${t.actRight}/${t.act} (${(t.actRight / t.act).toFixed(3)})`.padEnd(48) + `${t.falseAct}/${t.notAct}`.padEnd(38) + `${t.unseenFalseAct} / ${t.unseenMissed}`);
}
