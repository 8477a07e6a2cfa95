import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/**
 * A redis-server of the chaos run's own, on its own port, started the way this machine starts
 * its shared one (nothing kept on disk). Restarting it disturbs no one else.
 */
export class OwnRedis {
  private child?: ChildProcess;

  constructor(readonly port: number, private readonly extra: string[] = []) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...this.extra], { stdio: 'ignore' });
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      for (let i = 0; i < 100; i++) {
        if (await probe.connect().then(() => true, () => false)) return;
        await sleep(100);
      }
      throw new Error(`redis-server on port ${this.port} did not start`);
    } finally {
      probe.disconnect();
    }
  }

  /** Stops the server (SIGTERM: it shuts down as on `systemctl restart`) and starts it again. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** For the process's exit hook: the server never outlives the run. */
  killNow(): void {
    this.child?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}
