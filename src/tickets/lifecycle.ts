/**
 * The ticket lifecycle in one place: the statuses, which moves are allowed, when the SLA clock
 * runs, when the worker is asked for a rating and when a take-over ends. The store enforces the
 * moves, the desk applies the side effects, the console draws the buttons: all read it here.
 *
 * 受理 received -> 派单 assigned -> 办理 in_progress -> 答复 replied -> 回访 follow_up -> 办结 closed;
 * operators may reopen.
 */

export const TICKET_STATUSES = ['received', 'assigned', 'in_progress', 'replied', 'follow_up', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const STATUS_LABEL: Record<TicketStatus, string> = {
  received: '已受理',
  assigned: '已派单',
  in_progress: '办理中',
  replied: '已答复',
  follow_up: '回访中',
  closed: '已办结',
};

/** Allowed moves. Reopening goes from closed (or follow_up) back to in_progress. */
export const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  received: ['assigned', 'in_progress', 'closed'],
  assigned: ['assigned', 'in_progress', 'replied', 'closed'],
  // Straight to 回访 when the answer was given by phone or in person.
  in_progress: ['assigned', 'replied', 'follow_up', 'closed'],
  replied: ['in_progress', 'follow_up', 'closed'],
  follow_up: ['in_progress', 'closed'],
  closed: ['in_progress'],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Every status but 办结 counts as open (the inbox's default, a worker's 在办 ticket). */
export function isOpen(status: TicketStatus): boolean {
  return status !== 'closed';
}

export const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter(isOpen);

/** The SLA clock runs until the worker has an answer. */
export function slaClockRuns(status: TicketStatus): boolean {
  return status === 'received' || status === 'assigned' || status === 'in_progress';
}

/** Reaching 回访 asks the worker, in their chat, to rate the handling 1-5. */
export function asksForRating(to: TicketStatus): boolean {
  return to === 'follow_up';
}

/** The worker may rate once the ticket is answered (答复, 回访, 办结). */
export function canRate(status: TicketStatus): boolean {
  return status === 'replied' || status === 'follow_up' || status === 'closed';
}

/** Closing ends a take-over: the bot answers the worker again. */
export function endsTakeOver(to: TicketStatus): boolean {
  return to === 'closed';
}

/** A closed ticket's conversation cannot be taken over until the ticket is reopened. */
export function canTakeOver(status: TicketStatus): boolean {
  return isOpen(status);
}

/** A closed ticket takes no more replies until it is reopened. */
export function canReply(status: TicketStatus): boolean {
  return isOpen(status);
}

/** The status an operator's reply moves a ticket to, or undefined when it stays where it is. */
export function afterReply(status: TicketStatus): TicketStatus | undefined {
  return status !== 'replied' && canTransition(status, 'replied') ? 'replied' : undefined;
}
