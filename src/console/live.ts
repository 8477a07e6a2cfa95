import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { listenOn } from '../store/redis/channel.ts';

/** What open console pages hear about without reloading. */
export interface LiveEventMap {
  /** A ticket was filed or changed; `by` is the actor, so a page can ignore its own changes. */
  ticket: [{ number: string; kind: 'filed' | 'status' | 'assigned' | 'reply' | 'note' | 'takeover' | 'handback' | 'worker' | 'handoff'; by: string }];
  /** A worker wrote into a conversation an operator has taken over (phone and ID numbers masked). */
  /** A worker asked for a person: the inbox's 转人工 queue shows the request at once. */
  handoff: [{ number: string; name: string; platform: string; atText: string; note: string }];
  worker: [{ conversationKey: string; ticketNumber?: string; text: string; at: string; /** `at` in the configured time zone, as the page shows it. */ atText?: string }];
}
type LiveEvent = keyof LiveEventMap;
type Listener<K extends LiveEvent> = (...args: LiveEventMap[K]) => void;

/**
 * The fan-out behind /events (server-sent events). Alone it is one process's emitter; joined to
 * Redis (joinRedis) every emit is published on one channel and every process hears every event,
 * so a page served by one process sees what happened in another.
 */
export class LiveHub {
  readonly #local = new EventEmitter();
  #publish: ((event: LiveEvent, data: unknown) => Promise<unknown>) | undefined;

  constructor() {
    // Every open console tab is one listener per event.
    this.#local.setMaxListeners(0);
  }

  on<K extends LiveEvent>(event: K, listener: Listener<K>): this {
    this.#local.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  off<K extends LiveEvent>(event: K, listener: Listener<K>): this {
    this.#local.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  emit<K extends LiveEvent>(event: K, ...args: LiveEventMap[K]): void {
    const publish = this.#publish;
    // Published events come back through the subscription, to this process too; if Redis is away, this process still hears it.
    if (publish) void publish(event, args[0]).catch(() => this.#local.emit(event, args[0]));
    else this.#local.emit(event, args[0]);
  }

  /** Shares this hub's events with every process on the same Redis channel; returns the function that leaves. */
  async joinRedis(options: { redis: Redis; channel: string; log?: Logger }): Promise<() => Promise<void>> {
    const { redis, channel } = options;
    const leave = await listenOn({ redis, channel, what: 'live events', ...(options.log ? { log: options.log } : {}) }, (message) => {
      const { event, data } = message as { event: LiveEvent; data: unknown };
      if (event === 'ticket' || event === 'worker' || event === 'handoff') this.#local.emit(event, data);
    });
    this.#publish = (event, data) => redis.publish(channel, JSON.stringify({ event, data }));
    return async () => {
      this.#publish = undefined;
      await leave();
    };
  }
}
