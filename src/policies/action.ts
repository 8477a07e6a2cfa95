import type { TicketField } from '../core/message.ts';
import type { Intent, Topic } from '../intents/types.ts';
import type { Hit } from '../knowledge/retriever.ts';

/** What the dialogue policy decides for one turn. Pure data; the executor carries it out. */
export type Action =
  | { kind: 'answer'; intent: Intent; hits: Hit[]; note?: 'unsure' | 'greeting' }
  | { kind: 'clarify'; topic: Topic; question: string }
  | { kind: 'start_ticket'; topic: Topic; urgent: boolean }
  | { kind: 'form_step' }
  | { kind: 'ticket_status'; ticketNumber?: string }
  | { kind: 'handoff'; reason: 'asked' | 'repeated_failure' }
  | { kind: 'decline'; reason: 'out_of_scope' | 'unsafe' | 'injection' | 'privacy' | 'unsure' }
  | { kind: 'rate'; ticketNumber: string; score: number }
  | { kind: 'add_info' }
  | { kind: 'feedback'; helpful: boolean }
  | { kind: 'silent'; reason: 'operator_active' };

export type ActionKind = Action['kind'];

export interface FormDraft {
  topic: Topic;
  urgent: boolean;
  fields: Partial<Record<TicketField, string>>;
  /** The field the bot asked for last, by name; 'confirm' once the summary is shown. */
  requested: TicketField | 'confirm' | null;
  /** How many times in a row the requested field failed to validate. */
  tries: number;
  /** Where each field came from: the worker's words and the rule that took them. */
  sources?: Partial<Record<TicketField, { span: string; rule: string }>>;
  /** The worker's own account of the problem so far (the opening and what they added), for urgency. */
  account?: string;
  /** Why the ticket is urgent, for operators; absent when it is not. */
  urgentReason?: string;
  /** Stable for the life of the form: filing twice with the same key files once. */
  idempotencyKey: string;
  startedAt: string;
}
