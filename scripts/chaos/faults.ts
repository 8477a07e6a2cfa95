import type { Redis } from 'ioredis';
import { pgctl } from '../../test/helpers/postgres.ts';
import type { OwnRedis } from './redis-server.ts';

/**
 * The faults the chaos run injects into the shared servers, each undone by the same object: a
 * stopped PostgreSQL is started again and a paused Redis resumed, on success, on error and on
 * Ctrl+C (`restoreAll` is synchronous-safe enough to run from a signal handler).
 */
export class Faults {
  private pgDown = false;
  counts = { kill: 0, pgStop: 0, redisPause: 0, redisDrop: 0, redisRestart: 0 };

  constructor(private readonly redis: Redis, private readonly db: number, private readonly log: (line: string) => void, private readonly own?: OwnRedis) {}

  /** Stops the PostgreSQL cluster (other users of the server see it too: keep it short). */
  stopPostgres(): void {
    this.pgDown = true;
    this.counts.pgStop += 1;
    if (!pgctl('stop')) this.log('pg_ctlcluster stop failed');
  }

  startPostgres(): void {
    if (!this.pgDown) return;
    for (let i = 0; i < 5 && !pgctl('start'); i++) this.log('pg_ctlcluster start failed; trying again');
    if (pgctl('status')) this.pgDown = false;
  }

  /** Every client of the server waits (up to `ms`, at most 3 s) for its next command. */
  async pauseRedis(ms: number): Promise<void> {
    this.counts.redisPause += 1;
    await this.redis.call('CLIENT', 'PAUSE', String(Math.min(ms, 3000)), 'ALL');
  }

  /**
   * What a Redis restart does to the service, without the restart: every connection the service
   * holds (those on our own database number) is closed by the server, and the service must
   * reconnect. A real restart would also empty the server for everyone who shares it.
   */
  async dropRedisConnections(): Promise<number> {
    this.counts.redisDrop += 1;
    const list = String(await this.redis.call('CLIENT', 'LIST'));
    const me = String(await this.redis.call('CLIENT', 'ID'));
    const ids = list
      .split('\n')
      .map((line) => ({ id: /\bid=(\d+)/.exec(line)?.[1], db: /\bdb=(\d+)/.exec(line)?.[1] }))
      .filter((c) => c.id && c.id !== me && c.db === String(this.db))
      .map((c) => c.id!);
    for (const id of ids) await this.redis.call('CLIENT', 'KILL', 'ID', id).catch(() => undefined);
    return ids.length;
  }

  /** Restarts the run's own redis-server (never the shared one: it keeps nothing on disk, so everyone's keys would go). */
  async restartRedis(): Promise<void> {
    if (!this.own) throw new Error('Redis restarts need --own-redis');
    this.counts.redisRestart += 1;
    await this.own.restart();
  }

  /** Puts both servers back as they were. */
  async restoreAll(): Promise<void> {
    this.startPostgres();
    await this.redis.call('CLIENT', 'UNPAUSE').catch(() => undefined);
  }

  /** The synchronous part of `restoreAll`, for a signal handler. */
  restorePostgresNow(): void {
    this.startPostgres();
  }
}
