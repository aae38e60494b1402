/**
 * /api/org over real HTTP and PostgreSQL: departments and territories as trees (cycles refused),
 * teams, territories and groups with their members, validation that names the field and changes
 * nothing, reads for everyone and writes for administrators only, an audit event per change, and
 * membership changes that count from the member's very next request.
 */
import { startTestServer, uniqueName, type ApiClient, type TestServer } from '../support/harness.js';
import { events, person, type Person } from '../support/people.js';

let t: TestServer;
let api: ApiClient;
let rep: Person;

beforeAll(async () => {
  t = await startTestServer();
  api = t.admin;
  rep = await person(t, { role: 'sales-rep', prefix: 'rep' });
});
afterAll(async () => {
  await t?.stop();
});

const key = (prefix: string) => `${prefix}-${uniqueName('k').slice(2).replace(/_/g, '-')}`.toLowerCase();
const adminId = async () => (await api.get('/api/auth/me')).body.user.id as string;
const count = async (sql: string, params: unknown[] = []) => (await t.server.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params))[0].n;

describe('departments', () => {
  test('given a tree of three departments, moving the root under its own grandchild is refused naming /parentId, and nothing changes', async () => {
    const root = await api.post('/api/org/departments', { key: key('sales'), name: 'Sales' });
    expect(root.status).toBe(201);
    expect(root.headers.get('location')).toBe(`/api/org/departments/${root.body.key}`);
    expect(root.body).toMatchObject({ parentId: null, managerId: null, memberCount: 0, members: [] });
    const east = (await api.post('/api/org/departments', { key: key('east'), name: 'East', parentId: root.body.id })).body;
    const shanghai = (await api.post('/api/org/departments', { key: key('sh'), name: 'Shanghai', parentId: east.id })).body;
    expect(shanghai.parentId).toBe(east.id);

    for (const parentId of [shanghai.id, east.id, root.body.id]) {
      const res = await api.patch(`/api/org/departments/${root.body.key}`, { parentId });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: '/parentId', message: expect.stringMatching(/its own parent|under itself or one of its own sub-departments/) }]);
    }
    expect((await api.get(`/api/org/departments/${root.body.key}`)).body.parentId).toBeNull();

    // a legal move: Shanghai straight under the root
    const moved = await api.patch(`/api/org/departments/${shanghai.key}`, { parentId: root.body.id, name: 'Shanghai office' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: root.body.id, name: 'Shanghai office' });
    const [update] = await events(t, 'department.update', `department:${shanghai.key}`);
    expect(update).toEqual({ actorId: await adminId(), detail: { before: { parentId: east.id, name: 'Shanghai' }, after: { parentId: root.body.id, name: 'Shanghai office' } } });

    const list = (await api.get('/api/org/departments')).body.items;
    expect(list.filter((d: { parentId: string }) => d.parentId === root.body.id).map((d: { key: string }) => d.key).sort()).toEqual([east.key, shanghai.key].sort());
  });

  test('bad input is refused naming each field, and no department or event is written', async () => {
    const before = { departments: await count('sec.department'), events: await count('audit.event where kind like $1', ['department.%']) };
    const cases: [unknown, string[]][] = [
      [{ key: 'Sales', name: 'x' }, ['/key']],
      [{ key: '9sales', name: 'x' }, ['/key']],
      [{ key: 'a'.repeat(65), name: 'x' }, ['/key']],
      [{ name: 'no key' }, ['/key']],
      [{ key: 'ok', name: '  ' }, ['/name']],
      [{ key: 'ok', name: 'x', parentId: 'nope' }, ['/parentId']],
      [{ key: 'ok', name: 'x', parentId: '00000000-0000-0000-0000-000000000000' }, ['/parentId']],
      [{ key: 'ok', name: 'x', managerId: '00000000-0000-0000-0000-000000000000' }, ['/managerId']],
      [{ key: 'ok', name: 'x', color: 'red' }, ['/color']],
      [[1], ['/']],
    ];
    for (const [body, paths] of cases) {
      const res = await api.post('/api/org/departments', body);
      expect([res.status, res.body.errors.map((e: { path: string }) => e.path)]).toEqual([400, paths]);
    }
    const taken = key('dup');
    await api.post('/api/org/departments', { key: taken, name: 'One' });
    const dup = await api.post('/api/org/departments', { key: taken, name: 'Two' });
    expect(dup.status).toBe(409);
    expect(dup.body.errors).toEqual([{ path: '/key', message: 'already taken', code: 'taken', params: { value: taken } }]);
    const rename = await api.patch(`/api/org/departments/${taken}`, { key: key('other') });
    expect(rename.status).toBe(400);
    expect(rename.body.errors[0]).toEqual({ path: '/key', message: expect.stringMatching(/sharing rules and shares name it/) });
    expect(await count('sec.department')).toBe(before.departments + 1);
    expect(await count('audit.event where kind like $1', ['department.%'])).toBe(before.events + 1);
    expect((await api.get('/api/org/departments/no-such')).status).toBe(404);
    expect((await api.patch('/api/org/departments/no-such', { name: 'x' })).status).toBe(404);
  });

  test('a department with sub-departments or users cannot be deleted (409 saying why); an empty one can, audited with what it was', async () => {
    const parent = (await api.post('/api/org/departments', { key: key('p'), name: 'Parent', managerId: rep.id })).body;
    expect(parent.managerId).toBe(rep.id);
    const child = (await api.post('/api/org/departments', { key: key('c'), name: 'Child', parentId: parent.id })).body;
    const blocked = await api.delete(`/api/org/departments/${parent.key}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.type).toMatch(/\/in-use$/);
    expect(blocked.body.detail).toMatch(new RegExp(`sub-departments ${child.key} sit below it`));

    const placed = await person(t, { departmentId: child.id });
    const withUser = await api.delete(`/api/org/departments/${child.key}`);
    expect(withUser.status).toBe(409);
    expect(withUser.body.detail).toMatch(/1 user\(s\) are placed in it/);
    expect((await api.get(`/api/org/departments/${child.key}`)).body.members).toEqual([{ id: placed.id, username: placed.username, displayName: placed.username }]);

    await t.server.db.query('update sec.user set department_id = null where id = $1', [placed.id]);
    expect((await api.delete(`/api/org/departments/${child.key}`)).status).toBe(204);
    expect((await api.delete(`/api/org/departments/${parent.key}`)).status).toBe(204);
    expect((await api.get(`/api/org/departments/${parent.key}`)).status).toBe(404);
    const [deleted] = await events(t, 'department.delete', `department:${parent.key}`);
    expect(deleted.detail.before).toMatchObject({ key: parent.key, name: 'Parent', managerId: rep.id, parentId: null });
    expect((await events(t, 'department.create', `department:${parent.key}`))[0].detail.after).toMatchObject({ key: parent.key, managerId: rep.id });
  });
});

describe('who may read and change the organisation', () => {
  test('every signed-in user reads the directory; only administrators change it (403), and a refused change writes nothing', async () => {
    const team = (await api.post('/api/org/teams', { key: key('t'), name: 'Team' })).body;
    const dep = (await api.post('/api/org/departments', { key: key('d'), name: 'Dep' })).body;
    expect((await rep.api.get('/api/org/teams')).body.items.map((x: { key: string }) => x.key)).toContain(team.key);
    expect((await rep.api.get(`/api/org/departments/${dep.key}`)).status).toBe(200);
    expect((await rep.api.get('/api/org/territories')).status).toBe(200);
    expect((await rep.api.get('/api/org/groups')).status).toBe(200);

    const before = await count('audit.event');
    const refused = [
      await rep.api.post('/api/org/teams', { key: key('mine'), name: 'Mine' }),
      await rep.api.patch(`/api/org/teams/${team.key}`, { name: 'Renamed' }),
      await rep.api.delete(`/api/org/departments/${dep.key}`),
      await rep.api.request('PUT', `/api/org/teams/${team.key}/members`, { members: [{ userId: rep.id }] }),
      await rep.api.post(`/api/org/teams/${team.key}/members/${rep.id}`),
      await rep.api.delete(`/api/org/teams/${team.key}/members/${rep.id}`),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(refused[0].body.detail).toBe('only administrators may change the organisation');
    expect((await api.get(`/api/org/teams/${team.key}`)).body).toMatchObject({ name: 'Team', members: [] });
    expect(await count('audit.event')).toBe(before);
  });
});

describe('members', () => {
  test('team members: replace the list, add and remove one; bad lists name the item; each change is one audit event', async () => {
    const team = (await api.post('/api/org/teams', { key: key('deal'), name: 'Deal team' })).body;
    const [a, b, c] = [await person(t), await person(t), await person(t)];
    const put = await api.request('PUT', `/api/org/teams/${team.key}/members`, { members: [{ userId: a.id }, { userId: b.id.toUpperCase() }] });
    expect(put.status).toBe(200);
    expect(put.body.members.map((m: { id: string }) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(put.body.memberCount).toBe(2);

    const bad = await api.request('PUT', `/api/org/teams/${team.key}/members`, {
      members: [{ userId: a.id }, { userId: '00000000-0000-0000-0000-000000000000' }, { userId: a.id }, { userId: 'x' }, { userId: c.id, manager: true }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: '/members/2/userId', message: 'listed twice' },
      { path: '/members/3/userId', message: 'must be a user id (uuid)' },
      { path: '/members/4/manager', message: 'teams have no managers' },
    ]);
    const unknown = await api.request('PUT', `/api/org/teams/${team.key}/members`, { members: [{ userId: c.id }, { userId: '00000000-0000-0000-0000-000000000000' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: '/members/1/userId', message: 'no such user' }]);
    expect((await api.get(`/api/org/teams/${team.key}`)).body.memberCount).toBe(2);

    expect((await api.post(`/api/org/teams/${team.key}/members/${c.id}`)).body.memberCount).toBe(3);
    expect((await api.post(`/api/org/teams/${team.key}/members/${c.id}`)).body.memberCount).toBe(3); // already a member: no change
    expect((await api.post(`/api/org/teams/${team.key}/members/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await api.delete(`/api/org/teams/${team.key}/members/${a.id}`)).status).toBe(204);
    expect((await api.delete(`/api/org/teams/${team.key}/members/${a.id}`)).status).toBe(404);
    expect((await api.get(`/api/org/teams/${team.key}`)).body.members.map((m: { username: string }) => m.username).sort()).toEqual([b.username, c.username].sort());
    // the same list again changes nothing and writes no event
    await api.request('PUT', `/api/org/teams/${team.key}/members`, { members: [{ userId: c.id }, { userId: b.id }] });

    const target = `team:${team.key}`;
    const [replace] = await events(t, 'membership.replace', target);
    expect(replace.detail).toEqual({ before: [], after: [{ userId: a.id }, { userId: b.id }] });
    expect(await events(t, 'membership.replace', target)).toHaveLength(1);
    expect((await events(t, 'membership.add', target)).map((e) => e.detail)).toEqual([{ before: null, after: { userId: c.id } }]);
    expect((await events(t, 'membership.remove', target)).map((e) => e.detail)).toEqual([{ before: { userId: a.id }, after: null }]);
    expect((await api.request('PUT', '/api/org/departments/x/members', { members: [] })).status).toBe(404);
  });

  test('territories: a tree with regions and industries; members with a manager flag; cycles refused', async () => {
    const region = uniqueName('Region');
    const china = (await api.post('/api/org/territories', { key: key('cn'), name: 'China', regions: [region], industries: [] })).body;
    expect(china).toMatchObject({ regions: [region], industries: [], parentId: null });
    const east = (await api.post('/api/org/territories', { key: key('cn-east'), name: 'East', parentId: china.id, industries: ['finance'] })).body;
    expect(east).toMatchObject({ regions: [], industries: ['finance'] });
    const cycle = await api.patch(`/api/org/territories/${china.key}`, { parentId: east.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors[0].path).toBe('/parentId');
    const badList = await api.post('/api/org/territories', { key: key('bad'), name: 'Bad', regions: ['a', 'a'], industries: 'finance' });
    expect(badList.body.errors.map((e: { path: string }) => e.path)).toEqual(['/regions', '/industries']);

    const [m, n] = [await person(t), await person(t)];
    const put = await api.request('PUT', `/api/org/territories/${china.key}/members`, { members: [{ userId: m.id, manager: true }, { userId: n.id }] });
    expect(put.body.members).toEqual(
      expect.arrayContaining([
        { id: m.id, username: m.username, displayName: m.username, manager: true },
        { id: n.id, username: n.username, displayName: n.username, manager: false },
      ]),
    );
    const promoted = await api.post(`/api/org/territories/${china.key}/members/${n.id}`, { manager: true });
    expect(promoted.body.members.every((x: { manager: boolean }) => x.manager)).toBe(true);
    expect((await events(t, 'membership.add', `territory:${china.key}`)).map((e) => e.detail)).toEqual([
      { before: { userId: n.id, manager: false }, after: { userId: n.id, manager: true } },
    ]);
    expect((await api.post(`/api/org/territories/${china.key}/members/${n.id}`, { manager: 'yes' })).body.errors).toEqual([{ path: '/manager', message: 'must be true or false' }]);

    const blocked = await api.delete(`/api/org/territories/${china.key}`);
    expect(blocked.status).toBe(409);
    expect((await api.delete(`/api/org/territories/${east.key}`)).status).toBe(204);
    expect((await api.delete(`/api/org/territories/${china.key}`)).status).toBe(204);
    const [deleted] = await events(t, 'territory.delete', `territory:${china.key}`);
    expect(deleted.detail.members).toEqual(expect.arrayContaining([{ userId: m.id, manager: true }, { userId: n.id, manager: true }]));
    expect(await count('sec.territory_member where user_id = $1', [m.id])).toBe(0);
  });

  test('territories: an industry no territory rule’s field can hold is refused at its element (invalid-value, the allowed values), and nothing changes; regions (free text) take any value', async () => {
    // Given the shipped territory rules (account, lead, quote) comparing industries with an enum field and regions with a text field
    const allowedValues = ['manufacturing', 'trade', 'finance', 'utilities', 'government', 'construction', 'tourism', 'newEconomy', 'conglomerate', 'other'];
    const refusal = (path: string) => ({ path, message: expect.stringMatching(/account\.industry.*territory sharing rules/), code: 'invalid-value', params: { keyword: 'enum', allowedValues } });
    const before = { territories: await count('sec.territory'), events: await count('audit.event where kind like $1', ['territory.%']) };

    // When a territory is created with an unknown industry (a typo and a label instead of a value)
    const created = await api.post('/api/org/territories', { key: key('typo'), name: 'Typo', regions: ['华东'], industries: ['finance', 'Finance', 'manufacturing', 'manufactoring'] });
    // Then it is refused naming each bad element, and nothing is written
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual([refusal('/industries/1'), refusal('/industries/3')]);
    expect(await count('sec.territory')).toBe(before.territories);
    expect(await count('audit.event where kind like $1', ['territory.%'])).toBe(before.events);

    // Given a territory with known values (any region: the region fields are text)
    const k = key('ok');
    const ok = await api.post('/api/org/territories', { key: k, name: 'Ok', regions: ['Any region at all'], industries: ['finance'] });
    expect([ok.status, ok.body.industries]).toEqual([201, ['finance']]);
    // When its industries are changed to hold an unknown one
    const patched = await api.patch(`/api/org/territories/${k}`, { name: 'Renamed', industries: ['trade', 'retail'] });
    // Then the change is refused at that element and the territory is as it was
    expect(patched.status).toBe(400);
    expect(patched.body.errors).toEqual([refusal('/industries/1')]);
    expect((await api.get(`/api/org/territories/${k}`)).body).toMatchObject({ name: 'Ok', regions: ['Any region at all'], industries: ['finance'] });
    expect(await count('audit.event where kind = $1 and target = $2', ['territory.update', `territory:${k}`])).toBe(0);
  });

  test('groups: members, rename, delete with members; the delete also removes the shares that named the group', async () => {
    const group = (await api.post('/api/org/groups', { key: key('fin'), name: 'Finance managers' })).body;
    const g = await person(t);
    await api.post(`/api/org/groups/${group.key}/members/${g.id}`);
    expect((await api.patch(`/api/org/groups/${group.key}`, { name: 'Finance leads' })).body).toMatchObject({ name: 'Finance leads', memberCount: 1 });
    const acc = (await api.post('/api/records/account', { name: uniqueName('Grouped') })).body;
    expect((await api.post(`/api/records/account/${acc.id}/shares`, { grantee: { kind: 'group', key: group.key }, access: 'read' })).status).toBe(201);
    expect((await g.api.get(`/api/records/account/${acc.id}`)).status).toBe(200);

    expect((await api.delete(`/api/org/groups/${group.key}`)).status).toBe(204);
    expect((await api.get(`/api/records/account/${acc.id}/shares`)).body.items).toEqual([]);
    const [deleted] = await events(t, 'group.delete', `group:${group.key}`);
    expect(deleted.detail).toMatchObject({ members: [{ userId: g.id }], shares: [{ entity: 'account', recordId: acc.id, access: 'read' }] });
    // a new group with the same key does not inherit the old share
    const again = (await api.post('/api/org/groups', { key: group.key, name: 'Someone else' })).body;
    await api.post(`/api/org/groups/${again.key}/members/${g.id}`);
    expect((await g.api.get(`/api/records/account/${acc.id}`)).status).toBe(404);
  });
});

describe('membership changes count from the next request', () => {
  test('a rep added to a team sees a record shared with that team on their next GET, without signing in again; removed, they no longer do', async () => {
    const team = (await api.post('/api/org/teams', { key: key('project'), name: 'Project' })).body;
    const owner = await person(t, { role: 'sales-rep', prefix: 'owner' });
    const acc = (await owner.api.post('/api/records/account', { name: uniqueName('Project account') })).body;
    expect((await owner.api.post(`/api/records/account/${acc.id}/shares`, { grantee: { kind: 'team', key: team.key }, access: 'read' })).status).toBe(201);

    expect((await rep.api.get(`/api/records/account/${acc.id}`)).status).toBe(404);
    await api.post(`/api/org/teams/${team.key}/members/${rep.id}`);
    const seen = await rep.api.get(`/api/records/account/${acc.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.name).toBe(acc.name);
    expect((await rep.api.get(`/api/records/account?filter=${encodeURIComponent(`name eq '${acc.name}'`)}`)).body.items).toHaveLength(1);

    await api.delete(`/api/org/teams/${team.key}/members/${rep.id}`);
    expect((await rep.api.get(`/api/records/account/${acc.id}`)).status).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  test('describes the organisation, shares and the explainer', async () => {
    const doc = (await rep.api.get('/api/openapi.json')).body;
    for (const p of ['/org/departments', '/org/departments/{key}', '/org/teams/{key}/members', '/org/territories/{key}/members/{userId}', '/org/groups/{key}/members/{userId}'])
      expect([p, Object.keys(doc.paths[p] ?? {}).length > 0]).toEqual([p, true]);
    expect(doc.paths['/org/departments/{key}/members']).toBeUndefined();
    expect(Object.keys(doc.paths['/records/{entity}/{id}/shares'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/records/{entity}/{id}/access'].get.operationId).toBe('accessExplain');
    expect(doc.components.schemas.OrgTerritory.properties.regions.type).toBe('array');
  });
});
