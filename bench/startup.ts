import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchRow } from './run.ts';

/**
 * What `npm start` costs: seconds to a health answer on a fresh DATA_DIR and again on the data it
 * left, the resident memory of the idle service, the first console login (the embedded database
 * opens on its first need, not at start), and a piped question (`npm run chat`) from start to exit.
 * The compiled build is brought up to date first, so its compile time is not counted.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const RUN = path.join(ROOT, 'scripts/run.mjs');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * A console login with a wrong password: the first thing that needs the embedded database, which
 * opens (and on a fresh DATA_DIR is created) then. Seconds from the POST to its answer.
 */
async function firstLogin(port: number): Promise<number> {
  const page = await fetch(`http://127.0.0.1:${port}/login`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const token = /name="_login" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/login`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _login: token, username: 'bench', password: 'not-the-password', next: '/' }).toString(),
  });
  if (res.status !== 401) throw new Error(`login answered ${res.status}`);
  return (performance.now() - t0) / 1000;
}

async function startToHealth(dataDir: string, options: { login?: boolean } = {}): Promise<{ seconds: number; idleRssMb: number; loginSeconds?: number }> {
  const port = await freePort();
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), TERMINAL_CHAT: 'off', LOG_LEVEL: 'warn' };
  const t0 = performance.now();
  const child = spawn(process.execPath, [RUN, 'main'], { cwd: ROOT, env, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (performance.now() - t0 > 180_000) throw new Error('no health answer within 180 s');
      await sleep(25);
    }
    const seconds = (performance.now() - t0) / 1000;
    await sleep(3000);
    const idleRssMb = await rssMb(child.pid!);
    return { seconds, idleRssMb, ...(options.login ? { loginSeconds: await firstLogin(port) } : {}) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
  }
}

async function pipedQuestion(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [RUN, 'cli/chat'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['pipe', 'ignore', 'ignore'] });
  child.stdin.end('年票多少钱\n');
  await new Promise((resolve) => child.once('exit', resolve));
  return (performance.now() - t0) / 1000;
}

export async function benchStartup(): Promise<BenchRow[]> {
  const { buildIfStale } = (await import(path.join(ROOT, 'scripts/build.mjs'))) as { buildIfStale: () => Promise<void> };
  await buildIfStale();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nj-startup-'));
  try {
    // The fresh start's login creates the database, so the second start finds data on disk.
    const fresh = await startToHealth(path.join(dir, 'data'), { login: true });
    const again = await startToHealth(path.join(dir, 'data'), { login: true });
    const piped = await pipedQuestion(path.join(dir, 'data'));
    return [
      { name: 'npm start to a health answer, fresh DATA_DIR', value: fresh.seconds, unit: 's' },
      { name: 'npm start to a health answer, existing data', value: again.seconds, unit: 's' },
      { name: 'idle RSS of the service (embedded database)', value: again.idleRssMb, unit: 'MB', note: 'the npm wrapper adds about 50 MB' },
      { name: 'first console login, fresh DATA_DIR (creates the embedded database)', value: fresh.loginSeconds!, unit: 's' },
      { name: 'first console login, existing data (opens the embedded database)', value: again.loginSeconds!, unit: 's' },
      { name: 'piped question (echo 年票多少钱 | npm run chat), start to exit', value: piped, unit: 's' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
