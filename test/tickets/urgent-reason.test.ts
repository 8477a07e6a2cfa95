import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHarness, get, login, newTicket, type Harness } from '../console/harness.ts';

/** An urgent ticket tells operators why it is urgent: stored with the ticket, shown on its page. */
describe('the reason a ticket is urgent', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await buildHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is stored with the ticket and shown on the ticket page', async () => {
    const { ticket } = await h.tickets.file(newTicket({ priority: 'urgent', urgent: true, urgentReason: '拖欠一群工人的工资', description: '班组8人欠薪' }), 'bot');
    expect((await h.tickets.get(ticket.number))?.urgentReason).toBe('拖欠一群工人的工资');
    const page = await get(h.app, `/tickets/${ticket.number}`, await login(h.app, 'op1'));
    expect(page.body).toMatch(/加急原因<\/dt><dd id="urgent-reason">拖欠一群工人的工资/);
  });

  it('is absent for a ticket that is not urgent', async () => {
    const { ticket } = await h.tickets.file(newTicket({ description: '年票景区不认' }), 'bot');
    expect((await h.tickets.get(ticket.number))?.urgentReason).toBeUndefined();
    const page = await get(h.app, `/tickets/${ticket.number}`, await login(h.app, 'op1'));
    expect(page.body).not.toContain('加急原因');
  });
});
