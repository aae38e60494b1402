/**
 * The demo organisation (DEMO / `npm start -- --demo`): a user for every published role who can
 * log in with the password printed once, the org chart the processes route by, sample records
 * owned by their users, a running instance of every deployed process — and nothing seeded twice.
 */
import { ApiClient, startTestServer, waitFor, type TestServer } from '../support/harness.js';

let t: TestServer;
const engine = (path: string) =>
  fetch(t.url + '/engine-rest' + path, { headers: { Authorization: `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}` } }).then(async (r) => (await r.json()) as any);
beforeAll(async () => {
  t = await startTestServer({ config: { DEMO: true } });
}, 120_000);
afterAll(() => t?.stop());

const loginsOf = (s: TestServer) => (s.server.demo?.seeded ? s.server.demo.logins : []);

test('every published role has a demo user who logs in with the printed password', async () => {
  expect(t.server.demo?.seeded).toBe(true);
  const logins = loginsOf(t);
  const roles = Object.keys(t.server.store.current.security.roles);
  expect(roles.length).toBeGreaterThan(0);
  expect(new Set(logins.map((l) => l.role))).toEqual(new Set(roles));
  for (const l of logins) {
    const api = new ApiClient(t.url);
    expect((await api.login(l.username, l.password)).status).toBe(200);
  }
});

test('the management chain and the territory are in place (the approval and routing steps use them)', async () => {
  const users = (await t.admin.get('/api/org/users?limit=500')).body;
  const list: { username: string; role: string; manager: { username: string } | null; department: { key: string } | null }[] = users.items ?? users;
  const rep = list.find((u) => u.username === 'demo.rep')!;
  expect(rep).toMatchObject({ role: 'sales-rep', manager: { username: 'demo.manager' }, department: { key: 'sales-east' } });
  expect(list.find((u) => u.username === 'demo.manager')?.manager?.username).toBe('demo.director');
  expect(list.find((u) => u.username === 'demo.director')?.manager?.username).toBe('demo.gm');
  const east = (await t.admin.get('/api/org/territories/east')).body;
  expect(east.members).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'demo.manager', manager: true })]));
});

test('sample records belong to their users and are visible to them', async () => {
  const rep = loginsOf(t).find((l) => l.username === 'demo.rep')!;
  const api = new ApiClient(t.url);
  await api.login(rep.username, rep.password);
  const accounts = (await api.get('/api/records/account?limit=50')).body.items as { name: string }[];
  expect(accounts.map((a) => a.name)).toContain('上海示范制造有限公司');
  const me = (await api.get('/api/auth/me')).body;
  const owned = (await t.admin.get(`/api/records/account?filter=${encodeURIComponent(`ownerId eq '${me.user.id}'`)}`)).body.items;
  expect(owned.length).toBeGreaterThan(0);
});

test('every deployed process has a running instance started by a demo record', async () => {
  const definitions = (await engine('/process-definition?latestVersion=true')) as { key: string }[];
  for (const d of definitions) {
    const running = await engine(`/process-instance/count?processDefinitionKey=${d.key}`);
    expect({ key: d.key, running: running.count > 0 }).toEqual({ key: d.key, running: true });
  }
});

test("the demo expense claim, submitted once its lines exist, waits for the rep's manager at its full amount", async () => {
  const [claim] = (await t.admin.get(`/api/records/expenseClaim?filter=${encodeURIComponent("title eq '上海展会差旅 Shanghai expo trip'")}`)).body.items;
  const manager = (await t.server.db.query<{ id: string }>(`select id from sec.user where username = 'demo.manager'`))[0];
  let tasks: { assignee: string; taskDefinitionKey: string }[] = [];
  await waitFor(async () => (tasks = await engine(`/task?processInstanceBusinessKey=${claim.id}`)).length > 0, 20_000);
  expect(tasks).toEqual([expect.objectContaining({ taskDefinitionKey: 'ApproveExpense', assignee: manager.id })]);
  expect((await t.admin.get(`/api/records/expenseClaim/${claim.id}`)).body).toMatchObject({ state: 'approving', amount: 2930 });
});

test('a second start on the same database seeds nothing again', async () => {
  const before = (await t.server.db.query<{ n: number }>(`select count(*)::int as n from sec.user where username like 'demo.%'`))[0].n;
  const again = await startTestServer({ databaseUrl: t.databaseUrl, adminPassword: t.adminPassword, config: { DEMO: true } });
  try {
    expect(again.server.demo).toEqual({ seeded: false, reason: 'done' });
  } finally {
    await again.stop();
  }
  const after = (await t.server.db.query<{ n: number }>(`select count(*)::int as n from sec.user where username like 'demo.%'`))[0].n;
  expect(after).toBe(before);
});
