import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const questions = path.join(import.meta.dirname, 'fixtures', 'questions-5.jsonl');

interface Item {
  id: string;
  intent: string;
  action: string;
  text: string;
  model_used: boolean;
  prompt_tokens: number;
  completion_tokens: number;
}

/** Runs the eval command with the model path pointed at `baseURL` (or off), returns the report and stdout. */
async function evalWith(outFile: string, baseURL?: string): Promise<{ items: Item[]; summary: Record<string, unknown>; stdout: string }> {
  const env: Record<string, string | undefined> = { ...process.env, OPENAI_API_KEY: undefined, OPENAI_MODEL: undefined, OPENAI_BASE_URL: undefined };
  if (baseURL) Object.assign(env, { OPENAI_API_KEY: 'sk-eval', OPENAI_MODEL: 'fake-model', OPENAI_BASE_URL: baseURL, MODEL_TIMEOUT_MS: '3000' });
  const { stdout } = await run(tsx, ['src/cli/eval.ts', '--questions', questions, '--out', outFile], { cwd: root, env, maxBuffer: 16 * 1024 * 1024 });
  const report = JSON.parse(await readFile(outFile, 'utf8')) as { items: Item[]; summary: Record<string, unknown> };
  return { ...report, stdout };
}

describe('eval with the model path on', () => {
  let dir: string;
  let fake: FakeOpenAI;
  let offline: Awaited<ReturnType<typeof evalWith>>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'niangjia-eval-model-'));
    fake = await startFakeOpenAI();
    offline = await evalWith(path.join(dir, 'offline.json'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('scores exactly the offline engine when the endpoint fails on every call', async () => {
    fake.respond({ status: 500, message: 'upstream down' });
    const failing = await evalWith(path.join(dir, 'failing.json'), fake.baseURL);
    expect(fake.requests.length).toBeGreaterThan(0);
    const strip = (items: Item[]) => items.map((i) => ({ id: i.id, intent: i.intent, action: i.action, text: i.text }));
    expect(strip(failing.items)).toEqual(strip(offline.items));
    expect(failing.items.every((i) => !i.model_used)).toBe(true);
    for (const k of ['intent_accuracy', 'action_accuracy', 'fact', 'citation', 'unsafe']) expect(failing.summary[k]).toEqual(offline.summary[k]);
    expect(failing.stdout).toMatch(/answered by the model\s+0/);
  }, 90_000);

  it('marks the items the model answered, with their token counts, and totals them in the summary', async () => {
    fake.respond((req) =>
      JSON.stringify(req.body).includes('cq-nianpiao-200yuan-huifei')
        ? { text: '工会文旅年票每张价值200元，基层工会可以用会费购买 [[cq-nianpiao-200yuan-huifei]]。', usage: { prompt: 400, completion: 40 } }
        : { status: 500 },
    );
    const on = await evalWith(path.join(dir, 'on.json'), fake.baseURL);
    const q1 = on.items.find((i) => i.id === 'q1')!;
    expect(q1.model_used).toBe(true);
    expect(q1.prompt_tokens).toBe(400);
    expect(q1.completion_tokens).toBe(40);
    expect(q1.text).toMatch(/200元/);
    expect(on.items.find((i) => i.id === 'q3')!.model_used).toBe(false);
    expect(on.summary.model).toMatchObject({ answered: 1, prompt_tokens: 400, completion_tokens: 40 });
    expect(on.stdout).toMatch(/answered by the model\s+1\s+1\/5/);
  }, 90_000);
});
