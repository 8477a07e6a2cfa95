import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKey } from '../../src/core/message.ts';
import { JOINED_TEXT, LEFT_TEXT } from '../../src/tickets/notify.ts';
import type { Ticket } from '../../src/tickets/types.ts';
import { API_TOKEN, buildHarness, form, get, login, newTicket, type Harness } from './harness.ts';

const api = { authorization: `Bearer ${API_TOKEN}`, 'x-operator': 'hotline-7' };

describe('one ticket desk behind the console and the back-office API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await buildHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const keyOf = (t: Ticket) => conversationKey({ platform: 'terminal', chatId: t.origin.chatId, senderId: t.origin.senderId, chatType: 'private' });
  const worker = (t: Ticket) => h.terminal.texts(t.origin.chatId);

  it('gives the conversation back to the bot when a taken-over ticket is closed through the API, and tells the worker both times', async () => {
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    const op = await login(h.app, 'op1');
    expect((await form(h.app, `/tickets/${ticket.number}/takeover`, op, {})).statusCode).toBe(303);
    expect((await h.sessions.get(keyOf(ticket)))?.takenOverBy).toBe('op1');
    await expect.poll(() => worker(ticket).join('\n')).toContain(JOINED_TEXT);

    const res = await h.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.number}/status`, headers: api, payload: { to: 'closed' } });
    expect(res.statusCode, res.body).toBe(200);
    const session = await h.sessions.get(keyOf(ticket));
    expect(session?.takenOverBy).toBeUndefined();
    expect(session?.takenOverFor).toBeUndefined();
    await expect.poll(() => worker(ticket).join('\n')).toContain(LEFT_TEXT);
    expect(worker(ticket).filter((t) => t.includes(JOINED_TEXT))).toHaveLength(1);
    const page = await get(h.app, `/tickets/${ticket.number}`, op);
    expect(page.body).not.toContain('交还机器人');
  });

  it('records a change in the audit log once, whichever door it came through', async () => {
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    const op = await login(h.app, 'op2');
    await form(h.app, `/tickets/${ticket.number}/reply`, op, { text: '您好，已收到，请保持电话畅通。' });
    const viaApi = await h.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.number}/reply`, headers: api, payload: { text: '单位已答应本周内结清。' } });
    expect(viaApi.statusCode, viaApi.body).toBe(200);
    const rows = await h.database.query<{ actor: string; action: string }>('SELECT actor, action FROM console_audit WHERE target = $1 ORDER BY id', [ticket.number]);
    expect(rows.filter((r) => r.action === 'ticket.reply').map((r) => r.actor)).toEqual(['op2', 'hotline-7']);
    await expect.poll(() => worker(ticket).filter((t) => t.includes('答复】')).length).toBe(2);
  });

  it('asks the worker for a rating when the API moves a ticket to 回访, without losing a take-over made meanwhile', async () => {
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    for (const to of ['in_progress', 'replied']) {
      expect((await h.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.number}/status`, headers: api, payload: { to } })).statusCode).toBe(200);
    }
    await Promise.all([
      h.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.number}/status`, headers: api, payload: { to: 'follow_up' } }),
      h.desk.takeOver(ticket.number, 'op1'),
    ]);
    const session = await h.sessions.get(keyOf(ticket));
    expect(session).toMatchObject({ ratingFor: ticket.number, awaiting: 'rating', takenOverBy: 'op1', takenOverFor: ticket.number });
    await expect.poll(() => worker(ticket).join('\n')).toContain('【回访】');
  });

  it('never shows a full phone number in the inbox list; the ticket page field keeps it', async () => {
    const { ticket } = await h.tickets.file(newTicket({ description: '工资拖了三个月，我电话13912346721，老板电话 138-2345-6789' }), 'bot');
    const op = await login(h.app, 'op1');
    const inbox = (await get(h.app, '/tickets', op)).body;
    const row = inbox.slice(inbox.indexOf(`data-number="${ticket.number}"`));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('139****6721');
    expect(inbox.replace(/[\s-]/g, '')).not.toMatch(/13912346721|13823456789/);
    const page = (await get(h.app, `/tickets/${ticket.number}`, op)).body;
    expect(page).toContain('<dd id="phone">13912346721</dd>');
  });

  it('stamps live worker messages and the ticket page in the configured time zone, and reads the trail in Chinese', async () => {
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    const op = await login(h.app, 'op1');
    await form(h.app, `/tickets/${ticket.number}/takeover`, op, {});
    const heard: { text: string; atText?: string }[] = [];
    h.live.on('worker', (e) => heard.push(e));
    h.events.emit('workerMessage', { conversationKey: keyOf(ticket), text: '我电话换成 13700001111 了', at: '2026-11-22T02:05:00.000Z' });
    await expect.poll(() => heard.length).toBe(1);
    expect(heard[0]).toMatchObject({ atText: '2026年11月22日 10:05', text: '我电话换成 137****1111 了' });
    await form(h.app, `/tickets/${ticket.number}/assign`, op, { assignee: 'op2' });
    await form(h.app, `/tickets/${ticket.number}/handback`, op, {});
    const page = (await get(h.app, `/tickets/${ticket.number}`, op)).body;
    expect(page).toContain('职工 · 2026年11月22日 10:05');
    expect(page).toContain('已受理 → 已派单');
    expect(page).not.toMatch(/received|assigned →|→ assigned/);
    const admin = await login(h.app, 'admin');
    const audit = (await get(h.app, `/audit`, admin)).body;
    expect(audit).toContain('转回机器人');
    expect(audit).not.toContain('conversation.handback');
  });
});
