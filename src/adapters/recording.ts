import type { Platform, Reply } from '../core/message.ts';
import type { Capabilities, Channel } from './channel.ts';

export interface RecordedSend {
  chatId: string;
  reply: Reply;
  /** Date.now() when send was called. */
  at: number;
}

export interface RecordingChannelOptions {
  platform?: Platform;
  capabilities?: Partial<Capabilities>;
  /**
   * Runs before a send is recorded; throwing makes that send fail (a platform error), so tests
   * can play a flaky network without a mock library.
   */
  beforeSend?: (chatId: string, reply: Reply, attempt: number) => void | Promise<void>;
}

/**
 * A Channel that keeps what it was asked to send. Engine, queue and adapter tests assert on the
 * recorded messages, the way a worker would see them arrive.
 */
export class RecordingChannel implements Channel {
  readonly platform: Platform;
  readonly capabilities: Capabilities;
  readonly sent: RecordedSend[] = [];
  /** Every call, including the ones that failed. */
  attempts = 0;
  private readonly beforeSend: RecordingChannelOptions['beforeSend'];
  private waiters: { n: number; resolve: () => void }[] = [];

  constructor(options: RecordingChannelOptions = {}) {
    this.platform = options.platform ?? 'terminal';
    this.capabilities = { buttons: false, markdown: false, maxLength: 4000, ...options.capabilities };
    this.beforeSend = options.beforeSend;
  }

  async send(chatId: string, reply: Reply): Promise<void> {
    this.attempts += 1;
    const at = Date.now();
    await this.beforeSend?.(chatId, reply, this.attempts);
    this.sent.push({ chatId, reply, at });
    this.waiters = this.waiters.filter((w) => {
      if (this.sent.length < w.n) return true;
      w.resolve();
      return false;
    });
  }

  texts(chatId?: string): string[] {
    return this.sent.filter((s) => chatId === undefined || s.chatId === chatId).map((s) => s.reply.text);
  }

  /** Resolves once `n` messages have been recorded; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs = 5000): Promise<void> {
    if (this.sent.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${this.sent.length} of ${n} messages sent within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}
