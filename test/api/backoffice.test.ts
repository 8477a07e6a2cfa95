import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiApp } from '../../src/api/app.ts';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';
import { silentLogger } from '../../src/log.ts';
import { createSqlTicketStore } from '../../src/tickets/sql-store.ts';
import type { Ticket, TicketStore } from '../../src/tickets/types.ts';
import { auth, phoneCall, TOKEN } from './helpers.ts';

describe('back-office API', () => {
  let database: Database;
  let tickets: TicketStore;
  let app: FastifyInstance;
  const notified: { ticket: Ticket; text: string }[] = [];
  let notifyFails = false;

  beforeAll(async () => {
    database = await openDatabase({ inMemory: true });
    await migrate(database);
    tickets = createSqlTicketStore({ database });
    app = await buildApiApp({
      tickets,
      token: TOKEN,
      log: silentLogger(),
      notify: async (ticket, text) => {
        if (notifyFails) throw new Error('outbound queue down');
        notified.push({ ticket, text });
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function create(body = phoneCall()): Promise<Ticket> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().ticket as Ticket;
  }

  it('refuses requests without the bearer token or with a wrong one', async () => {
    const marker = randomUUID();
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }]) {
      for (const [method, url] of [['GET', '/api/v1/tickets'], ['POST', '/api/v1/tickets'], ['GET', '/api/v1/openapi.json'], ['GET', '/api/v1/tickets/12351-20261122-0001']] as const) {
        const res = await app.inject({ method, url, headers, ...(method === 'POST' ? { payload: phoneCall({}, { description: marker }) } : {}) });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ error: 'UNAUTHORIZED' });
        expect(res.headers['www-authenticate']).toContain('Bearer');
      }
    }
    expect((await tickets.list({ q: marker })).total).toBe(0);
  });

  it('answers a body with NUL, control characters or lone surrogates with 400 naming the field, and stores nothing', async () => {
    const marker = randomUUID();
    for (const bad of ['\u0000', '\u0007', '\ud800', '\udfff']) {
      const payload = JSON.stringify(phoneCall({}, { description: `${marker} 工伤${bad}报销` }));
      const res = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...auth, 'content-type': 'application/json' }, payload });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ error: 'VALIDATION', field: 'body.fields.description' });
    }
    const named = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify(phoneCall({}, { name: '陈\u0000' })) });
    expect(named.statusCode).toBe(400);
    expect((await tickets.list({ q: marker })).total).toBe(0);
  });

  it('is not there at all when no token is configured', async () => {
    const off = await buildApiApp({ tickets, log: silentLogger(), notify: async () => {} });
    try {
      expect((await off.inject({ method: 'GET', url: '/api/v1/tickets', headers: auth })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('files a phone call as a ticket, and a retried post with the same key files once', async () => {
    const key = randomUUID();
    const first = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...auth, 'x-operator': '李接线员' }, payload: phoneCall({ idempotencyKey: key }) });
    expect(first.statusCode).toBe(201);
    const ticket = first.json().ticket as Ticket;
    expect(ticket.number).toMatch(/^12351-\d{8}-\d{4}$/);
    expect(ticket).toMatchObject({ status: 'received', priority: 'high', urgent: false, tier: '一般', origin: { platform: 'phone', senderId: '139 1234 6721' } });
    const again = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: phoneCall({ idempotencyKey: key }) });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, ticket: { number: ticket.number } });
    const audit = await tickets.audit(ticket.number);
    expect(audit).toEqual([expect.objectContaining({ action: 'file', actor: '李接线员' })]);
  });

  it('rejects unknown fields with 400 naming them, in the body, nested fields and the query', async () => {
    const top = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: { ...phoneCall(), isAdmin: true } });
    expect(top.statusCode).toBe(400);
    expect(top.json()).toMatchObject({ error: 'VALIDATION', field: 'body.isAdmin' });
    expect(top.json().message).toContain('body.isAdmin');
    const nested = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: phoneCall({}, { idCard: 'x' } as never) });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().message).toContain('body.fields.idCard');
    const query = await app.inject({ method: 'GET', url: '/api/v1/tickets?stauts=closed', headers: auth });
    expect(query.statusCode).toBe(400);
    expect(query.json().message).toContain('query.stauts');
    const status = await app.inject({ method: 'POST', url: `/api/v1/tickets/${(await create()).number}/status`, headers: auth, payload: { to: 'closed', force: true } });
    expect(status.statusCode).toBe(400);
    expect(status.json().message).toContain('body.force');
  });

  it('names the field that is missing or wrong', async () => {
    const { phone: _p, ...noPhone } = phoneCall().fields as Record<string, string>;
    const missing = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: { ...phoneCall(), fields: noPhone } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: 'VALIDATION', field: 'body.fields.phone' });
    const badCategory = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: phoneCall({ category: 'weather' }) });
    expect(badCategory.json().message).toContain('body.category');
    const badStatus = await app.inject({ method: 'GET', url: '/api/v1/tickets?status=received,lost', headers: auth });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().message).toContain('query.status');
    const badNumber = await app.inject({ method: 'GET', url: '/api/v1/tickets/DROP%20TABLE', headers: auth });
    expect(badNumber.statusCode).toBe(400);
    expect(badNumber.json().field).toBe('params.number');
    const notJson = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"fields":' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error).toBe('VALIDATION');
  });

  it('refuses an over-long description with 400 and a 1 MB one with 413, filing nothing', async () => {
    const marker = randomUUID();
    const long = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: phoneCall({}, { description: marker + '欠'.repeat(5001) }) });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: 'VALIDATION', field: 'body.fields.description' });
    expect(long.json().message).toContain('5000');
    const huge = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: phoneCall({}, { description: marker + 'x'.repeat(1024 * 1024) }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBe('VALIDATION');
    expect(huge.json().message).toContain('description');
    expect((await tickets.list({ q: marker })).total).toBe(0);
  });

  it('stores SQL and HTML in every text field as plain text and returns them verbatim as JSON', async () => {
    const nasty = `<script>alert('x')</script><img src=x onerror=alert(1)>'; DROP TABLE tickets; -- ${randomUUID()}`;
    const short = `<b>x</b>'--${randomUUID().slice(0, 8)}`;
    const ticket = await create(
      phoneCall(
        { transcript: [{ from: 'operator', text: nasty, at: '2026-11-22T01:00:00Z' }], callerId: short },
        { name: short, employer: nasty, district: short, description: nasty },
      ),
    );
    const number = ticket.number;
    await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/notes`, headers: { ...auth, 'x-operator': short }, payload: { text: nasty } });
    await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/status`, headers: auth, payload: { to: 'in_progress', detail: nasty } });
    await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/assign`, headers: auth, payload: { assignee: short } });
    await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/reply`, headers: auth, payload: { text: nasty } });
    const res = await app.inject({ method: 'GET', url: `/api/v1/tickets/${number}`, headers: auth });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const got = res.json();
    expect(got.ticket.fields).toMatchObject({ name: short, employer: nasty, district: short, description: nasty });
    expect(got.ticket.assignee).toBe(short);
    expect(got.ticket.origin.senderId).toBe(short);
    expect(got.transcript.map((l: { text: string }) => l.text)).toEqual([nasty, nasty]);
    expect(got.notes[0]).toMatchObject({ text: nasty, author: short });
    expect(got.audit.find((a: { to: string }) => a.to === 'in_progress').detail).toBe(nasty);
    expect((await tickets.list({})).total).toBeGreaterThan(0);
    const search = await app.inject({ method: 'GET', url: `/api/v1/tickets?q=${encodeURIComponent(nasty)}`, headers: auth });
    expect(search.json().items.map((t: Ticket) => t.number)).toEqual([number]);
  });

  it('answers 404 for a well-formed number that does not exist', async () => {
    for (const [method, url] of [['GET', ''], ['POST', '/assign'], ['POST', '/status'], ['POST', '/reply'], ['POST', '/notes']] as const) {
      const payload = { '': undefined, '/assign': { assignee: 'a' }, '/status': { to: 'closed' }, '/reply': { text: 'x' }, '/notes': { text: 'x' } }[url];
      const res = await app.inject({ method, url: `/api/v1/tickets/12351-20991231-9999${url}`, headers: auth, ...(payload ? { payload } : {}) });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error).toBe('TICKET_NOT_FOUND');
    }
  });

  it('assigns, moves along the lifecycle and refuses closed -> assigned with 409 until reopened', async () => {
    const { number } = await create();
    const assigned = await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/assign`, headers: { ...auth, 'x-operator': '王科长' }, payload: { assignee: '李接线员' } });
    expect(assigned.json().ticket).toMatchObject({ status: 'assigned', assignee: '李接线员' });
    const closed = await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/status`, headers: auth, payload: { to: 'closed', detail: '已办结' } });
    expect(closed.json().ticket.status).toBe('closed');
    const illegal = await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/status`, headers: auth, payload: { to: 'assigned' } });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({ error: 'INVALID_TRANSITION' });
    expect(illegal.json().message).toMatch(/closed.*assigned/);
    const illegalAssign = await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/assign`, headers: auth, payload: { assignee: '张三' } });
    expect(illegalAssign.statusCode).toBe(409);
    const reopen = await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/status`, headers: auth, payload: { to: 'in_progress', detail: '职工不满意' } });
    expect(reopen.json().ticket.status).toBe('in_progress');
    const view = (await app.inject({ method: 'GET', url: `/api/v1/tickets/${number}`, headers: auth })).json();
    expect(view.audit.map((a: { action: string }) => a.action)).toEqual(['file', 'assign', 'status', 'status', 'reopen']);
    expect(view.audit[1]).toMatchObject({ actor: '王科长', from: null, to: '李接线员' });
  });

  it('replies to the worker: the transcript shows it, the ticket is replied and notify gets the text', async () => {
    const { number } = await create();
    await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/status`, headers: auth, payload: { to: 'in_progress' } });
    const text = '陈女士您好，已联系单位，医药费本周内报销。如有问题请拨打 12351。';
    const res = await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/reply`, headers: { ...auth, 'x-operator': '李接线员' }, payload: { text } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ notified: true, ticket: { status: 'replied' } });
    const sent = notified.find((n) => n.ticket.number === number);
    expect(sent?.text).toBe(text);
    expect(sent?.ticket.origin.platform).toBe('phone');
    const view = (await app.inject({ method: 'GET', url: `/api/v1/tickets/${number}`, headers: auth })).json();
    expect(view.transcript.at(-1)).toMatchObject({ from: 'operator', text });
    expect(view.ticket.status).toBe('replied');

    // A reply that cannot be queued is still on the ticket, and the caller is told.
    notifyFails = true;
    try {
      const second = await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/reply`, headers: auth, payload: { text: '补充：请保留发票' } });
      expect(second.json()).toMatchObject({ notified: false });
      expect((await tickets.get(number))?.transcript.at(-1)?.text).toBe('补充：请保留发票');
    } finally {
      notifyFails = false;
    }
  });

  it('keeps internal notes out of the transcript', async () => {
    const { number } = await create();
    const res = await app.inject({ method: 'POST', url: `/api/v1/tickets/${number}/notes`, headers: { ...auth, 'x-operator': '李接线员' }, payload: { text: '单位负责人电话一直占线' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().note).toMatchObject({ author: '李接线员', text: '单位负责人电话一直占线' });
    const view = (await app.inject({ method: 'GET', url: `/api/v1/tickets/${number}`, headers: auth })).json();
    expect(view.notes).toHaveLength(1);
    expect(JSON.stringify(view.transcript)).not.toContain('占线');
  });

  it('lists with filters, search and paging, with the total', async () => {
    const district = `区${randomUUID().slice(0, 6)}`;
    const a = await create(phoneCall({ category: 'hardship_aid', requestType: 'assistance', priority: 'urgent', urgent: true }, { district }));
    const b = await create(phoneCall({ category: 'rights', requestType: 'complaint' }, { district, description: '包工头跑路，欠薪两万' }));
    await create(phoneCall({}, { district }));
    await app.inject({ method: 'POST', url: `/api/v1/tickets/${b.number}/assign`, headers: auth, payload: { assignee: '李接线员' } });
    const get = async (qs: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/tickets?district=${encodeURIComponent(district)}&${qs}`, headers: auth });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Ticket[]; total: number; limit: number; offset: number };
    };
    expect((await get('')).total).toBe(3);
    expect((await get('urgent=true')).items.map((t) => t.number)).toEqual([a.number]);
    expect((await get('category=hardship_aid')).items.map((t) => t.number)).toEqual([a.number]);
    expect((await get('type=complaint')).items.map((t) => t.number)).toEqual([b.number]);
    expect((await get('priority=urgent&priority=high')).total).toBe(3);
    expect((await get('status=assigned')).items.map((t) => t.number)).toEqual([b.number]);
    expect((await get(`assignee=${encodeURIComponent('李接线员')}`)).items.map((t) => t.number)).toEqual([b.number]);
    expect((await get(`q=${encodeURIComponent('跑路')}`)).items.map((t) => t.number)).toEqual([b.number]);
    expect((await get('from=2000-01-01&to=2999-12-31')).total).toBe(3);
    expect((await get('to=2000-01-01')).total).toBe(0);
    const page = await get('limit=2&offset=2');
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).not.toHaveProperty('transcript');
    const bad = await app.inject({ method: 'GET', url: '/api/v1/tickets?limit=100000', headers: auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('query.limit');
  });

  it('serves an OpenAPI 3.1 document listing every path', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json', headers: auth });
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/openapi.json', '/tickets', '/tickets/{number}', '/tickets/{number}/assign', '/tickets/{number}/notes', '/tickets/{number}/reply', '/tickets/{number}/status'].sort(),
    );
    expect(doc.paths['/tickets'].post.requestBody.content['application/json'].schema.properties.fields.properties.description.maxLength).toBe(5000);
    expect(doc.paths['/tickets'].post.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(doc.paths['/tickets'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'category', 'type', 'priority', 'urgent', 'district', 'from', 'to', 'q', 'assignee', 'limit', 'offset']),
    );
    expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
  });
});
