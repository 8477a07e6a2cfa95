import type { Redis } from 'ioredis';
import type { Reply } from '../../core/message.ts';

/**
 * The question a private follow-up asked, kept until the worker opens the private chat: a bot
 * may not write first to someone who never started it, so the group shows a deep link and
 * "/start ticket" shows this question again.
 */
export interface FollowUpStore {
  save(userId: string, reply: Reply): Promise<void>;
  /** Returns and forgets. */
  take(userId: string): Promise<Reply | undefined>;
}

const TTL_SECONDS = 24 * 3600;

export function createMemoryFollowUps(): FollowUpStore {
  const map = new Map<string, { reply: Reply; expiresAt: number }>();
  return {
    async save(userId, reply) {
      if (map.size > 10_000) map.clear();
      map.set(userId, { reply: structuredClone(reply), expiresAt: Date.now() + TTL_SECONDS * 1000 });
    },
    async take(userId) {
      const row = map.get(userId);
      map.delete(userId);
      return row && row.expiresAt > Date.now() ? row.reply : undefined;
    },
  };
}

/** Shared by every webhook process: the deep link may land on a different process than the group message. */
export function createRedisFollowUps(options: { redis: Redis; keyPrefix: string }): FollowUpStore {
  const key = (userId: string) => `${options.keyPrefix}tg:followup:${userId}`;
  return {
    async save(userId, reply) {
      await options.redis.set(key(userId), JSON.stringify(reply), 'EX', TTL_SECONDS);
    },
    async take(userId) {
      const json = await options.redis.getdel(key(userId));
      return json ? (JSON.parse(json) as Reply) : undefined;
    },
  };
}
