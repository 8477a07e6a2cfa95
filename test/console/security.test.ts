import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoutes } from '../../src/console/app.ts';
import { API_TOKEN, buildHarness, form, get, login, newTicket, PASSWORD, type Harness } from './harness.ts';

describe('console security', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await buildHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses every page and API without a login', async () => {
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    const routes = consoleRoutes(h.app).filter((r) => !r.public);
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.some((r) => r.url.startsWith('/api/v1/'))).toBe(true);
    for (const r of routes) {
      const url = r.url.replace(':number', ticket.number).replace(':id', '1').replace(':file', 'console.js');
      for (const accept of ['text/html', 'application/json']) {
        const res = await h.app.inject({ method: r.method as 'GET', url, headers: { accept } });
        const refused = res.statusCode === 401 || (res.statusCode === 303 && String(res.headers.location).startsWith('/login'));
        expect(refused, `${r.method} ${url} (${accept}) answered ${res.statusCode}`).toBe(true);
        expect(res.body).not.toContain(ticket.fields.phone);
      }
    }
    // The API answers with its bearer token, and a console cookie is not a token.
    const admin = await login(h.app, 'admin');
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: { cookie: admin.cookie } })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: { authorization: `Bearer ${API_TOKEN}` } })).statusCode).toBe(200);
  });

  it('sets the session cookie httpOnly and SameSite=Strict', async () => {
    const form1 = await get(h.app, '/login');
    const token = /name="_login" value="([^"]+)"/.exec(form1.body)![1]!;
    const res = await h.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `nj_login=${form1.cookies[0]!.value}` },
      payload: new URLSearchParams({ username: 'op1', password: PASSWORD, _login: token }).toString(),
    });
    const cookie = res.cookies.find((c) => c.name === 'nj_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.statusCode).toBe(303);
  });

  it('does not let an operator send notices or manage accounts, nor an officer work tickets', async () => {
    const op = await login(h.app, 'op1');
    const before = (await h.notices.store.list()).length;
    const res = await form(h.app, '/notices', op, { title: '通知', body: '内容', mode: 'now' });
    expect(res.statusCode).toBe(403);
    expect(await h.notices.store.list()).toHaveLength(before);
    expect((await get(h.app, '/notices', op)).statusCode).toBe(403);
    expect((await form(h.app, '/notices/1/send', op, {})).statusCode).toBe(403);
    expect((await get(h.app, '/users', op)).statusCode).toBe(403);
    expect((await form(h.app, '/users', op, { username: 'evil', role: 'admin' })).statusCode).toBe(403);

    const officer = await login(h.app, 'off1');
    expect((await get(h.app, '/tickets', officer)).statusCode).toBe(403);
    expect((await get(h.app, '/notices', officer)).statusCode).toBe(200);
    const sent = await form(h.app, '/notices', officer, { title: '通知', body: '内容', mode: 'draft' });
    expect(sent.statusCode).toBe(303);
  });

  it('renders a <script> in a ticket as text, on the inbox and the ticket page', async () => {
    const evil = '<script>alert("x")</script>';
    const { ticket } = await h.tickets.file(
      newTicket({ description: `工资 ${evil}`, fields: { name: '<img src=x onerror=alert(1)>', phone: '13800001111', employer: `"><b>老板</b>`, district: '渝中区', description: `工资 ${evil}` } }),
      'bot',
    );
    await h.tickets.appendTranscript(ticket.number, { from: 'worker', text: evil, at: new Date().toISOString() }, 'worker');
    const op = await login(h.app, 'op1');
    for (const url of ['/tickets', `/tickets/${ticket.number}`, `/tickets?q=${encodeURIComponent('工资')}`]) {
      const res = await get(h.app, url, op);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script>alert');
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).not.toContain('<b>老板</b>');
      expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    }
  });

  it('renders a <script> in a notice as text, in the report and the preview', async () => {
    const officer = await login(h.app, 'off1');
    const evil = '<script>alert(1)</script>';
    const created = await form(h.app, '/notices', officer, { title: `标题${evil}`, body: `正文${evil}`, link: 'https://example.org/a?b=1&c=2', mode: 'draft' });
    expect(created.statusCode).toBe(303);
    const page = await get(h.app, String(created.headers.location), officer);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('标题&lt;script&gt;');
    expect(page.body).toContain('https://example.org/a?b=1&amp;c=2');
    const preview = await h.app.inject({
      method: 'POST',
      url: '/notices/preview',
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'application/json' },
      payload: { title: evil, body: evil, link: '' },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().html).not.toContain('<script>');
    expect(preview.json().html).toContain('&lt;script&gt;');
  });

  it('rejects a POST without the CSRF token, or with a wrong one', async () => {
    const { ticket } = await h.tickets.file(newTicket(), 'bot');
    const op = await login(h.app, 'op1');
    const missing = await form(h.app, `/tickets/${ticket.number}/notes`, { cookie: op.cookie }, { text: '没有校验码' });
    expect(missing.statusCode).toBe(403);
    const wrong = await form(h.app, `/tickets/${ticket.number}/notes`, { cookie: op.cookie, csrf: 'x'.repeat(op.csrf.length) }, { text: '错误校验码' });
    expect(wrong.statusCode).toBe(403);
    const json = await h.app.inject({ method: 'POST', url: `/tickets/${ticket.number}/notes`, headers: { cookie: op.cookie, 'content-type': 'application/json' }, payload: { text: 'fetch 无校验码' } });
    expect(json.statusCode).toBe(403);
    expect(await h.tickets.notes(ticket.number)).toHaveLength(0);
    const ok = await form(h.app, `/tickets/${ticket.number}/notes`, op, { text: '有校验码' });
    expect(ok.statusCode).toBe(303);
    expect((await h.tickets.notes(ticket.number)).map((n) => n.text)).toEqual(['有校验码']);
    // Logging in needs the login form's own token too.
    const bare = await h.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `username=op1&password=${PASSWORD}` });
    expect(bare.statusCode).toBe(403);
    expect(bare.cookies.find((c) => c.name === 'nj_session')).toBeUndefined();
  });

  it('slows the next try after five wrong passwords, per username and address', async () => {
    for (let i = 0; i < 5; i++) expect((await login(h.app, 'op2', 'wrong-password', '10.9.9.9')).status).toBe(401);
    const slowed = await login(h.app, 'op2', PASSWORD, '10.9.9.9');
    expect(slowed.status).toBe(429);
    expect(slowed.cookie).toBe('');
    expect(slowed.body).toContain('秒后再试');
    // Another address is not held back by someone else's guesses.
    expect((await login(h.app, 'op2', PASSWORD, '10.9.9.10')).cookie).not.toBe('');
    // The wait doubles with each further wrong try once it has passed.
    h.clock.now = new Date(h.clock.now.getTime() + 1100);
    expect((await login(h.app, 'op2', 'wrong-again', '10.9.9.9')).status).toBe(401);
    h.clock.now = new Date(h.clock.now.getTime() + 1100);
    expect((await login(h.app, 'op2', PASSWORD, '10.9.9.9')).status).toBe(429);
    h.clock.now = new Date(h.clock.now.getTime() + 1000);
    const ok = await login(h.app, 'op2', PASSWORD, '10.9.9.9');
    expect(ok.status).toBe(303);
    expect(ok.cookie).not.toBe('');
  });

  it('checks at most five of 200 parallel guesses for one name and address; the rest wait', async () => {
    const ip = '10.7.7.7';
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => login(h.app, 'op1', `guess-${i}`, ip)));
    const checked = results.filter((r) => r.status === 401).length;
    expect(checked).toBe(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(195);
  });

  it('ends the session on logout and records who did what', async () => {
    expect((await login(h.app, 'op1', 'not-the-password', '10.5.5.5')).status).toBe(401);
    const op = await login(h.app, 'op1');
    expect((await get(h.app, '/tickets', op)).statusCode).toBe(200);
    expect((await form(h.app, '/logout', op, {})).statusCode).toBe(303);
    expect((await get(h.app, '/tickets', op)).statusCode).toBe(303);
    const admin = await login(h.app, 'admin');
    const audit = await get(h.app, '/audit', admin);
    expect(audit.body).toContain('登录失败');
    expect(audit.body).toContain('退出登录');
  });
});
