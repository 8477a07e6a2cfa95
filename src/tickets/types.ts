import type { Platform } from '../core/message.ts';
import type { Topic } from '../intents/types.ts';

/** 12351 back-office ticket model: fields, request types and tiers; the lifecycle is in lifecycle.ts. */

import type { TicketStatus } from './lifecycle.ts';

export { canTransition, STATUS_LABEL, TICKET_STATUSES, TRANSITIONS, type TicketStatus } from './lifecycle.ts';

export const REQUEST_TYPES = ['consult', 'assistance', 'complaint', 'legal_aid', 'suggestion'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_TYPE_LABEL: Record<RequestType, string> = {
  consult: '问题咨询',
  assistance: '服务帮扶',
  complaint: '信访投诉',
  legal_aid: '法律援助',
  suggestion: '意见建议',
};

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TIERS = ['一般', '难点', '特别复杂'] as const;
export type Tier = (typeof TIERS)[number];

export interface TicketOrigin {
  platform: Platform | 'phone' | 'api';
  chatId: string;
  senderId: string;
}

export interface TicketFields {
  name: string;
  phone: string;
  employer: string;
  district: string;
  description: string;
}

export interface NewTicket {
  fields: TicketFields;
  category: Topic;
  requestType: RequestType;
  priority: Priority;
  urgent: boolean;
  /** Why it is urgent, in the words operators see (the form's written urgency rules). */
  urgentReason?: string;
  tier: Tier;
  origin: TicketOrigin;
  /** The chat so far, so the operator does not ask again. */
  transcript: TranscriptLine[];
  /** Same key, same ticket: a confirmed form delivered twice files once. */
  idempotencyKey: string;
}

export interface TranscriptLine {
  from: 'worker' | 'bot' | 'operator';
  text: string;
  at: string;
}

export interface Ticket extends Omit<NewTicket, 'idempotencyKey'> {
  number: string;
  status: TicketStatus;
  assignee: string | null;
  rating: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  from?: string | null;
  to?: string | null;
  detail?: string | null;
}

export interface TicketNote {
  at: string;
  author: string;
  text: string;
}

export interface TicketFilter {
  status?: TicketStatus[];
  category?: Topic[];
  requestType?: RequestType[];
  priority?: Priority[];
  urgent?: boolean;
  /** The whole district name or part of it (江北 matches 江北区). */
  district?: string;
  assignee?: string;
  from?: string;
  to?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

/**
 * The ticket store port. One SQL implementation serves PGlite and PostgreSQL. Every change is
 * written to the audit trail in the same transaction as the change itself.
 */
export interface TicketStore {
  /** Files a ticket, or returns the one already filed under the same idempotency key. */
  file(input: NewTicket, actor: string): Promise<{ ticket: Ticket; created: boolean }>;
  get(number: string): Promise<Ticket | undefined>;
  /** Tickets whose origin sender is this person on this platform, newest first. */
  listForRequester(origin: { platform: string; senderId: string }): Promise<Ticket[]>;
  list(filter: TicketFilter): Promise<{ items: Ticket[]; total: number }>;
  transition(number: string, to: TicketStatus, actor: string, detail?: string): Promise<Ticket>;
  assign(number: string, assignee: string | null, actor: string): Promise<Ticket>;
  /** Appends to the conversation transcript (worker adds information, operator replies). */
  appendTranscript(number: string, line: TranscriptLine, actor: string): Promise<Ticket>;
  addNote(number: string, text: string, actor: string): Promise<TicketNote>;
  notes(number: string): Promise<TicketNote[]>;
  rate(number: string, rating: number, actor: string): Promise<Ticket>;
  audit(number: string): Promise<AuditEntry[]>;
  close(): Promise<void>;
}
