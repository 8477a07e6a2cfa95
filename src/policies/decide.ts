import type { NluResult } from '../intents/types.ts';
import { isTopic } from '../intents/types.ts';
import { ANSWER_MIN_SCORE, type Hit } from '../knowledge/retriever.ts';
import type { SessionState } from '../store/ports.ts';
import type { Action } from './action.ts';

/**
 * The dialogue policy: an ordered list of rules, the first that returns an action wins.
 * Pure: no I/O, no clock. Every rule can be tested as a table row.
 */

export interface DecideInput {
  session: SessionState;
  nlu: NluResult;
  hits: Hit[];
  chatType: 'private' | 'group';
}

export { ANSWER_MIN_SCORE };

type Rule = (i: DecideInput) => Action | undefined;

const operatorActive: Rule = ({ session }) => (session.takenOverBy ? { kind: 'silent', reason: 'operator_active' } : undefined);

const unsafe: Rule = ({ nlu }) => (nlu.intent === 'unsafe' ? { kind: 'decline', reason: 'unsafe' } : undefined);

const continueForm: Rule = ({ session, nlu }) => {
  if (!session.form) return undefined;
  if (nlu.intent === 'handoff') return { kind: 'handoff', reason: 'asked' };
  return { kind: 'form_step' };
};

const RATING = /^\s*([1-5])\s*(分|星|颗星)?[\s。.!！]*$/;
const rating: Rule = ({ session, nlu }) => {
  const m = RATING.exec(nlu.normalized);
  return session.ratingFor && m ? { kind: 'rate', ticketNumber: session.ratingFor, score: Number(m[1]) } : undefined;
};

const ADD_INFO = /^(补充|追加|再补充|还要补充|补充一下|补充说明)[:：\s]/;
const addInfo: Rule = ({ nlu }) => (ADD_INFO.test(nlu.normalized) ? { kind: 'add_info' } : undefined);

const UNHELPFUL = /^(没用|没得用|没啥用|不对|答非所问|说的啥|看不懂|不是这个|不是我问的|没有帮助|没帮助|乱答|useless|not helpful|wrong answer)[\s。.!！?？啊哦嘛]*$/i;
const THANKS = /^(谢谢|谢了|多谢|感谢|有用|明白了|懂了|好的谢谢|thanks|thank you)[\s。.!！啊哦呀~👍]*$/i;
/** Right after an answer, "没用" or "谢谢" is feedback on it. */
const feedback: Rule = ({ session, nlu }) => {
  if (session.lastEntryIds.length === 0) return undefined;
  if (UNHELPFUL.test(nlu.normalized)) return { kind: 'feedback', helpful: false };
  if (THANKS.test(nlu.normalized)) return { kind: 'feedback', helpful: true };
  return undefined;
};

const handoff: Rule = ({ nlu, session }) => {
  if (nlu.intent === 'handoff') return { kind: 'handoff', reason: 'asked' };
  if (session.misses >= 2 && nlu.intent === 'out_of_scope' && nlu.confidence < 0.6) return { kind: 'handoff', reason: 'repeated_failure' };
  return undefined;
};

const ticketStatus: Rule = ({ nlu }) =>
  nlu.intent === 'ticket_status' ? { kind: 'ticket_status', ...(nlu.slots.ticketNumber ? { ticketNumber: nlu.slots.ticketNumber } : {}) } : undefined;

const greeting: Rule = ({ nlu }) => (nlu.intent === 'greeting' ? { kind: 'answer', intent: 'greeting', hits: [], note: 'greeting' } : undefined);

const outOfScope: Rule = ({ nlu }) => (nlu.intent === 'out_of_scope' ? { kind: 'decline', reason: 'out_of_scope' } : undefined);

const startTicket: Rule = ({ nlu }) =>
  isTopic(nlu.intent) && nlu.want === 'act' ? { kind: 'start_ticket', topic: nlu.intent, urgent: Boolean(nlu.urgent) } : undefined;

const clarify: Rule = ({ nlu, hits }) => {
  if (!isTopic(nlu.intent)) return undefined;
  if (nlu.want === 'vague' || (hits[0]?.score ?? 0) < ANSWER_MIN_SCORE) return { kind: 'clarify', topic: nlu.intent, question: nlu.normalized };
  return undefined;
};

const answer: Rule = ({ nlu, hits }) => (isTopic(nlu.intent) ? { kind: 'answer', intent: nlu.intent, hits } : undefined);

export const RULES: readonly Rule[] = [operatorActive, unsafe, continueForm, rating, addInfo, feedback, handoff, ticketStatus, greeting, outOfScope, startTicket, clarify, answer];

export function decide(input: DecideInput): Action {
  for (const rule of RULES) {
    const action = rule(input);
    if (action) return action;
  }
  return { kind: 'decline', reason: 'unsure' };
}
