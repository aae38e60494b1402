/**
 * The audit trail API over real HTTP and PostgreSQL: administrators read security events and record
 * changes, newest first, filtered and paged by a keyset cursor; everyone else gets 403; bad
 * parameters are 400 naming the parameter; nothing updates or deletes an audit row, neither the
 * API nor SQL.
 */
import { ApiClient, startTestServer, uniqueName, type TestServer } from '../support/harness.js';

let t: TestServer;
let api: ApiClient;
let adminId: string;

beforeAll(async () => {
  t = await startTestServer();
  api = t.admin;
  adminId = (await api.get('/api/auth/me')).body.user.id;
});
afterAll(async () => {
  await t?.stop();
});

async function newUser(): Promise<{ id: string; username: string; client: ApiClient }> {
  const username = uniqueName('u').toLowerCase();
  const created = await api.post('/api/org/users', { username, password: 'pw-' + username });
  expect(created.status).toBe(201);
  const client = new ApiClient(t.url);
  expect((await client.login(username, 'pw-' + username)).status).toBe(200);
  return { id: created.body.id, username, client };
}

describe('GET /api/audit/events', () => {
  test('given some security events, filters by kind, actor and target return them newest first with the actor named', async () => {
    const u = await newUser();
    await u.client.post('/api/auth/logout');

    const mine = await api.get(`/api/audit/events?actor=${u.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((e: { kind: string }) => e.kind)).toEqual(['logout', 'login']);
    expect(mine.body.items[0]).toMatchObject({ actor: { id: u.id, username: u.username, displayName: u.username }, target: `user:${u.id}`, detail: {} });
    expect(mine.body.nextCursor).toBeNull();

    const about = await api.get(`/api/audit/events?target=user:${u.id}&kind=user.create,logout`);
    expect(about.body.items.map((e: { kind: string; actor: { id: string } }) => [e.kind, e.actor.id])).toEqual([
      ['logout', u.id],
      ['user.create', adminId],
    ]);
    const [login] = (await api.get(`/api/audit/events?target=user:${u.id}&kind=login`)).body.items;
    expect(login.address).toMatch(/127\.0\.0\.1/);
  });

  test('pages follow the cursor without gaps or repeats; from and to bound the time', async () => {
    const u = await newUser();
    for (let i = 0; i < 5; i++) await u.client.post('/api/auth/tokens', { name: `t${i}` });
    const all = (await api.get(`/api/audit/events?actor=${u.id}&kind=token.create`)).body.items;
    expect(all).toHaveLength(5);
    expect(all.map((e: { detail: { name: string } }) => e.detail.name)).toEqual(['t4', 't3', 't2', 't1', 't0']);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: number }[]; nextCursor: string | null } } = await api.get(
        `/api/audit/events?actor=${u.id}&kind=token.create&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((e) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e: { id: number }) => e.id));

    const at = all[2].at as string;
    const from = (await api.get(`/api/audit/events?actor=${u.id}&kind=token.create&from=${encodeURIComponent(at)}`)).body.items;
    expect(from.every((e: { at: string }) => e.at >= at)).toBe(true);
    expect(from.map((e: { id: number }) => e.id)).toContain(all[2].id);
    const to = (await api.get(`/api/audit/events?actor=${u.id}&kind=token.create&to=${encodeURIComponent(at)}`)).body.items;
    expect(to.every((e: { at: string }) => e.at < at)).toBe(true);
    expect((await api.get(`/api/audit/events?actor=${u.id}&from=2000-01-01&to=2000-01-02`)).body.items).toEqual([]);
  });
});

describe('GET /api/audit/changes', () => {
  test('record changes of one record, newest first, with actor and before/after', async () => {
    const created = await api.post('/api/records/account', { name: uniqueName('Audit Co') });
    expect(created.status).toBe(201);
    expect((await api.patch(`/api/records/account/${created.body.id}`, { region: 'North', version: created.body.version })).status).toBe(200);

    const res = await api.get(`/api/audit/changes?entity=account&recordId=${created.body.id}&actor=${adminId}`);
    expect(res.status).toBe(200);
    const [latest] = res.body.items;
    expect(latest).toMatchObject({ entity: 'account', recordId: created.body.id, action: 'update', field: 'region', before: null, after: 'North', actor: { id: adminId, username: 'admin' } });
    expect(res.body.items.at(-1).action).toBe('create');
    expect(res.body.items.map((c: { id: number }) => c.id)).toEqual([...res.body.items.map((c: { id: number }) => c.id)].sort((a, b) => b - a));
  });
});

describe('who may, and bad parameters', () => {
  test('a non-admin gets 403 on both lists', async () => {
    const u = await newUser();
    for (const path of ['/api/audit/events', '/api/audit/changes']) {
      const res = await u.client.get(path);
      expect(res.status).toBe(403);
      expect(res.body.type).toMatch(/\/forbidden$/);
    }
  });

  test('each bad parameter is a 400 naming it', async () => {
    const cases: [string, string][] = [
      ['/api/audit/events?limit=0', 'limit'],
      ['/api/audit/events?limit=501', 'limit'],
      ['/api/audit/events?limit=ten', 'limit'],
      ['/api/audit/events?cursor=abc', 'cursor'],
      ['/api/audit/events?actor=someone', 'actor'],
      ['/api/audit/events?from=yesterday', 'from'],
      ['/api/audit/events?to=2025-13-45', 'to'],
      ['/api/audit/events?kind=', 'kind'],
      ['/api/audit/events?kind=a&kind=b', 'kind'],
      ['/api/audit/events?entity=account', 'entity'],
      ['/api/audit/changes?recordId=42', 'recordId'],
      ['/api/audit/changes?entity=Robert%27);drop', 'entity'],
      ['/api/audit/changes?target=user:1', 'target'],
    ];
    for (const [path, param] of cases) {
      const res = await api.get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: param })]);
    }
    expect((await api.get('/api/audit/events?limit=500')).status).toBe(200);
  });
});

describe('append-only', () => {
  test('no route changes or deletes audit rows, and SQL cannot either', async () => {
    const [row] = await t.server.db.query<{ id: number }>('select id from audit.event order by id limit 1');
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      for (const path of ['/api/audit/events', `/api/audit/events/${row.id}`, '/api/audit/changes', '/api/audit/changes/1']) {
        const res = await api.request(method, path, method === 'DELETE' ? undefined : { kind: 'forged' });
        expect([method, path, [404, 405].includes(res.status)]).toEqual([method, path, true]);
      }
    }
    await expect(t.server.db.query(`update audit.event set kind = 'forged' where id = $1`, [row.id])).rejects.toMatchObject({ code: '42501' });
    await expect(t.server.db.query('delete from audit.event where id = $1', [row.id])).rejects.toMatchObject({ code: '42501' });
    await expect(t.server.db.query('truncate audit.event')).rejects.toMatchObject({ code: '42501' });
    await expect(t.server.db.query(`update audit.change set field = 'forged'`)).rejects.toMatchObject({ code: '42501' });
    const [still] = await t.server.db.query<{ kind: string }>('select kind from audit.event where id = $1', [row.id]);
    expect(still.kind).not.toBe('forged');
  });
});
