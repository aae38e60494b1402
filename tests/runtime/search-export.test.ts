/**
 * Global search (GET /api/search) and record export (GET /api/records/:entity/export) under the
 * sharing model, over real HTTP and PostgreSQL: a sales rep finds and exports only what they may
 * read (accounts are private in the shipped sharing), a field hidden for a role is neither
 * searchable nor exported, export needs the role's `export` permission, bad parameters are 400s
 * naming the parameter, and the CSV reads back with Chinese text intact.
 */
import { parse } from 'csv-parse/sync';
import { loadMetadataDir, type RoleDocument } from '../../metadata/index.js';
import { ApiClient, startTestServer, uniqueName, type TestServer } from '../support/harness.js';

let t: TestServer;
let admin: ApiClient;
const users: Record<string, { id: string; api: ApiClient; token: string }> = {};

const shipped = loadMetadataDir(new URL('../../metadata/', import.meta.url).pathname);

/** A test role that may read, create and export accounts, but never sees their tax id. */
const HIDER: RoleDocument = {
  'x-crm-role': 'tax-blind',
  label: { 'zh-CN': '看不到税号', en: 'Tax-blind' },
  permissions: { account: { actions: ['create', 'read', 'export'], fields: { taxId: 'hidden' } } },
};

async function makeUser(name: string, role: string | null, locale = 'zh-CN'): Promise<void> {
  const username = uniqueName(name).toLowerCase().replace(/_/g, '-');
  const u = await t.server.auth.createUser({ username, password: `${username}-pw`, locale });
  await t.server.db.query('update sec.user set role = $2 where id = $1', [u.id, role]);
  const api = new ApiClient(t.url);
  expect((await api.login(username, `${username}-pw`)).status).toBe(200);
  const token = await api.post('/api/auth/tokens', { name: 'downloads' });
  expect(token.status).toBe(201);
  users[name] = { id: u.id, api, token: token.body.token };
}

const as = (name: string) => users[name].api;
/** A distinctive word (no LIKE wildcards in it) so tests sharing the database do not see each other's records. */
const word = () => uniqueName('w').toLowerCase().replace(/_/g, '');

beforeAll(async () => {
  t = await startTestServer();
  admin = t.admin;
  const published = await admin.post('/api/metadata/publish', {
    entities: shipped.entities, views: shipped.views, triggers: shipped.triggers, roles: [...shipped.roles!, HIDER], sharing: shipped.sharing,
  });
  expect(published.status).toBe(201);
  await makeUser('rep1', 'sales-rep');
  await makeUser('rep2', 'sales-rep');
  await makeUser('employee', null); // the default role: reads and writes accounts, no export
  await makeUser('blind', 'tax-blind', 'en');
  const adminToken = await admin.post('/api/auth/tokens', { name: 'downloads' });
  users.admin = { id: '', api: admin, token: adminToken.body.token };
});
afterAll(async () => {
  await t?.stop();
});

async function createAccount(owner: string, body: Record<string, unknown>): Promise<string> {
  const res = await as(owner).post('/api/records/account?allowDuplicates=true', { industry: 'trade', region: 'Minhang', ...body });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** An account owned by `owner` holding values `owner` may not write (a hidden tax id): the admin creates it, then hands it over. */
async function createOwnedBy(owner: string, body: Record<string, unknown>): Promise<string> {
  const id = await createAccount('admin', body);
  await t.server.db.query('update crm.account set owner_id = $2 where id = $1', [id, users[owner].id]);
  return id;
}

type Hit = { entity: string; id: string; title: string | null; matched: string[] };
async function search(who: string, params: string): Promise<{ groups: { entity: string; items: Hit[] }[] }> {
  const res = await as(who).get(`/api/search?${params}`);
  expect(res.status).toBe(200);
  return res.body;
}
const hitIds = (body: { groups: { items: Hit[] }[] }) => body.groups.flatMap((g) => g.items.map((h) => h.id));

/** An export's raw bytes (fetch with the user's API token: the harness client decodes text and drops the BOM). */
async function download(who: string, query: string): Promise<{ status: number; headers: Headers; bytes: Buffer; text: string; body: any }> {
  const res = await fetch(`${t.url}/api/records/account/export?${query}`, { headers: { authorization: `Bearer ${users[who].token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let body: any;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, bytes, text, body };
}
const csvRows = (text: string): string[][] => parse(text, { bom: true });

describe('global search', () => {
  test('a rep finds only the records they may read; the admin finds all; hits carry entity, id, title and matched fields', async () => {
    // Given accounts of two reps sharing one word (name of one, email of the other)
    const w = word();
    const mine = await createAccount('rep1', { name: `${w} 华东贸易有限公司` });
    const theirs = await createAccount('rep2', { name: `Other ${w}`, email: `sales@${w}.example.com` });
    // When each searches for the word
    const rep1 = await search('rep1', `q=${w}`);
    const rep2 = await search('rep2', `q=${w.toUpperCase()}`);
    const all = await search('admin', `q=${w}`);
    // Then each sees their own only; the admin sees both
    expect(hitIds(rep1)).toEqual([mine]);
    expect(rep1.groups).toEqual([{ entity: 'account', label: { 'zh-CN': '客户', en: 'Accounts' }, items: [{ entity: 'account', id: mine, title: `${w} 华东贸易有限公司`, matched: ['name'] }] }]);
    expect(hitIds(rep2)).toEqual([theirs]);
    expect(rep2.groups[0].items[0].matched).toEqual(['name', 'email']);
    expect(hitIds(all).sort()).toEqual([mine, theirs].sort());
  });

  test('exact matches come before prefix matches before substring matches; limit is per entity', async () => {
    const w = word();
    const inside = await createAccount('rep1', { name: `zz ${w} inside` });
    const prefix = await createAccount('rep1', { name: `${w} first` });
    const exact = await createAccount('rep1', { name: w.toUpperCase() });
    expect((await search('rep1', `q=${w}`)).groups[0].items.map((h) => h.id)).toEqual([exact, prefix, inside]);
    expect((await search('rep1', `q=${w}&limit=2`)).groups[0].items.map((h) => h.id)).toEqual([exact, prefix]);
  });

  test('a record matching only through a field hidden for the role is not found, and hits never name it', async () => {
    // Given an account of the tax-blind user whose tax id alone holds the word
    const w = word();
    const id = await createOwnedBy('blind', { name: `Blind ${w.slice(0, 4)} Ltd`, taxId: `TAX${w}` });
    // Then the admin finds it through taxId, its owner (who may not see taxId) does not
    expect((await search('admin', `q=${w}`)).groups[0].items).toEqual([expect.objectContaining({ id, matched: ['taxId'] })]);
    expect((await search('blind', `q=${w}`)).groups).toEqual([]);
    // And a hit through the name does not list taxId even though it matches too
    const both = await search('blind', `q=${encodeURIComponent(`Blind ${w.slice(0, 4)}`)}`);
    expect(both.groups[0].items).toEqual([{ entity: 'account', id, title: `Blind ${w.slice(0, 4)} Ltd`, matched: ['name'] }]);
  });

  test('soft-deleted records are not found; entities narrows the search; LIKE wildcards in q are literal', async () => {
    const w = word();
    const gone = await createAccount('rep1', { name: `${w} gone` });
    const kept = await createAccount('rep1', { name: `${w}abc` });
    expect((await as('rep1').delete(`/api/records/account/${gone}`)).status).toBe(204);
    expect(hitIds(await search('rep1', `q=${w}`))).toEqual([kept]);
    expect((await search('rep1', `q=${w}&entities=contact,lead`)).groups).toEqual([]);
    expect(hitIds(await search('rep1', `q=${w}&entities=account`))).toEqual([kept]);
    // `_` and `%` match themselves only
    expect((await search('rep1', `q=${w}_bc`)).groups).toEqual([]);
    expect((await search('rep1', `q=${encodeURIComponent(`${w}%c`)}`)).groups).toEqual([]);
    expect(hitIds(await search('rep1', `q=${w}ab`))).toEqual([kept]);
  });

  test('a phone number is found by its digits, however it was typed', async () => {
    const digits = String(Date.now()).slice(-8);
    const id = await createAccount('rep1', { name: uniqueName('Phone'), phone: `+86 (21) ${digits.slice(0, 4)}-${digits.slice(4)}` });
    const found = await search('rep1', `q=21${digits}&entities=account`);
    expect(found.groups[0].items).toEqual([expect.objectContaining({ id, matched: ['phone'] })]);
  });

  test('bad parameters are 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['', 'q'],
      ['q=a', 'q'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=%20%20a%20', 'q'],
      ['q=a%00b', 'q'],
      ['q=ab&limit=0', 'limit'],
      ['q=ab&limit=51', 'limit'],
      ['q=ab&limit=2x', 'limit'],
      ['q=ab&entities=nope', 'entities'],
      ['q=ab&entities=account,product,opportunity,nope', 'entities'],
    ];
    for (const [params, path] of cases) {
      const res = await as('rep1').get(`/api/search?${params}`);
      expect([params, res.status, res.body.errors?.[0]?.path]).toEqual([params, 400, path]);
    }
    // an entity the role may not read is refused like an unknown one
    const res = await as('blind').get('/api/search?q=ab&entities=lead');
    expect([res.status, res.body.errors[0].path]).toEqual([400, 'entities']);
    expect((await new ApiClient(t.url).get('/api/search?q=ab')).status).toBe(401);
  });
});

describe('export', () => {
  test('CSV: a rep exports only their own records, with a BOM, labels in their locale and Chinese text intact', async () => {
    const w = word();
    const mine = await createAccount('rep1', { name: `${w} 上海浦东发展`, region: '浦东, "新区"', taxId: `T${w}` });
    await createAccount('rep2', { name: `${w} not yours` });
    const filter = encodeURIComponent(`name startsWith '${w}'`);
    const res = await download('rep1', `format=csv&filter=${filter}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="account-${new Date().toISOString().slice(0, 10)}.csv"`);
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = csvRows(res.text);
    expect(header.slice(0, 3)).toEqual(['ID', '版本', '客户名称']);
    expect(header).toContain('税号');
    expect(rows.map((r) => r[0])).toEqual([mine]);
    const rec = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
    expect(rec).toMatchObject({ 客户名称: `${w} 上海浦东发展`, 区域: '浦东, "新区"', 税号: `T${w}` });
    // Then the other rep's export of the same filter holds nothing of rep1's
    const theirs = csvRows((await download('rep2', `filter=${filter}`)).text);
    expect(theirs.slice(1).map((r) => r[2])).toEqual([`${w} not yours`]);
  });

  test('the export is audited with its count and filter before it is sent', async () => {
    const w = word();
    await createAccount('rep1', { name: `${w} one` });
    await createAccount('rep1', { name: `${w} two` });
    const filter = `name startsWith '${w}'`;
    expect((await download('rep1', `format=json&filter=${encodeURIComponent(filter)}`)).body.items).toHaveLength(2);
    const events = await t.server.db.query<{ target: string; detail: any }>(`select target, detail from audit.event where kind = 'record.export' and actor_id = $1 and detail->>'filter' = $2`, [users.rep1.id, filter]);
    expect(events).toEqual([{ target: 'account', detail: expect.objectContaining({ count: 2, filter, format: 'json' }) }]);
  });

  test('a field hidden for the role is absent from the export (header too) and cannot be filtered, sorted or selected', async () => {
    const w = word();
    await createOwnedBy('blind', { name: `${w} blind`, taxId: `HIDDEN${w}` });
    const filter = encodeURIComponent(`name startsWith '${w}'`);
    const csv = await download('blind', `filter=${filter}&header=names`);
    expect(csv.status).toBe(200);
    const [header, ...rows] = csvRows(csv.text);
    expect(header).toContain('name');
    expect(header).not.toContain('taxId');
    expect(rows).toHaveLength(1);
    expect(csv.text).not.toContain(`HIDDEN${w}`);
    // Labels follow the user's locale (en)
    expect(csvRows((await download('blind', `filter=${filter}`)).text)[0].slice(0, 3)).toEqual(['ID', 'Version', 'Account name']);
    const json = await download('blind', `format=json&filter=${filter}`);
    expect(json.body.items).toHaveLength(1);
    expect(json.body.items[0]).not.toHaveProperty('taxId');
    for (const q of [`filter=${encodeURIComponent(`taxId eq 'HIDDEN${w}'`)}`, 'sort=taxId', 'fields=name,taxId']) {
      expect([q, (await download('blind', q)).status]).toEqual([q, 400]);
    }
    // while the admin exports it
    const full = await download('admin', `format=json&filter=${filter}`);
    expect(full.body.items[0].taxId).toBe(`HIDDEN${w}`);
  });

  test('a role without the export permission gets 403 (and may still list)', async () => {
    expect((await as('employee').get('/api/records/account')).status).toBe(200);
    const res = await download('employee', 'format=csv');
    expect(res.status).toBe(403);
    expect(res.body.errors[0]).toEqual({ path: 'account', message: 'export not permitted' });
    // no audit event for a refused export
    const [n] = await t.server.db.query<{ n: number }>(`select count(*)::int as n from audit.event where kind = 'record.export' and actor_id = $1`, [users.employee.id]);
    expect(n.n).toBe(0);
  });

  test('JSON pages through more than one keyset page; fields and sort apply like the list', async () => {
    // Given 1,203 accounts (export pages hold 1,000)
    const w = word();
    for (const [from, n] of [[0, 1000], [1000, 203]]) {
      const records = Array.from({ length: n }, (_, i) => ({ name: `${w} ${String(from + i).padStart(4, '0')}`, industry: 'trade' }));
      expect((await admin.post('/api/records/account/bulk?allowDuplicates=true', { records })).status).toBe(201);
    }
    const res = await download('admin', `format=json&fields=name&sort=name:desc&filter=${encodeURIComponent(`name startsWith '${w}'`)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const items = res.body.items as { id: string; version: number; name: string }[];
    expect(items).toHaveLength(1203);
    expect(Object.keys(items[0])).toEqual(['id', 'version', 'name']);
    expect(items[0].name).toBe(`${w} 1202`);
    expect(items[1202].name).toBe(`${w} 0000`);
    expect(new Set(items.map((r) => r.id)).size).toBe(1203);
  });

  test('text a spreadsheet would run as a formula is defused; a phone number is left alone', async () => {
    const w = word();
    await createAccount('rep1', { name: `=HYPERLINK("http://evil.example/${w}","x")`, phone: '+86 21 5555 0101', region: `-${w}` });
    const csv = csvRows((await download('rep1', `header=names&filter=${encodeURIComponent(`region eq '-${w}'`)}`)).text);
    const rec = Object.fromEntries(csv[0].map((h, i) => [h, csv[1][i]]));
    expect(rec).toMatchObject({ name: `'=HYPERLINK("http://evil.example/${w}","x")`, phone: '+86 21 5555 0101', region: `'-${w}` });
  });

  test('/:entity/export wins over /:entity/:id; unknown entities 404; bad parameters are 400 naming the parameter', async () => {
    const id = await createAccount('rep1', { name: uniqueName('Plain') });
    expect((await as('rep1').get(`/api/records/account/${id}`)).status).toBe(200);
    expect((await as('rep1').get('/api/records/nope/export')).status).toBe(404);
    const cases: [string, string][] = [
      ['format=xml', 'format'],
      ['header=both', 'header'],
      ['limit=10', 'limit'],
      ['cursor=abc', 'cursor'],
      ['sort=nope', 'sort/0/field'],
      ['fields=nope', 'fields/0'],
      ['deleted=all', 'deleted'],
    ];
    for (const [q, path] of cases) {
      const res = await download('rep1', q);
      expect([q, res.status, res.body?.errors?.[0]?.path]).toEqual([q, 400, path]);
    }
    const badFilter = await download('rep1', `filter=${encodeURIComponent('name eq')}`);
    expect(badFilter.status).toBe(400);
    expect((await new ApiClient(t.url).get('/api/records/account/export')).status).toBe(401);
  });

  test('the OpenAPI document describes both endpoints', async () => {
    const doc = (await as('rep1').get('/api/openapi.json')).body;
    expect(doc.paths['/search'].get.operationId).toBe('searchRecords');
    expect(doc.paths['/records/account/export'].get.operationId).toBe('exportAccount');
    expect(Object.keys(doc.paths['/records/account/export'].get.responses[200].content)).toEqual(['text/csv', 'application/json']);
  });
});
