import type { Outbound, Platform, Reply } from '../core/message.ts';
import { AppError, toAppError } from '../errors.ts';

/** What a platform can show; rich output degrades to plain text where it cannot. */
export interface Capabilities {
  buttons: boolean;
  markdown: boolean;
  /** Longest single message; longer replies are split. */
  maxLength: number;
  /**
   * The platform drops a second send carrying the same key (a relay or API with idempotency
   * keys). Only then may the queue resend a message whose sender died mid-call; otherwise such a
   * message is reported as uncertain and not resent, so nothing is ever sent twice.
   */
  idempotent?: boolean;
}

/**
 * The sending half of an adapter. The outbound queue calls `send` once per message, paced;
 * an adapter never paces or retries by itself.
 */
export interface Channel {
  readonly platform: Platform;
  readonly capabilities: Capabilities;
  /** Throws AppError PLATFORM_API_ERROR (the platform said no) or PLATFORM_NETWORK_ERROR (it could not be reached); `retryAfterMs` in details when the platform asks to wait. */
  send(chatId: string, reply: Reply, options?: SendOptions): Promise<void>;
}

export interface SendOptions {
  dedupeKey: string;
  /**
   * Parts of the rendered reply already delivered by an earlier attempt: sending starts after
   * them. A failure part-way carries `partsSent` in its details, so a retry never repeats a part.
   */
  fromPart?: number;
}

/** Sends the parts of one reply from `from` on; a failure says in `details.partsSent` how many parts are out. */
export async function sendParts(parts: readonly string[], from: number, sendOne: (part: string, index: number) => Promise<unknown>): Promise<void> {
  for (let i = Math.max(0, from); i < parts.length; i++) {
    try {
      await sendOne(parts[i]!, i);
    } catch (err) {
      const e = toAppError(err);
      const details = typeof e.details === 'object' && e.details !== null ? e.details : {};
      throw new AppError(e.code, e.message, { cause: e.cause ?? err, details: { ...details, partsSent: i } });
    }
  }
}

/** Everything that leaves goes through one paced queue. */
export interface OutboundQueue {
  enqueue(message: Outbound): Promise<void>;
  register(channel: Channel): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}
