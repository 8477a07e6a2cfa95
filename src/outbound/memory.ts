import type { Outbound, Platform } from '../core/message.ts';
import type { Logger } from '../log.ts';
import type { Channel, OutboundQueue } from '../adapters/channel.ts';
import { ChatLanes } from './chains.ts';
import { DEFAULT_RETRY, deliver, type DeliveryEvent, type DeliveryListener, type RetryPolicy } from './deliver.ts';
import { baseChatId, createMemoryPacer, type PacingConfig, type Pacer } from './pacing.ts';

export interface OutboundOptions {
  log: Logger;
  pacing?: PacingConfig;
  retry?: Partial<RetryPolicy>;
  pacer?: Pacer;
  /** Chats sent to at the same time (each chat stays in order). */
  maxInFlight?: number;
  /** How long a dedupeKey is remembered. */
  dedupeTtlSeconds?: number;
  onEvent?: DeliveryListener;
}

/** The outbound queue plus what tests and shutdown need to know. */
export interface ManagedOutbound extends OutboundQueue {
  /** Resolves when everything enqueued so far has been sent or dropped. */
  drain(timeoutMs?: number): Promise<void>;
}

/**
 * The one-process queue: messages wait per platform until a channel for it is registered and
 * the queue started; a dedupeKey seen before (queued or sent) is ignored.
 */
export function createMemoryOutbound(options: OutboundOptions): ManagedOutbound {
  const channels = new Map<Platform, Channel>();
  const waiting = new Map<Platform, Outbound[]>();
  const seen = new Map<string, number>();
  const ttlMs = (options.dedupeTtlSeconds ?? 7 * 24 * 3600) * 1000;
  const lanes = new ChatLanes(options.maxInFlight ?? 32);
  const ctx = {
    pacer: options.pacer ?? createMemoryPacer(),
    pacing: options.pacing ?? {},
    retry: { ...DEFAULT_RETRY, ...options.retry },
    log: options.log,
    onEvent: options.onEvent,
    stopping: () => stopping,
  };
  let started = false;
  let stopping = false;

  function dispatch(platform: Platform): void {
    const channel = channels.get(platform);
    if (!started || stopping || !channel) return;
    for (const message of waiting.get(platform)?.splice(0) ?? []) {
      lanes.run(`${platform}:${baseChatId(message.chatId)}`, async () => {
        const outcome = await deliver(channel, message, ctx);
        // Not sent because we are stopping: keep it for a later start.
        if (outcome === 'abandoned') waiting.get(platform)!.push(message);
      });
    }
  }

  return {
    async enqueue(message) {
      const now = Date.now();
      const exp = seen.get(message.dedupeKey);
      if (exp !== undefined && exp > now) {
        options.log.debug({ mod: 'outbound', dedupeKey: message.dedupeKey }, 'duplicate outbound message ignored');
        return;
      }
      seen.set(message.dedupeKey, now + ttlMs);
      if (seen.size > 100_000) for (const [k, e] of seen) if (e <= now) seen.delete(k);
      if (!waiting.has(message.platform)) waiting.set(message.platform, []);
      waiting.get(message.platform)!.push(message);
      dispatch(message.platform);
    },
    register(channel) {
      channels.set(channel.platform, channel);
      dispatch(channel.platform);
    },
    async start() {
      started = true;
      stopping = false;
      for (const p of waiting.keys()) dispatch(p);
    },
    async stop() {
      stopping = true;
      await lanes.idle();
      started = false;
    },
    async drain(timeoutMs = 10_000) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        lanes.idle(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`outbound not drained in ${timeoutMs} ms`)), timeoutMs))),
      ]).finally(() => clearTimeout(timer));
    },
  };
}
