import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHarness, get, login, newTicket, type Harness } from './harness.ts';

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
});
