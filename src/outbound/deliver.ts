import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Outbound } from '../core/message.ts';
import { toAppError, type AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Channel } from '../adapters/channel.ts';
import { renderReply } from '../adapters/render.ts';
import { slotsFor, type PacingConfig, type Pacer, type PacingSlot } from './pacing.ts';

/** Retries for transient failures: exponential backoff, or the wait the platform asked for. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/** What happened to one message, for delivery reports (notices) and logs. */
export type DeliveryEvent =
  | { kind: 'sent'; message: Outbound; attempts: number }
  | { kind: 'retry'; message: Outbound; attempt: number; delayMs: number; error: AppError }
  | { kind: 'dropped'; message: Outbound; attempts: number; error: AppError }
  /** Found half-sent after a consumer died: not resent, so it is never sent twice. */
  | { kind: 'uncertain'; message: Outbound };

/** `skipped`: the claim before the first send said another consumer has (or had) this message. */
/** Hears what happened to each message; a returned promise is awaited for final outcomes. */
export type DeliveryListener = (event: DeliveryEvent) => void | Promise<void>;

export type DeliveryOutcome = 'sent' | 'dropped' | 'abandoned' | 'skipped';

export interface DeliverContext {
  pacer: Pacer;
  pacing: PacingConfig;
  retry: RetryPolicy;
  log: Logger;
  /** Awaited for the final outcome (sent, dropped) before the message is acknowledged, so a recorder never misses one. */
  onEvent?: DeliveryListener;
  /** True once the queue is stopping: a message not yet handed to the platform is left for another consumer. */
  stopping: () => boolean;
  /**
   * Called once, after the pacer grants the first slot and right before the first send: the
   * moment the message is about to reach the platform. False skips it. Marking a message as
   * being sent any earlier would leave messages that were only waiting for a slot marked as
   * possibly sent when a consumer dies.
   */
  claim?: () => Promise<boolean>;
}

/** Longest single sleep, so a stopping queue notices quickly. */
const NAP_MS = 100;

/**
 * Sends one message through its channel: waits for the pacer, sends, and retries network
 * failures and "retry after" answers with backoff. Permanent refusals are dropped with a log
 * line. Returns 'abandoned' only when the queue stopped before the platform was called.
 */
export async function deliver(channel: Channel, message: Outbound, ctx: DeliverContext): Promise<DeliveryOutcome> {
  const slots = slotsFor(ctx.pacing, message.platform, message.chatId);
  // A reply split into several platform messages counts as several sends.
  const parts = Math.max(1, renderReply(message.reply, channel.capabilities).parts.length);
  // Parts a failed attempt already delivered: a retry sends only the rest.
  let sentParts = 0;
  for (let attempt = 1; ; attempt++) {
    const weight = Math.max(1, parts - sentParts);
    const token = randomBytes(6).toString('hex');
    if (!(await waitForSlot(ctx, slots, weight, token))) return 'abandoned';
    if (attempt === 1 && ctx.claim && !(await ctx.claim())) {
      await ctx.pacer.release(slots, token, weight).catch(() => undefined);
      return 'skipped';
    }
    try {
      await sendStamped(ctx, slots, token, weight, () =>
        channel.send(message.chatId, message.reply, { dedupeKey: message.dedupeKey, ...(sentParts ? { fromPart: sentParts } : {}) }),
      );
      await ctx.onEvent?.({ kind: 'sent', message, attempts: attempt });
      return 'sent';
    } catch (err) {
      const error = toAppError(err);
      const partsSent = (error.details as { partsSent?: unknown } | undefined)?.partsSent;
      if (typeof partsSent === 'number' && partsSent > sentParts) sentParts = partsSent;
      const retryAfterMs = readRetryAfter(error);
      const transient = error.code === 'PLATFORM_NETWORK_ERROR' || retryAfterMs !== undefined;
      const where = { mod: 'outbound', platform: message.platform, chatId: message.chatId, dedupeKey: message.dedupeKey, attempt, code: error.code };
      if (!transient || attempt >= ctx.retry.maxAttempts) {
        ctx.log.error({ ...where, err: error.message }, transient ? 'giving up on a message after retries' : 'platform refused a message; dropped');
        await ctx.onEvent?.({ kind: 'dropped', message, attempts: attempt, error });
        return 'dropped';
      }
      const backoff = Math.min(ctx.retry.baseDelayMs * 2 ** (attempt - 1), ctx.retry.maxDelayMs);
      const delayMs = retryAfterMs ?? Math.round(backoff * (0.8 + Math.random() * 0.4));
      ctx.log.warn({ ...where, delayMs, err: error.message }, 'send failed; retrying');
      ctx.onEvent?.({ kind: 'retry', message, attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}

/** Waits until the pacer grants `weight` sends under `token`; false when the queue stopped first (nothing is then reserved). */
async function waitForSlot(ctx: DeliverContext, slots: PacingSlot[], weight: number, token: string): Promise<boolean> {
  if (slots.length === 0) return !ctx.stopping();
  for (;;) {
    if (ctx.stopping()) return false;
    const answer = await ctx.pacer.acquire(slots, weight, token);
    if (answer.granted) {
      // Node may fire a timer early by the age of its loop clock: check the wall clock too.
      const at = Date.now() + answer.inMs;
      while (Date.now() < at) await sleep(at - Date.now());
      return true;
    }
    await sleep(Math.min(answer.waitMs, NAP_MS));
  }
}

/**
 * Calls the platform, then stamps the reserved sends with the moment they left: the first at
 * once (the call has started), the later parts of a split reply when the call has finished,
 * which is no earlier than they went. Until stamped, a send counts in every window. A failed
 * stamp is logged and leaves the send counted until UNSTAMPED_MS has passed, which only slows.
 */
async function sendStamped(ctx: DeliverContext, slots: PacingSlot[], token: string, weight: number, send: () => Promise<void>): Promise<void> {
  const warn = (err: Error) => ctx.log.warn({ mod: 'outbound', err: err.message }, 'pacer stamp failed');
  const sending = send();
  const first = slots.length ? ctx.pacer.stamp(slots, token, 1, 1).catch(warn) : undefined;
  try {
    await sending;
  } finally {
    if (slots.length && weight > 1) void ctx.pacer.stamp(slots, token, 2, weight).catch(warn);
    await first;
  }
}

function readRetryAfter(error: AppError): number | undefined {
  const d = error.details as { retryAfterMs?: unknown } | undefined;
  return typeof d?.retryAfterMs === 'number' && d.retryAfterMs >= 0 ? d.retryAfterMs : undefined;
}
