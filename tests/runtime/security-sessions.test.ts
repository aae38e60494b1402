/**
 * Sessions over real HTTP and PostgreSQL: the cookies' flags, the CSRF double submit on writes made
 * with the session cookie, the security headers, and the audit events of sign-in, refused and
 * throttled sign-ins, sign-out and API tokens.
 */
import { ApiClient, startTestServer, uniqueName, type TestServer } from '../support/harness.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

interface EventRow {
  actorId: string | null;
  kind: string;
  target: string | null;
  detail: Record<string, unknown>;
  address: string | null;
}

/** The audit events of `kind` about `username` (by detail or target), oldest first. */
async function events(kind: string, where: { target?: string; username?: string } = {}): Promise<EventRow[]> {
  return t.server.db.query<EventRow>(
    `select actor_id as "actorId", kind, target, detail, address from audit.event
     where kind = $1 and ($2::text is null or target = $2) and ($3::text is null or detail->>'username' = $3) order by id`,
    [kind, where.target ?? null, where.username ?? null],
  );
}

async function newUser(): Promise<{ id: string; username: string; password: string }> {
  const username = uniqueName('u');
  const password = 'pw-' + username;
  const user = await t.server.auth.createUser({ username, password });
  return { id: user.id, username, password };
}

/** Sign in with fetch: the Set-Cookie lines by cookie name, and the body. */
async function rawLogin(url: string, username: string, password: string) {
  const res = await fetch(url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookies = new Map(res.headers.getSetCookie().map((c) => [c.slice(0, c.indexOf('=')), c]));
  return { status: res.status, body: await res.json(), cookies, value: (name: string) => cookies.get(name)!.split(';')[0].slice(name.length + 1) };
}

const attributes = (setCookie: string) => setCookie.split(';').slice(1).map((a) => a.trim().toLowerCase());

describe('cookies', () => {
  test('given a sign-in over HTTP, the session cookie is httpOnly, SameSite=Lax, Path=/, not Secure; the CSRF cookie is readable and returned', async () => {
    const u = await newUser();
    const login = await rawLogin(t.url, u.username, u.password);

    expect(login.status).toBe(200);
    const session = attributes(login.cookies.get('crm_session')!);
    expect(session).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(session).not.toContain('secure');
    const csrf = attributes(login.cookies.get('crm_csrf')!);
    expect(csrf).toEqual(expect.arrayContaining(['samesite=lax', 'path=/']));
    expect(csrf).not.toContain('httponly');
    expect(login.value('crm_csrf')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(login.body.csrfToken).toBe(login.value('crm_csrf'));
  });

  test('given SECURE_COOKIES, both cookies are Secure and HSTS is sent; without it no HSTS', async () => {
    expect((await fetch(t.url + '/health')).headers.get('strict-transport-security')).toBeNull();
    const secure = await startTestServer({ config: { SECURE_COOKIES: true } });
    try {
      const login = await rawLogin(secure.url, 'admin', secure.adminPassword);
      expect(attributes(login.cookies.get('crm_session')!)).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
      expect(attributes(login.cookies.get('crm_csrf')!)).toContain('secure');
      const health = await fetch(secure.url + '/health');
      expect(health.headers.get('strict-transport-security')).toBe('max-age=31536000');
      expect(health.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await secure.stop();
    }
  });
});

describe('CSRF', () => {
  test('a write with the session cookie but without the X-CSRF-Token header is refused 403 csrf-failed and changes nothing', async () => {
    const u = await newUser();
    const login = await rawLogin(t.url, u.username, u.password);
    const cookie = `crm_session=${login.value('crm_session')}; crm_csrf=${login.value('crm_csrf')}`;
    const post = (headers: Record<string, string>) =>
      fetch(t.url + '/api/auth/tokens', { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name: 'x' }) });

    const refused: Record<string, string>[] = [{}, { 'x-csrf-token': 'forged' }, { 'x-csrf-token': '' }];
    for (const headers of refused) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      const problem = await res.json();
      expect(problem.type).toMatch(/\/csrf-failed$/);
      expect(problem.errors[0].path).toBe('X-CSRF-Token');
    }
    const [tokens] = await t.server.db.query<{ n: number }>('select count(*)::int as n from sec.api_token where user_id = $1', [u.id]);
    expect(tokens.n).toBe(0);

    // When the header repeats the cookie, the same write passes; reads never need it.
    expect((await post({ 'x-csrf-token': login.value('crm_csrf') })).status).toBe(201);
    expect((await fetch(t.url + '/api/auth/me', { headers: { cookie } })).status).toBe(200);
  });

  test('bearer-token writes and the sign-in itself need no CSRF header', async () => {
    const created = await t.admin.post('/api/auth/tokens', { name: uniqueName('bot') });
    const res = await fetch(t.url + '/api/auth/tokens', {
      method: 'POST',
      headers: { authorization: `Bearer ${created.body.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'from-a-bot' }),
    });
    expect(res.status).toBe(201);
    expect((await rawLogin(t.url, 'admin', t.adminPassword)).status).toBe(200);
  });

  test('GET /api/auth/me returns the CSRF token, and issues one when the cookie is missing', async () => {
    const u = await newUser();
    const login = await rawLogin(t.url, u.username, u.password);
    const withBoth = await fetch(t.url + '/api/auth/me', { headers: { cookie: `crm_session=${login.value('crm_session')}; crm_csrf=${login.value('crm_csrf')}` } });
    expect((await withBoth.json()).csrfToken).toBe(login.value('crm_csrf'));
    expect(withBoth.headers.getSetCookie()).toEqual([]);

    const onlySession = await fetch(t.url + '/api/auth/me', { headers: { cookie: `crm_session=${login.value('crm_session')}` } });
    const issued = onlySession.headers.getSetCookie().find((c) => c.startsWith('crm_csrf='))!;
    expect(issued).toBeDefined();
    expect((await onlySession.json()).csrfToken).toBe(issued.split(';')[0].slice('crm_csrf='.length));
  });
});

describe('security headers', () => {
  test('every answer carries CSP (frame-ancestors none), nosniff, Referrer-Policy, X-Frame-Options; no HSTS over HTTP', async () => {
    for (const path of ['/health', '/api/auth/me', '/engine-rest/engine', '/']) {
      const res = await fetch(t.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      // Styles: no inline <style>, and style attributes only by hash (docs/security.md), never 'unsafe-inline'
      expect(csp).toContain("style-src 'self';");
      expect(csp).toMatch(/style-src-attr 'unsafe-hashes'( 'sha256-[A-Za-z0-9+/=]+')+;/);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });
});

describe('audit of sign-in, sign-out and tokens', () => {
  test('a sign-in is audited with the user and client address', async () => {
    const u = await newUser();
    expect((await new ApiClient(t.url).login(u.username, u.password)).status).toBe(200);

    const [e] = await events('login', { target: `user:${u.id}` });
    expect(e).toMatchObject({ actorId: u.id, kind: 'login' });
    expect(e.address).toMatch(/127\.0\.0\.1/);
  });

  test('a refused sign-in is audited with the username, the user id when the user exists, and never the password', async () => {
    const u = await newUser();
    const ghost = uniqueName('ghost');
    expect((await new ApiClient(t.url).login(u.username, 'the-wrong-secret')).status).toBe(401);
    expect((await new ApiClient(t.url).login(ghost, 'another-wrong-secret')).status).toBe(401);

    const [known] = await events('login.failed', { username: u.username });
    expect(known).toMatchObject({ actorId: u.id, detail: { username: u.username } });
    expect(known.address).toMatch(/127\.0\.0\.1/);
    const [unknown] = await events('login.failed', { username: ghost });
    expect(unknown.actorId).toBeNull();
    const all = JSON.stringify(await t.server.db.query('select detail from audit.event'));
    expect(all).not.toContain('the-wrong-secret');
    expect(all).not.toContain('another-wrong-secret');
  });

  test('throttled attempts are audited once per username and address, not once per attempt', async () => {
    const u = await newUser();
    const c = new ApiClient(t.url);
    for (let i = 0; i < 10; i++) expect((await c.login(u.username, `wrong-${i}`)).status).toBe(401);
    expect((await c.login(u.username, u.password)).status).toBe(429);
    expect((await c.login(u.username, u.password)).status).toBe(429);

    const throttled = await events('login.throttled', { username: u.username });
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ actorId: u.id, detail: { username: u.username } });
    expect(throttled[0].detail.retryAfter).toBeGreaterThan(0);
    expect(await events('login.failed', { username: u.username })).toHaveLength(10);
  });

  test('sign-out, token creation and revocation are audited', async () => {
    const u = await newUser();
    const c = new ApiClient(t.url);
    await c.login(u.username, u.password);
    const token = await c.post('/api/auth/tokens', { name: 'ci' });
    expect((await c.delete(`/api/auth/tokens/${token.body.id}`)).status).toBe(204);
    expect((await c.post('/api/auth/logout')).status).toBe(204);

    expect(await events('token.create', { target: `token:${token.body.id}` })).toEqual([expect.objectContaining({ actorId: u.id, detail: { name: 'ci' } })]);
    expect(await events('token.revoke', { target: `token:${token.body.id}` })).toEqual([expect.objectContaining({ actorId: u.id })]);
    expect(await events('logout', { target: `user:${u.id}` })).toEqual([expect.objectContaining({ actorId: u.id })]);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });
});
