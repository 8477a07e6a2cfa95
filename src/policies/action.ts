import type { TicketField } from '../core/message.ts';
import type { UnsafeKind } from '../intents/detect.ts';
import type { Intent, Topic } from '../intents/types.ts';
import type { FactKind } from '../knowledge/answerability.ts';
import type { Place } from '../knowledge/places.ts';
import type { Hit } from '../knowledge/retriever.ts';

/** What the dialogue policy decides for one turn. Pure data; the executor carries it out. */
export type Action =
  /** `elsewhere`: the place asked about has no such policy; the answer is another place's, said to be so. */
  | { kind: 'answer'; intent: Intent; hits: Hit[]; note?: 'unsure' | 'greeting'; elsewhere?: Place }
  /** `likely`: entries close enough to the question that their titles may be offered with their figures. */
  | { kind: 'clarify'; topic: Topic; question: string; likely?: string[] }
  /**
   * The entry is about what was asked but does not state the kind of fact asked: what is known, and the gap.
   * `near`: the entry is the closest the knowledge holds, but the evidence is not enough to call it the answer.
   */
  | { kind: 'partial'; topic: Topic; hit: Hit; missing: FactKind[]; near?: boolean; year?: number; place?: Place; who?: string }
  /** The knowledge does not answer it: say so, where to ask, and record it for the knowledge editors. */
  /** `similarIn`: the region of a similar policy the knowledge holds for another place, named without its figures. */
  | { kind: 'no_answer'; topic: Topic; reason: 'not_found' | 'place' | 'nothing_more'; place?: Place; similarIn?: string }
  | { kind: 'start_ticket'; topic: Topic }
  /**
   * The next form step; a question asked mid-form is answered first from `interruptWith`.
   * `asks`: the message asks about a topic, so it is no name or firm, however sure the answer.
   */
  | { kind: 'form_step'; interruptWith?: Hit[]; asks?: true }
  | { kind: 'ticket_status'; ticketNumber?: string }
  | { kind: 'handoff'; reason: 'asked' | 'repeated_failure' }
  | { kind: 'decline'; reason: 'out_of_scope' | 'unsafe' | 'unsure' | UnsafeKind }
  | { kind: 'rate'; ticketNumber: string; score: number }
  | { kind: 'add_info' }
  /** "确认" with no form waiting for it (filed already, or the form expired or was lost). */
  | { kind: 'nothing_to_confirm' }
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
  /** The opening told no matter ("帮我登记"): the topic is judged again from the account when it comes. */
  topicGuessed?: boolean;
  /** The last reply to the field asked that was taken for a question instead: sent again, it is the answer. */
  askedInstead?: string;
  /** The worker writes English: the form asks, corrects and sums up in English. */
  english?: boolean;
  /** Stable for the life of the form: filing twice with the same key files once. */
  idempotencyKey: string;
  startedAt: string;
}
