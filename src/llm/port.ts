import type { Intent, Slots } from '../intents/types.ts';
import type { Hit } from '../knowledge/retriever.ts';

export interface ModelUsage {
  promptTokens: number;
  completionTokens: number;
}

export type ModelOutcome<T> =
  | { ok: true; value: T; usage: ModelUsage; cached: boolean }
  /** Rejected, failed, timed out or the breaker is open: the caller keeps the offline result. */
  | { ok: false; reason: string; usage?: ModelUsage };

/** Per-call options: a caller with its own turn deadline passes its signal; the call stops when it fires. */
export interface ModelCallOptions {
  signal?: AbortSignal;
}

/** Running totals since start, for logs, the eval report and the bench. */
export interface ModelStats {
  /** Calls that went to the endpoint (cache hits and open-breaker refusals excluded). */
  calls: number;
  /** Results that passed every check (cache hits included). */
  accepted: number;
  /** The endpoint answered but the answer failed a check (citation, figure, schema, leak). */
  rejected: number;
  /** Time-outs, HTTP and network errors, and calls refused while the breaker was open. */
  failed: number;
  cacheHits: number;
  cacheMisses: number;
  promptTokens: number;
  completionTokens: number;
  breaker: 'closed' | 'open' | 'half_open';
}

/**
 * The optional language-model path. Every method answers within the configured budget and
 * never throws; on any failure the offline engine's result stands.
 */
export interface ModelPath {
  /** Turns a follow-up ("那浙江呢?") into a standalone question using recent turns. */
  rewrite(input: { text: string; history: string[] }, options?: ModelCallOptions): Promise<ModelOutcome<string>>;
  /** Structured understanding when the offline classifier is unsure. */
  understand(text: string, options?: ModelCallOptions): Promise<ModelOutcome<{ intent: Intent; confidence: number; slots: Slots }>>;
  /** An answer composed only from the retrieved entries, checked against them. */
  compose(
    input: { question: string; hits: Hit[]; offlineText: string },
    options?: ModelCallOptions,
  ): Promise<ModelOutcome<{ text: string; citedIds: string[] }>>;
  /** Totals since start (calls, rejections, cache hits, tokens, breaker state). */
  stats?(): ModelStats;
}
