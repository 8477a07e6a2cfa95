import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_STATUSES, TRANSITIONS, type TicketStatus } from '../../src/tickets/types.ts';
import { buildHarness, form, get, login, newTicket, type Harness } from './harness.ts';

/** The status buttons of a ticket page: the state each one moves to. */
function statusButtons(body: string): string[] {
  const section = /<h2>状态<\/h2>([\s\S]*?)<\/form>/.exec(body)?.[1] ?? '';
  return [...section.matchAll(/name="to" value="([a-z_]+)"/g)].map((m) => m[1]!);
}

/** Moves a ticket to `to` through states the lifecycle allows (shortest path). */
async function bring(h: Harness, number: string, to: TicketStatus): Promise<void> {
  const from = (await h.tickets.get(number))!.status;
  const prev = new Map<TicketStatus, TicketStatus>();
  const queue: TicketStatus[] = [from];
  while (queue.length) {
    const s = queue.shift()!;
    for (const n of TRANSITIONS[s]) if (n !== from && !prev.has(n)) (prev.set(n, s), queue.push(n));
  }
  const path: TicketStatus[] = [];
  for (let s: TicketStatus | undefined = to; s && s !== from; s = prev.get(s)) path.unshift(s);
  for (const s of path) {
    if (s === 'assigned') await h.tickets.assign(number, 'op1', 'op1');
    else await h.tickets.transition(number, s, 'op1');
  }
}

function inboxNumbers(body: string): string[] {
  return [...body.matchAll(/data-number="([^"]+)"/g)].map((m) => m[1]!);
}

describe('console frictions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await buildHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('finds a ticket by part of its district name or the short name people use, and offers every 区县 to pick from', async () => {
    const jiangbei = (await h.tickets.file(newTicket({ fields: { ...newTicket().fields, district: '江北区' } }), 'bot')).ticket;
    const shapingba = (await h.tickets.file(newTicket({ fields: { ...newTicket().fields, district: '沙坪坝区' } }), 'bot')).ticket;
    const op = await login(h.app, 'op1');
    const found = async (district: string) => inboxNumbers((await get(h.app, `/tickets?district=${encodeURIComponent(district)}`, op)).body);
    expect(await found('江北')).toEqual([jiangbei.number]);
    expect(await found('江北区')).toEqual([jiangbei.number]);
    expect(await found('沙区')).toEqual([shapingba.number]);
    expect(await found('坪坝')).toEqual([shapingba.number]);
    const inbox = (await get(h.app, '/tickets', op)).body;
    expect(inbox).toContain('list="district-list"');
    for (const name of ['江北区', '渝北区', '巫山县', '石柱土家族自治县']) expect(inbox).toContain(`<option value="${name}">`);
  });

  it('lets admins add, edit, reorder and delete canned replies, operators pick them, and the audit log records each change', async () => {
    const admin = await login(h.app, 'admin');
    const op = await login(h.app, 'op1');
    expect((await get(h.app, '/canned', op)).statusCode).toBe(403);
    expect((await form(h.app, '/canned', op, { title: '越权', body: '话务员不能改' })).statusCode).toBe(403);

    expect((await form(h.app, '/canned', admin, { title: '工资核实中', body: '您好，我们正在与单位核实工资发放情况。', position: '0' })).statusCode).toBe(303);
    const page = (await get(h.app, '/canned', admin)).body;
    const id = /data-canned-id="(\d+)">[\s\S]*?value="工资核实中"/.exec(page)?.[1];
    expect(id).toBeDefined();
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    const ticketPage = async () => (await get(h.app, `/tickets/${ticket.number}`, op)).body;
    // Position 0 puts it first in the operator's list.
    expect(/<select data-canned="reply-text"><option value="">[^<]*<\/option><option value="([^"]*)">([^<]*)</.exec(await ticketPage())?.[2]).toBe('工资核实中');

    await form(h.app, `/canned/${id}`, admin, { title: '工资核实中', body: '您好，单位已答应本月 20 日前补发工资。', position: '9' });
    expect(await ticketPage()).toContain('单位已答应本月 20 日前补发工资');
    expect(await ticketPage()).not.toContain('正在与单位核实工资发放情况');
    const dup = await form(h.app, '/canned', admin, { title: '工资核实中', body: '重名' });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('已经有一条叫“工资核实中”的常用回复');

    await form(h.app, `/canned/${id}/delete`, admin, {});
    expect(await ticketPage()).not.toContain('工资核实中');
    const audit = (await h.database.query<{ action: string; actor: string; target: string }>("SELECT action, actor, target FROM console_audit WHERE action LIKE 'canned.%' ORDER BY id")).map((r) => `${r.actor} ${r.action} ${r.target}`);
    expect(audit).toEqual([`admin canned.add canned:${id}`, `admin canned.update canned:${id}`, `admin canned.delete canned:${id}`]);
  });

  it('confirms a new account by name and role, with or without a typed password', async () => {
    const admin = await login(h.app, 'admin');
    const typed = await form(h.app, '/users', admin, { username: 'op-typed', role: 'operator', password: 'a-typed-password-1' });
    expect(typed.statusCode).toBe(201);
    expect(typed.body).toMatch(/id="user-created">已创建账号 <b>op-typed<\/b>（话务员）/);
    expect(typed.body).not.toContain('a-typed-password-1');
    const generated = await form(h.app, '/users', admin, { username: 'off-gen', role: 'officer', password: '' });
    expect(generated.body).toMatch(/已创建账号 <b>off-gen<\/b>（通知专员）/);
    const password = /<code id="new-password">([^<]+)<\/code>/.exec(generated.body)?.[1];
    expect((await login(h.app, 'off-gen', password)).cookie).not.toBe('');
  });

  it('closes the reply box on a closed ticket, refuses a reply sent anyway, and reopens it with one button', async () => {
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    const op = await login(h.app, 'op1');
    await form(h.app, `/tickets/${ticket.number}/status`, op, { to: 'closed' });
    const closed = (await get(h.app, `/tickets/${ticket.number}`, op)).body;
    expect(closed).toContain('id="reply-closed"');
    expect(closed).toMatch(/<textarea disabled/);
    expect(closed).not.toContain('id="reply-form"');
    expect(closed).toMatch(/<button type="submit" name="to" value="in_progress" class="primary" id="reopen">重新打开<\/button>/);

    const sent = h.terminal.sent.length;
    const late = await form(h.app, `/tickets/${ticket.number}/reply`, op, { text: '办结以后才想起来说的话' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('请先重新打开');
    expect((await h.tickets.get(ticket.number))!.transcript.some((l) => l.text.includes('才想起来'))).toBe(false);
    expect(h.terminal.sent.length).toBe(sent);

    await form(h.app, `/tickets/${ticket.number}/status`, op, { to: 'in_progress', detail: '重新打开以回复职工' });
    const reopened = (await get(h.app, `/tickets/${ticket.number}`, op)).body;
    expect(reopened).toContain('id="reply-form"');
    expect(reopened).not.toContain('id="reply-closed"');
  });

  it('offers a button for every state the lifecycle allows next, including 回访 straight from 办理中', async () => {
    const op = await login(h.app, 'op1');
    for (const status of TICKET_STATUSES) {
      const { ticket } = await h.tickets.file(newTicket(), 'bot');
      await bring(h, ticket.number, status);
      expect((await h.tickets.get(ticket.number))!.status).toBe(status);
      const body = (await get(h.app, `/tickets/${ticket.number}`, op)).body;
      const next = TRANSITIONS[status];
      expect({ status, buttons: statusButtons(body).sort() }).toEqual({ status, buttons: next.filter((s) => s !== 'assigned').sort() });
      expect({ status, assign: body.includes(`action="/tickets/${ticket.number}/assign"`) }).toEqual({ status, assign: next.includes('assigned') });
    }
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    await bring(h, ticket.number, 'in_progress');
    const page = (await get(h.app, `/tickets/${ticket.number}`, op)).body;
    expect(page).toContain('>转回访（请职工打分）</button>');
    expect((await form(h.app, `/tickets/${ticket.number}/status`, op, { to: 'follow_up' })).statusCode).toBe(303);
    expect((await h.tickets.get(ticket.number))!.status).toBe('follow_up');
  });
});
