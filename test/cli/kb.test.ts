import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKnowledge } from '../../src/knowledge/check.ts';
import type { Passage } from '../../src/knowledge/entry.ts';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

async function kb(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ['src/cli/kb.ts', ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('kb check', () => {
  it('reports every problem in a bad knowledge folder, naming the file and the field', async () => {
    const result = await checkKnowledge(path.join(root, 'test/fixtures/kb-bad'));
    const lines = result.problems.map((p) => `${path.basename(p.file)} ${p.field ?? '-'} ${p.message}`);
    expect(lines.some((l) => l.startsWith('bad-fields.md topic'))).toBe(true);
    expect(lines.some((l) => l.startsWith('bad-fields.md date'))).toBe(true);
    expect(lines.some((l) => l.startsWith('bad-fields.md questions'))).toBe(true);
    expect(lines.some((l) => l.startsWith('no-front-matter.md - missing front matter'))).toBe(true);
    expect(lines.some((l) => l.startsWith('same-id.md id duplicate id "fixture-pass-value"'))).toBe(true);
    // Punctuation alone does not make a new phrasing, and one changed character is near-identical.
    expect(lines.some((l) => l.startsWith('same-id.md questions.0 duplicate phrasing'))).toBe(true);
    expect(lines.some((l) => /^same-id\.md questions\.1 near-identical/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('这份条目的独有问法'))).toBe(false);
  });

  it('refuses a rights entry without a law-and-article citation, a full date, or the law named in its answer', async () => {
    const result = await checkKnowledge(path.join(root, 'test/fixtures/kb-bad'));
    const lines = result.problems.map((p) => `${path.basename(p.file)} ${p.field ?? '-'} ${p.message}`);
    // An id in the law- series is a rights entry even without a law field.
    expect(lines.some((l) => l.startsWith('law-no-citation.md law a rights entry must cite'))).toBe(true);
    expect(lines.some((l) => l.startsWith('law-no-citation.md date a rights entry needs the full date'))).toBe(true);
    // A law field makes any entry a rights entry: each citation needs 《name》 and 第…条.
    expect(lines.some((l) => l.startsWith('law-bad-citation.md law.0 "劳动合同法" does not name a law'))).toBe(true);
    expect(lines.some((l) => l.startsWith('law-bad-citation.md law.1 "《劳动合同法》" does not name a law'))).toBe(true);
    expect(lines.some((l) => l.startsWith('law-bad-citation.md answer the answer must name the law'))).toBe(true);
    expect(lines.some((l) => l.startsWith('law-bad-citation.md date'))).toBe(false);
    expect(lines.some((l) => l.startsWith('good-pass.md'))).toBe(false);
  });

  it('exits 1 and prints the files with their problems', async () => {
    const { code, stdout } = await kb(['check', '--dir', 'test/fixtures/kb-bad']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/test\/fixtures\/kb-bad\/bad-fields\.md\n\s+topic: /);
    expect(stdout).toMatch(/problem\(s\) in 5 file\(s\)/);
  });

  it('passes the shipped knowledge base', async () => {
    const { code, stdout } = await kb(['check']);
    expect(stdout).toMatch(/^OK: \d+ entries/);
    expect(code).toBe(0);
  });
});

describe('kb ingest', () => {
  let dataDir: string;
  let ingested: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'niangjia-ingest-'));
    ingested = await kb(['ingest', 'test/fixtures/ingest-docs'], { DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes passages of about 300 characters with title, region and date, skipping other files', async () => {
    const { code, stdout, stderr } = ingested;
    expect(code).toBe(0);
    expect(stderr).toMatch(/ingest \[2\/2\]/);
    expect(stdout).toMatch(/passages from 2 documents/);
    const files = (await readdir(path.join(dataDir, 'passages'))).sort();
    expect(files).toHaveLength(2);
    const passages: Passage[] = [];
    for (const f of files) passages.push(...(JSON.parse(await readFile(path.join(dataDir, 'passages', f), 'utf8')) as Passage[]));
    const rest = passages.filter((p) => p.title === '示例省总工会疗休养通知');
    expect(rest.length).toBeGreaterThan(0);
    expect(rest[0]!.date).toBe('2025-03-18');
    expect(rest.every((p) => p.region === '浙江')).toBe(true);
    const aid = passages.filter((p) => p.title === '冬季送温暖慰问金发放情况');
    expect(aid.length).toBeGreaterThan(1);
    for (const p of aid) {
      expect([...p.text].length).toBeLessThanOrEqual(450);
      expect(p.text).toMatch(/[。0-9]$/);
    }
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
  });

  it('makes ingested passages findable by search and by kb search', async () => {
    const kbase = await loadKnowledgeBase(path.join(root, 'knowledge'), { passagesDir: path.join(dataDir, 'passages') });
    const hits = kbase.retriever.search('冬季送温暖慰问金每户标准多少 区总工会转账', { k: 10 });
    expect(hits.some((h) => h.entry.title === '冬季送温暖慰问金发放情况')).toBe(true);
    const { code, stdout } = await kb(['search', '示例省总工会疗休养通知 个人不承担住宿'], { DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/passage|示例省总工会/);
  });
});
