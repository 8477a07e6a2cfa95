/**
 * How urgency (src/tickets/urgency.ts: the written rules and the learned half beside them) reads the
 * accounts of eval/sets/urgency (SET=urgency2, SET=urgency3 for the others): the share judged right on
 * the train part and on the frozen test part (only measured), the kinds of error (rule: wanted ->
 * judged), and the written rules alone beside it. `--show` lists the train part's errors; the frozen
 * part's are never listed.
 *
 *   [SET=urgency2] npx tsx scripts/urgency-report.ts [--show]
 */
import { accountSchema, readJsonl } from '../src/eval/dataset.ts';
import { judgeUrgency, ruleUrgency } from '../src/tickets/urgency.ts';

async function report(part: 'train' | 'test', show: boolean): Promise<void> {
  const items = await readJsonl(`eval/sets/${process.env.SET ?? 'urgency'}.${part}.jsonl`, accountSchema);
  let right = 0;
  let rules = 0;
  const errors = new Map<string, number>();
  for (const a of items) {
    if (ruleUrgency(a.text).urgent === a.urgent) rules += 1;
    const judged = judgeUrgency(a.text);
    if (judged.urgent === a.urgent) {
      right += 1;
      continue;
    }
    const kind = `${a.reason}: ${a.urgent} -> ${judged.urgent}`;
    errors.set(kind, (errors.get(kind) ?? 0) + 1);
    if (show) console.log(`  ${a.id} want ${a.urgent} (${a.reason}), judged ${judged.urgent} ${judged.reason ?? ''}: ${a.text}`);
  }
  const kinds = [...errors].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ×${n}`).join(', ');
  console.log(`${part === 'train' ? 'train' : 'frozen test'}: ${right}/${items.length} (${(right / items.length).toFixed(3)}), written rules alone ${rules}${kinds ? `; errors ${kinds}` : ''}`);
}

await report('train', process.argv.includes('--show'));
await report('test', false);
