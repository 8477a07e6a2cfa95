import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { listenOn } from '../store/redis/channel.ts';
import type { ObservedTicketStore } from './events.ts';
import { requesterKey, type RequesterCache } from './requester-cache.ts';

/**
 * Keeps every process's requester cache current when several share the ticket database: each
 * committed change is published on one Redis channel with whose list it touches, and every
 * other process drops that list, so its next read comes from the database. Returns the function
 * that leaves. A message lost while a connection is down is covered by the cache's TTL.
 */
export async function shareRequesterChanges(options: { redis: Redis; channel: string; cache: RequesterCache; observed: ObservedTicketStore; log?: Logger }): Promise<() => Promise<void>> {
  const { redis, channel, cache } = options;
  const me = randomUUID();
  const leave = await listenOn({ redis, channel, what: 'ticket cache', ...(options.log ? { log: options.log } : {}) }, (message) => {
    const { from, requester } = message as { from?: string; requester?: unknown };
    if (from !== me && typeof requester === 'string') cache.invalidate(requester);
  });
  const stop = options.observed.on((event) => {
    const requester = requesterKey(event.ticket.origin);
    return redis.publish(channel, JSON.stringify({ from: me, requester })).then(() => undefined);
  });
  return async () => {
    stop();
    await leave();
  };
}
