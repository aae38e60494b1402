/**
 * The records API over real HTTP and a real PostgreSQL: CRUD, validation, bad input that changes
 * nothing, optimistic concurrency, duplicate rules, audit/history, bulk writes, authentication.
 */
import { ApiClient, startTestServer, uniqueName, type TestServer } from '../support/harness.js';

let t: TestServer;
let api: ApiClient;

beforeAll(async () => {
  t = await startTestServer();
  api = t.admin;
});
afterAll(async () => {
  await t?.stop();
});

/** Row counts of an entity table and of the audit log: the "database unchanged" witness. */
async function snapshot(table: string) {
  const [r] = await t.server.db.query<{ n: number; v: number }>(`select count(*)::int as n, coalesce(sum(version), 0)::int as v from crm.${table}`);
  const [a] = await t.server.db.query<{ n: number }>('select count(*)::int as n from audit.change');
  return { rows: r.n, versions: r.v, audit: a.n };
}

const account = (over: Record<string, unknown> = {}) => ({ name: uniqueName('Acme'), industry: 'finance', region: 'Pudong', ...over });

describe('authentication', () => {
  test('every /api route answers 401 problem+json without a session', async () => {
    const anon = new ApiClient(t.url);
    for (const path of ['/api/records/account', '/api/auth/me', '/api/metadata/entities', '/api/openapi.json', '/api/nope']) {
      const res = await anon.get(path);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  test('wrong password is refused; me returns the admin; bearer tokens work and can be revoked', async () => {
    expect((await new ApiClient(t.url).login('admin', 'wrong-password')).status).toBe(401);
    expect((await new ApiClient(t.url).login('nobody', 'whatever')).status).toBe(401);
    const me = await api.get('/api/auth/me');
    expect(me.body.user).toMatchObject({ username: 'admin', isAdmin: true });
    const created = await api.post('/api/auth/tokens', { name: 'worker' });
    expect(created.status).toBe(201);
    const bot = new ApiClient(t.url).withToken(created.body.token);
    expect((await bot.get('/api/auth/me')).body.user.username).toBe('admin');
    expect((await api.delete(`/api/auth/tokens/${created.body.id}`)).status).toBe(204);
    expect((await bot.get('/api/auth/me')).status).toBe(401);
    // regression: a malformed token id reached PostgreSQL as a uuid and answered 500
    expect((await api.delete('/api/auth/tokens/not-a-uuid')).status).toBe(404);
  });

  test('logout ends the session', async () => {
    const c = new ApiClient(t.url);
    await c.login('admin', t.adminPassword);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });
});

describe('create, read, update, delete, restore', () => {
  test('a created account can be read, updated, soft-deleted and restored, with versions', async () => {
    const created = await api.post('/api/records/account', account({ annualRevenue: 1234.5, employees: 40 }));
    expect(created.status).toBe(201);
    const rec = created.body;
    expect(rec).toMatchObject({ version: 1, industry: 'finance', annualRevenue: 1234.5, employees: 40, state: 'target' });
    expect(rec.ownerId).toBe((await api.get('/api/auth/me')).body.user.id);

    const got = await api.get(`/api/records/account/${rec.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(rec);

    const upd = await api.patch(`/api/records/account/${rec.id}`, { region: 'Xuhui', version: 1 });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ region: 'Xuhui', version: 2, name: rec.name });

    expect((await api.delete(`/api/records/account/${rec.id}`, { 'if-match': '"2"' })).status).toBe(204);
    expect((await api.get(`/api/records/account/${rec.id}`)).status).toBe(404);
    const bin = await api.get(`/api/records/account?deleted=only&filter=${encodeURIComponent(`name eq '${rec.name}'`)}`);
    expect(bin.body.items.map((r: { id: string }) => r.id)).toEqual([rec.id]);

    const restored = await api.post(`/api/records/account/${rec.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: rec.id, version: 4, region: 'Xuhui' });
  });

  test('list filters on fields and lookup paths, sorts, pages with a cursor and counts', async () => {
    const tag = uniqueName('Pg');
    const acc = (await api.post('/api/records/account', account({ name: tag, industry: 'government' }))).body;
    const opps = [];
    for (let i = 0; i < 7; i++)
      opps.push((await api.post('/api/records/opportunity', { name: `${tag}-${i}`, account: acc.id, stage: 'intent', amount: 100 * i })).body);
    const filter = encodeURIComponent(`account.name eq '${tag}' and amount gte 200`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { name: string; amount: number }[]; nextCursor: string | null; count?: number } } = await api.get(
        `/api/records/opportunity?filter=${filter}&sort=amount:desc&limit=2&count=true${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.count).toBe(5);
      seen.push(...res.body.items.map((o) => o.name));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([6, 5, 4, 3, 2].map((i) => `${tag}-${i}`));

    const expanded = await api.get(`/api/records/opportunity/${opps[0].id}?expand=account&fields=name,account`);
    expect(expanded.body.account).toMatchObject({ id: acc.id, name: tag });
    expect(expanded.body.amount).toBeUndefined();
  });
});

describe('bad input gets a 4xx naming the problem and changes nothing', () => {
  const cases: [string, () => Promise<{ status: number; body: any }>, number, string | null][] = [
    ['missing required field', () => api.post('/api/records/account', { industry: 'finance' }), 400, '/name'],
    ['wrong type', () => api.post('/api/records/account', account({ employees: 'many' })), 400, '/employees'],
    ['value outside the enum', () => api.post('/api/records/account', account({ industry: 'piracy' })), 400, '/industry'],
    ['unknown field', () => api.post('/api/records/account', account({ shoeSize: 42 })), 400, '/shoeSize'],
    ['body not an object', () => api.post('/api/records/account', [1, 2]), 400, null],
    ['malformed JSON', () => api.request('POST', '/api/records/account', '{"name":', {}), 400, null],
    ['unknown entity', () => api.post('/api/records/spaceship', { name: 'x' }), 404, null],
    ['lookup to a missing record', () => api.post('/api/records/opportunity', { name: 'o', account: '00000000-0000-4000-8000-000000000000' }), 400, '/account'],
    ['bad filter syntax', () => api.get(`/api/records/account?filter=${encodeURIComponent("name eq 'x' and (")}`), 400, null],
    ['filter on unknown field', () => api.get(`/api/records/account?filter=${encodeURIComponent("shoeSize eq 1")}`), 400, null],
    ['sort on unknown field', () => api.get('/api/records/account?sort=shoeSize:asc'), 400, null],
    ['tampered cursor', () => api.get('/api/records/account?cursor=bm9wZQ'), 400, null],
    ['NUL character in a value', () => api.post('/api/records/account', account({ address: 'a\u0000b' })), 400, null],
    ['NUL character in a filter', () => api.get(`/api/records/account?filter=${encodeURIComponent("name eq 'a\u0000b'")}`), 400, null],
    ['limit out of range', () => api.get('/api/records/account?limit=100000'), 400, null],
    ['bulk item invalid', () => api.post('/api/records/account/bulk', { records: [account(), { industry: 'x' }] }), 400, '/records/1/name'],
    ['injection attempt in a filter value', () => api.get(`/api/records/account?filter=${encodeURIComponent(JSON.stringify({ name: { eq: "x'; drop table crm.account; --" } }))}`), 200, null],
    ['injection attempt in a field name', () => api.get(`/api/records/account?sort=${encodeURIComponent('name; drop table crm.account')}`), 400, null],
  ];

  test.each(cases)('%s', async (_name, call, status, path) => {
    const before = await snapshot('account');
    const res = await call();
    expect(res.status).toBe(status);
    if (status >= 400) {
      expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^https?:\/\//), detail: expect.any(String) });
      if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await snapshot('account')).toEqual(before);
  });

  test('an invalid state transition is refused, coded with its field, from, to and allowed moves, and changes nothing', async () => {
    const rec = (await api.post('/api/records/account', account())).body; // state target
    const before = await snapshot('account');
    const res = await api.patch(`/api/records/account/${rec.id}`, { state: 'formal' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        path: '/state',
        message: expect.stringContaining('cannot go from target to formal'),
        code: 'transition-not-allowed',
        params: { entity: 'account', field: 'state', from: 'target', to: 'formal', allowed: expect.arrayContaining(['potential']) },
      },
    ]);
    expect(await snapshot('account')).toEqual(before);
    expect((await api.patch(`/api/records/account/${rec.id}`, { state: 'potential' })).status).toBe(200);
  });

  test('a list sorted or filtered by a field the entity lacks is coded and said in the language the request accepts', async () => {
    const en = await api.get('/api/records/account?sort=shoeSize');
    expect(en.status).toBe(400);
    expect(en.body.errors).toEqual([expect.objectContaining({ code: 'unknown-entity-field', params: { field: 'shoeSize', entity: 'account' }, message: expect.stringContaining("account has no field 'shoeSize'") })]);
    const zh = await api.post('/api/records/account/query', { filter: { and: [{ field: 'shoeSize', op: 'eq', value: 1 }] } }, { 'Accept-Language': 'zh-CN' });
    expect(zh.status).toBe(400);
    expect(zh.body.errors).toEqual([expect.objectContaining({ code: 'unknown-entity-field', message: '实体“account”没有字段“shoeSize”' })]);
  });

  test('a required field left out or set to null is coded required, naming the field', async () => {
    const required = { path: '/name', message: 'is required', code: 'required', params: { entity: 'account', field: 'name' } };
    expect((await api.post('/api/records/account', { industry: 'finance' })).body.errors).toEqual([required]);
    const rec = (await api.post('/api/records/account', account())).body;
    expect((await api.patch(`/api/records/account/${rec.id}`, { name: null })).body.errors).toEqual([required]);
  });

  test('a bulk create with one duplicate among many commits none of them', async () => {
    const existing = (await api.post('/api/records/account', account({ taxId: uniqueName('TX') }))).body;
    const before = await snapshot('account');
    const res = await api.post('/api/records/account/bulk', { records: [account(), account(), account({ taxId: existing.taxId })] });
    expect(res.status).toBe(409);
    expect(res.body.index).toBe(2);
    expect(await snapshot('account')).toEqual(before);
  });
});

describe('optimistic concurrency', () => {
  test('a stale version gets 409 and changes nothing', async () => {
    const rec = (await api.post('/api/records/account', account())).body;
    expect((await api.patch(`/api/records/account/${rec.id}`, { region: 'A', version: 1 })).status).toBe(200);
    const stale = await api.patch(`/api/records/account/${rec.id}`, { region: 'B' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect(stale.body.errors).toEqual([{ path: '/version', message: 'stale version', code: 'stale-version', params: { entity: 'account', expected: 1, current: 2 } }]);
    expect((await api.get(`/api/records/account/${rec.id}`)).body).toMatchObject({ region: 'A', version: 2 });
  });

  test('of 10 concurrent updates carrying the same version exactly one wins', async () => {
    const rec = (await api.post('/api/records/account', account())).body;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.patch(`/api/records/account/${rec.id}`, { region: `R${i}`, version: 1 })),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const final = (await api.get(`/api/records/account/${rec.id}`)).body;
    expect(final).toMatchObject({ version: 2, region: ok[0].body.region });
    const history = (await api.get(`/api/records/account/${rec.id}/history`)).body.items;
    expect(history.filter((h: { action: string }) => h.action === 'update')).toHaveLength(1);
  });
});

describe('duplicate rules', () => {
  test('normalised name, phone and tax id matches answer 409 with the matches unless overridden', async () => {
    const base = uniqueName('Huaxin');
    const first = (await api.post('/api/records/account', account({ name: `${base} 有限公司`, phone: '+86 138-0013-8000' }))).body;
    const byName = await api.post('/api/records/account', account({ name: `${base.toUpperCase()}有限公司` }));
    expect(byName.status).toBe(409);
    expect(byName.body.duplicates).toEqual([expect.objectContaining({ id: first.id, rule: expect.any(String) })]);
    const byPhone = await api.post('/api/records/account', account({ phone: '13800138000' }));
    expect(byPhone.status).toBe(409);
    expect(byPhone.body.duplicates.map((d: { id: string }) => d.id)).toContain(first.id);
    const forced = await api.post('/api/records/account?allowDuplicates=true', account({ name: `${base} 有限公司` }));
    expect(forced.status).toBe(201);
  });

  test('a contact with the same e-mail in another case is a duplicate', async () => {
    const email = `${uniqueName('li')}@example.com`;
    expect((await api.post('/api/records/contact', { firstName: 'Li', lastName: 'Lei', email })).status).toBe(201);
    expect((await api.post('/api/records/contact', { firstName: 'L', lastName: 'L', email: email.toUpperCase() })).status).toBe(409);
  });
});

describe('audit', () => {
  test('audit rows match the changes, field by field, and history returns them', async () => {
    const rec = (await api.post('/api/records/account', account({ region: 'Minhang' }))).body;
    await api.patch(`/api/records/account/${rec.id}`, { region: 'Jing’an', level: 'A', version: 1 });
    await api.delete(`/api/records/account/${rec.id}`);
    const rows = await t.server.db.query<{ action: string; field: string | null; before: unknown; after: unknown }>(
      `select action, field, before, after from audit.change where record_id = $1 order by id`,
      [rec.id],
    );
    const created = rows.filter((r) => r.action === 'create');
    expect(created).toHaveLength(1); // a create is one entry holding every value it was created with
    expect(created[0].field).toBeNull();
    expect(created[0].after).toEqual({ name: rec.name, region: 'Minhang', industry: 'finance', state: 'target' });
    expect(rows.filter((r) => r.action === 'update')).toEqual(
      expect.arrayContaining([
        { action: 'update', field: 'region', before: 'Minhang', after: 'Jing’an' },
        { action: 'update', field: 'level', before: null, after: 'A' },
      ]),
    );
    expect(rows.filter((r) => r.action === 'update')).toHaveLength(2);
    expect(rows[rows.length - 1].action).toBe('delete');
    const history = await api.get(`/api/records/account/${rec.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(rows.length);
    expect(history.body.items[0].actor.username).toBe('admin');
  });

  test('audit rows cannot be updated or deleted, even with SQL', async () => {
    await expect(t.server.db.query('delete from audit.change')).rejects.toThrow(/append-only/);
    await expect(t.server.db.query(`update audit.change set field = 'x'`)).rejects.toThrow(/append-only/);
  });
});

describe('bulk', () => {
  test('bulk create and bulk update apply all records in one transaction', async () => {
    const res = await api.post('/api/records/product/bulk', { records: [1, 2, 3].map((i) => ({ name: uniqueName(`P${i}`), listPrice: i * 10 })) });
    expect(res.status).toBe(201);
    expect(res.body.items).toHaveLength(3);
    const upd = await api.patch('/api/records/product/bulk', {
      records: res.body.items.map((p: { id: string; version: number }) => ({ id: p.id, version: p.version, active: false })),
    });
    expect(upd.status).toBe(200);
    expect(upd.body.items.every((p: { active: boolean; version: number }) => p.active === false && p.version === 2)).toBe(true);
    // one stale item: none of the updates apply
    const again = await api.patch('/api/records/product/bulk', {
      records: res.body.items.map((p: { id: string }, i: number) => ({ id: p.id, version: i === 2 ? 1 : 2, active: true })),
    });
    expect(again.status).toBe(409);
    for (const p of res.body.items) expect((await api.get(`/api/records/product/${p.id}`)).body.active).toBe(false);
  });
});

describe('filter variables', () => {
  test('$me stands for the signed-in user in text and JSON filters', async () => {
    await t.server.auth.createUser({ username: 'rep-me', password: 'rep-me-password' });
    const rep = new ApiClient(t.url);
    await rep.login('rep-me', 'rep-me-password');
    const tag = uniqueName('Mine');
    await rep.post('/api/records/activity', { subject: `${tag} rep`, type: 'call' });
    await api.post('/api/records/activity', { subject: `${tag} admin`, type: 'call' });
    const text = encodeURIComponent(`ownerId eq $me and subject startsWith '${tag}'`);
    expect((await rep.get(`/api/records/activity?filter=${text}`)).body.items.map((a: { subject: string }) => a.subject)).toEqual([`${tag} rep`]);
    expect((await api.get(`/api/records/activity?filter=${text}`)).body.items.map((a: { subject: string }) => a.subject)).toEqual([`${tag} admin`]);
    const json = await rep.post('/api/records/activity/query', { filter: { and: [{ ownerId: { $var: 'me' } }, { subject: { startsWith: tag } }] } });
    expect(json.body.items).toHaveLength(1);
    const unknown = await rep.get(`/api/records/activity?filter=${encodeURIComponent('ownerId eq $boss')}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toMatch(/unknown variable '\$boss'/);
  });
});

describe('lookups', () => {
  test('a lookup to a record in the recycle bin is refused naming the field; after restore it is accepted', async () => {
    const acc = (await api.post('/api/records/account', account())).body;
    await api.delete(`/api/records/account/${acc.id}`);
    const res = await api.post('/api/records/opportunity', { name: 'On a deleted account', account: acc.id });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: '/account', message: 'no such account record' }]);
    const live = (await api.post('/api/records/account', account())).body;
    const bulk = await api.post('/api/records/opportunity/bulk', { records: [{ name: 'ok', account: live.id }, { name: 'bad', account: acc.id }] });
    expect(bulk.status).toBe(400);
    expect(bulk.body.errors.map((e: { path: string }) => e.path)).toEqual(['/records/1/account']);
    const opp = (await api.post('/api/records/opportunity', { name: 'Moves later', account: live.id })).body;
    expect((await api.patch(`/api/records/opportunity/${opp.id}`, { account: acc.id })).status).toBe(400);
    await api.post(`/api/records/account/${acc.id}/restore`);
    expect((await api.post('/api/records/opportunity', { name: 'On a restored account', account: acc.id.toUpperCase() })).status).toBe(201);
  });
});

describe('bulk duplicates', () => {
  test('two records of one batch that match each other are reported, and nothing is created', async () => {
    const before = await snapshot('account');
    const name = uniqueName('Twin');
    const res = await api.post('/api/records/account/bulk', { records: [account(), account({ name: `${name} Ltd` }), account(), account({ name: `${name.toUpperCase()}, LTD.` })] });
    expect(res.status).toBe(409);
    expect(res.body.index).toBe(3);
    expect(res.body.duplicatesInBatch).toEqual([{ rule: expect.any(String), index: 3, of: 1 }]);
    expect(await snapshot('account')).toEqual(before);
    expect((await api.post('/api/records/account/bulk?allowDuplicates=true', { records: [account({ name }), account({ name })] })).status).toBe(201);
  });
});
