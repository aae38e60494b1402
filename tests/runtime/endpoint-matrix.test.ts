/**
 * Every endpoint of the API (read from the server's own OpenAPI document, so a new endpoint is
 * covered the day it is added) tried three ways, each of which must be refused without leaking a
 * record's existence or data and without changing anything:
 *   - without authentication → 401;
 *   - with the bearer token of a user whose role grants nothing → 403 (or 404 where the path names
 *     a record), or, for the few self-service and directory endpoints every user has, an answer
 *     that shows none of the record's data;
 *   - with another user's record id, as a colleague with full role permissions but no access to
 *     that record → 404, answered exactly as for an id that does not exist.
 */
import { randomUUID } from 'node:crypto';
import { ApiClient, startTestServer, uniqueName, type TestServer } from '../support/harness.js';

let t: TestServer;
let owner: ApiClient;
let colleague: ApiClient;
let locked: ApiClient;
const ids: Record<string, string> = {};
let secret: string;
const operations: { method: string; path: string }[] = [];

/** Endpoints any signed-in user may call: themselves, the directory, the model they may see. */
const SELF_SERVICE = new Set([
  'POST /auth/logout',
  'GET /auth/me',
  'POST /auth/tokens',
  'DELETE /auth/tokens/{id}',
  'GET /openapi.json',
  'GET /users',
  'GET /search',
  'GET /tasks',
  'GET /dashboards/overdue-tasks',
  'GET /metadata/entities',
  'GET /metadata/entities/{name}',
  'GET /metadata/views',
  'GET /metadata/versions',
  'GET /metadata/roles',
  'GET /metadata/processes',
  'GET /metadata/processes/{key}',
  'GET /notifications',
  'GET /saved-views',
  'POST /saved-views',
  'GET /org/departments',
  'GET /org/departments/{key}',
  'GET /org/teams',
  'GET /org/teams/{key}',
  'GET /org/territories',
  'GET /org/territories/{key}',
  'GET /org/groups',
  'GET /org/groups/{key}',
]);
const OPEN = new Set(['POST /auth/login', 'POST /public/leads', 'POST /public/service-requests']);

async function person(role: string | null): Promise<{ id: string; api: ApiClient; token: string }> {
  const username = uniqueName('u').toLowerCase().replace(/_/g, '-');
  const u = await t.server.auth.createUser({ username, password: `${username}-pw` });
  await t.server.db.query('update sec.user set role = $2 where id = $1', [u.id, role]);
  const api = new ApiClient(t.url);
  await api.login(username, `${username}-pw`);
  const { token } = await t.server.auth.createApiToken(u.id, 'matrix');
  return { id: u.id, api, token };
}

/** The path with its parameters filled: the owner's record, existing keys and users. */
function fill(path: string, recordId: string): string {
  return path
    .replace('{entity}', 'account')
    .replace('{id}', path.startsWith('/records/') ? recordId : path.startsWith('/auth/tokens') ? ids.token : path.startsWith('/engine/outbox') ? randomUUID() : ids.owner)
    .replace('{name}', 'account')
    .replace('{key}', path.startsWith('/metadata/roles') ? 'sales-rep' : 'matrix-unit')
    .replace('{userId}', ids.owner)
    .replace('{shareId}', ids.share);
}

/** A plausible body, so refusals come from authorization rather than from a missing body. */
function bodyFor(method: string, path: string): unknown {
  if (method === 'GET' || method === 'DELETE') return undefined;
  if (path.endsWith('/shares')) return { grantee: { kind: 'user', key: ids.colleague }, access: 'read' };
  if (path.startsWith('/records/')) return path.endsWith('/bulk') ? { records: [{ id: ids.record, name: 'x' }] } : { name: 'Changed by someone else' };
  if (path === '/transfer') return { fromUserId: ids.owner, toUserId: ids.colleague };
  if (path.startsWith('/org/') && path.endsWith('/members')) return { members: [{ userId: ids.colleague }] };
  if (path.startsWith('/org/users') && path.endsWith('/password')) return { password: 'a-new-password-123' };
  if (path.startsWith('/org/')) return { key: 'matrix-other', name: 'Matrix other', username: 'matrix-x', password: 'matrix-password-1' };
  if (path === '/auth/tokens') return { name: 'matrix' };
  return {};
}

const call = (api: ApiClient, method: string, path: string, recordId = ids.record) => api.request(method, `/api${fill(path, recordId)}`, bodyFor(method, path));

async function recordState() {
  const [row] = await t.server.db.query<{ version: number; name: string; shares: number }>(
    `select version, name, (select count(*)::int from sec.share where record_id = a.id) as shares from crm.account a where id = $1`,
    [ids.record],
  );
  return row;
}

beforeAll(async () => {
  t = await startTestServer();
  const doc = (await t.admin.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      if (!item[method]) continue;
      // One entity's routes stand for every entity's (they are generated from the same code).
      if (/^\/records\/(?!account\/|account$|\{entity\})/.test(path)) continue;
      operations.push({ method: method.toUpperCase(), path });
    }
  }
  const o = await person('sales-rep');
  const c = await person('sales-rep');
  expect((await t.admin.put('/api/metadata/roles/locked', { label: { 'zh-CN': '锁定', en: 'Locked' }, permissions: {} })).status).toBe(200);
  const l = await person('locked');
  owner = o.api;
  colleague = new ApiClient(t.url, c.token);
  locked = new ApiClient(t.url, l.token);
  ids.owner = o.id;
  ids.colleague = c.id;
  ids.token = (await t.server.auth.createApiToken(o.id, 'owners')).id;
  secret = uniqueName('TopSecretCustomer');
  const created = await owner.post('/api/records/account', { name: secret, industry: 'finance', region: 'Pudong' });
  expect(created.status).toBe(201);
  ids.record = created.body.id as string;
  for (const kind of ['departments', 'teams', 'territories', 'groups']) expect((await t.admin.post(`/api/org/${kind}`, { key: 'matrix-unit', name: 'Matrix unit' })).status).toBe(201);
  const share = await owner.post(`/api/records/account/${ids.record}/shares`, { grantee: { kind: 'team', key: 'matrix-unit' }, access: 'read' });
  expect(share.status).toBe(201);
  ids.share = share.body.id as string;
});
afterAll(async () => {
  await t?.stop();
});

test('the OpenAPI document lists the endpoints this test walks', () => {
  expect(operations.length).toBeGreaterThan(50);
  expect(operations).toContainEqual({ method: 'GET', path: '/records/account/{id}' });
  expect(operations).toContainEqual({ method: 'POST', path: '/transfer' });
});

test('without authentication every endpoint but login answers 401 and shows nothing', async () => {
  const anon = new ApiClient(t.url);
  const before = await recordState();
  const wrong: string[] = [];
  for (const { method, path } of operations) {
    if (OPEN.has(`${method} ${path}`)) continue;
    const res = await call(anon, method, path);
    if (res.status !== 401 || JSON.stringify(res.body).includes(secret)) wrong.push(`${method} ${path} → ${res.status}`);
  }
  expect(wrong).toEqual([]);
  expect((await call(colleague, 'GET', '/records/account/{id}')).status).toBe(404);
  expect(await recordState()).toEqual(before);
});

test('a user whose role grants nothing is refused everywhere but self-service, and sees no record data', async () => {
  const before = await recordState();
  const wrong: string[] = [];
  for (const { method, path } of operations) {
    const op = `${method} ${path}`;
    if (OPEN.has(op)) continue;
    const res = await call(locked, method, path);
    const leaked = JSON.stringify(res.body ?? '').includes(secret) || JSON.stringify(res.body ?? '').includes(ids.record) && !path.includes('{id}');
    const refused = res.status === 403 || res.status === 404;
    if (leaked || (!SELF_SERVICE.has(op) && !refused) || (SELF_SERVICE.has(op) && res.status >= 500)) wrong.push(`${op} → ${res.status}${leaked ? ' (leaked)' : ''}`);
  }
  expect(wrong).toEqual([]);
  expect(await recordState()).toEqual(before);
});

test('another user’s record id answers exactly like an id that does not exist', async () => {
  const before = await recordState();
  const wrong: string[] = [];
  const recordOps = operations.filter((o) => o.path.startsWith('/records/') && o.path.includes('{id}'));
  expect(recordOps.length).toBeGreaterThanOrEqual(8);
  for (const { method, path } of recordOps) {
    const absent = randomUUID();
    const real = await call(colleague, method, path);
    const none = await call(colleague, method, path, absent);
    const normalise = (body: unknown, id: string) => JSON.stringify(body ?? '').split(id).join('<id>');
    // 404 — or 403 when the colleague's role lacks the action (transfer) whatever the record: either
    // way the same answer as for a record that does not exist.
    const refused = real.status === 404 || (real.status === 403 && String(real.body?.type).endsWith('/forbidden'));
    if (!refused || real.status !== none.status || normalise(real.body, ids.record) !== normalise(none.body, absent)) {
      wrong.push(`${method} ${path} → ${real.status} vs ${none.status}: ${normalise(real.body, ids.record)} | ${normalise(none.body, absent)}`);
    }
  }
  expect(wrong).toEqual([]);
  expect(await recordState()).toEqual(before);
});
