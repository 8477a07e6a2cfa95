import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('[terminal test] skipped: tmux not found (apt-get install -y tmux)');

/** `npm start` in a real terminal (tmux), typed into as a worker would. */
describe.skipIf(!hasTmux)('the terminal chat of npm start, in tmux', () => {
  const server = `nj-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', server, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'chat');
  let dir: string;

  async function until(check: (text: string) => boolean, timeoutMs: number, what: string): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const text = screen();
      if (check(text)) return text;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nj-tmux-'));
    const env = `DATA_DIR=${dir}/data PORT=0 TERMINAL_CHAT=auto`;
    tmux('new-session', '-d', '-s', 'chat', '-x', '110', '-y', '50', '-c', root, `env ${env} npm start`);
  });
  afterAll(async () => {
    spawnSync('tmux', ['-L', server, 'kill-server']);
    await rm(dir, { recursive: true, force: true });
  });

  it('echoes the typed question, answers on its own lines, redraws the prompt, and keeps JSON logs off the screen', async () => {
    // Start-up loads the knowledge base and the embedded database: generous on a busy machine.
    await until((s) => s.includes('Ctrl+D'), 150_000, 'the greeting');
    tmux('send-keys', '-t', 'chat', '-l', '年票多少钱');
    await until((s) => s.includes('> 年票多少钱'), 10_000, 'the typed question to be echoed');
    tmux('send-keys', '-t', 'chat', 'Enter');
    const shown = await until((s) => /娘家人：[\s\S]*\n> *$/.test(s.trimEnd() + ' '), 60_000, 'the answer and a new prompt');

    const lines = shown.split('\n').map((l) => l.trimEnd());
    const asked = lines.findIndex((l) => l === '> 年票多少钱');
    const answered = lines.findIndex((l) => l.startsWith('娘家人：'));
    expect(asked).toBeGreaterThanOrEqual(0);
    expect(answered).toBeGreaterThan(asked);
    expect(lines[answered]).toContain('年票');
    expect(lines.filter((l) => l.trim()).at(-1)).toBe('>');
    expect(lines.filter((l) => /^\s*\{"level"/.test(l) || /"msg":/.test(l))).toEqual([]);
    // The log went to the data folder instead.
    expect(await readFile(path.join(dir, 'data', 'niangjia.log'), 'utf8')).toContain('"msg":');

    tmux('send-keys', '-t', 'chat', 'C-d');
  }, 240_000);
});
