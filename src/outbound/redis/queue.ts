import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Outbound, Platform } from '../../core/message.ts';
import { guard } from '../../store/redis/guard.ts';
import type { Channel } from '../../adapters/channel.ts';
import { ChatLanes } from '../chains.ts';
import { baseChatId } from '../pacing.ts';
import { DEFAULT_RETRY, deliver } from '../deliver.ts';
import type { ManagedOutbound, OutboundOptions } from '../memory.ts';
import { Markers } from './markers.ts';
import { createRedisPacer } from './pacer.ts';

export interface RedisOutboundOptions extends OutboundOptions {
  /** The shared client; the queue makes one extra connection from it for blocking reads. */
  redis: Redis;
  keyPrefix: string;
  /** This process's name in the consumer group (default host-pid-random). */
  consumer?: string;
  /** An entry left unacknowledged this long by a consumer is taken over by another. */
  claimIdleMs?: number;
  /** How often to look for such entries. */
  claimEveryMs?: number;
  blockMs?: number;
}

const GROUP = 'senders';

type Entry = [id: string, fields: string[]];

/**
 * The outbound queue shared by several processes: one Redis stream per platform, read by a
 * consumer group, so each message goes to one consumer. A consumer acknowledges after the send;
 * entries a dead consumer held are claimed by the others (XAUTOCLAIM), and the per-message
 * marker (see markers.ts) keeps a claimed message from being sent twice. Pacing is shared
 * through Redis too, so the limits hold for the bot account as a whole.
 */
export function createRedisOutbound(options: RedisOutboundOptions): ManagedOutbound {
  const { redis, log } = options;
  const consumer = options.consumer ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const markers = new Markers(redis, options.keyPrefix, options.dedupeTtlSeconds ?? 7 * 24 * 3600);
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const claimEveryMs = options.claimEveryMs ?? Math.max(50, Math.floor(claimIdleMs / 2));
  const blockMs = options.blockMs ?? 500;
  const maxInFlight = options.maxInFlight ?? 32;
  const lanes = new ChatLanes(maxInFlight);
  const channels = new Map<Platform, Channel>();
  /** Entries this consumer holds, by id, with their stream: kept "not idle" while we work on them. */
  const holding = new Map<string, string>();
  /** dedupeKeys this process sent but could not yet mark (Redis blinked): never resent from here. */
  const sentHere = new Set<string>();
  const ctx = {
    pacer: options.pacer ?? createRedisPacer({ redis, keyPrefix: options.keyPrefix }),
    pacing: options.pacing ?? {},
    retry: { ...DEFAULT_RETRY, ...options.retry },
    log,
    onEvent: options.onEvent,
    stopping: () => stopping,
  };
  const streamOf = (platform: Platform) => `${options.keyPrefix}out:${platform}`;
  let reader: Redis | undefined;
  let running = false;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let timers: NodeJS.Timeout[] = [];
  /** This consumer may hold entries nobody is working on: the read loop reads its own pending list next. */
  let ownPending = true;

  async function ensureGroup(stream: string): Promise<void> {
    await guard('outbound group', () => redis.xgroup('CREATE', stream, GROUP, '0', 'MKSTREAM')).catch((err: Error) => {
      if (!String(err.message).includes('BUSYGROUP')) throw err;
    });
  }

  function accept(stream: string, entry: Entry): void {
    const [id, fields] = entry;
    if (holding.has(id)) return;
    const json = fields[fields.indexOf('m') + 1];
    let message: Outbound;
    try {
      message = JSON.parse(json ?? '') as Outbound;
    } catch {
      log.error({ mod: 'outbound', id }, 'unreadable outbound entry; removed');
      void ackAndDelete(stream, id);
      return;
    }
    holding.set(id, stream);
    lanes.run(`${message.platform}:${baseChatId(message.chatId)}`, () => work(stream, id, message).finally(() => holding.delete(id)));
  }

  async function work(stream: string, id: string, message: Outbound): Promise<void> {
    if (stopping) return; // left pending: another consumer claims it
    const channel = channels.get(message.platform);
    if (!channel) return;
    try {
      if (sentHere.has(message.dedupeKey)) {
        await markers.finish(message.dedupeKey, consumer, 'sent');
        sentHere.delete(message.dedupeKey);
        await ackAndDelete(stream, id);
        return;
      }
      let begun: Awaited<ReturnType<typeof markers.begin>> | undefined;
      const claim = async () => {
        begun = await markers.begin(message.dedupeKey, consumer);
        // A consumer died mid-call: an idempotent platform drops the copy if the first one landed.
        if (!begun.ok && begun.state.startsWith('sending:') && channel.capabilities.idempotent && (await markers.takeOver(message.dedupeKey, begun.state, consumer))) {
          begun = { ok: true };
        }
        return begun.ok;
      };
      const outcome = await deliver(channel, message, { ...ctx, claim });
      if (outcome === 'skipped') {
        const state = begun && !begun.ok ? begun.state : '';
        // Sent before its consumer could acknowledge it: tell the trackers, who may not have heard.
        if (state === 'sent') await options.onEvent?.({ kind: 'sent', message, attempts: 0 });
        if (state.startsWith('sending:')) {
          log.warn({ mod: 'outbound', dedupeKey: message.dedupeKey, holder: state }, 'message was being sent by a consumer that stopped; not resent so it is never sent twice');
          await options.onEvent?.({ kind: 'uncertain', message });
        }
        await ackAndDelete(stream, id);
        return;
      }
      if (outcome === 'abandoned') {
        // Stopped before the platform call: left pending for another consumer (marked only if we had claimed it).
        if (begun?.ok) await markers.finish(message.dedupeKey, consumer, 'queued');
        return;
      }
      if (outcome === 'sent') sentHere.add(message.dedupeKey);
      await markers.finish(message.dedupeKey, consumer, outcome);
      sentHere.delete(message.dedupeKey);
      await ackAndDelete(stream, id);
    } catch (err) {
      // Redis is away: the entry stays pending, and the read loop hands it back once Redis answers.
      ownPending = true;
      log.warn({ mod: 'outbound', dedupeKey: message.dedupeKey, err: (err as Error).message }, 'outbound bookkeeping failed; will retry');
    }
  }

  async function ackAndDelete(stream: string, id: string): Promise<void> {
    await guard('outbound ack', () => redis.multi().xack(stream, GROUP, id).xdel(stream, id).exec());
  }

  /**
   * Reads new entries with a blocking XREADGROUP on its own connection. When a read fails (Redis
   * paused or restarted, the command timed out), Redis may still have run it and handed entries
   * to this consumer whose answer never arrived: the next read, on the same connection and so
   * run after it, asks for this consumer's own pending entries (id 0) and works them at once
   * instead of leaving them for the stale-entry timer. The same read runs at start, for entries
   * a previous process of the same name left, and after a message's bookkeeping failed.
   */
  async function readLoop(): Promise<void> {
    ownPending = true;
    /** Reads failed in a row: the first is retried at once, then less often while Redis stays away. */
    let failures = 0;
    while (!stopping) {
      const streams = [...channels.keys()].map(streamOf);
      const room = maxInFlight * 2 - lanes.size;
      if (streams.length === 0 || room <= 0) {
        await sleep(20);
        continue;
      }
      try {
        if (ownPending) {
          ownPending = false;
          await readOwnPending(streams);
          failures = 0;
          continue;
        }
        const res = (await reader!.xreadgroup(
          'GROUP', GROUP, consumer, 'COUNT', room, 'BLOCK', blockMs, 'STREAMS', ...streams, ...streams.map(() => '>'),
        )) as [string, Entry[]][] | null;
        failures = 0;
        for (const [stream, entries] of res ?? []) for (const e of entries) accept(stream, e);
      } catch (err) {
        if (stopping) break;
        ownPending = true;
        failures += 1;
        const msg = (err as Error).message;
        if (msg.includes('NOGROUP')) await Promise.all(streams.map(ensureGroup)).catch(() => undefined);
        else if (failures === 1) log.warn({ mod: 'outbound', err: msg }, 'outbound read failed; reading again');
        await sleep(Math.min(1000, 25 * 2 ** failures));
      }
    }
  }

  async function readOwnPending(streams: string[]): Promise<void> {
    const after = new Map(streams.map((s) => [s, '0']));
    while (after.size && !stopping) {
      const keys = [...after.keys()];
      const res = (await reader!.xreadgroup('GROUP', GROUP, consumer, 'COUNT', 100, 'STREAMS', ...keys, ...keys.map((k) => after.get(k)!))) as [string, Entry[]][] | null;
      const seen = new Set<string>();
      for (const [stream, entries] of res ?? []) {
        const live = entries.filter((e) => e && e[1]);
        if (live.length) log.info({ mod: 'outbound', stream, count: live.length }, 'working entries this consumer was given but had not acknowledged');
        for (const e of live) accept(stream, e);
        if (entries.length === 100) {
          after.set(stream, entries[entries.length - 1]![0]);
          seen.add(stream);
        }
      }
      for (const k of keys) if (!seen.has(k)) after.delete(k);
    }
  }

  async function claimStale(): Promise<void> {
    for (const platform of channels.keys()) {
      const stream = streamOf(platform);
      let cursor = '0-0';
      do {
        const res = (await redis.xautoclaim(stream, GROUP, consumer, claimIdleMs, cursor, 'COUNT', 100)) as [string, Entry[], string[]];
        cursor = res[0];
        const entries = res[1].filter((e) => e && e[1]);
        if (entries.length) log.info({ mod: 'outbound', platform, count: entries.length }, 'took over messages a stopped consumer held');
        for (const e of entries) accept(stream, e);
      } while (cursor !== '0-0' && !stopping);
    }
  }

  async function heartbeat(): Promise<void> {
    const byStream = new Map<string, string[]>();
    for (const [id, stream] of holding) byStream.set(stream, [...(byStream.get(stream) ?? []), id]);
    for (const [stream, ids] of byStream) await redis.xclaim(stream, GROUP, consumer, 0, ...ids, 'JUSTID');
  }

  function every(ms: number, fn: () => Promise<void>): void {
    let busy = false;
    const t = setInterval(() => {
      if (busy || stopping) return;
      busy = true;
      fn()
        .catch((err: Error) => log.debug({ mod: 'outbound', err: err.message }, 'outbound housekeeping failed'))
        .finally(() => (busy = false));
    }, ms);
    t.unref();
    timers.push(t);
  }

  return {
    async enqueue(message) {
      if (!(await markers.claimNew(message.dedupeKey))) {
        log.debug({ mod: 'outbound', dedupeKey: message.dedupeKey }, 'duplicate outbound message ignored');
        return;
      }
      try {
        await guard('outbound enqueue', () => redis.xadd(streamOf(message.platform), '*', 'm', JSON.stringify(message)));
      } catch (err) {
        await markers.forget(message.dedupeKey);
        throw err;
      }
    },
    register(channel) {
      channels.set(channel.platform, channel);
      if (running) void ensureGroup(streamOf(channel.platform)).catch((err: Error) => log.error({ mod: 'outbound', err: err.message }, 'outbound group'));
    },
    async start() {
      if (running) return;
      await Promise.all([...channels.keys()].map((p) => ensureGroup(streamOf(p))));
      running = true;
      stopping = false;
      reader = redis.duplicate();
      reader.on('error', () => undefined);
      loop = readLoop();
      every(claimEveryMs, claimStale);
      every(Math.max(50, Math.floor(claimIdleMs / 3)), heartbeat);
      void claimStale().catch(() => undefined);
    },
    async stop() {
      if (!running) return;
      stopping = true;
      for (const t of timers) clearInterval(t);
      timers = [];
      reader?.disconnect();
      await loop?.catch(() => undefined);
      await lanes.idle();
      running = false;
    },
    async drain(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const lengths = await Promise.all([...channels.keys()].map((p) => redis.xlen(streamOf(p))));
        if (lanes.size === 0 && lengths.every((n) => n === 0)) return;
        if (Date.now() > deadline) throw new Error(`outbound not drained in ${timeoutMs} ms`);
        await sleep(20);
      }
    },
  };
}
