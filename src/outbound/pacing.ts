import type { Config } from '../config.ts';
import type { Platform } from '../core/message.ts';

/**
 * At most `limit` sends in any `windowMs`, counted over every window (sliding, not aligned). The
 * sends are spaced `windowMs / limit` apart, after a burst of at most `burst` (default a tenth of
 * the limit, at least 1) that lets a late send catch up.
 */
export interface PacingRule {
  limit: number;
  windowMs: number;
  burst?: number;
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

/** `granted`: the sends are reserved and may go in `inMs`; otherwise nothing is reserved, ask again in `waitMs`. */
export type PaceAnswer = { granted: true; inMs: number } | { granted: false; waitMs: number };

/**
 * Decides when a send may go: a spaced token bucket per slot plus a log of the sends of the last
 * window. `acquire` reserves `weight` sends under `token` at the earliest moment every slot
 * allows when that moment is at most HORIZON_MS away, or reserves nothing and says how long to
 * wait; check and reservation are one atomic step, so concurrent consumers (or processes, for
 * the Redis pacer) cannot both squeeze in. A reserved send counts in every window until `stamp`
 * records when it left, so a send that goes late (a slow claim, a busy event loop) never lets a
 * window take more than its limit.
 */
export interface Pacer {
  acquire(slots: readonly PacingSlot[], weight: number, token: string): Promise<PaceAnswer>;
  /** Sends `from`..`to` (1-based) of `token` left now: from now on they count by this time. */
  stamp(slots: readonly PacingSlot[], token: string, from: number, to: number): Promise<void>;
  /** Sends reserved under `token` that will not happen (another consumer has the message). */
  release(slots: readonly PacingSlot[], token: string, weight: number): Promise<void>;
}

/** How far ahead a send may be reserved. Longer waits are asked again later, so a busy group never books the shared bucket ahead of other chats. */
export const HORIZON_MS = 100;
/** A reserved send never stamped (its process died) counts as sent this long after its slot. */
export const UNSTAMPED_MS = 10_000;

/** The spacing of a rule: sends `interval` ms apart, `burst` of them at once. */
export function spacing(rule: PacingRule): { interval: number; burst: number } {
  return { interval: rule.windowMs / rule.limit, burst: Math.max(1, Math.min(rule.limit, rule.burst ?? Math.floor(rule.limit / 10))) };
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

interface SlotState {
  /** When the bucket is next free (its theoretical arrival time). */
  tat: number;
  /** The sends of the last window: when each left, or its slot + UNSTAMPED_MS until stamped. */
  log: { at: number; member: string }[];
}

export function paceMembers(token: string, from: number, to: number): string[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => `${token}:${from + i}`);
}

/** The pacer of one process: the same bucket and log as the Redis pacer, kept in a Map. */
export function createMemoryPacer(clock: () => number = Date.now): Pacer {
  const states = new Map<string, SlotState>();
  const stateOf = (key: string, now: number, windowMs: number): SlotState => {
    let st = states.get(key);
    if (!st) states.set(key, (st = { tat: now, log: [] }));
    st.log = st.log.filter((e) => e.at > now - windowMs);
    return st;
  };
  return {
    async acquire(slots, weight, token) {
      const now = clock();
      let at = now;
      for (const s of slots) {
        const st = stateOf(s.key, now, s.windowMs);
        const { interval, burst } = spacing(s);
        const n = Math.min(weight, s.limit);
        at = Math.max(at, st.tat - (burst - 1) * interval);
        if (st.log.length + n > s.limit) {
          const times = st.log.map((e) => e.at).sort((a, b) => a - b);
          at = Math.max(at, times[st.log.length + n - s.limit - 1]! + s.windowMs);
        }
      }
      if (at - now > HORIZON_MS) return { granted: false, waitMs: at - now };
      for (const s of slots) {
        const st = states.get(s.key)!;
        const n = Math.min(weight, s.limit);
        st.tat = Math.max(st.tat, at) + n * spacing(s).interval;
        for (const member of paceMembers(token, 1, n)) st.log.push({ at: at + UNSTAMPED_MS, member });
      }
      if (states.size > 10_000) for (const [k, st] of states) if (st.log.length === 0 && st.tat < now) states.delete(k);
      return { granted: true, inMs: at - now };
    },
    async stamp(slots, token, from, to) {
      const now = clock();
      const wanted = new Set(paceMembers(token, from, to));
      for (const s of slots) for (const e of states.get(s.key)?.log ?? []) if (wanted.has(e.member)) e.at = now;
    },
    async release(slots, token, weight) {
      const gone = new Set(paceMembers(token, 1, weight));
      for (const s of slots) {
        const st = states.get(s.key);
        if (st) st.log = st.log.filter((e) => !gone.has(e.member));
      }
    },
  };
}
