import type { Awaiting } from '../core/message.ts';
import type { FormDraft } from '../policies/action.ts';
import type { Intent, Topic } from '../intents/types.ts';

/**
 * Conversation state: what the bot remembers between two messages of one conversation.
 * Timestamps are ISO strings; every store round-trips it through JSON.
 */
export interface SessionState {
  v: 1;
  /** Last few turns, newest last, for follow-ups ("那浙江呢?"). */
  history: { user: string; intent: Intent; entryIds: string[]; at: string }[];
  lastTopic?: Topic;
  lastRegion?: string;
  lastEntryIds: string[];
  form?: FormDraft;
  awaiting: Awaiting;
  /** A ticket waiting for the worker's 1-5 rating. */
  ratingFor?: string;
  /** Consecutive turns the bot could not help with; two in a row offers a person. */
  misses: number;
  /** Set while an operator has taken the conversation over: the bot stays silent. */
  takenOverBy?: string;
  /** The ticket the operator took the conversation over for: the worker's messages land on it. */
  takenOverFor?: string;
  /**
   * The record of the conversation: both sides as sent and received, newest last, with phone and
   * ID numbers masked. A filed form copies it into the ticket's transcript.
   */
  record?: RecordLine[];
  updatedAt: string;
}

export interface RecordLine {
  from: 'worker' | 'bot';
  text: string;
  at: string;
  /** Written while a ticket form was open (the part of the record a filing keeps in full). */
  form?: true;
}

export function initialSession(now: string): SessionState {
  return { v: 1, history: [], lastEntryIds: [], awaiting: null, misses: 0, updatedAt: now };
}

/** Sessions by conversation key, with expiry. */
export interface SessionStore {
  get(key: string): Promise<SessionState | undefined>;
  /** Only the turn, which holds the conversation's lock, writes with put; everyone else uses update. */
  put(key: string, state: SessionState, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Changes a session under the conversation's lock, the one a turn holds, so neither a turn
   * running at the same time nor another process can wipe the change (take-over, hand-back,
   * rating request, private follow-up). `change` gets the current state (undefined when there is
   * none) and returns the new one, or undefined to leave it. Never call it inside a turn of the
   * same conversation: the turn already holds the lock.
   */
  update(key: string, change: (current: SessionState | undefined) => SessionState | undefined, ttlSeconds: number): Promise<SessionState | undefined>;
}

/** Message-id dedupe: true the first time a key is seen within the TTL. */
export interface DedupeStore {
  firstSeen(key: string, ttlSeconds: number): Promise<boolean>;
}

export interface RateDecision {
  allowed: boolean;
  /** True exactly once per window when the limit is first exceeded, so the notice is sent once. */
  firstDenied: boolean;
  retryAfterMs: number;
}

/** Fixed-window counters for per-user and per-group limits. */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
}

/**
 * Serializes turns per conversation so two quick messages cannot overwrite each other's state.
 * `ttlMs` bounds how long a holder that died can block the conversation; a live holder keeps its
 * lock for as long as its function runs.
 */
export interface LockStore {
  withLock<T>(key: string, fn: () => Promise<T>, options?: { timeoutMs?: number; ttlMs?: number }): Promise<T>;
}

/** One limit a turn must pass: `limit` hits per fixed window of `windowMs` under `key`. */
export interface TurnLimit {
  key: string;
  limit: number;
  windowMs: number;
}

/** What a turn checks and takes before it runs. */
export interface TurnRequest {
  /** The message's dedupe key and how long it is remembered. */
  dedupe: { key: string; ttlSeconds: number };
  /** In order (the sender's, then the group's): the first one exceeded ends the check and the later ones are not counted. */
  limits: TurnLimit[];
  /** The conversation to lock and read; absent when the reply needs no session (an empty message, a chat command). */
  conversation?: { key: string; timeoutMs?: number; ttlMs?: number };
}

/** A conversation lock held between begin and finish; kept alive for as long as it is held. */
export interface HeldTurn {
  readonly key: string;
}

export type TurnStart =
  | { status: 'duplicate' }
  | { status: 'limited'; decision: RateDecision }
  /** Every check passed and no conversation was asked for. */
  | { status: 'passed' }
  | { status: 'held'; held: HeldTurn; session: SessionState | undefined };

/**
 * A turn's state work in two steps, each one round trip on Redis: `begin` dedupes the message,
 * counts the rate limits, takes the conversation lock and reads the session; `finish` saves the
 * session (when given) and releases the lock. The same semantics as dedupe, rateLimit, locks and
 * sessions used one by one, and the same keys, so both ways can run side by side.
 */
export interface TurnStore {
  /** Waits for a busy conversation up to `timeoutMs` (LOCK_TIMEOUT after), counting the message and its limits once. */
  begin(request: TurnRequest): Promise<TurnStart>;
  /**
   * Call exactly once per held turn, also when the turn failed (then without `save`). Resolves
   * false when the lock had expired and passed to someone else: the session is then not written,
   * so the newer holder's state stands.
   */
  finish(held: HeldTurn, save?: { state: SessionState; ttlSeconds: number }): Promise<boolean>;
}

/** Everything conversation state needs; one memory backend, one Redis backend. */
export interface StateBackend {
  kind: 'memory' | 'redis';
  sessions: SessionStore;
  dedupe: DedupeStore;
  rateLimit: RateLimiter;
  locks: LockStore;
  turns: TurnStore;
  close(): Promise<void>;
}
