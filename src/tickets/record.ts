import type { Reply } from '../core/message.ts';
import { redact } from '../core/redact.ts';
import type { RecordLine, SessionState, SessionStore } from '../store/ports.ts';
import type { TranscriptLine } from './types.ts';

/**
 * The record of a conversation, kept in its session: what the worker typed and what the bot sent,
 * verbatim (the raw text, never the normalized one or a model's rewrite), in order, with times.
 * Phone and ID numbers are masked here; the ticket's own fields keep them. A filed form copies the
 * record into the ticket, so the operator reads what was really said.
 */

/** How many lines a session keeps. */
const KEEP = 60;
/** How many lines from before the form a ticket keeps, for context. */
const BEFORE_FORM = 6;
/** Lines older than this before the form began belong to another conversation. */
const CONTEXT_WINDOW_MS = 30 * 60_000;
const MAX_LINE = 2000;

function line(from: RecordLine['from'], text: string, at: string, form: boolean): RecordLine {
  const clipped = text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text;
  return { from, text: redact(clipped), at, ...(form ? { form: true as const } : {}) };
}

/**
 * Adds one turn to the session's record. A turn that ends a piece of business (a form filed or
 * cancelled, a rating given) clears the record afterwards, so the next ticket never carries
 * another one's lines (a rating "5", an old form).
 */
export function recordTurn(session: SessionState, turn: { worker: string; replies: Reply[]; at: string; formOpen: boolean; action: string }): void {
  const ends = turn.action === 'rate' || turn.replies.some((r) => r.meta?.form === 'filed' || r.meta?.form === 'queued' || r.meta?.form === 'cancelled');
  if (ends) {
    delete session.record;
    return;
  }
  const lines = [line('worker', turn.worker, turn.at, turn.formOpen), ...turn.replies.filter((r) => r.text).map((r) => line('bot', r.text, turn.at, turn.formOpen))];
  session.record = [...(session.record ?? []), ...lines].slice(-KEEP);
}

/** The record a form moved from a group to a private chat starts with: the group message and the private prompt. */
function startRecord(worker: string, prompt: string, at: string): RecordLine[] {
  return [line('worker', worker, at, true), ...(prompt ? [line('bot', prompt, at, true)] : [])];
}

/**
 * The transcript a ticket is filed with: a few lines from just before the form began, every line
 * of the form, and the worker's confirming message.
 */
export function transcriptForFiling(session: SessionState, confirming: { worker: string; at: string }): TranscriptLine[] {
  const record = session.record ?? [];
  const first = record.findIndex((l) => l.form);
  const formStart = first === -1 ? record.length : first;
  const startedAt = Date.parse(record[formStart]?.at ?? confirming.at);
  const before = record.slice(Math.max(0, formStart - BEFORE_FORM), formStart).filter((l) => startedAt - Date.parse(l.at) <= CONTEXT_WINDOW_MS);
  const lines = [...before, ...record.slice(formStart), line('worker', confirming.worker, confirming.at, true)];
  return lines.map(({ from, text, at }) => ({ from, text, at }));
}

/** The last lines of the record and the worker's message now: what a request for a person is filed with. */
export function recentRecord(session: SessionState, now: { worker: string; at: string }): TranscriptLine[] {
  return [...(session.record ?? []).slice(-BEFORE_FORM * 2), line('worker', now.worker, now.at, false)].map(({ from, text, at }) => ({ from, text, at }));
}

/**
 * A form started in a group continues in the worker's private chat: that session gets the form
 * and a record beginning with the group message, under the private chat's lock. An operator
 * holding the private chat keeps it.
 */
export async function startPrivately(
  services: { state: { sessions: SessionStore }; config: { SESSION_TTL_SECONDS: number } },
  started: { key: string; state: SessionState },
  turn: { worker: string; replies: Reply[]; at: string },
): Promise<void> {
  const prompt = turn.replies.find((r) => r.privateFollowUp)?.privateFollowUp?.text ?? '';
  await services.state.sessions.update(
    started.key,
    (current) => ({
      ...started.state,
      ...(current?.takenOverBy ? { takenOverBy: current.takenOverBy, ...(current.takenOverFor ? { takenOverFor: current.takenOverFor } : {}) } : {}),
      record: startRecord(turn.worker, prompt, turn.at),
    }),
    services.config.SESSION_TTL_SECONDS,
  );
}

/**
 * What the worker said just before, outside any form and within the same conversation (CONTEXT_WINDOW_MS):
 * the matter a bare "那你们给我登个记嘛" asks to file. Masked like every line of the record.
 */
export function lastWorkerLine(session: SessionState, now: string): string | undefined {
  const record = session.record ?? [];
  for (let i = record.length - 1; i >= 0; i--) {
    const l = record[i]!;
    if (l.from !== 'worker') continue;
    if (l.form || Date.parse(now) - Date.parse(l.at) > CONTEXT_WINDOW_MS) return undefined;
    return l.text;
  }
  return undefined;
}
