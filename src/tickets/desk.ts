import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../auth/audit.ts';
import { redact } from '../core/redact.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { initialSession, type SessionStore } from '../store/ports.ts';
import { ticketConversation } from './conversation.ts';
import type { FileResult, TicketFiler } from './filer.ts';
import { afterReply, asksForRating, canReply, canTakeOver, canTransition, endsTakeOver, isOpen, STATUS_LABEL, type TicketStatus } from './lifecycle.ts';
import type { WorkerNotifier } from './notify.ts';
import type { NewTicket, Ticket, TicketNote, TicketStore } from './types.ts';

/** What the desk tells open console pages: a change the ticket store does not see (take-over, hand-back). */
export interface DeskAnnouncement {
  number: string;
  kind: 'takeover' | 'handback';
  by: string;
}

export interface TicketDeskDeps {
  tickets: TicketStore;
  /** Files through the outbox when given, so a ticket posted while the database is away is queued, not lost. */
  filer?: TicketFiler;
  /** Chat sessions: take-over and hand-back live there. Without them the desk cannot take a conversation over. */
  sessions?: SessionStore;
  sessionTtlSeconds?: number;
  /** Tells the worker, in their chat, about replies, take-over, hand-back and the rating question. */
  notifier: Partial<WorkerNotifier> & Pick<WorkerNotifier, 'reply'>;
  /** The console's audit log; every desk action is recorded there once, whichever door it came through. */
  audit?: AuditLog;
  announce?: (event: DeskAnnouncement) => void;
  clock?: () => Date;
  log?: Logger;
}

/**
 * The only door to ticket changes. The console, the back-office API and the chat engine call it, so the
 * worker's notification, the audit record and the end of a take-over happen once, the same way,
 * whichever door a change came through. The lifecycle rules it applies are in lifecycle.ts.
 */
export interface TicketDesk {
  file(input: NewTicket, actor: string): Promise<FileResult>;
  assign(number: string, assignee: string | null, actor: string): Promise<Ticket>;
  /** Moves a ticket; reaching 回访 asks the worker for a rating, closing hands the conversation back to the bot. */
  transition(number: string, to: TicketStatus, actor: string, detail?: string): Promise<Ticket>;
  close(number: string, actor: string, detail?: string): Promise<Ticket>;
  /** Puts the operator's reply on the ticket and into the worker's chat; `notified` is false when it could not be queued. */
  reply(number: string, text: string, actor: string, options?: { replyId?: string }): Promise<{ ticket: Ticket; notified: boolean }>;
  note(number: string, text: string, actor: string): Promise<TicketNote>;
  /** The operator holds the ticket's chat: the bot stays silent there and the worker is told a person joined. */
  takeOver(number: string, actor: string): Promise<Ticket>;
  /** The bot answers the worker again, and the worker is told. */
  handBack(number: string, actor: string): Promise<Ticket>;
  /** Who holds the ticket's conversation now, if anyone. */
  holder(ticket: Ticket): Promise<string | undefined>;
  /** A worker wrote into a conversation an operator holds: the message goes on the ticket. */
  workerWrote(number: string, line: { text: string; at: string }): Promise<Ticket>;
  /** The worker adds to their open ticket ("补充：…"): the words go on the ticket and into the audit log. */
  addition(number: string, text: string, actor: string): Promise<Ticket>;
  /** The worker rates the handling 1-5 (at 回访, or once the ticket is answered). */
  rate(number: string, score: number, actor: string): Promise<Ticket>;
}

export function createTicketDesk(deps: TicketDeskDeps): TicketDesk {
  const { tickets, notifier, sessions } = deps;
  const clock = deps.clock ?? (() => new Date());
  const ttl = deps.sessionTtlSeconds ?? 24 * 3600;
  const log = deps.log?.child({ mod: 'desk' });

  async function mustGet(number: string): Promise<Ticket> {
    const ticket = await tickets.get(number);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${number} not found`, { details: { field: 'params.number' } });
    return ticket;
  }

  /** A worker notice that could not be queued is logged; the change it announces has committed. */
  async function tell(what: string, number: string, send: (() => Promise<void>) | undefined): Promise<void> {
    await send?.().catch((err: unknown) => log?.warn({ err, number }, `${what} not queued for the worker`));
  }

  async function record(actor: string, action: string, target: string, detail?: string): Promise<void> {
    // The change has committed; a lost audit line must not turn it into an error for the operator.
    await deps.audit?.record({ actor, action, target, detail: detail ?? null }).catch((err: unknown) => log?.warn({ err, action, target }, 'audit record failed'));
  }

  /** Sets or clears the operator on the ticket's chat session; returns who held it before. */
  async function hold(ticket: Ticket, operator: string | undefined): Promise<{ held: boolean; before?: string }> {
    const conv = ticketConversation(ticket);
    if (!conv || !sessions) return { held: false };
    const now = clock().toISOString();
    let before: string | undefined;
    await sessions.update(
      conv.key,
      (current) => {
        before = current?.takenOverBy;
        if (!operator && !before) return undefined;
        const next = current ?? initialSession(now);
        if (operator) {
          next.takenOverBy = operator;
          next.takenOverFor = ticket.number;
        } else {
          delete next.takenOverBy;
          delete next.takenOverFor;
        }
        next.updatedAt = now;
        return next;
      },
      ttl,
    );
    return { held: true, ...(before ? { before } : {}) };
  }

  async function release(ticket: Ticket, actor: string): Promise<boolean> {
    const { held, before } = await hold(ticket, undefined);
    if (!held || !before) return false;
    await record(actor, 'conversation.handback', ticket.number, ticketConversation(ticket)?.key);
    deps.announce?.({ number: ticket.number, kind: 'handback', by: actor });
    await tell('hand-back notice', ticket.number, notifier.left && (() => notifier.left!(ticket, randomUUID())));
    return true;
  }

  const desk: TicketDesk = {
    async file(input, actor) {
      const result = deps.filer ? await deps.filer.file(input, actor) : { status: 'filed' as const, ...(await tickets.file(input, actor)) };
      if (result.status === 'filed' && result.created) await record(actor, 'ticket.file', result.ticket.number);
      return result;
    },

    async assign(number, assignee, actor) {
      const ticket = await tickets.assign(number, assignee, actor);
      await record(actor, 'ticket.assign', number, assignee ?? '取消指派');
      return ticket;
    },

    async transition(number, to, actor, detail) {
      const before = await mustGet(number);
      const ticket = await tickets.transition(number, to, actor, detail);
      await record(actor, 'ticket.status', number, `${STATUS_LABEL[before.status]} → ${STATUS_LABEL[to]}`);
      if (asksForRating(to)) await tell('rating question', number, notifier.askRating && (() => notifier.askRating!(ticket)));
      if (endsTakeOver(to)) await release(ticket, actor);
      return ticket;
    },

    close(number, actor, detail) {
      return desk.transition(number, 'closed', actor, detail);
    },

    async reply(number, text, actor, options = {}) {
      const current = await mustGet(number);
      if (!canReply(current.status)) throw new AppError('INVALID_TRANSITION', '工单已办结，请先重新打开再回复职工', { details: { number, from: current.status, to: 'replied' } });
      let ticket = await tickets.appendTranscript(number, { from: 'operator', text, at: clock().toISOString() }, actor);
      const next = afterReply(ticket.status);
      if (next) ticket = await tickets.transition(number, next, actor, '已回复职工');
      let notified = true;
      try {
        // The reply id makes a double-submitted reply one message (it is the dedupe key's tail).
        await notifier.reply(ticket, text, options.replyId ?? randomUUID());
      } catch (err) {
        // The reply is on the ticket either way; the caller shows it was not delivered.
        notified = false;
        log?.warn({ err, number }, 'reply stored but could not be queued for the worker');
      }
      await record(actor, 'ticket.reply', number, text.slice(0, 200));
      return { ticket, notified };
    },

    async note(number, text, actor) {
      const note = await tickets.addNote(number, text, actor);
      await record(actor, 'ticket.note', number);
      return note;
    },

    async takeOver(number, actor) {
      const ticket = await mustGet(number);
      if (!canTakeOver(ticket.status)) throw new AppError('INVALID_TRANSITION', '工单已办结，请先重新打开再接管', { details: { number, from: ticket.status, to: 'takeover' } });
      if (!ticketConversation(ticket)) throw new AppError('VALIDATION', '这个工单没有聊天对话可接管', { details: { field: 'number' } });
      if (!sessions) throw new AppError('INTERNAL', 'the desk was built without chat sessions');
      const { before } = await hold(ticket, actor);
      // Whoever takes the conversation handles the ticket, unless someone already does (this is how a 转人工 request is claimed).
      if (!ticket.assignee && canTransition(ticket.status, 'assigned')) await desk.assign(number, actor, actor);
      await record(actor, 'conversation.takeover', number, ticketConversation(ticket)!.key);
      deps.announce?.({ number, kind: 'takeover', by: actor });
      // Told once per take-over; a colleague taking over from a colleague is not news to the worker.
      if (!before) await tell('take-over notice', number, notifier.joined && (() => notifier.joined!(ticket, randomUUID())));
      return ticket;
    },

    async handBack(number, actor) {
      const ticket = await mustGet(number);
      if (!ticketConversation(ticket)) throw new AppError('VALIDATION', '这个工单没有聊天对话', { details: { field: 'number' } });
      await release(ticket, actor);
      return ticket;
    },

    async holder(ticket) {
      const conv = ticketConversation(ticket);
      if (!conv || !sessions) return undefined;
      const session = await sessions.get(conv.key);
      return session?.takenOverFor === undefined || session.takenOverFor === ticket.number ? session?.takenOverBy : undefined;
    },

    workerWrote(number, line) {
      return tickets.appendTranscript(number, { from: 'worker', text: redact(line.text), at: line.at }, 'worker');
    },

    async addition(number, text, actor) {
      const current = await mustGet(number);
      if (!isOpen(current.status)) throw new AppError('INVALID_TRANSITION', '工单已办结，不能再补充', { details: { number, from: current.status, to: 'addition' } });
      const said = redact(text);
      const ticket = await tickets.appendTranscript(number, { from: 'worker', text: said, at: clock().toISOString() }, actor);
      await record(actor, 'ticket.addition', number, said.slice(0, 200));
      return ticket;
    },

    async rate(number, score, actor) {
      const ticket = await tickets.rate(number, score, actor);
      await record(actor, 'ticket.rate', number, `${score} 分`);
      return ticket;
    },
  };
  return desk;
}
