import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { TEXT } from '../../src/engine/replies.ts';
import { userMessageFor } from '../../src/errors.ts';

/**
 * The service as a worker meets it through the terminal pipe (`npm run chat`): one line in, the
 * answer out. The pipe has no marker between answers, so each message is followed by an empty
 * line: the service answers that without touching the conversation, and that answer (or a
 * "busy" notice when the store is away) closes the replies to the message before it.
 */

/** What an empty line is answered with, or a store-failure notice while a backend is away. */
const CLOSERS = [TEXT.empty, userMessageFor('STORE_UNAVAILABLE'), userMessageFor('LOCK_TIMEOUT'), userMessageFor('INTERNAL')];
export const BUSY = CLOSERS.slice(1);

export interface Answer {
  /** The replies to the message, as printed; undefined when the service died or went silent before any. */
  text?: string;
  ms: number;
}

export class PipedService {
  private child?: ChildProcessWithoutNullStreams;
  private buffer = '';
  /** Everything the service printed since the first start, notices sent later included. */
  transcript = '';
  starts = 0;
  private waiter?: () => void;

  constructor(private readonly command: { cmd: string; args: string[]; env: NodeJS.ProcessEnv; cwd: string }, private readonly log: (line: string) => void) {}

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  /** Starts the service and waits until it answers. */
  async start(timeoutMs = 120_000): Promise<void> {
    this.buffer = '';
    const child = spawn(this.command.cmd, this.command.args, { cwd: this.command.cwd, env: this.command.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.starts += 1;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      this.buffer += d;
      this.transcript += d;
      this.waiter?.();
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      for (const line of d.split('\n')) if (/"level":(50|60)|Error|could not start/.test(line)) this.log(`service stderr: ${line.slice(0, 300)}`);
    });
    child.on('exit', () => this.waiter?.());
    child.stdin.on('error', () => undefined);
    const first = await this.say('', timeoutMs, true);
    if (first.text === undefined) throw new Error(`the service did not answer within ${timeoutMs} ms of starting`);
  }

  /** Sends one message and returns the replies; the empty line after it closes them. */
  async say(text: string, timeoutMs = 30_000, probe = false): Promise<Answer> {
    const started = performance.now();
    this.buffer = '';
    if (!this.running) return { ms: 0 };
    this.child!.stdin.write(probe ? '\n' : `${text.replaceAll('\n', ' ')}\n\n`);
    const done = await this.until(() => (probe ? closed(this.buffer, true) : closed(this.buffer, false)) !== undefined || !this.running, timeoutMs);
    const ms = performance.now() - started;
    // A service that died after printing its answer (but before the empty line's) was still heard.
    const replies = done ? (closed(this.buffer, probe) ?? (this.running ? undefined : this.buffer.trim() || undefined)) : undefined;
    return replies === undefined ? { ms } : { text: replies, ms };
  }

  /** kill -9, as a crash or an OOM kill would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** For the process's exit hook: the service never outlives the run. */
  killNow(): void {
    if (this.running) this.child!.kill('SIGKILL');
  }

  /** Closes the input, as a worker leaving does; the service drains and exits. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  private until(check: () => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(check());
      }, timeoutMs);
      this.waiter = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(true);
      };
      this.waiter();
    });
  }
}

/**
 * The replies before the closing answer, or undefined while it has not come. A message is always
 * answered (at least with a busy notice), so a closer with nothing before it is the message's own
 * notice and the empty line's answer is still to come.
 */
function closed(buffer: string, probe: boolean): string | undefined {
  const text = buffer.trimEnd();
  for (const closer of CLOSERS) {
    if (!text.endsWith(closer)) continue;
    const before = text.slice(0, -closer.length).trim();
    if (probe || before) return before;
  }
  return undefined;
}
