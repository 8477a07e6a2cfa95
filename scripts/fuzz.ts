/**
 * `npm run fuzz [-- --messages 100000 --seed 1]`: the real turn (memory state, the shipped
 * knowledge, an in-memory ticket store) on generated conversations, as many as it takes to send
 * the given number of messages. Prints what a worker would notice: exceptions, empty replies,
 * personal numbers shown in a group, tickets confirmed, filed and doubled; then throughput and the
 * heap's peak. Exits 1 when any of those went wrong, printing the first few cases of each.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { createEngine } from '../src/engine/engine.ts';
import { buildTestServices } from '../test/fixtures/services.ts';
import { conversationScript } from '../test/fuzz/messages.ts';
import { play } from '../test/fuzz/play.ts';

const { values: args } = parseArgs({ options: { messages: { type: 'string', default: '100000' }, seed: { type: 'string', default: '20261130' } } });
const target = Number(args.messages);
const seed = Number(args.seed);

const services = await buildTestServices({ env: { RATE_LIMIT_MAX: '10000', GROUP_RATE_LIMIT_MAX: '10000' } });
const engine = createEngine(services);

const totals = { conversations: 0, messages: 0, exceptions: 0, empty: 0, answeredTwice: 0, leaks: 0, confirmed: 0, filed: 0, announced: 0, doubled: 0 };
const examples: Record<'exceptions' | 'empty' | 'answeredTwice' | 'leaks', string[]> = { exceptions: [], empty: [], answeredTwice: [], leaks: [] };
let heapPeak = 0;
const started = performance.now();
let batch = 0;

while (totals.messages < target) {
  for (const script of fc.sample(conversationScript, { numRuns: 200, seed: seed + batch })) {
    const seen = await play(engine, services.tickets, script);
    totals.conversations += 1;
    totals.messages += seen.messages;
    totals.confirmed += seen.confirmed;
    totals.filed += seen.filed;
    totals.announced += seen.announced;
    totals.doubled += seen.doubled;
    for (const kind of ['exceptions', 'empty', 'answeredTwice', 'leaks'] as const) {
      totals[kind] += seen[kind].length;
      examples[kind].push(...seen[kind].slice(0, 3 - examples[kind].length).map((s) => s.slice(0, 400)));
    }
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    if (totals.messages >= target) break;
  }
  batch += 1;
  process.stderr.write(`\r${totals.messages} messages…`);
}

const seconds = (performance.now() - started) / 1000;
process.stderr.write('\n');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
console.log(`messages            ${totals.messages} in ${totals.conversations} conversations (seed ${seed})`);
console.log(`exceptions          ${totals.exceptions}`);
console.log(`empty replies       ${totals.empty}`);
console.log(`answered twice      ${totals.answeredTwice} (a redelivered message answered again)`);
console.log(`leaks               ${totals.leaks} (phone or ID numbers in group replies)`);
console.log(`tickets confirmed   ${totals.confirmed} (forms) + ${totals.announced - totals.confirmed} hand-offs to a person`);
console.log(`tickets filed       ${totals.filed}`);
console.log(`tickets doubled     ${totals.doubled}`);
console.log(`throughput          ${(totals.messages / seconds).toFixed(0)} msgs/s over ${seconds.toFixed(0)} s`);
// With node --expose-gc (npm run fuzz passes it) the heap still in use after a collection tells growth from garbage.
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
console.log(`heap peak           ${mb(heapPeak)}${gc ? `, ${mb(process.memoryUsage().heapUsed)} in use after a collection` : ''} (rss now ${mb(process.memoryUsage().rss)})`);
for (const [kind, list] of Object.entries(examples)) for (const e of list) console.log(`  ${kind}: ${e}`);

await services.close();
const bad = totals.exceptions + totals.empty + totals.answeredTwice + totals.leaks + totals.doubled + Math.abs(totals.filed - totals.announced);
process.exit(bad ? 1 : 0);
