import type { Citation, Inbound, Reply } from '../core/message.ts';

/** What the eval drives: anything that takes a worker's message and answers, like the engine. */
export interface TurnHandler {
  handle(msg: Inbound): Promise<Reply[]>;
}

/** One line of the question report, as ../shared/eval/README.md fixes it, plus the model fields. */
export interface QuestionReportItem {
  id: string;
  intent: string;
  action: string;
  text: string;
  citations: Citation[];
  confidence: number;
  latency_ms: number;
  model_used: boolean;
  prompt_tokens: number;
  completion_tokens: number;
  /** For a topical question: answer, partial or none, and the calibrated probability behind it. */
  answerability?: 'answer' | 'partial' | 'none';
  p?: number;
}

export interface ScenarioTurn {
  user: string;
  bot: string;
  awaiting: string | null;
}

export interface ScenarioReportItem {
  id: string;
  cancelled: boolean;
  turns: ScenarioTurn[];
  ticket: { number: string; category: string; urgent: boolean; fields: Record<string, string> } | null;
  pass: boolean;
  /** Why the scenario failed, in a few words each; empty when it passed. */
  problems: string[];
}

/**
 * A turn's replies seen as one bot reply: texts joined, citations merged, and the action,
 * intent and awaiting of the main reply (the first that is not a system notice).
 */
export function combineReplies(replies: readonly Reply[]): {
  text: string;
  action: string;
  intent: string;
  awaiting: string | null;
  confidence: number;
  citations: Citation[];
  ticketNumber?: string;
  model: { used: boolean; promptTokens: number; completionTokens: number };
  answerability?: 'answer' | 'partial' | 'none';
  p?: number;
} {
  const main = replies.find((r) => r.action !== 'notice') ?? replies[0];
  const citations: Citation[] = [];
  const ids = new Set<string>();
  let promptTokens = 0;
  let completionTokens = 0;
  let used = false;
  let ticketNumber: string | undefined;
  for (const r of replies) {
    for (const c of r.citations ?? []) if (!ids.has(c.id)) ids.add(c.id), citations.push(c);
    if (r.meta?.model) {
      used ||= r.meta.model.used;
      promptTokens += r.meta.model.promptTokens ?? 0;
      completionTokens += r.meta.model.completionTokens ?? 0;
    }
    ticketNumber ??= r.meta?.ticketNumber;
  }
  const last = replies[replies.length - 1];
  return {
    text: replies.map((r) => r.text).join('\n\n'),
    action: main?.action ?? 'none',
    intent: main?.meta?.intent ?? 'none',
    awaiting: last?.awaiting ?? null,
    confidence: main?.meta?.confidence ?? 0,
    citations,
    ...(ticketNumber ? { ticketNumber } : {}),
    model: { used, promptTokens, completionTokens },
    ...(main?.meta?.answerability ? { answerability: main.meta.answerability } : {}),
    ...(main?.meta?.p !== undefined ? { p: main.meta.p } : {}),
  };
}
