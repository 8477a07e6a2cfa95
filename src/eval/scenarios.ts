import type { Awaiting } from '../core/message.ts';
import { TICKET_FIELDS } from '../core/message.ts';
import type { Ticket, TicketStore } from '../tickets/types.ts';
import type { Inject, Scenario } from './dataset.ts';
import { combineReplies, type ScenarioReportItem, type ScenarioTurn, type TurnHandler } from './report.ts';
import { fieldMatches } from './score.ts';

/** The README's cap on user turns per scenario. */
export const MAX_TURNS = 20;

/** What one scenario plays against: an engine over a ticket store nobody else has written to. */
export interface ScenarioWorld {
  engine: TurnHandler;
  tickets: Pick<TicketStore, 'get' | 'listForRequester'>;
}

export interface ScenarioOptions {
  clock?: () => Date;
  /** Distinguishes runs so sender ids never repeat within one process. */
  runId?: string;
}

/**
 * Plays the worker exactly as ../shared/eval/README.md describes: sends the opening, then after
 * each bot reply an inject that matches (after the N-th reply, or when field F is asked for),
 * otherwise the profile value for the awaited field, 确认 for a confirmation, and stops when
 * the bot awaits nothing (at most 20 user turns).
 */
export async function runScenario(world: ScenarioWorld, scenario: Scenario, options: ScenarioOptions = {}): Promise<ScenarioReportItem> {
  const clock = options.clock ?? (() => new Date());
  const who = `eval-${options.runId ?? Date.now().toString(36)}-${scenario.id}`;
  const pending: Inject[] = [...scenario.inject];
  const turns: ScenarioTurn[] = [];
  let ticketNumber: string | undefined;
  let formStarted = false;
  let text: string | undefined = scenario.opening;
  let lastAwaiting: Awaiting | string | null = null;
  while (text !== undefined && turns.length < MAX_TURNS) {
    const replies = await world.engine.handle({
      platform: 'eval',
      chatId: who,
      chatType: 'private',
      senderId: who,
      senderName: scenario.profile.name ?? '职工',
      text,
      mentionsBot: false,
      messageId: `${who}-m${turns.length + 1}`,
      receivedAt: clock().toISOString(),
    });
    const r = combineReplies(replies);
    turns.push({ user: text, bot: r.text, awaiting: r.awaiting });
    ticketNumber = r.ticketNumber ?? ticketNumber;
    lastAwaiting = r.awaiting;
    if (r.awaiting !== null && r.awaiting !== 'rating') formStarted = true;
    text = nextUserText(scenario, pending, turns.length, r.awaiting);
  }
  const ticket = await findTicket(world, who, ticketNumber);
  const cancelled = !ticket && formStarted && lastAwaiting === null;
  const item: ScenarioReportItem = {
    id: scenario.id,
    cancelled,
    turns,
    ticket: ticket
      ? { number: ticket.number, category: ticket.category, urgent: ticket.urgent, fields: { ...ticket.fields } }
      : null,
    pass: false,
    problems: [],
  };
  item.problems = judgeScenario(scenario, item);
  item.pass = item.problems.length === 0;
  return item;
}

/** The worker's next message, or undefined to stop. Consumes the inject it uses. */
export function nextUserText(scenario: Scenario, pending: Inject[], botReplies: number, awaiting: string | null): string | undefined {
  const i = pending.findIndex((x) => ('after_turn' in x ? x.after_turn === botReplies : x.after_slot === awaiting));
  if (i >= 0) return pending.splice(i, 1)[0]!.text;
  if (awaiting === 'confirm') return '确认';
  if (awaiting !== null && (TICKET_FIELDS as readonly string[]).includes(awaiting)) return scenario.profile[awaiting] ?? '';
  return undefined;
}

async function findTicket(world: ScenarioWorld, senderId: string, number: string | undefined): Promise<Ticket | undefined> {
  if (number) {
    const t = await world.tickets.get(number);
    if (t) return t;
  }
  const mine = await world.tickets.listForRequester({ platform: 'eval', senderId });
  return mine[0];
}

/** The README's pass rule; returns what did not match (empty = pass). */
export function judgeScenario(scenario: Scenario, item: Pick<ScenarioReportItem, 'cancelled' | 'ticket'>): string[] {
  const { expect } = scenario;
  const problems: string[] = [];
  if (expect.cancelled) {
    if (item.ticket) problems.push(`ticket ${item.ticket.number} filed`);
    if (!item.cancelled) problems.push('not cancelled');
    return problems;
  }
  if (!item.ticket) return ['no ticket filed'];
  if (expect.category !== undefined && item.ticket.category !== expect.category)
    problems.push(`category ${item.ticket.category} (want ${expect.category})`);
  if (expect.urgent !== undefined && item.ticket.urgent !== expect.urgent)
    problems.push(`urgent ${item.ticket.urgent} (want ${expect.urgent})`);
  for (const [field, want] of Object.entries(expect.fields)) {
    const got = item.ticket.fields[field];
    if (!fieldMatches(field, want, got)) problems.push(`${field} "${got ?? ''}" (want "${want}")`);
  }
  return problems;
}

export interface ScenarioSummary {
  mode: 'scenarios';
  total: number;
  passed: number;
  pass_rate: number;
  failures: { id: string; problems: string[] }[];
  turns: { mean: number; max: number };
}

export function summarizeScenarios(items: readonly ScenarioReportItem[]): ScenarioSummary {
  const passed = items.filter((i) => i.pass).length;
  const turnCounts = items.map((i) => i.turns.length);
  return {
    mode: 'scenarios',
    total: items.length,
    passed,
    pass_rate: items.length ? Math.round((passed / items.length) * 10_000) / 10_000 : 0,
    failures: items.filter((i) => !i.pass).map((i) => ({ id: i.id, problems: i.problems })),
    turns: {
      mean: turnCounts.length ? Math.round((turnCounts.reduce((a, b) => a + b, 0) / turnCounts.length) * 100) / 100 : 0,
      max: turnCounts.length ? Math.max(...turnCounts) : 0,
    },
  };
}
