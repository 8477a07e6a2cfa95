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

/**
 * The optional language-model path. Every method answers within the configured budget and
 * never throws; on any failure the offline engine's result stands.
 */
export interface ModelPath {
  /** Turns a follow-up ("那浙江呢?") into a standalone question using recent turns. */
  rewrite(input: { text: string; history: string[] }): Promise<ModelOutcome<string>>;
  /** Structured understanding when the offline classifier is unsure. */
  understand(text: string): Promise<ModelOutcome<{ intent: Intent; confidence: number; slots: Slots }>>;
  /** An answer composed only from the retrieved entries, checked against them. */
  compose(input: { question: string; hits: Hit[]; offlineText: string }): Promise<ModelOutcome<{ text: string; citedIds: string[] }>>;
}
