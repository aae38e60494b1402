/**
 * In-app notifications through the HTTP API: a service account sends a template to users and
 * candidate groups (role, department with those below, team, territory with those above, territory
 * managers); each person gets it once, in their language, with the address to mail it to; the same
 * key again answers the same messages and stores nothing new (also when two requests race). People
 * list their own notifications and mark them read; only service accounts send or mark mailed.
 */
import { ApiClient, startTestServer, uniqueName, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';

let t: TestServer;
let service: ApiClient;
const org: Record<string, string> = {};
let en: Person; // sales-manager, English, e-mail
let zh: Person; // member of a sub-department and of the team, Chinese, no e-mail
let parentTerritoryMember: Person;
let childTerritoryManager: Person;

const template = {
  subject: { 'zh-CN': '{{recipient.displayName}}：线索 {{name}}', en: '{{recipient.displayName}}: lead {{name}}' },
  body: { 'zh-CN': '金额 {{amount}}，记录 {{record.entity}}/{{record.id}}', en: 'Amount {{amount}}, record {{record.entity}}/{{record.id}}' },
};

async function unit(kind: string, key: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.admin.post(`/api/org/${kind}`, { key, name: key, ...extra });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function placed(role: string, attrs: Record<string, unknown>): Promise<Person> {
  const p = await person(t, { role });
  expect((await t.admin.patch(`/api/org/users/${p.id}`, attrs)).status).toBe(200);
  return p;
}

beforeAll(async () => {
  t = await startTestServer();
  expect((await t.admin.put('/api/metadata/templates/lead-alert', template)).status).toBe(200);
  const { token } = await t.server.auth.ensureServiceToken('crm-notify-test', 'test');
  service = t.admin.withToken(token);
  org.top = await unit('departments', 'nt-sales');
  org.sub = await unit('departments', 'nt-sales-east', { parentId: org.top });
  await unit('teams', 'nt-team');
  org.parentTerritory = await unit('territories', 'nt-china');
  await unit('territories', 'nt-shanghai', { parentId: org.parentTerritory });
  en = await placed('sales-manager', { locale: 'en', email: 'manager@example.com', displayName: 'Mia Manager' });
  zh = await placed('sales-rep', { locale: 'zh-CN', departmentId: org.sub, displayName: '张三' });
  parentTerritoryMember = await placed('sales-rep', { email: 'china@example.com' });
  childTerritoryManager = await placed('sales-rep', {});
  expect((await t.admin.post(`/api/org/teams/nt-team/members/${zh.id}`, {})).status).toBeLessThan(300);
  expect((await t.admin.post(`/api/org/territories/nt-china/members/${parentTerritoryMember.id}`, {})).status).toBeLessThan(300);
  expect((await t.admin.post(`/api/org/territories/nt-shanghai/members/${childTerritoryManager.id}`, { manager: true })).status).toBeLessThan(300);
});
afterAll(async () => {
  await t?.stop();
});

const stored = async (key: string) => (await t.server.db.query<{ n: number }>('select count(*)::int as n from notify.notification where key = $1', [key]))[0].n;

describe('sending', () => {
  it('given users and groups, each person gets the message once, rendered in their language, with their address', async () => {
    const key = uniqueName('k');
    const record = { entity: 'lead', id: '00000000-0000-4000-8000-0000000000aa' };
    const res = await service.post('/api/notifications', { key, template: 'lead-alert', to: [`user:${en.id}`, 'department:nt-sales', 'team:nt-team'], data: { name: 'Acme', amount: 1200 }, record });
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(true);
    const byUser = Object.fromEntries(res.body.messages.map((m: { userId: string }) => [m.userId, m]));
    expect(Object.keys(byUser).sort()).toEqual([en.id, zh.id].sort());
    expect(byUser[en.id]).toMatchObject({ email: 'manager@example.com', locale: 'en', subject: 'Mia Manager: lead Acme', body: `Amount 1200, record lead/${record.id}`, mailedAt: null });
    expect(byUser[zh.id]).toMatchObject({ email: null, locale: 'zh-CN', subject: '张三：线索 Acme', body: `金额 1200，记录 lead/${record.id}` });

    const again = await service.post('/api/notifications', { key, template: 'lead-alert', to: [`user:${en.id}`], data: { name: 'Changed' } });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(again.body.messages).toEqual([...res.body.messages].sort((a, b) => a.username.localeCompare(b.username)));
    expect(await stored(key)).toBe(2);
  });

  it('resolves role, territory (members of it or of one above) and territory-manager groups', async () => {
    const ids = async (to: string[]) => {
      const res = await service.post('/api/notifications', { key: uniqueName('k'), template: 'lead-alert', to, data: {} });
      expect(res.status).toBe(201);
      return res.body.messages.map((m: { userId: string }) => m.userId).sort();
    };
    expect(await ids(['territory:nt-shanghai'])).toEqual([parentTerritoryMember.id, childTerritoryManager.id].sort());
    expect(await ids(['territory:nt-china'])).toEqual([parentTerritoryMember.id]);
    expect(await ids(['territory-manager:nt-shanghai'])).toEqual([childTerritoryManager.id]);
    expect(await ids(['role:sales-manager'])).toContain(en.id);
    expect(await ids(['role:sales-manager'])).not.toContain(zh.id);
    expect(await ids(['team:nobody-has-this'])).toEqual([]);
  });

  it('two requests with one key at once store one set of messages', async () => {
    const key = uniqueName('race');
    const body = { key, template: 'lead-alert', to: [`user:${en.id}`, `user:${zh.id}`], data: {} };
    const [a, b] = await Promise.all([service.post('/api/notifications', body), service.post('/api/notifications', body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.messages.map((m: { id: string }) => m.id).sort()).toEqual(b.body.messages.map((m: { id: string }) => m.id).sort());
    expect(await stored(key)).toBe(2);
  });

  it('refuses bad requests naming each field, and stores nothing', async () => {
    const key = uniqueName('bad');
    const shape = await service.post('/api/notifications', { key: '', template: 3, to: ['boss', 7], data: [], record: { entity: 'nope', id: 'x' } });
    expect(shape.status).toBe(400);
    expect(shape.body.errors).toEqual([
      { path: '/key', message: expect.any(String) },
      { path: '/template', message: expect.any(String) },
      { path: '/to/1', message: 'must be a string' },
      { path: '/data', message: 'must be a JSON object' },
      { path: '/record/entity', message: 'must be an entity name' },
      { path: '/record/id', message: 'must be a record id (uuid)' },
    ]);
    const unknown = await service.post('/api/notifications', { key, template: 'no-such', to: [`user:${en.id}`] });
    expect(unknown.body.errors).toEqual([{ path: '/template', message: 'no template "no-such" is published' }]);
    const recipients = await service.post('/api/notifications', { key, template: 'lead-alert', to: ['boss', 'user:00000000-0000-4000-8000-000000000000', 'user:me'] });
    expect(recipients.status).toBe(400);
    expect(recipients.body.errors.map((e: { path: string }) => e.path)).toEqual(['/to/0', '/to/2', '/to/1']);
    expect(await stored(key)).toBe(0);
    // The key was not used up by the refused requests.
    expect((await service.post('/api/notifications', { key, template: 'lead-alert', to: [`user:${en.id}`] })).status).toBe(201);
  });

  it('only service accounts send or mark mailed', async () => {
    const body = { key: uniqueName('k'), template: 'lead-alert', to: [`user:${en.id}`] };
    expect((await t.admin.post('/api/notifications', body)).status).toBe(403);
    expect((await en.api.post('/api/notifications', body)).status).toBe(403);
    expect((await en.api.post('/api/notifications/mailed', { ids: [] })).status).toBe(403);
  });
});

describe('reading', () => {
  it('lists my notifications newest first with my unread count; marking one read counts once; others answer 404', async () => {
    const reader = await placed('sales-rep', { locale: 'en' });
    const keys = [uniqueName('a'), uniqueName('b'), uniqueName('c')];
    for (const [i, key] of keys.entries()) expect((await service.post('/api/notifications', { key, template: 'lead-alert', to: [`user:${reader.id}`], data: { name: `n${i}` } })).status).toBe(201);
    const list = await reader.api.get('/api/notifications');
    expect(list.status).toBe(200);
    expect(list.body.unread).toBe(3);
    expect(list.body.items.map((n: { subject: string }) => n.subject)).toEqual(['n2', 'n1', 'n0'].map((n) => `${reader.username}: lead ${n}`));
    expect(list.body.items[0]).toEqual({ id: expect.any(String), template: 'lead-alert', subject: expect.any(String), body: 'Amount , record /', record: null, createdAt: expect.any(String), readAt: null });

    const page = await reader.api.get('/api/notifications?limit=2');
    expect(page.body.items).toHaveLength(2);
    const rest = await reader.api.get(`/api/notifications?limit=2&before=${page.body.nextCursor}`);
    expect(rest.body).toMatchObject({ items: [{ id: list.body.items[2].id }], nextCursor: null });

    const first = list.body.items[0].id;
    const read = await reader.api.post(`/api/notifications/${first}/read`);
    expect(read.body).toEqual({ id: first, readAt: expect.any(String) });
    expect((await reader.api.post(`/api/notifications/${first}/read`)).body.readAt).toBe(read.body.readAt);
    expect((await reader.api.get('/api/notifications')).body.unread).toBe(2);
    expect((await reader.api.get('/api/notifications?unread=true')).body.items.map((n: { id: string }) => n.id)).not.toContain(first);
    expect((await en.api.post(`/api/notifications/${first}/read`)).status).toBe(404);
    expect((await en.api.get('/api/notifications')).body.items.map((n: { id: string }) => n.id)).not.toContain(first);
    expect((await reader.api.get('/api/notifications?limit=0')).body.errors).toEqual([{ path: 'limit', message: expect.any(String) }]);
  });

  it('marking mailed counts each message once', async () => {
    const res = await service.post('/api/notifications', { key: uniqueName('m'), template: 'lead-alert', to: [`user:${en.id}`, `user:${zh.id}`] });
    const ids = res.body.messages.map((m: { id: string }) => m.id);
    expect((await service.post('/api/notifications/mailed', { ids: [ids[0]] })).body).toEqual({ mailed: 1 });
    expect((await service.post('/api/notifications/mailed', { ids })).body).toEqual({ mailed: 1 });
    expect((await service.post('/api/notifications/mailed', { ids: ['x'] })).status).toBe(400);
  });

  it('an address that is not one is refused by the user administration', async () => {
    const res = await t.admin.patch(`/api/org/users/${zh.id}`, { email: 'Zhang <zhang@example.com>' });
    expect(res.body.errors).toEqual([{ path: '/email', message: 'must be an e-mail address or null' }]);
  });
});
