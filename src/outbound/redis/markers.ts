import type { Redis } from 'ioredis';
import { guard } from '../../store/redis/guard.ts';

/**
 * One key per dedupeKey records where a message is: `queued`, `sending:<consumer>`, `sent` or
 * `dropped`. Moving to `sending` is atomic, so of two consumers holding the same entry only one
 * calls the platform. A consumer that dies while `sending` leaves the message marked: it is
 * reported as uncertain and not sent again (at most once, never twice).
 */
export type BeginResult = { ok: true } | { ok: false; state: string };

const BEGIN = `
local v = redis.call('GET', KEYS[1])
if (not v) or v == 'queued' or v == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  return 'ok'
end
return v
`;

// Only the consumer that marked it may change it back or forward.
const SETIF = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
`;

export class Markers {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly ttlSeconds: number,
  ) {}

  key(dedupeKey: string): string {
    return `${this.keyPrefix}out:msg:${dedupeKey}`;
  }

  /** True when this dedupeKey was not seen before (the caller then adds it to the stream). */
  async claimNew(dedupeKey: string): Promise<boolean> {
    return (await guard('outbound enqueue', () => this.redis.set(this.key(dedupeKey), 'queued', 'EX', this.ttlSeconds, 'NX'))) === 'OK';
  }

  async forget(dedupeKey: string): Promise<void> {
    await this.redis.del(this.key(dedupeKey)).catch(() => undefined);
  }

  async begin(dedupeKey: string, consumer: string): Promise<BeginResult> {
    const v = (await guard('outbound begin', () => this.redis.eval(BEGIN, 1, this.key(dedupeKey), `sending:${consumer}`, String(this.ttlSeconds)))) as string;
    return v === 'ok' ? { ok: true } : { ok: false, state: v };
  }

  /** Takes over a message another consumer was sending when it stopped; true when this consumer now holds it. */
  async takeOver(dedupeKey: string, holder: string, consumer: string): Promise<boolean> {
    const n = await guard('outbound take over', () => this.redis.eval(SETIF, 1, this.key(dedupeKey), holder, `sending:${consumer}`, String(this.ttlSeconds)));
    return Number(n) === 1;
  }

  async finish(dedupeKey: string, consumer: string, state: 'sent' | 'dropped' | 'queued'): Promise<void> {
    await guard('outbound finish', () => this.redis.eval(SETIF, 1, this.key(dedupeKey), `sending:${consumer}`, state, String(this.ttlSeconds)));
  }
}
