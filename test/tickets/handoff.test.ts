import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import type { RunningServices } from '../../src/services.ts';
import { HANDOFF_MARK, isHandoffTicket } from '../../src/tickets/handoff.ts';
import { conversation } from '../fixtures/messages.ts';
import { buildTestServices } from '../fixtures/services.ts';
import { newTicket } from '../console/harness.ts';

let services: RunningServices;
let engine: Engine;
beforeAll(async () => {
  services = await buildTestServices();
  engine = createEngine(services);
});
afterAll(async () => {
  await services.close();
});

describe('转人工', () => {
  it('puts one request in the queue with the conversation so far, names the worker\'s open ticket, and says a second 转人工 is already queued', async () => {
    const w = conversation(engine, { senderName: '李师傅' });
    const open = await services.desk.file(newTicket({ origin: { platform: 'terminal', chatId: w.base.chatId, senderId: w.base.senderId } }), 'bot');
    if (open.status !== 'filed') throw new Error('not filed');
    await w.say('工会年票在哪里办？我电话13912346721');
    const [first] = await w.say('转人工');
    const number = first!.meta?.ticketNumber;
    expect(first!.action).toBe('handoff');
    expect(first!.text).toContain(`已为您转人工（工单 ${number}）`);
    expect(first!.text).toContain(open.ticket.number);

    const ticket = (await services.tickets.get(number!))!;
    expect(isHandoffTicket(ticket)).toBe(true);
    expect(ticket.fields.description).toContain(`该职工另有在办工单 ${open.ticket.number}`);
    expect(ticket.fields.name).toBe('李师傅');
    const transcript = ticket.transcript.map((l) => `${l.from}:${l.text}`);
    expect(transcript[0]).toBe('worker:工会年票在哪里办？我电话139****6721');
    expect(transcript.at(-1)).toBe('worker:转人工');
    expect(transcript.some((l) => l.startsWith('bot:'))).toBe(true);

    const [again] = await w.say('人呢？转人工');
    expect(again!.text).toContain(`已在排队（工单 ${number}）`);
    const queued = (await services.tickets.list({ q: HANDOFF_MARK })).items.filter((t) => t.origin.chatId === w.base.chatId);
    expect(queued).toHaveLength(1);
  });

  it('answers a worker who wrote in English in English, with the ticket number', async () => {
    const w = conversation(engine);
    const [reply] = await w.say('I want to talk to a real person');
    const number = reply!.meta?.ticketNumber;
    expect(reply!.action).toBe('handoff');
    expect(reply!.text).toContain(`I have asked for a person for you (ticket ${number})`);
    expect(reply!.text).toContain('12351');
    const [again] = await w.say('hello? I need a human');
    expect(again!.text).toContain(`already in the queue (ticket ${number})`);
  });
});
