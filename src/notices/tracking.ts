import type { Channel, OutboundQueue } from '../adapters/channel.ts';
import type { Logger } from '../log.ts';
import type { DeliveryEvent } from '../outbound/deliver.ts';
import type { DeliveryTracker } from './service.ts';

/**
 * Wraps a channel so every notice it sends is recorded: `sent` after the platform accepted it,
 * `failed` (with the error, attempt counted) when it threw. The error is re-thrown so the queue's
 * own retry still happens. The dedupe key rides in `reply.meta.source`.
 */
export function trackChannel(channel: Channel, tracker: DeliveryTracker, log: Logger): Channel {
  return {
    platform: channel.platform,
    capabilities: channel.capabilities,
    async send(chatId, reply) {
      const key = reply.meta?.source;
      if (!key || !tracker.tracks(key)) return channel.send(chatId, reply);
      try {
        await channel.send(chatId, reply);
      } catch (err) {
        await tracker.failed(key, err).catch((e) => log.warn({ err: e, key }, 'could not record failed notice delivery'));
        throw err;
      }
      await tracker.delivered(key).catch((e) => log.warn({ err: e, key }, 'could not record notice delivery'));
    },
  };
}

/** The same queue, with every registered channel wrapped by `trackChannel`. */
export function withDeliveryTracking(queue: OutboundQueue, tracker: DeliveryTracker, log: Logger): OutboundQueue {
  return {
    enqueue: (message) => queue.enqueue(message),
    register: (channel) => queue.register(trackChannel(channel, tracker, log)),
    start: () => queue.start(),
    stop: () => queue.stop(),
  };
}

/**
 * The outbound queue's `onEvent` hook for notices: records each notice message's outcome
 * (sent, retrying, dropped, or uncertain after a consumer died mid-send) on its delivery row.
 * Use this or `withDeliveryTracking`, not both.
 */
export function noticeEventRecorder(tracker: DeliveryTracker, log: Logger): (event: DeliveryEvent) => Promise<void> {
  return async (event) => {
    const key = event.message.dedupeKey;
    if (!tracker.tracks(key)) return;
    const work =
      event.kind === 'sent'
        ? tracker.delivered(key, event.attempts)
        : event.kind === 'uncertain'
          ? tracker.failed(key, new Error('投递进程中断，结果不确定（未重发）'))
          : tracker.failed(key, event.error, event.kind === 'retry' ? event.attempt : event.attempts);
    await work.catch((err: unknown) => log.warn({ err, key }, 'could not record notice delivery'));
  };
}
