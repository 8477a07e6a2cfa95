import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

describe('a newcomer’s first commands', () => {
  it('`npm run eval` without arguments, with no shared/eval beside the clone, says where the questions are expected and how to pass a file', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'nj-eval-'));
    try {
      const err = await run(tsx, [path.join(root, 'src/cli/eval.ts')], { cwd, env: { ...process.env, LOG_LEVEL: 'silent' } }).then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(err?.code).toBe(2);
      expect(err?.stderr).toContain('shared/eval/dev.jsonl');
      expect(err?.stderr).toContain('--questions path/to/questions.jsonl');
      expect(err?.stderr).not.toContain('ENOENT');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  }, 60_000);

  it('the README’s pipe example is a plain shell line when copied from the raw file', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain('```sh\necho 年票多少钱 | npm run --silent chat\n```');
    for (const code of readme.matchAll(/`([^`\n]+)`/g)) expect(code[1]).not.toContain('\\|');
  });
});
