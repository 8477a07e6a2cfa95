import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { createMemoryOutbound, type ManagedOutbound, type OutboundOptions } from './memory.ts';
import { pacingFromConfig } from './pacing.ts';
import { createRedisOutbound } from './redis/queue.ts';

export { createMemoryOutbound, type ManagedOutbound, type OutboundOptions } from './memory.ts';
export { createRedisOutbound, type RedisOutboundOptions } from './redis/queue.ts';
export { createMemoryPacer, pacingFromConfig, slotsFor, type Pacer, type PacingConfig, type PacingRule } from './pacing.ts';
export { createRedisPacer } from './redis/pacer.ts';
export { DEFAULT_RETRY, type DeliveryEvent, type DeliveryListener, type RetryPolicy } from './deliver.ts';

/** The outbound queue the service runs: on Redis when a client is given (several processes), in memory otherwise. */
export function createOutbound(
  config: Config,
  deps: { log: Logger; redis?: Redis; keyPrefix?: string } & Pick<OutboundOptions, 'onEvent'>,
): ManagedOutbound {
  const common = { log: deps.log, pacing: pacingFromConfig(config), onEvent: deps.onEvent };
  return deps.redis
    ? createRedisOutbound({ ...common, redis: deps.redis, keyPrefix: deps.keyPrefix ?? 'niangjia:' })
    : createMemoryOutbound(common);
}
