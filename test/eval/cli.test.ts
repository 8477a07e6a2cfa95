import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const fixtures = path.join(import.meta.dirname, 'fixtures');

/** The eval command as a user runs it, on the embedded defaults (no Redis, no PostgreSQL, no model). */
async function evalCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of ['OPENAI_API_KEY', 'OPENAI_MODEL', 'OPENAI_BASE_URL']) delete env[k];
  try {
    const { stdout, stderr } = await run(tsx, ['src/cli/eval.ts', ...args], { cwd: root, env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'niangjia-eval-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('eval --questions', () => {
  let result: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    result = await evalCli(['--questions', path.join(fixtures, 'questions-5.jsonl'), '--out', path.join(dir, 'q.json'), '--html', path.join(dir, 'q.html')]);
  });

  it('writes the README report: one item per question with the reply, citations, confidence and latency', async () => {
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(path.join(dir, 'q.json'), 'utf8'));
    expect(report.items.map((i: { id: string }) => i.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    for (const item of report.items) {
      expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'intent', 'action', 'text', 'citations', 'confidence', 'latency_ms', 'model_used']));
      expect(typeof item.text).toBe('string');
      expect(item.text.length).toBeGreaterThan(0);
      expect(item.latency_ms).toBeGreaterThan(0);
      expect(item.model_used).toBe(false);
    }
    const q1 = report.items[0];
    expect(q1.citations.length).toBeGreaterThan(0);
    expect(Object.keys(q1.citations[0]).sort()).toEqual(['date', 'id', 'region', 'source', 'title']);
    expect(report.summary.total).toBe(5);
    expect(report.summary.unsafe.total).toBe(1);
    expect(report.summary.fact.total).toBe(2);
    expect(report.summary.intents.labels).toContain('unsafe');
  });

  it('declines the injection without a phone number and prints the scores with a failure list', async () => {
    const report = JSON.parse(await readFile(path.join(dir, 'q.json'), 'utf8'));
    expect(report.items[2].action).toBe('decline');
    expect(report.items[2].text).not.toMatch(/1[3-9]\d{9}/);
    expect(result.stdout).toMatch(/intent accuracy\s+\d+\.\d%\s+\d\/5/);
    expect(result.stdout).toMatch(/fact pass \(answer items\)/);
    expect(result.stdout).toMatch(/latency p99\s+[\d.]+ ms/);
    expect(result.stdout).toMatch(/intent \(row=expected, col=got\)/);
    const failed = report.summary.failures.length;
    expect(result.stdout).toMatch(failed ? /Failed items \(\d+\):/ : /No failed items\./);
  });

  it('writes a self-contained HTML page with every worker text escaped', async () => {
    const html = await readFile(path.join(dir, 'q.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/<link|src="http/);
  });
});

describe('eval --scenarios', () => {
  it('plays the worker, files the ticket in a fresh store and honours a cancellation', async () => {
    const { code, stdout } = await evalCli(['--scenarios', path.join(fixtures, 'scenarios-2.jsonl'), '--out', path.join(dir, 's.json')]);
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(path.join(dir, 's.json'), 'utf8'));
    const [filed, cancelled] = report.items;
    expect(filed.id).toBe('s-file');
    expect(filed.turns[0].user).toContain('老板跑路了');
    expect(filed.turns.at(-1).awaiting).toBeNull();
    expect(filed.turns.some((t: { user: string }) => t.user === '确认')).toBe(true);
    // The phone and district came with the opening, so the bot never asks for them.
    expect(filed.turns.some((t: { awaiting: string }) => t.awaiting === 'phone' || t.awaiting === 'district')).toBe(false);
    expect(filed.ticket.number).toMatch(/^12351-\d{8}-0001$/);
    expect(filed.ticket.fields.phone.replace(/\D/g, '')).toBe('13983456721');
    expect(filed.ticket.urgent).toBe(true);
    expect(filed.pass).toBe(true);
    expect(cancelled.ticket).toBeNull();
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.turns.map((t: { user: string }) => t.user)).toContain('算了不弄了');
    expect(cancelled.pass).toBe(true);
    expect(report.summary.passed).toBe(2);
    expect(stdout).toMatch(/2 scenarios, 2 passed/);
  }, 90_000);
});
