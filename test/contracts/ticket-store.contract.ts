import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import type { NewTicket, TicketStore } from '../../src/tickets/types.ts';

/**
 * The TicketStore contract. Every implementation runs this same suite. The database behind
 * `open` is shared by all tests of a file, so each test uses its own idempotency keys, senders,
 * markers and (for numbering) its own calendar day.
 */
export interface TicketStoreHarness {
  open(options?: { clock?: () => Date }): Promise<TicketStore>;
}

let seq = 0;
/** A unique Shanghai day per call, far from today, so per-day numbering is exact. */
function freshDay(): { clock: () => Date; ymd: string } {
  seq += 1;
  const base = Date.UTC(2040 + Math.floor(Math.random() * 50), 0, 1) + (seq * 37 + Math.floor(Math.random() * 30)) * 86_400_000;
  // 23:30 UTC is 07:30 the next day in Shanghai: the number must carry the Shanghai date.
  const at = new Date(base - 30 * 60_000);
  const sh = new Date(at.getTime() + 8 * 3_600_000);
  const ymd = `${sh.getUTCFullYear()}${String(sh.getUTCMonth() + 1).padStart(2, '0')}${String(sh.getUTCDate()).padStart(2, '0')}`;
  return { clock: () => at, ymd };
}

export function makeNewTicket(overrides: Partial<Omit<NewTicket, 'fields'>> & { fields?: Partial<NewTicket['fields']> } = {}): NewTicket {
  const { fields, ...rest } = overrides;
  return {
    fields: {
      name: '张师傅',
      phone: '13912346721',
      employer: '重庆某建筑公司',
      district: '渝中区',
      description: '老板拖欠工资三个月了',
      ...fields,
    },
    category: 'rights',
    requestType: 'legal_aid',
    priority: 'normal',
    urgent: false,
    tier: '一般',
    origin: { platform: 'terminal', chatId: 'chat-1', senderId: `worker-${randomUUID()}` },
    transcript: [
      { from: 'worker', text: '老板拖欠工资三个月了怎么办', at: '2026-11-22T01:00:00.000Z' },
      { from: 'bot', text: '我帮您登记工单', at: '2026-11-22T01:00:01.000Z' },
    ],
    idempotencyKey: `form-${randomUUID()}`,
    ...rest,
  };
}

async function rejects(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

export function ticketStoreContract(name: string, harness: TicketStoreHarness): void {
  describe(`TicketStore contract: ${name}`, () => {
    it('files a ticket numbered 12351-YYYYMMDD-NNNN by the Shanghai date, status received', async () => {
      const day = freshDay();
      const store = await harness.open({ clock: day.clock });
      const input = makeNewTicket();
      const { ticket, created } = await store.file(input, 'bot');
      expect(created).toBe(true);
      expect(ticket.number).toBe(`12351-${day.ymd}-0001`);
      expect(ticket.status).toBe('received');
      expect(ticket.fields).toEqual(input.fields);
      expect(ticket.transcript).toEqual(input.transcript);
      expect(ticket.origin).toEqual(input.origin);
      expect(ticket.assignee).toBeNull();
      expect(ticket.rating).toBeNull();
      expect(ticket.createdAt).toBe(day.clock().toISOString());
      expect(await store.get(ticket.number)).toEqual(ticket);
      const second = await store.file(makeNewTicket(), 'bot');
      expect(second.ticket.number).toBe(`12351-${day.ymd}-0002`);
    });

    it('returns undefined for an unknown number and TICKET_NOT_FOUND when changing one', async () => {
      const store = await harness.open();
      expect(await store.get('12351-20991231-9999')).toBeUndefined();
      const n = '12351-20991231-9999';
      const attempts: (() => Promise<unknown>)[] = [
        () => store.transition(n, 'assigned', 'op'),
        () => store.assign(n, 'op', 'op'),
        () => store.appendTranscript(n, { from: 'operator', text: 'x', at: new Date().toISOString() }, 'op'),
        () => store.addNote(n, 'x', 'op'),
        () => store.notes(n),
        () => store.audit(n),
        () => store.rate(n, 5, 'w'),
      ];
      for (const attempt of attempts) {
        expect((await rejects(attempt())).code).toBe('TICKET_NOT_FOUND');
      }
    });

    it('walks the whole lifecycle and records who, what, from and to for each step', async () => {
      const store = await harness.open();
      const { ticket } = await store.file(makeNewTicket(), 'bot');
      const n = ticket.number;
      expect((await store.assign(n, '李接线员', '王科长')).status).toBe('assigned');
      await store.transition(n, 'in_progress', '李接线员');
      await store.transition(n, 'replied', '李接线员', '已联系单位');
      await store.transition(n, 'follow_up', '李接线员');
      const rated = await store.rate(n, 4, 'worker');
      expect(rated.rating).toBe(4);
      const closed = await store.transition(n, 'closed', '李接线员', '办结');
      expect(closed.status).toBe('closed');
      expect(closed.assignee).toBe('李接线员');
      const trail = await store.audit(n);
      expect(trail.map((a) => [a.actor, a.action, a.from, a.to])).toEqual([
        ['bot', 'file', null, 'received'],
        ['王科长', 'assign', null, '李接线员'],
        ['王科长', 'status', 'received', 'assigned'],
        ['李接线员', 'status', 'assigned', 'in_progress'],
        ['李接线员', 'status', 'in_progress', 'replied'],
        ['李接线员', 'status', 'replied', 'follow_up'],
        ['worker', 'rate', null, '4'],
        ['李接线员', 'status', 'follow_up', 'closed'],
      ]);
      expect(trail.find((a) => a.to === 'replied')?.detail).toBe('已联系单位');
      for (const a of trail) expect(Number.isNaN(Date.parse(a.at))).toBe(false);
    });

    it('refuses closed -> assigned without a reopen, naming both states, and changes nothing', async () => {
      const store = await harness.open();
      const { ticket } = await store.file(makeNewTicket(), 'bot');
      await store.transition(ticket.number, 'closed', 'op', '重复工单');
      const before = await store.audit(ticket.number);
      const err = await rejects(store.transition(ticket.number, 'assigned', 'op'));
      expect(err.code).toBe('INVALID_TRANSITION');
      expect(err.message).toContain('closed');
      expect(err.message).toContain('assigned');
      expect((await rejects(store.assign(ticket.number, 'op2', 'op'))).code).toBe('INVALID_TRANSITION');
      expect((await store.get(ticket.number))?.status).toBe('closed');
      expect(await store.audit(ticket.number)).toEqual(before);
      const reopened = await store.transition(ticket.number, 'in_progress', 'op', '职工反映未解决');
      expect(reopened.status).toBe('in_progress');
      const last = (await store.audit(ticket.number)).at(-1);
      expect(last).toMatchObject({ action: 'reopen', from: 'closed', to: 'in_progress', actor: 'op', detail: '职工反映未解决' });
      expect((await store.assign(ticket.number, 'op2', 'op')).status).toBe('assigned');
    });

    it('accepts a rating of 1 to 5 only once the ticket has been replied', async () => {
      const store = await harness.open();
      const { ticket } = await store.file(makeNewTicket(), 'bot');
      expect((await rejects(store.rate(ticket.number, 5, 'w'))).code).toBe('INVALID_TRANSITION');
      await store.transition(ticket.number, 'in_progress', 'op');
      await store.transition(ticket.number, 'replied', 'op');
      expect((await rejects(store.rate(ticket.number, 0, 'w'))).code).toBe('VALIDATION');
      expect((await rejects(store.rate(ticket.number, 6, 'w'))).code).toBe('VALIDATION');
      expect((await rejects(store.rate(ticket.number, 2.5, 'w'))).code).toBe('VALIDATION');
      expect((await store.rate(ticket.number, 5, 'w')).rating).toBe(5);
      expect((await store.get(ticket.number))?.rating).toBe(5);
    });

    it('appends transcript lines and keeps internal notes, both audited', async () => {
      const store = await harness.open();
      const { ticket } = await store.file(makeNewTicket(), 'bot');
      const line = { from: 'operator' as const, text: '您好，已联系贵单位，<b>三日内</b>答复', at: '2026-11-22T03:00:00.000Z' };
      const after = await store.appendTranscript(ticket.number, line, '李接线员');
      expect(after.transcript).toEqual([...ticket.transcript, line]);
      expect((await store.get(ticket.number))?.transcript.at(-1)).toEqual(line);
      const note = await store.addNote(ticket.number, "单位电话打不通'; DROP TABLE tickets; --", '李接线员');
      expect(note.author).toBe('李接线员');
      await store.addNote(ticket.number, '第二条', '王科长');
      expect((await store.notes(ticket.number)).map((x) => x.text)).toEqual(["单位电话打不通'; DROP TABLE tickets; --", '第二条']);
      const actions = (await store.audit(ticket.number)).map((a) => a.action);
      expect(actions).toEqual(['file', 'transcript', 'note', 'note']);
    });

    it('gives 200 concurrent filings 200 distinct, gap-free numbers', async () => {
      const day = freshDay();
      const store = await harness.open({ clock: day.clock });
      const results = await Promise.all(Array.from({ length: 200 }, () => store.file(makeNewTicket(), 'bot')));
      const numbers = results.map((r) => r.ticket.number);
      expect(new Set(numbers).size).toBe(200);
      expect(results.every((r) => r.created)).toBe(true);
      const expected = Array.from({ length: 200 }, (_, i) => `12351-${day.ymd}-${String(i + 1).padStart(4, '0')}`);
      expect([...numbers].sort()).toEqual(expected);
    });

    it('numbers 64 filings at once across two days 0001-0032 per day, each ticket under its own number and audited with it', async () => {
      const days = [freshDay(), freshDay()];
      const stores = await Promise.all(days.map((d) => harness.open({ clock: d.clock })));
      const inputs = Array.from({ length: 64 }, (_, i) => makeNewTicket({ fields: { description: `第${i}位工友的工资被拖欠` } }));
      const results = await Promise.all(inputs.map((input, i) => stores[i % 2]!.file(input, 'bot')));
      for (const [d, day] of days.entries()) {
        const numbers = results.filter((_, i) => i % 2 === d).map((r) => r.ticket.number);
        expect(numbers.sort()).toEqual(Array.from({ length: 32 }, (_, i) => `12351-${day.ymd}-${String(i + 1).padStart(4, '0')}`));
      }
      for (const [i, r] of results.entries()) {
        expect((await stores[0]!.get(r.ticket.number))?.fields.description).toBe(`第${i}位工友的工资被拖欠`);
        expect((await stores[0]!.audit(r.ticket.number)).find((a) => a.action === 'file')?.detail).toBe(r.ticket.number);
      }
    });

    it('files one ticket when the same confirmed form arrives twice at once, or again later', async () => {
      const day = freshDay();
      const store = await harness.open({ clock: day.clock });
      const input = makeNewTicket();
      const results = await Promise.all(Array.from({ length: 8 }, () => store.file(structuredClone(input), 'bot')));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.ticket.number))).toEqual(new Set([`12351-${day.ymd}-0001`]));
      const again = await store.file(input, 'bot');
      expect(again.created).toBe(false);
      expect(again.ticket.number).toBe(`12351-${day.ymd}-0001`);
      expect((await store.audit(again.ticket.number)).filter((a) => a.action === 'file')).toHaveLength(1);
      // A rolled-back duplicate must not burn a number.
      expect((await store.file(makeNewTicket(), 'bot')).ticket.number).toBe(`12351-${day.ymd}-0002`);
      expect(await store.listForRequester(input.origin)).toHaveLength(1);
    });

    it('lists only the requester’s own tickets, newest first', async () => {
      const store = await harness.open();
      const me = { platform: 'wechat' as const, chatId: 'c', senderId: `me-${randomUUID()}` };
      const first = await store.file(makeNewTicket({ origin: me }), 'bot');
      await new Promise((r) => setTimeout(r, 5));
      const second = await store.file(makeNewTicket({ origin: me }), 'bot');
      await store.file(makeNewTicket(), 'bot');
      await store.file(makeNewTicket({ origin: { ...me, platform: 'telegram' } }), 'bot');
      const mine = await store.listForRequester({ platform: 'wechat', senderId: me.senderId });
      expect(mine.map((t) => t.number)).toEqual([second.ticket.number, first.ticket.number]);
      expect(await store.listForRequester({ platform: 'wechat', senderId: `nobody-${randomUUID()}` })).toEqual([]);
    });

    it('filters by status, category, type, priority, urgency, district, assignee and dates, with paging and a total', async () => {
      const day = freshDay();
      const store = await harness.open({ clock: day.clock });
      const district = `测试区${randomUUID().slice(0, 8)}`;
      const a = await store.file(makeNewTicket({ fields: { district }, category: 'hardship_aid', requestType: 'assistance', priority: 'urgent', urgent: true }), 'bot');
      const b = await store.file(makeNewTicket({ fields: { district }, category: 'rights', requestType: 'complaint', priority: 'high' }), 'bot');
      const c = await store.file(makeNewTicket({ fields: { district } }), 'bot');
      await store.assign(b.ticket.number, '李接线员', 'op');
      const nums = (r: { items: { number: string }[] }) => r.items.map((t) => t.number).sort();

      expect(nums(await store.list({ district }))).toEqual([a, b, c].map((x) => x.ticket.number).sort());
      expect(nums(await store.list({ district, status: ['assigned'] }))).toEqual([b.ticket.number]);
      expect(nums(await store.list({ district, status: ['received', 'assigned'] }))).toHaveLength(3);
      expect(nums(await store.list({ district, category: ['hardship_aid'] }))).toEqual([a.ticket.number]);
      expect(nums(await store.list({ district, requestType: ['complaint'] }))).toEqual([b.ticket.number]);
      expect(nums(await store.list({ district, priority: ['urgent', 'high'] }))).toEqual([a.ticket.number, b.ticket.number].sort());
      expect(nums(await store.list({ district, urgent: true }))).toEqual([a.ticket.number]);
      expect(nums(await store.list({ district, urgent: false }))).toHaveLength(2);
      expect(nums(await store.list({ district, assignee: '李接线员' }))).toEqual([b.ticket.number]);

      const at = day.clock();
      const ymd = `${day.ymd.slice(0, 4)}-${day.ymd.slice(4, 6)}-${day.ymd.slice(6)}`;
      expect((await store.list({ district, from: ymd, to: ymd })).total).toBe(3);
      expect((await store.list({ district, from: new Date(at.getTime() + 1000).toISOString() })).total).toBe(0);
      expect((await store.list({ district, to: new Date(at.getTime() - 1000).toISOString() })).total).toBe(0);
      expect((await store.list({ district, to: at.toISOString() })).total).toBe(3);
      expect((await rejects(store.list({ district, from: 'yesterday' }))).code).toBe('VALIDATION');

      const page1 = await store.list({ district, limit: 2, offset: 0 });
      const page2 = await store.list({ district, limit: 2, offset: 2 });
      expect(page1.total).toBe(3);
      expect(page2.total).toBe(3);
      expect(page1.items).toHaveLength(2);
      expect(page2.items).toHaveLength(1);
      expect(new Set([...page1.items, ...page2.items].map((t) => t.number)).size).toBe(3);
    });

    it('searches number, fields, description and transcript, with wildcards taken literally', async () => {
      const store = await harness.open();
      const mark = randomUUID().slice(0, 8);
      const byDesc = await store.file(makeNewTicket({ fields: { description: `工地${mark}欠薪 100%_全额` } }), 'bot');
      const byEmployer = await store.file(makeNewTicket({ fields: { employer: `${mark}物流公司` } }), 'bot');
      const byTranscript = await store.file(
        makeNewTicket({ transcript: [{ from: 'worker', text: `包工头${mark}跑路了`, at: '2026-11-22T01:00:00.000Z' }] }),
        'bot',
      );
      const byName = await store.file(makeNewTicket({ fields: { name: `老${mark}` } }), 'bot');
      const found = (await store.list({ q: mark })).items.map((t) => t.number).sort();
      expect(found).toEqual([byDesc, byEmployer, byTranscript, byName].map((x) => x.ticket.number).sort());
      expect((await store.list({ q: byEmployer.ticket.number })).items.map((t) => t.number)).toEqual([byEmployer.ticket.number]);
      expect((await store.list({ q: `${mark}欠薪 100%_` })).total).toBe(1);
      expect((await store.list({ q: `${mark}%跑路` })).total).toBe(0);
      expect((await store.list({ q: `${mark}__` })).total).toBe(0);
      expect((await store.list({ q: `${mark.toUpperCase()}物流` })).total).toBe(1);
    });

    it('stores SQL and HTML as plain text', async () => {
      const store = await harness.open();
      const nasty = `<script>alert(1)</script>'); DELETE FROM tickets; -- ${randomUUID()}`;
      const { ticket } = await store.file(
        makeNewTicket({ fields: { name: nasty, employer: nasty, district: nasty, description: nasty }, transcript: [{ from: 'worker', text: nasty, at: '2026-11-22T01:00:00.000Z' }] }),
        'bot',
      );
      const back = await store.get(ticket.number);
      expect(back?.fields).toMatchObject({ name: nasty, employer: nasty, district: nasty, description: nasty });
      expect(back?.transcript[0]?.text).toBe(nasty);
      expect((await store.list({ q: nasty })).items.map((t) => t.number)).toEqual([ticket.number]);
    });
  });
}
