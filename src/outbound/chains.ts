/**
 * Runs tasks one at a time per chat (so the pieces of an answer arrive in order) and at most
 * `maxInFlight` chats at once (so one throttled group does not hold up everybody else).
 */
export class ChatLanes {
  private readonly tails = new Map<string, Promise<void>>();
  private active = 0;
  private slotWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private queued = 0;

  constructor(private readonly maxInFlight: number) {}

  /** Tasks accepted and not finished yet. */
  get size(): number {
    return this.queued;
  }

  run(lane: string, task: () => Promise<void>): void {
    this.queued += 1;
    const prev = this.tails.get(lane) ?? Promise.resolve();
    const next = prev.then(async () => {
      await this.slot();
      try {
        await task();
      } finally {
        this.active -= 1;
        this.slotWaiters.shift()?.();
      }
    });
    const tail = next.catch(() => undefined).finally(() => {
      this.queued -= 1;
      if (this.tails.get(lane) === tail) this.tails.delete(lane);
      if (this.queued === 0) for (const w of this.idleWaiters.splice(0)) w();
    });
    this.tails.set(lane, tail);
  }

  idle(): Promise<void> {
    return this.queued === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }

  private async slot(): Promise<void> {
    if (this.active < this.maxInFlight) {
      this.active += 1;
      return;
    }
    await new Promise<void>((r) => this.slotWaiters.push(r));
    this.active += 1;
  }
}
