import { Redis } from 'ioredis';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../log.ts';

export interface ConnectRedisOptions {
  /** Failed connection attempts at start-up before giving up. */
  attempts?: number;
  /** How long a command may wait for a (re)connection before it fails with STORE_UNAVAILABLE. */
  commandTimeoutMs?: number;
}

/** The URL without its password, for messages and logs. */
export function safeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Opens the one ioredis client the service shares. Start-up fails loudly, naming REDIS_URL, when
 * Redis cannot be reached after a few tries; once running, the client reconnects by itself and
 * commands issued meanwhile fail fast (one retry) so a turn can answer "busy" instead of hanging.
 */
export async function connectRedis(url: string, log: Logger, options: ConnectRedisOptions = {}): Promise<Redis> {
  const attempts = options.attempts ?? 5;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 3000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times - 1, 4), 1000),
  });
  let failures = 0;
  let lastError = '';
  let up = false;
  redis.on('error', (err: Error) => {
    failures += 1;
    lastError = err.message;
    if (up) log.warn({ mod: 'redis', err: err.message }, 'redis connection error; reconnecting');
  });
  redis.on('ready', () => {
    if (up) log.info({ mod: 'redis' }, 'redis connection back');
  });
  const ready = new Promise<boolean>((resolve) => {
    const onReady = () => {
      clearInterval(poll);
      resolve(true);
    };
    redis.once('ready', onReady);
    const poll = setInterval(() => {
      if (failures >= attempts) {
        clearInterval(poll);
        redis.off('ready', onReady);
        resolve(false);
      }
    }, 20);
  });
  redis.connect().catch(() => undefined);
  if (!(await ready)) {
    redis.disconnect();
    throw new AppError(
      'STORE_UNAVAILABLE',
      `REDIS_URL is set but Redis at ${safeRedisUrl(url)} is unreachable after ${attempts} attempts (${lastError}). Start Redis or unset REDIS_URL to keep state in memory.`,
    );
  }
  up = true;
  log.info({ mod: 'redis', url: safeRedisUrl(url) }, 'redis connected');
  return redis;
}
