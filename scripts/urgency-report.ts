/**
 * How the urgency rules (src/tickets/urgency.ts) read the accounts of eval/sets/urgency: the share
 * judged right on the train part (tuned on) and on the frozen test part (only measured), and the
 * kinds of error (rule: wanted -> judged). `--show` lists the train part's errors; the frozen
 * part's are never listed.
 *
 *   npx tsx scripts/urgency-report.ts [--show]
 */
import { readFileSync } from 'node:fs';
import { judgeUrgency } from '../src/tickets/urgency.ts';

interface Account {
  id: string;
  text: string;
  urgent: boolean;
  reason: string;
}

function report(part: 'train' | 'test', show: boolean): void {
  const items = readFileSync(`eval/sets/${process.env.SET ?? 'urgency'}.${part}.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Account);
  let right = 0;
  const errors = new Map<string, number>();
  for (const a of items) {
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
  console.log(`${part === 'train' ? 'train' : 'frozen test'}: ${right}/${items.length} (${(right / items.length).toFixed(3)})${kinds ? `; errors ${kinds}` : ''}`);
}

report('train', process.argv.includes('--show'));
report('test', false);
