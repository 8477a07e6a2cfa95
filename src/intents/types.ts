/** What understanding produces for one message. */

export const TOPICS = ['hardship_aid', 'annual_pass', 'sanatorium', 'rights', 'member_benefits'] as const;
export type Topic = (typeof TOPICS)[number];

export const INTENTS = [...TOPICS, 'ticket_status', 'handoff', 'greeting', 'out_of_scope', 'unsafe'] as const;
export type Intent = (typeof INTENTS)[number];

export function isTopic(i: string): i is Topic {
  return (TOPICS as readonly string[]).includes(i);
}

/** What the worker wants done with a topic: learn about it, or have a person act. */
export type Want = 'ask' | 'act' | 'vague';

export interface Slots {
  phone?: string;
  district?: string;
  name?: string;
  employer?: string;
  ticketNumber?: string;
  region?: string;
}

export interface NluResult {
  intent: Intent;
  /** 0..1; below the policy's threshold the bot treats the message as not understood. */
  confidence: number;
  want: Want;
  slots: Slots;
  /** Which classifier produced the result. */
  source: 'rules' | 'classifier' | 'llm' | 'context';
  /** Runner-up intents with their scores, for hit testing and the eval report. */
  scores?: Partial<Record<Intent, number>>;
  /** The text the rest of the turn works on (normalized, follow-ups rewritten). */
  normalized: string;
}
