/**
 * User administration over real HTTP and PostgreSQL (/api/org/users): administrators only; create,
 * list, get (service accounts too: workers read roles and managers), change with validated references (role of the published metadata, existing department
 * and manager, no manager loops); deactivation and a new password end sessions and API tokens at
 * once; every change audited with what changed; bad input changes nothing.
 */
import { ApiClient, startTestServer, uniqueName, type TestServer } from '../support/harness.js';

let t: TestServer;
let api: ApiClient;
let department: { id: string; key: string; name: string };

beforeAll(async () => {
  t = await startTestServer();
  api = t.admin;
  const key = uniqueName('dept');
  [department] = await t.server.db.query<{ id: string; key: string; name: string }>(
    `insert into sec.department (key, name) values ($1, 'Sales East') returning id, key, name`,
    [key],
  );
});
afterAll(async () => {
  await t?.stop();
});

const PASSWORD = 'a-long-enough-password';
const newUsername = () => uniqueName('u').toLowerCase();

async function create(body: Record<string, unknown> = {}) {
  const res = await api.post('/api/org/users', { username: newUsername(), password: PASSWORD, ...body });
  expect(res.status).toBe(201);
  return res.body as { id: string; username: string };
}

/** A client signed in as a new user, with an API token of theirs. */
async function signedIn(body: Record<string, unknown> = {}) {
  const user = await create(body);
  const client = new ApiClient(t.url);
  expect((await client.login(user.username, PASSWORD)).status).toBe(200);
  const token = (await client.post('/api/auth/tokens', { name: 'script' })).body.token as string;
  return { user, client, bot: new ApiClient(t.url).withToken(token) };
}

async function events(target: string, kind?: string) {
  return t.server.db.query<{ actorId: string; kind: string; detail: Record<string, any> }>(
    `select actor_id as "actorId", kind, detail from audit.event where target = $1 and ($2::text is null or kind = $2) order by id`,
    [target, kind ?? null],
  );
}

const adminId = async () => (await api.get('/api/auth/me')).body.user.id as string;
const userRow = async (id: string) => (await t.server.db.query('select * from sec.user where id = $1', [id]))[0];

describe('who may', () => {
  test('given a signed-in non-admin, every /api/org/users route answers 403 while GET /api/users still lists names', async () => {
    const { client, user } = await signedIn();
    const target = `/api/org/users/${user.id}`;
    for (const res of [
      await client.get('/api/org/users'),
      await client.get(target),
      await client.post('/api/org/users', { username: newUsername(), password: PASSWORD }),
      await client.patch(target, { displayName: 'Me, promoted', isAdmin: true }),
      await client.post(`${target}/password`, { password: 'another-password' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.type).toMatch(/\/forbidden$/);
    }
    expect((await userRow(user.id)).is_admin).toBe(false);
    const names = await client.get('/api/users');
    expect(names.status).toBe(200);
    expect(names.body.items.map((u: { username: string }) => u.username)).toContain(user.username);
  });

  test('GET /api/users?memberOf=<candidate group> lists only that group\'s members, for any signed-in user; an id of no known kind is a 400 naming memberOf', async () => {
    const { client, user } = await signedIn({ role: 'sales-rep' });
    const technician = await create({ role: 'technician' });
    const technicians = await client.get('/api/users?memberOf=role:technician');
    expect(technicians.status).toBe(200);
    const ids = technicians.body.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(technician.id);
    expect(ids).not.toContain(user.id);
    const bad = await client.get('/api/users?memberOf=technician');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'memberOf', message: expect.stringContaining('candidate group id') }]);
  });

  test('given a service account (a worker), the user directory with roles and managers is readable, and nothing in it changeable', async () => {
    const { user } = await signedIn();
    const service = await t.server.auth.ensureServiceToken(uniqueName('svc'), 'node-1');
    const bot = new ApiClient(t.url).withToken(service.token);
    const list = await bot.get('/api/org/users');
    expect(list.status).toBe(200);
    expect(list.body.items.find((u: { id: string }) => u.id === user.id)).toMatchObject({ username: user.username, manager: null });
    expect((await bot.get(`/api/org/users/${user.id}`)).body).toMatchObject({ id: user.id, role: null });
    for (const res of [
      await bot.post('/api/org/users', { username: newUsername(), password: PASSWORD }),
      await bot.patch(`/api/org/users/${user.id}`, { displayName: 'Renamed by a bot' }),
    ])
      expect(res.status).toBe(403);
  });
});

describe('create, list, get', () => {
  test('given a department, a manager and a role, the new user is listed with all of them and the creation is audited without the password', async () => {
    const manager = await create({ displayName: 'Boss' });
    const res = await api.post('/api/org/users', {
      username: newUsername(), displayName: 'Li Lei', password: PASSWORD, email: 'li.lei@example.com', locale: 'en', departmentId: department.id, managerId: manager.id, role: 'sales-rep',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      displayName: 'Li Lei', email: 'li.lei@example.com', locale: 'en', role: 'sales-rep', active: true, isAdmin: false, isService: false,
      department, manager: { id: manager.id, username: manager.username, displayName: 'Boss' },
    });
    const listed = (await api.get('/api/org/users')).body.items.find((u: { id: string }) => u.id === res.body.id);
    expect(listed).toEqual(res.body);
    expect((await api.get(`/api/org/users/${res.body.id}`)).body).toEqual(res.body);
    expect((await new ApiClient(t.url).login(res.body.username, PASSWORD)).status).toBe(200);

    const [created] = await events(`user:${res.body.id}`, 'user.create');
    expect(created.actorId).toBe(await adminId());
    expect(created.detail).toEqual({
      username: res.body.username, displayName: 'Li Lei', email: 'li.lei@example.com', locale: 'en', departmentId: department.id, managerId: manager.id, role: 'sales-rep', isAdmin: false,
    });
    expect(JSON.stringify(created.detail)).not.toContain(PASSWORD);
  });

  test('given bad input, each offending field is named and no user is made', async () => {
    const [before] = await t.server.db.query<{ n: number }>('select count(*)::int as n from sec.user');
    const cases: [Record<string, unknown>, string, number][] = [
      [{ role: 'no-such-role' }, '/role', 400],
      [{ departmentId: '00000000-0000-4000-8000-000000000000' }, '/departmentId', 400],
      [{ managerId: '00000000-0000-4000-8000-000000000000' }, '/managerId', 400],
      [{ managerId: 'not-a-uuid' }, '/managerId', 400],
      [{ password: 'short' }, '/password', 400],
      [{ locale: 'fr' }, '/locale', 400],
      [{ username: 'has space' }, '/username', 400],
      [{ isService: true }, '/isService', 400],
      [{ username: 'admin' }, '/username', 409],
    ];
    for (const [over, path, status] of cases) {
      const res = await api.post('/api/org/users', { username: newUsername(), password: PASSWORD, ...over });
      expect([path, res.status]).toEqual([path, status]);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const missing = await api.post('/api/org/users', {});
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/password', '/username']);
    const [after] = await t.server.db.query<{ n: number }>('select count(*)::int as n from sec.user');
    expect(after.n).toBe(before.n);
  });

  test('an unknown or malformed id answers 404', async () => {
    expect((await api.get('/api/org/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api.get('/api/org/users/nope')).status).toBe(404);
    expect((await api.patch('/api/org/users/nope', { displayName: 'x' })).status).toBe(404);
  });
});

describe('update', () => {
  test('a change is audited with before and after of the changed attributes only', async () => {
    const user = await create({ displayName: 'Han Meimei', locale: 'zh-CN' });
    const res = await api.patch(`/api/org/users/${user.id}`, { displayName: 'Han Meimei (Sales)', locale: 'zh-CN', departmentId: department.id, role: 'sales-manager', isAdmin: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Han Meimei (Sales)', department, role: 'sales-manager', isAdmin: true });

    const [updated] = await events(`user:${user.id}`, 'user.update');
    expect(updated.detail).toEqual({
      before: { displayName: 'Han Meimei', departmentId: null, role: null, isAdmin: false },
      after: { displayName: 'Han Meimei (Sales)', departmentId: department.id, role: 'sales-manager', isAdmin: true },
    });
    // The same values again change nothing and write no event.
    await api.patch(`/api/org/users/${user.id}`, { displayName: 'Han Meimei (Sales)' });
    expect(await events(`user:${user.id}`, 'user.update')).toHaveLength(1);
  });

  test('a user cannot be their own manager, nor managed by someone below them; nothing changes', async () => {
    const top = await create();
    const middle = await create({ managerId: top.id });
    const bottom = await create({ managerId: middle.id });

    for (const [id, managerId] of [
      [top.id, top.id],
      [top.id, bottom.id],
      [middle.id, bottom.id],
    ]) {
      const res = await api.patch(`/api/org/users/${id}`, { managerId, displayName: 'changed' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/managerId' })]);
    }
    expect((await userRow(top.id)).manager_id).toBeNull();
    expect((await userRow(top.id)).display_name).toBe(top.username);
    // Moving the bottom up to the top is fine.
    expect((await api.patch(`/api/org/users/${bottom.id}`, { managerId: top.id })).status).toBe(200);
  });

  test('unknown role, department or field, and taking away your own admin rights or account, are refused', async () => {
    const user = await create();
    const me = await adminId();
    for (const [id, body, path] of [
      [user.id, { role: 'nope' }, '/role'],
      [user.id, { departmentId: '00000000-0000-4000-8000-000000000000' }, '/departmentId'],
      [user.id, { username: 'renamed' }, '/username'],
      [user.id, { password: PASSWORD }, '/password'],
      [user.id, { active: 'no' }, '/active'],
      [me, { active: false }, '/active'],
      [me, { isAdmin: false }, '/isAdmin'],
    ] as const) {
      const res = await api.patch(`/api/org/users/${id}`, body);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    expect((await api.get('/api/auth/me')).body.user.isAdmin).toBe(true);
  });
});

describe('ending access', () => {
  test('deactivation ends sessions and revokes API tokens at once; activation brings neither back', async () => {
    const { user, client, bot } = await signedIn();
    expect((await bot.get('/api/auth/me')).status).toBe(200);

    const res = await api.patch(`/api/org/users/${user.id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await bot.get('/api/auth/me')).status).toBe(401);
    expect((await new ApiClient(t.url).login(user.username, PASSWORD)).status).toBe(401);
    expect((await events(`user:${user.id}`, 'user.deactivate'))[0].detail).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });

    expect((await api.patch(`/api/org/users/${user.id}`, { active: true })).status).toBe(200);
    expect(await events(`user:${user.id}`, 'user.activate')).toHaveLength(1);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await bot.get('/api/auth/me')).status).toBe(401);
    expect((await new ApiClient(t.url).login(user.username, PASSWORD)).status).toBe(200);
  });

  test('a new password ends sessions and revokes tokens; the old password stops working; audited without the password', async () => {
    const { user, client, bot } = await signedIn();
    const res = await api.post(`/api/org/users/${user.id}/password`, { password: 'the-new-password' });
    expect(res.status).toBe(204);

    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await bot.get('/api/auth/me')).status).toBe(401);
    expect((await new ApiClient(t.url).login(user.username, PASSWORD)).status).toBe(401);
    expect((await new ApiClient(t.url).login(user.username, 'the-new-password')).status).toBe(200);
    const [changed] = await events(`user:${user.id}`, 'password.change');
    expect(changed).toMatchObject({ actorId: await adminId(), detail: { sessionsEnded: 1, tokensRevoked: 1 } });
    expect(JSON.stringify(changed)).not.toContain('the-new-password');
  });

  test('a service account cannot be given a password; a short password or a missing user is refused', async () => {
    const service = await t.server.auth.ensureServiceToken(uniqueName('svc'), 'node-1');
    const hash = (await userRow(service.user.id)).password_hash;
    const res = await api.post(`/api/org/users/${service.user.id}/password`, { password: 'a-password-for-a-bot' });
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/password' })]);
    expect((await userRow(service.user.id)).password_hash).toBe(hash);
    expect((await new ApiClient(t.url).withToken(service.token).get('/api/auth/me')).status).toBe(200);

    const user = await create();
    expect((await api.post(`/api/org/users/${user.id}/password`, { password: 'short' })).body.errors).toEqual([expect.objectContaining({ path: '/password' })]);
    expect((await api.post('/api/org/users/00000000-0000-4000-8000-000000000000/password', { password: PASSWORD })).status).toBe(404);
    expect(await events(`user:${service.user.id}`, 'password.change')).toHaveLength(0);
  });
});
