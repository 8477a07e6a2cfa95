import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHarness, get, login, newTicket, type Harness } from './harness.ts';

describe('dashboard', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await buildHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('charts tickets per day, counts open and overdue, lists unanswered and unhelpful, and shows satisfaction', async () => {
    const now = h.clock.now;
    h.clock.now = new Date(now.getTime() - 5 * 86_400_000);
    const old = (await h.tickets.file(newTicket({ category: 'hardship_aid' }), 'bot')).ticket;
    h.clock.now = now;
    const rated = (await h.tickets.file(newTicket({ category: 'rights' }), 'bot')).ticket;
    await h.tickets.assign(rated.number, 'op1', 'op1');
    await h.tickets.transition(rated.number, 'replied', 'op1');
    await h.tickets.rate(rated.number, 4, 'worker');

    h.events.emit('unanswered', { text: '<b>灵活就业</b>能参加工会吗', intent: 'member_benefits', at: now.toISOString(), platform: 'wechat' });
    h.events.emit('unanswered', { text: '<b>灵活就业</b>能参加工会吗', intent: 'member_benefits', at: now.toISOString(), platform: 'telegram' });
    h.events.emit('unhelpful', { text: '年票怎么退', entryIds: ['annual-pass-refund'], at: now.toISOString() });

    const op = await login(h.app, 'op1');
    await expect.poll(async () => (await get(h.app, '/dashboard', op)).body).toContain('年票怎么退');
    const body = (await get(h.app, '/dashboard', op)).body;
    expect(body).toMatch(/id="open-count">未办结 <b>2<\/b>/);
    expect(body).toMatch(/id="overdue-count">已超时 <b>1<\/b>/);
    expect(body).toContain('<svg role="img" aria-label="每日工单"');
    expect(body).toContain('困难帮扶: 1');
    expect(body).toContain('&lt;b&gt;灵活就业&lt;/b&gt;能参加工会吗</td><td>2</td>');
    expect(body).toContain('annual-pass-refund');
    expect(body).toContain('4.0');
    expect(old.status).toBe('received');
  });
});
