import type { Redis } from 'ioredis';
import type { Logger } from '../../log.ts';

/**
 * Hears JSON messages on one Redis channel through a connection of its own (a subscribed
 * connection can do nothing else). An unreadable message is logged and skipped. Returns the
 * function that leaves.
 */
export async function listenOn(options: { redis: Redis; channel: string; what: string; log?: Logger }, onMessage: (data: unknown) => void): Promise<() => Promise<void>> {
  const { channel, what, log } = options;
  const subscriber = options.redis.duplicate();
  subscriber.on('error', (err) => log?.warn({ err }, `${what}: redis subscriber error`));
  subscriber.on('message', (ch: string, message: string) => {
    if (ch !== channel) return;
    try {
      onMessage(JSON.parse(message));
    } catch (err) {
      log?.warn({ err }, `${what}: unreadable message`);
    }
  });
  await subscriber.subscribe(channel);
  return async () => {
    await subscriber.quit().catch(() => subscriber.disconnect());
  };
}
