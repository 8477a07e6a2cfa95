import type { EventEmitter } from 'node:events';
import type { EngineEventMap } from '../engine/services.ts';
import type { ConsoleContext } from './context.ts';
import { listenForFeedback } from './feedback.ts';
import type { LiveEventMap } from './live.ts';
import type { TicketEvent } from '../tickets/events.ts';
import { redact } from '../core/redact.ts';
import { formatTime, PLATFORM_LABEL } from './labels.ts';
import { HANDOFF_MARK, isHandoffTicket } from '../tickets/handoff.ts';

/**
 * Turns the engine's events into what the console needs: live updates for open pages, worker
 * messages in taken-over chats appended to the ticket's transcript, and the unanswered and
 * unhelpful lists for the dashboard. Returns a function that stops listening.
 */
export function bridgeEngineEvents(events: EventEmitter<EngineEventMap> | undefined, ctx: ConsoleContext): () => void {
  const { live, log } = ctx;
  const onFiled = (e: EngineEventMap['ticketFiled'][0]) => {
    if (e.created) live.emit('ticket', { number: e.number, kind: 'filed', by: 'bot' });
  };
  const onWorker = (e: EngineEventMap['workerMessage'][0]) => {
    void (async () => {
      // The session names the ticket the conversation was taken over for, whichever process took it over.
      const number = e.ticketNumber ?? (await ctx.sessions.get(e.conversationKey))?.takenOverFor;
      live.emit('worker', { conversationKey: e.conversationKey, ...(number ? { ticketNumber: number } : {}), text: redact(e.text), at: e.at, atText: formatTime(e.at) });
      if (!number) return;
      await ctx.desk.workerWrote(number, { text: e.text, at: e.at });
      if (!ctx.ticketEvents) live.emit('ticket', { number, kind: 'worker', by: 'worker' });
    })().catch((err) => log.warn({ err }, 'could not add the worker message to the transcript'));
  };
  const KIND: Record<TicketEvent['type'], LiveEventMap['ticket'][0]['kind']> = {
    'ticket.created': 'filed',
    'ticket.status_changed': 'status',
    'ticket.assigned': 'assigned',
    'ticket.transcript_appended': 'reply',
    'ticket.note_added': 'note',
    'ticket.rated': 'status',
  };
  const stopStore = ctx.ticketEvents?.((e) => {
    // A filing is announced by the engine's ticketFiled event too; only the store's copy counts when both exist.
    // A worker asking for a person goes straight into every open inbox's queue (announced first, so the inbox need not reload for it).
    if (e.type === 'ticket.created' && isHandoffTicket(e.ticket)) {
      const t = e.ticket;
      live.emit('handoff', { number: t.number, name: t.fields.name || '职工', platform: PLATFORM_LABEL[t.origin.platform] ?? t.origin.platform, atText: formatTime(t.createdAt), note: redact(t.fields.description.slice(HANDOFF_MARK.length)).slice(0, 80) });
    }
    live.emit('ticket', { number: e.ticket.number, kind: KIND[e.type], by: e.actor });
  });
  if (!stopStore) events?.on('ticketFiled', onFiled);
  events?.on('workerMessage', onWorker);
  const stopFeedback = events ? listenForFeedback(events, ctx.feedback, log) : () => {};
  return () => {
    events?.off('ticketFiled', onFiled);
    stopStore?.();
    events?.off('workerMessage', onWorker);
    stopFeedback();
  };
}
