import type { Config } from '../config.ts';
import type { Platform } from '../core/message.ts';

/** At most `limit` sends in any `windowMs` (a sliding window). */
export interface PacingRule {
  limit: number;
  windowMs: number;
}

/**
 * How fast one platform may be sent to. `global` covers the whole bot account, `perGroup` each
 * group chat, `perChat` each private chat; `isGroup` tells them apart by chat id.
 */
export interface PlatformPacing {
  global?: PacingRule;
  perGroup?: PacingRule;
  perChat?: PacingRule;
  isGroup?: (chatId: string) => boolean;
}

export type PacingConfig = Partial<Record<Platform, PlatformPacing>>;

/** A rule applied to one counter, e.g. `telegram:group:-100123`. */
export interface PacingSlot extends PacingRule {
  key: string;
}

/**
 * Decides when a send may go. `acquire` either records `weight` sends now and returns 0, or
 * records nothing and returns how long to wait; the check and the record are one atomic step,
 * so concurrent consumers (or processes, for the Redis pacer) cannot both squeeze in.
 */
export interface Pacer {
  acquire(slots: readonly PacingSlot[], weight: number): Promise<number>;
}

/** The platform limits from configuration: Telegram's bulk and per-group limits, WeChat's per-account interval. */
export function pacingFromConfig(config: Pick<Config, 'TELEGRAM_GLOBAL_PER_SECOND' | 'TELEGRAM_GROUP_PER_MINUTE' | 'WECHAT_SEND_INTERVAL_MS'>): PacingConfig {
  return {
    telegram: {
      global: { limit: config.TELEGRAM_GLOBAL_PER_SECOND, windowMs: 1000 },
      perGroup: { limit: config.TELEGRAM_GROUP_PER_MINUTE, windowMs: 60_000 },
      // Telegram group and channel ids are negative.
      isGroup: (chatId) => chatId.startsWith('-'),
    },
    wechat: config.WECHAT_SEND_INTERVAL_MS > 0 ? { global: { limit: 1, windowMs: config.WECHAT_SEND_INTERVAL_MS } } : {},
  };
}

/** The chat itself: adapters may add "#<message to reply to>" to a chat id; limits count the chat. */
export function baseChatId(chatId: string): string {
  const i = chatId.indexOf('#');
  return i > 0 ? chatId.slice(0, i) : chatId;
}

export function slotsFor(pacing: PacingConfig, platform: Platform, target: string): PacingSlot[] {
  const chatId = baseChatId(target);
  const p = pacing[platform];
  if (!p) return [];
  const slots: PacingSlot[] = [];
  if (p.global) slots.push({ key: `${platform}:all`, ...p.global });
  const group = p.isGroup?.(chatId) ?? false;
  const chatRule = group ? p.perGroup : p.perChat;
  if (chatRule) slots.push({ key: `${platform}:${group ? 'group' : 'chat'}:${chatId}`, ...chatRule });
  return slots;
}

/** A sliding-window log per slot key, in this process. */
export function createMemoryPacer(clock: () => number = Date.now): Pacer {
  const logs = new Map<string, number[]>();
  return {
    async acquire(slots, weight) {
      const now = clock();
      let wait = 0;
      for (const s of slots) {
        const log = (logs.get(s.key) ?? []).filter((t) => t > now - s.windowMs);
        logs.set(s.key, log);
        const n = Math.min(weight, s.limit);
        if (log.length + n > s.limit) wait = Math.max(wait, log[log.length + n - s.limit - 1]! + s.windowMs - now);
      }
      if (wait > 0) return wait;
      for (const s of slots) {
        const log = logs.get(s.key)!;
        for (let i = 0; i < Math.min(weight, s.limit); i++) log.push(now);
      }
      return 0;
    },
  };
}
