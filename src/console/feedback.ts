import type { EventEmitter } from 'node:events';
import { redact } from '../core/redact.ts';
import type { Database } from '../db/index.ts';
import type { EngineEventMap } from '../engine/services.ts';
import type { Logger } from '../log.ts';

export interface FeedbackItem {
  kind: 'unanswered' | 'unhelpful';
  text: string;
  intent: string | null;
  entryIds: string[];
  platform: string | null;
  at: string;
}

/**
 * Questions the bot could not answer and answers workers marked unhelpful, kept in `bot_feedback`:
 * the list the knowledge base grows from. Officers read it, so phone and ID numbers are masked
 * before a text is stored, and again when it is read (rows kept from before).
 */
export interface FeedbackStore {
  record(item: Omit<FeedbackItem, 'entryIds'> & { entryIds?: string[] }): Promise<void>;
  /** Most frequent texts of one kind since a date, with their count and last time. */
  top(kind: FeedbackItem['kind'], options: { since: string; limit: number }): Promise<{ text: string; count: number; lastAt: string; entryIds: string[] }[]>;
}

export function createFeedbackStore(options: { database: Database }): FeedbackStore {
  const { database } = options;
  return {
    async record(item) {
      await database.query('INSERT INTO bot_feedback (kind, text, intent, entry_ids, platform, at) VALUES ($1, $2, $3, $4, $5, $6)', [
        item.kind,
        redact(item.text).slice(0, 500),
        item.intent,
        (item.entryIds ?? []).join(','),
        item.platform,
        item.at,
      ]);
    },
    async top(kind, { since, limit }) {
      const rows = await database.query<{ text: string; n: number; last_at: Date | string; entry_ids: string | null }>(
        `SELECT text, count(*)::int AS n, max(at) AS last_at, max(entry_ids) AS entry_ids FROM bot_feedback
         WHERE kind = $1 AND at >= $2 GROUP BY text ORDER BY n DESC, last_at DESC LIMIT $3`,
        [kind, since, limit],
      );
      return rows.map((r) => ({ text: redact(r.text), count: r.n, lastAt: new Date(r.last_at).toISOString(), entryIds: r.entry_ids ? r.entry_ids.split(',').filter(Boolean) : [] }));
    },
  };
}

/** Persists the engine's 'unanswered' and 'unhelpful' events; returns a function that stops listening. */
export function listenForFeedback(events: EventEmitter<EngineEventMap>, store: FeedbackStore, log: Logger): () => void {
  const onUnanswered = (e: EngineEventMap['unanswered'][0]) =>
    void store.record({ kind: 'unanswered', text: e.text, intent: e.intent, platform: e.platform, at: e.at }).catch((err) => log.warn({ err }, 'could not record unanswered question'));
  const onUnhelpful = (e: EngineEventMap['unhelpful'][0]) =>
    void store.record({ kind: 'unhelpful', text: e.text, intent: null, entryIds: e.entryIds, platform: null, at: e.at }).catch((err) => log.warn({ err }, 'could not record unhelpful answer'));
  events.on('unanswered', onUnanswered);
  events.on('unhelpful', onUnhelpful);
  return () => {
    events.off('unanswered', onUnanswered);
    events.off('unhelpful', onUnhelpful);
  };
}
