import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKey } from '../../src/core/message.ts';
import { compareForInbox, slaOf } from '../../src/console/sla.ts';
import type { Ticket } from '../../src/tickets/types.ts';
import { buildHarness, form, get, login, newTicket, type Harness } from './harness.ts';

const HOURS = { 一般: 72, 难点: 168, 特别复杂: 360 };

function inboxOrder(body: string): string[] {
  return [...body.matchAll(/<tr class="[^"]*" data-number="([^"]+)"/g)].map((m) => m[1]!);
}

describe('SLA', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const t = (over: Partial<Ticket>): Ticket =>
    ({ number: 'x', tier: '一般', status: 'received', priority: 'normal', urgent: false, createdAt: '2026-11-22T00:00:00Z', ...over }) as Ticket;

  it('counts down from the tier limit and stops once the worker has an answer', () => {
    expect(slaOf(t({ tier: '难点' }), HOURS, now).deadline).toBe('2026-11-29T00:00:00.000Z');
    expect(slaOf(t({ createdAt: '2026-11-18T00:00:00Z' }), HOURS, now).overdue).toBe(true);
    expect(slaOf(t({ createdAt: '2026-11-18T00:00:00Z', status: 'replied' }), HOURS, now).overdue).toBe(false);
  });

  it('orders urgent first, then overdue, then by time left, finished tickets last', () => {
    const list = [
      t({ number: 'done', status: 'closed', createdAt: '2026-11-10T00:00:00Z' }),
      t({ number: 'hard-fresh', tier: '特别复杂' }),
      t({ number: 'overdue', createdAt: '2026-11-18T00:00:00Z' }),
      t({ number: 'urgent', priority: 'urgent', tier: '特别复杂' }),
      t({ number: 'normal-older', createdAt: '2026-11-21T00:00:00Z' }),
      t({ number: 'flagged', urgent: true, priority: 'high', createdAt: '2026-11-22T06:00:00Z' }),
    ];
    expect(list.sort(compareForInbox(HOURS, now)).map((x) => x.number)).toEqual(['flagged', 'urgent', 'overdue', 'normal-older', 'hard-fresh', 'done']);
  });
});

describe('operator inbox and ticket page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await buildHarness({ env: { SLA_HOURS: '一般:72,难点:168,特别复杂:360' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows urgent and overdue tickets first and filters by status, category, district, priority, assignee and text', async () => {
    const base = h.clock.now;
    const at = (hoursAgo: number) => (h.clock.now = new Date(base.getTime() - hoursAgo * 3_600_000));
    at(100);
    const overdue = (await h.tickets.file(newTicket({ category: 'hardship_aid', fields: { ...newTicket().fields, district: '江北区', description: '生病住院困难' } }), 'bot')).ticket;
    at(10);
    const normal = (await h.tickets.file(newTicket({ category: 'annual_pass', priority: 'low', fields: { ...newTicket().fields, description: '年票景区不认' } }), 'bot')).ticket;
    at(1);
    const urgent = (await h.tickets.file(newTicket({ priority: 'urgent', urgent: true, tier: '特别复杂', description: '包工头跑路了' }), 'bot')).ticket;
    h.clock.now = base;
    const op = await login(h.app, 'op1');

    const inbox = await get(h.app, '/tickets', op);
    expect(inbox.statusCode).toBe(200);
    const order = inboxOrder(inbox.body).filter((n) => [overdue.number, normal.number, urgent.number].includes(n));
    expect(order).toEqual([urgent.number, overdue.number, normal.number]);
    expect(inbox.body).toContain('超时');
    expect(inbox.body).not.toContain('13912346721');

    const only = async (query: string) => inboxOrder((await get(h.app, `/tickets?${query}`, op)).body);
    expect(await only('category=annual_pass')).toEqual([normal.number]);
    expect(await only(`district=${encodeURIComponent('江北区')}`)).toEqual([overdue.number]);
    expect(await only('priority=urgent')).toEqual([urgent.number]);
    expect(await only(`q=${encodeURIComponent('跑路')}`)).toEqual([urgent.number]);

    await form(h.app, `/tickets/${normal.number}/assign`, op, { assignee: 'op1' });
    expect(await only('assignee=me')).toEqual([normal.number]);
    expect(await only('status=assigned')).toEqual([normal.number]);
    expect(await only('assignee=none')).not.toContain(normal.number);
  });

  it('pages the inbox', async () => {
    for (let i = 0; i < 32; i++) await h.tickets.file(newTicket({ description: `分页测试 ${i}` }), 'bot');
    const op = await login(h.app, 'op1');
    const first = await get(h.app, `/tickets?q=${encodeURIComponent('分页测试')}`, op);
    expect(inboxOrder(first.body)).toHaveLength(30);
    expect(first.body).toContain('第 1 / 2 页');
    const second = await get(h.app, `/tickets?q=${encodeURIComponent('分页测试')}&page=2`, op);
    expect(inboxOrder(second.body)).toHaveLength(2);
  });

  it('shows the full phone on the ticket page, and sends a reply once into the worker chat', async () => {
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    const op = await login(h.app, 'op1');
    const page = await get(h.app, `/tickets/${ticket.number}`, op);
    expect(page.body).toContain('13912346721');
    const nonce = /name="nonce" value="([^"]+)"/.exec(page.body)![1]!;
    const before = h.terminal.sent.length;
    const first = await form(h.app, `/tickets/${ticket.number}/reply`, op, { text: '您好，已联系用人单位核实。', nonce });
    expect(first.statusCode).toBe(303);
    // The same form submitted twice (double click) is one message.
    await form(h.app, `/tickets/${ticket.number}/reply`, op, { text: '您好，已联系用人单位核实。', nonce });
    await h.outbound.drain();
    const mine = h.terminal.sent.slice(before).filter((s) => s.chatId === ticket.origin.chatId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.reply.text).toContain('已联系用人单位核实');
    expect(mine[0]!.reply.text).toContain(ticket.number);
    const after = (await h.tickets.get(ticket.number))!;
    expect(after.transcript.filter((l) => l.from === 'operator').map((l) => l.text)).toContain('您好，已联系用人单位核实。');
  });

  it('takes a conversation over so the bot stays silent, and hands it back', async () => {
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    const key = conversationKey({ platform: 'terminal', chatId: ticket.origin.chatId, senderId: ticket.origin.senderId, chatType: 'private' });
    const op = await login(h.app, 'op1');
    expect((await form(h.app, `/tickets/${ticket.number}/takeover`, op, {})).statusCode).toBe(303);
    expect((await h.sessions.get(key))?.takenOverBy).toBe('op1');
    expect((await get(h.app, `/tickets/${ticket.number}`, op)).body).toContain('交还机器人');

    // A worker message in the taken-over chat lands in the transcript.
    h.events.emit('workerMessage', { conversationKey: key, text: '师傅，我把合同拍给你', at: h.clock.now.toISOString() });
    await expect.poll(async () => (await h.tickets.get(ticket.number))!.transcript.map((l) => l.text)).toContain('师傅，我把合同拍给你');

    expect((await form(h.app, `/tickets/${ticket.number}/handback`, op, {})).statusCode).toBe(303);
    expect((await h.sessions.get(key))?.takenOverBy).toBeUndefined();

    // Closing the ticket also gives the conversation back to the bot.
    await form(h.app, `/tickets/${ticket.number}/takeover`, op, {});
    await form(h.app, `/tickets/${ticket.number}/status`, op, { to: 'closed' });
    expect((await h.tickets.get(ticket.number))!.status).toBe('closed');
    expect((await h.sessions.get(key))?.takenOverBy).toBeUndefined();
  });

  it('moves a ticket only along the lifecycle', async () => {
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    const op = await login(h.app, 'op1');
    const bad = await form(h.app, `/tickets/${ticket.number}/status`, op, { to: 'follow_up' });
    expect(bad.statusCode).toBe(409);
    expect((await h.tickets.get(ticket.number))!.status).toBe('received');
    await form(h.app, `/tickets/${ticket.number}/assign`, op, { assignee: 'op2' });
    await form(h.app, `/tickets/${ticket.number}/status`, op, { to: 'in_progress' });
    const t = (await h.tickets.get(ticket.number))!;
    expect([t.status, t.assignee]).toEqual(['in_progress', 'op2']);
  });
});
