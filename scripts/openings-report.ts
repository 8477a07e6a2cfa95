/**
 * Whether the engine starts the ticket form for the first messages of eval/sets/openings that ask
 * the union to act, and answers the ones that ask to know: the share right on the train part (tuned
 * on) and on the frozen test part (only measured), with the kinds of error (wanted -> the reply's
 * action). `--show` lists the train part's errors; the frozen part's are never listed.
 *
 *   npx tsx scripts/openings-report.ts [--show]
 */
import { openingSchema, questionSchema, readJsonl } from '../src/eval/dataset.ts';
import { runQuestions } from '../src/eval/questions.ts';
import { createEvalWorld } from '../src/eval/world.ts';

const world = await createEvalWorld(process.env);
try {
  for (const part of ['train', 'test'] as const) {
    const items = await readJsonl(`eval/sets/openings.${part}.jsonl`, openingSchema);
    const { engine } = await world.open();
    const asked = items.map((o) => questionSchema.parse({ id: o.id, text: o.text, intent: 'rights', action: o.want === 'act' ? 'create_ticket' : 'answer' }));
    const replies = await runQuestions(engine, asked);
    let right = 0;
    const errors = new Map<string, number>();
    items.forEach((o, i) => {
      const action = replies[i]!.action;
      if ((o.want === 'act') === (action === 'create_ticket')) return void (right += 1);
      const kind = `${o.want} -> ${action}`;
      errors.set(kind, (errors.get(kind) ?? 0) + 1);
      if (part === 'train' && process.argv.includes('--show')) console.log(`  ${o.id} want ${o.want}, got ${action}: ${o.text}`);
    });
    const kinds = [...errors].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ×${n}`).join(', ');
    console.log(`${part === 'train' ? 'train' : 'frozen test'}: ${right}/${items.length} (${(right / items.length).toFixed(3)})${kinds ? `; errors ${kinds}` : ''}`);
  }
} finally {
  await world.close();
}
