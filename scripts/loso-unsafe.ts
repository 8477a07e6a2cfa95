/**
 * Chooses the settings of the learned unsafe verdict by leaving out one whole set at a time: a
 * model trained on every other train part is judged on the set left out, through the full decision
 * (the written unsafe rules, the rules that come before the model, the model's threshold and the
 * safeguards that keep it from declining alone). Attack sets left out give the recall on writers the
 * model never saw; lawful sets left out, and the opening messages of the train ticket conversations
 * (never trained on), give the lawful messages it would decline. Only train parts are read.
 *
 *   npx tsx scripts/loso-unsafe.ts [--folds=a,b] [--configs=name,…]
 */
import { readQuestions, readScenarios } from '../src/eval/dataset.ts';
import { featuresOf, predict, type Head } from '../src/intents/classifier.ts';
import { detectIntent, UNSAFE_HEAD_MIN_P, unsafeKind, unsafeSafeguards } from '../src/intents/detect.ts';
import { normalizeText } from '../src/intents/normalize.ts';
import { INTENTS } from '../src/intents/types.ts';
import { ENTRY_SETS, trainHead, type TrainOptions } from './intent-training.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const ATTACK_SETS = ['attacks', 'attacks2', 'attacks3', 'attacks4', 'attacks5', 'attacks6', 'attacks-extra'];
const LAWFUL_SETS = ['questions', 'abstain', 'rights', 'honest', 'wild', 'rights2', 'newdocs', 'rights3', 'realq', 'realq2', 'asks', ...ENTRY_SETS];
const SETS = [...ATTACK_SETS, ...LAWFUL_SETS];
const FOLDS = arg('folds')?.split(',') ?? SETS;
const SCENARIO_SETS = ['scenarios', 'scenarios-extra', 'scenarios-extra2', 'scenarios-extra3', 'scenarios-extra4', 'scenarios-extra5', 'scenarios-extra6', 'scenarios-extra7', 'scenarios-extra8', 'scenarios-extra9', 'scenarios-extra10', 'scenarios-extra11'];

interface Item {
  set: string;
  unsafe: boolean;
  intent: number;
  f: string[];
  /** The written unsafe rules decline it. */
  rules: boolean;
  /** A rule before the model (ticket status, greeting, handoff) decides it. */
  early: boolean;
  guards: string[];
}

const intents = [...INTENTS];
const item = (set: string, text: string, intent: string): Item => {
  const t = normalizeText(text);
  const forced = detectIntent(t, { hits: [], unsafe: 'none', learned: { intent: { unsafe: 1 }, want: {}, unsafe: 1 } });
  return {
    set,
    unsafe: intent === 'unsafe',
    intent: intents.indexOf(intent as (typeof INTENTS)[number]),
    f: featuresOf(t),
    rules: unsafeKind(t) !== undefined,
    early: forced.source === 'rules' && ['ticket_status', 'greeting', 'handoff'].includes(forced.intent),
    guards: unsafeSafeguards(t),
  };
};
const items: Item[] = [];
for (const set of SETS) for (const q of await readQuestions(`eval/sets/${set}.train.jsonl`)) items.push(item(set, q.text, q.intent));
const openings: Item[] = [];
for (const set of SCENARIO_SETS) for (const s of await readScenarios(`eval/sets/${set}.train.jsonl`)) openings.push(item(set, s.opening, 'opening'));
console.log(`${items.length} train items (${items.filter((i) => i.unsafe).length} unsafe), ${openings.length} openings; rules decline ${openings.filter((o) => o.rules).length} openings`);

interface Config {
  name: string;
  /** 'intent': the intent head's unsafe share (today); 'binary': an unsafe head of its own; 'both': the lesser of the two. */
  kind: 'intent' | 'binary' | 'both';
  options: TrainOptions;
}
const CONFIGS: Config[] = ([
  { name: 'intent', kind: 'intent', options: {} },
  { name: 'bin-bal-l2=1e-3', kind: 'binary', options: { weights: 'balanced', l2: 1e-3 } },
  { name: 'bin-none-l2=1e-3', kind: 'binary', options: { weights: 'none', l2: 1e-3 } },
  { name: 'bin-bal-l2=1e-4', kind: 'binary', options: { weights: 'balanced', l2: 1e-4 } },
  { name: 'bin-bal-l2=3e-3', kind: 'binary', options: { weights: 'balanced', l2: 3e-3 } },
  { name: 'bin-bal-l2=1e-3-ep20', kind: 'binary', options: { weights: 'balanced', l2: 1e-3, epochs: 20 } },
  { name: 'both-bal-l2=1e-3', kind: 'both', options: { weights: 'balanced', l2: 1e-3 } },
  { name: 'both-bal-l2=3e-3', kind: 'both', options: { weights: 'balanced', l2: 3e-3 } },
  { name: 'both-none-l2=1e-3', kind: 'both', options: { weights: 'none', l2: 1e-3 } },
] satisfies Config[]).filter((c) => !arg('configs') || arg('configs')!.split(',').includes(c.name));

function train(c: Config, data: Item[]): (i: Item) => number {
  const intent = () => {
    const head = trainHead(intents, data.filter((i) => i.intent >= 0).map((i) => ({ f: i.f, y: i.intent })));
    return (i: Item) => predict(head, i.f)['unsafe'] ?? 0;
  };
  if (c.kind === 'intent') return intent();
  const head: Head = trainHead(['safe', 'unsafe'], data.map((i) => ({ f: i.f, y: i.unsafe ? 1 : 0 })), c.options);
  const binary = (i: Item) => predict(head, i.f)['unsafe'] ?? 0;
  if (c.kind === 'binary') return binary;
  const fromIntent = intent();
  return (i) => Math.min(binary(i), fromIntent(i));
}

/** Held-out probabilities: per config, per item (index in items) from the model that left its set out; openings from the model trained on everything. */
const held = new Map<string, { p: number[]; open: number[] }>();
for (const c of CONFIGS) {
  const p = items.map(() => NaN);
  const started = Date.now();
  for (const fold of FOLDS) {
    const score = train(c, items.filter((i) => i.set !== fold));
    items.forEach((i, k) => {
      if (i.set === fold) p[k] = score(i);
    });
  }
  const all = train(c, items);
  held.set(c.name, { p, open: openings.map(all) });
  console.log(`trained ${c.name} on ${FOLDS.length} folds + all in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const ALL_GUARDS = ['reports_others', 'asks_to_act', 'own_exposure', 'done_to_me', 'own_details', 'judges_it', 'withdraws'];
const modelDeclines = (i: Item, p: number, thr: number, guards: string[]) => !i.early && p >= thr && !i.guards.some((g) => guards.includes(g));
const declines = (i: Item, p: number, thr: number, guards: string[]) => i.rules || modelDeclines(i, p, thr, guards);

interface Figures {
  /** Per attack fold: unsafe declined (full), unsafe the rules miss that the model declines, lawful declined. */
  folds: Record<string, { unsafe: number; declined: number; missed: number; byModel: number; lawful: number; falseDeclined: number }>;
  attackRecall: number;
  /** Unsafe items of the attack folds the model declines alone, rules aside (the rules were written from these very sets). */
  alone: number;
  modelShare: string;
  lawfulFd: number;
  lawfulFdText: string;
  openFd: number;
}

function figures(c: string, thr: number, guards: string[]): Figures {
  const h = held.get(c)!;
  const folds: Figures['folds'] = {};
  let lawful = 0;
  let fd = 0;
  items.forEach((i, k) => {
    if (!FOLDS.includes(i.set)) return;
    const f = (folds[i.set] ??= { unsafe: 0, declined: 0, missed: 0, byModel: 0, lawful: 0, falseDeclined: 0 });
    const d = declines(i, h.p[k]!, thr, guards);
    if (i.unsafe) {
      f.unsafe += 1;
      if (d) f.declined += 1;
      if (!i.rules) {
        f.missed += 1;
        if (d) f.byModel += 1;
      }
    } else {
      f.lawful += 1;
      lawful += 1;
      if (d) {
        f.falseDeclined += 1;
        fd += 1;
      }
    }
  });
  const attack = ATTACK_SETS.filter((s) => folds[s]);
  const sum = (key: 'unsafe' | 'declined' | 'missed' | 'byModel') => attack.reduce((a, s) => a + folds[s]![key], 0);
  const openFd = openings.filter((o, k) => declines(o, h.open[k]!, thr, guards)).length;
  return {
    folds,
    attackRecall: sum('declined') / Math.max(1, sum('unsafe')),
    alone: items.filter((i, k) => ATTACK_SETS.includes(i.set) && FOLDS.includes(i.set) && i.unsafe && modelDeclines(i, h.p[k]!, thr, guards)).length,
    modelShare: `${sum('byModel')}/${sum('missed')}`,
    lawfulFd: fd,
    lawfulFdText: `${fd}/${lawful}`,
    openFd,
  };
}

/** Unsafe declined by the model alone, rules aside: how the learned part generalizes on its own. */
function modelAlone(c: string, thr: number, guards: string[]): string {
  const h = held.get(c)!;
  let n = 0;
  let d = 0;
  items.forEach((i, k) => {
    if (!ATTACK_SETS.includes(i.set) || !FOLDS.includes(i.set) || !i.unsafe) return;
    n += 1;
    if (modelDeclines(i, h.p[k]!, thr, guards)) d += 1;
  });
  return `${d}/${n}`;
}

const row = (c: string, thr: number, guards: string[], label = '') => {
  const f = figures(c, thr, guards);
  const h = held.get(c)!;
  const perFold = Object.entries(f.folds)
    .map(([s, x]) => {
      const alone = items.filter((i, k) => i.set === s && i.unsafe && modelDeclines(i, h.p[k]!, thr, guards)).length;
      return x.unsafe ? `${s} ${x.declined}/${x.unsafe} (model alone ${alone}, +${x.byModel}/${x.missed} beside rules) fd ${x.falseDeclined}/${x.lawful}` : `${s} fd ${x.falseDeclined}/${x.lawful}`;
    })
    .join(' | ');
  console.log(`${c.padEnd(22)} p>=${thr.toFixed(2)} ${label.padEnd(16)} attack recall ${(f.attackRecall * 100).toFixed(1)}%  model beside rules ${f.modelShare}  model alone ${modelAlone(c, thr, guards)}  lawful fd ${f.lawfulFdText}  openings fd ${f.openFd}/${openings.length}`);
  if (process.argv.includes('--folds-detail')) console.log(`    ${perFold}`);
  return f;
};

const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95];
console.log('\nEvery safeguard applies:');
for (const c of CONFIGS) for (const thr of THRESHOLDS) row(c.name, thr, ALL_GUARDS);
/** The shipped setting (UNSAFE_HEAD in intent-training.ts, UNSAFE_HEAD_MIN_P in detect.ts): a choice must decline no more lawful messages. */
const TODAY = { c: 'both-bal-l2=3e-3', thr: UNSAFE_HEAD_MIN_P };
const base = figures(TODAY.c, TODAY.thr, ALL_GUARDS);
// The best setting: the most held-out unsafe declined by the model with no more lawful declines (held-out sets and openings) than today.
let chosen: { c: string; thr: number; guards: string[]; f: Figures } | undefined;
const subsets = [ALL_GUARDS, ...ALL_GUARDS.map((g) => ALL_GUARDS.filter((x) => x !== g))];
for (const c of CONFIGS)
  for (const thr of THRESHOLDS)
    for (const guards of subsets) {
      const f = figures(c.name, thr, guards);
      if (f.lawfulFd > base.lawfulFd || f.openFd > base.openFd) continue;
      if (!chosen || f.alone > chosen.f.alone || (f.alone === chosen.f.alone && f.lawfulFd < chosen.f.lawfulFd)) chosen = { c: c.name, thr, guards, f };
    }
console.log('\nSafeguards one at a time left out, for the chosen config:');
if (chosen) for (const g of ALL_GUARDS.filter((x) => chosen!.guards.includes(x))) row(chosen.c, chosen.thr, ALL_GUARDS.filter((x) => x !== g), `without ${g}`);
console.log('\nToday and the choice, per fold:');
const detail = (c: string, thr: number, guards: string[], label: string) => {
  const f = row(c, thr, guards, label);
  const h = held.get(c)!;
  for (const [s, x] of Object.entries(f.folds)) {
    const alone = items.filter((i, k) => i.set === s && i.unsafe && modelDeclines(i, h.p[k]!, thr, guards)).length;
    console.log(`    ${s.padEnd(14)} unsafe declined ${x.declined}/${x.unsafe}, by the model alone ${alone}/${x.unsafe}, lawful declined ${x.falseDeclined}/${x.lawful}`);
  }
};
detail(TODAY.c, TODAY.thr, ALL_GUARDS, 'today');
if (chosen) {
  detail(chosen.c, chosen.thr, chosen.guards, 'chosen');
  console.log(`chosen: ${chosen.c} p>=${chosen.thr} safeguards ${chosen.guards.join(',')}`);
}
