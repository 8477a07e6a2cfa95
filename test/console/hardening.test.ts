import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHarness, login, PASSWORD, type Harness } from './harness.ts';

/** Logs in through the login form with a chosen `next` and extra headers; returns the raw response. */
async function loginWith(app: FastifyInstance, next: string, headers: Record<string, string> = {}) {
  const form = await app.inject({ method: 'GET', url: '/login', headers: { accept: 'text/html', ...headers } });
  const loginCookie = form.cookies.find((c) => c.name === 'nj_login')!.value;
  const token = /name="_login" value="([^"]+)"/.exec(form.body)![1]!;
  return app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `nj_login=${loginCookie}`, ...headers },
    payload: new URLSearchParams({ username: 'op1', password: PASSWORD, _login: token, next }).toString(),
  });
}

const ORIGIN = 'http://127.0.0.1:3000';

describe('console edges an attacker probes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await buildHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    ['a tab', '/\t/evil.example/x'],
    ['a CR/LF', '/\r\n/evil.example/x'],
    ['a LF', '/\n/evil.example'],
    ['a backslash', '/\\evil.example'],
    ['a tab and a backslash', '/\t\\evil.example'],
    ['a header injection', '/ok\r\nSet-Cookie: nj_session=forged'],
    ['an absolute URL', 'https://evil.example/'],
    ['a scheme-relative URL', '//evil.example'],
  ])('keeps the redirect after login on the console when next holds %s', async (_what, next) => {
    const res = await loginWith(h.app, next);
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    // What a browser does with the Location header: the WHATWG URL parser drops tabs and newlines.
    expect(new URL(location, ORIGIN).origin).toBe(ORIGIN);
    expect(location).not.toMatch(/[\u0000-\u001f\\]/);
    expect(res.cookies.filter((c) => c.name === 'nj_session')).toHaveLength(1);
    expect(res.headers['set-cookie']?.toString()).not.toContain('forged');
  });

  it('still returns to a page on the console after login', async () => {
    const res = await loginWith(h.app, '/tickets?status=received#top');
    expect(res.headers.location).toBe('/tickets?status=received#top');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '..%2fapp.ts'])('answers the asset name %s with 404', async (name) => {
    const res = await h.app.inject({ method: 'GET', url: `/assets/${name}` });
    expect(res.statusCode).toBe(404);
  });

  it('answers non-numeric and out-of-range ids with 400 or 404, never 500', async () => {
    const admin = await login(h.app, 'admin');
    const post = (url: string, payload = '') =>
      h.app.inject({ method: 'POST', url, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/x-www-form-urlencoded' }, payload });
    const statuses: Record<string, number> = {};
    for (const id of ['abc', '1e3', '-1', '0', '1.5', '99999999999999999999', 'constructor', '%00']) {
      statuses[`GET /notices/${id}`] = (await h.app.inject({ method: 'GET', url: `/notices/${id}`, headers: { cookie: admin.cookie } })).statusCode;
      statuses[`send ${id}`] = (await post(`/notices/${id}/send`)).statusCode;
      statuses[`cancel ${id}`] = (await post(`/notices/${id}/cancel`)).statusCode;
      statuses[`user ${id}`] = (await post(`/users/${id}`, 'role=operator')).statusCode;
      statuses[`group ${id}`] = (await post(`/groups/${id}`, 'tags=a')).statusCode;
      statuses[`ticket ${id}`] = (await h.app.inject({ method: 'GET', url: `/tickets/${id}`, headers: { cookie: admin.cookie } })).statusCode;
    }
    for (const [what, status] of Object.entries(statuses)) expect([what, [400, 404].includes(status)]).toEqual([what, true]);
  });
});

describe('console behind an HTTPS proxy (TRUST_PROXY)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await buildHarness({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('marks the session cookie Secure when the proxy says the request came over HTTPS', async () => {
    const res = await loginWith(h.app, '/', { 'x-forwarded-proto': 'https' });
    const session = res.cookies.find((c) => c.name === 'nj_session')!;
    expect(session.secure).toBe(true);
    expect(session.httpOnly).toBe(true);
  });

  it('ignores X-Forwarded-Proto from anyone but the trusted proxy', async () => {
    const form = await h.app.inject({ method: 'GET', url: '/login', remoteAddress: '10.1.2.3', headers: { accept: 'text/html', 'x-forwarded-proto': 'https' } });
    expect(form.cookies.find((c) => c.name === 'nj_login')!.secure).toBeFalsy();
  });
});
