/**
 * Manual shares (/api/records/:entity/:id/shares) and the access explainer (/access) over real HTTP
 * and PostgreSQL, with the shipped roles and sharing (accounts are private, the role hierarchy
 * applies, territory managers read their territory's accounts).
 */
import { startTestServer, uniqueName, type ApiClient, type TestServer } from '../support/harness.js';
import { events, person, type Person } from '../support/people.js';

let t: TestServer;
let api: ApiClient;

beforeAll(async () => {
  t = await startTestServer();
  api = t.admin;
});
afterAll(async () => {
  await t?.stop();
});

const orgKey = (prefix: string) => `${prefix}-${uniqueName('k').slice(2).replace(/_/g, '-')}`.toLowerCase();
const newAccount = async (owner: Person, over: Record<string, unknown> = {}) => {
  const res = await owner.api.post('/api/records/account', { name: uniqueName('Shared'), ...over });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; version: number };
};
const shareOf = (who: Person, id: string, grantee: { kind: string; key: string }, access: 'read' | 'edit') =>
  who.api.post(`/api/records/account/${id}/shares`, { grantee, access });

describe('sharing one record', () => {
  test('owner shares with a colleague: read lets them GET but not PATCH; edit lets them PATCH but not delete; unsharing hides it again', async () => {
    const owner = await person(t, { prefix: 'owner' });
    const colleague = await person(t, { prefix: 'colleague' });
    const acc = await newAccount(owner);
    const path = `/api/records/account/${acc.id}`;
    expect((await colleague.api.get(path)).status).toBe(404);

    const created = await shareOf(owner, acc.id, { kind: 'user', key: colleague.id.toUpperCase() }, 'read');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      grantee: { kind: 'user', key: colleague.id, name: colleague.username },
      access: 'read',
      createdBy: { id: owner.id, username: owner.username },
    });
    expect((await colleague.api.get(path)).status).toBe(200);
    const readOnly = await colleague.api.patch(path, { name: 'Renamed', version: acc.version });
    expect(readOnly.status).toBe(403);
    // a reader sees the shares but may not change them (full access needed)
    expect((await colleague.api.get(`${path}/shares`)).body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    expect((await shareOf(colleague, acc.id, { kind: 'user', key: colleague.id }, 'edit')).status).toBe(403);
    expect((await colleague.api.delete(`${path}/shares/${created.body.id}`)).status).toBe(403);

    // sharing with the same grantee again changes the access of the one share
    const upgraded = await shareOf(owner, acc.id, { kind: 'user', key: colleague.id }, 'edit');
    expect(upgraded.status).toBe(200);
    expect(upgraded.body).toMatchObject({ id: created.body.id, access: 'edit' });
    expect((await shareOf(owner, acc.id, { kind: 'user', key: colleague.id }, 'edit')).status).toBe(200);
    expect((await owner.api.get(`${path}/shares`)).body.items).toHaveLength(1);
    const edited = await colleague.api.patch(path, { name: `${acc.name} (edited)`, version: acc.version });
    expect(edited.status).toBe(200);
    expect((await colleague.api.delete(path)).status).toBe(403);

    expect((await owner.api.delete(`${path}/shares/${created.body.id}`)).status).toBe(204);
    expect((await owner.api.delete(`${path}/shares/${created.body.id}`)).status).toBe(404);
    expect((await colleague.api.get(path)).status).toBe(404);
    expect((await colleague.api.get(`${path}/shares`)).status).toBe(404);

    const target = `account:${acc.id}`;
    const grantee = { kind: 'user', key: colleague.id };
    expect(await events(t, 'share.create', target)).toEqual([{ actorId: owner.id, detail: { shareId: created.body.id, grantee, access: 'read' } }]);
    expect(await events(t, 'share.update', target)).toEqual([{ actorId: owner.id, detail: { shareId: created.body.id, grantee, before: { access: 'read' }, after: { access: 'edit' } } }]);
    expect(await events(t, 'share.delete', target)).toEqual([{ actorId: owner.id, detail: { shareId: created.body.id, grantee, before: { access: 'edit' } } }]);
  });

  test('a share to a team, a role, a role and its subordinates, a department reaches exactly their members', async () => {
    const owner = await person(t, { prefix: 'owner' });
    const team = (await api.post('/api/org/teams', { key: orgKey('team'), name: 'Team' })).body;
    const dep = (await api.post('/api/org/departments', { key: orgKey('dep'), name: 'Dep' })).body;
    const member = await person(t, { prefix: 'member' });
    await api.post(`/api/org/teams/${team.key}/members/${member.id}`);
    const manager = await person(t, { role: 'sales-manager', prefix: 'manager' });
    const rep = await person(t, { role: 'sales-rep', prefix: 'rep' });
    const placed = await person(t, { departmentId: dep.id, prefix: 'placed' });
    const outsider = await person(t, { prefix: 'outsider' });

    const visible = async (id: string) => {
      const who = { member, manager, rep, placed, outsider };
      const seen: string[] = [];
      for (const [name, p] of Object.entries(who)) if ((await p.api.get(`/api/records/account/${id}`)).status === 200) seen.push(name);
      return seen;
    };
    const cases: [{ kind: string; key: string }, string[]][] = [
      [{ kind: 'team', key: team.key }, ['member']],
      [{ kind: 'role', key: 'sales-manager' }, ['manager']],
      [{ kind: 'roleAndSubordinates', key: 'sales-manager' }, ['manager', 'rep']],
      [{ kind: 'department', key: dep.key }, ['placed']],
    ];
    for (const [grantee, expected] of cases) {
      const acc = await newAccount(owner);
      expect(await visible(acc.id)).toEqual([]);
      expect((await shareOf(owner, acc.id, grantee, 'read')).status).toBe(201);
      expect([grantee.kind, await visible(acc.id)]).toEqual([grantee.kind, expected]);
    }
    const listed = await owner.api.get(`/api/records/account/${(await newAccount(owner)).id}/shares`);
    expect(listed.body.items).toEqual([]);
  });

  test('a role grantee carries its label; a team grantee its name', async () => {
    const owner = await person(t);
    const acc = await newAccount(owner);
    await shareOf(owner, acc.id, { kind: 'role', key: 'finance' }, 'read');
    const team = (await api.post('/api/org/teams', { key: orgKey('named'), name: 'Named team' })).body;
    await shareOf(owner, acc.id, { kind: 'team', key: team.key }, 'edit');
    const items = (await owner.api.get(`/api/records/account/${acc.id}/shares`)).body.items;
    expect(items.map((s: { grantee: unknown }) => s.grantee)).toEqual([
      { kind: 'role', key: 'finance', name: null, label: expect.objectContaining({ en: expect.any(String) }) },
      { kind: 'team', key: team.key, name: 'Named team' },
    ]);
  });

  test('bad shares are refused naming the field; grantees must exist; nothing is written', async () => {
    const owner = await person(t);
    const acc = await newAccount(owner);
    const before = (await t.server.db.query<{ n: number }>('select count(*)::int as n from sec.share'))[0].n;
    const cases: [unknown, string[]][] = [
      [{ grantee: { kind: 'planet', key: 'x' }, access: 'read' }, ['/grantee/kind']],
      [{ grantee: { kind: 'team', key: '' }, access: 'read' }, ['/grantee/key']],
      [{ grantee: { kind: 'team', key: 'no-such-team' }, access: 'read' }, ['/grantee/key']],
      [{ grantee: { kind: 'role', key: 'pope' }, access: 'read' }, ['/grantee/key']],
      [{ grantee: { kind: 'user', key: '00000000-0000-0000-0000-000000000000' }, access: 'read' }, ['/grantee/key']],
      [{ grantee: { kind: 'user', key: 'bob' }, access: 'read' }, ['/grantee/key']],
      [{ grantee: { kind: 'team', key: 'x', extra: 1 }, access: 'read' }, ['/grantee/extra']],
      [{ grantee: { kind: 'user', key: owner.id }, access: 'full' }, ['/access']],
      [{ grantee: 'everyone', access: 'read' }, ['/grantee']],
      [{ access: 'read' }, ['/grantee']],
    ];
    for (const [body, paths] of cases) {
      const res = await owner.api.post(`/api/records/account/${acc.id}/shares`, body);
      expect([JSON.stringify(body), res.status, res.body.errors?.map((e: { path: string }) => e.path)]).toEqual([JSON.stringify(body), 400, paths]);
    }
    expect((await t.server.db.query<{ n: number }>('select count(*)::int as n from sec.share'))[0].n).toBe(before);
  });

  test('who may not: a user who cannot read the record gets 404 on every shares endpoint; a role without `share` gets 403', async () => {
    const owner = await person(t);
    const stranger = await person(t);
    const acc = await newAccount(owner);
    const share = (await shareOf(owner, acc.id, { kind: 'role', key: 'finance' }, 'edit')).body;
    const base = `/api/records/account/${acc.id}`;
    expect((await stranger.api.get(`${base}/shares`)).status).toBe(404);
    expect((await shareOf(stranger, acc.id, { kind: 'user', key: stranger.id }, 'read')).status).toBe(404);
    expect((await stranger.api.delete(`${base}/shares/${share.id}`)).status).toBe(404);
    expect((await stranger.api.get(`${base}/access`)).status).toBe(404);
    expect((await stranger.api.get(`/api/records/account/00000000-0000-0000-0000-000000000000/shares`)).status).toBe(404);
    expect((await stranger.api.get(`/api/records/nosuch/${acc.id}/shares`)).status).toBe(404);

    // finance reads accounts and has an edit share here, but its role may not share (nor update)
    const finance = await person(t, { role: 'finance' });
    expect((await finance.api.get(base)).status).toBe(200);
    const refused = await shareOf(finance, acc.id, { kind: 'user', key: finance.id }, 'read');
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('your role may not share account records');
    expect((await finance.api.get(`${base}/shares`)).status).toBe(200);
    expect((await t.server.db.query('select 1 from sec.share where record_id = $1', [acc.id])).length).toBe(1);
  });
});

describe('the access explainer', () => {
  test('owner, role hierarchy, territory rule and shares are each listed as the grant that applies', async () => {
    const rep = await person(t, { role: 'sales-rep', prefix: 'rep' });
    const manager = await person(t, { role: 'sales-manager', prefix: 'manager' });
    const territoryManager = await person(t, { prefix: 'tm' });
    const outsider = await person(t, { prefix: 'outsider' });
    const region = uniqueName('Region');
    const territory = (await api.post('/api/org/territories', { key: orgKey('terr'), name: 'Terr', regions: [region] })).body;
    await api.request('PUT', `/api/org/territories/${territory.key}/members`, { members: [{ userId: territoryManager.id, manager: true }] });
    const team = (await api.post('/api/org/teams', { key: orgKey('deal'), name: 'Deal' })).body;
    await api.request('PUT', `/api/org/teams/${team.key}/members`, { members: [{ userId: outsider.id }, { userId: manager.id }] });
    const acc = await newAccount(rep, { region });
    const access = `/api/records/account/${acc.id}/access`;

    const mine = await rep.api.get(access);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ user: { id: rep.id, username: rep.username }, level: 'full', unrestricted: false, rolePermits: true, role: 'sales-rep', grants: [{ kind: 'owner', level: 'full' }] });
    expect((await manager.api.get(access)).body).toMatchObject({ level: 'full', role: 'sales-manager', grants: [{ kind: 'hierarchy', level: 'full' }] });
    const tm = await api.get(`${access}?user=${territoryManager.id}`);
    expect(tm.body).toMatchObject({ user: { id: territoryManager.id, username: territoryManager.username }, level: 'read', role: 'employee' });
    expect(tm.body.grants).toEqual([{ kind: 'rule', rule: 'territory-managers', level: 'read' }]);
    expect((await api.get(`${access}?user=${outsider.id}`)).body).toMatchObject({ level: 'none', grants: [] });

    await shareOf(rep, acc.id, { kind: 'team', key: team.key }, 'edit');
    expect((await outsider.api.get(`${access}?user=${outsider.id}`)).body).toMatchObject({ level: 'edit', grants: [{ kind: 'share', level: 'edit', via: `team:${team.key}` }] });
    expect((await api.get(`${access}?user=${manager.id}`)).body.grants).toEqual([
      { kind: 'hierarchy', level: 'full' },
      { kind: 'share', level: 'edit', via: `team:${team.key}` },
    ]);
    const self = await api.get(access);
    expect(self.body).toMatchObject({ level: 'full', unrestricted: true });
  });

  test('only administrators ask about others; unknown users and records are 404', async () => {
    const rep = await person(t, { role: 'sales-rep' });
    const other = await person(t);
    const acc = await newAccount(rep);
    const access = `/api/records/account/${acc.id}/access`;
    const refused = await rep.api.get(`${access}?user=${other.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([{ path: 'user', message: 'must be your own id' }]);
    expect((await rep.api.get(`${access}?user=${rep.id.toUpperCase()}`)).status).toBe(200);
    expect((await api.get(`${access}?user=00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await api.get(`${access}?user=nobody`)).status).toBe(404);
    expect((await api.get(`/api/records/account/00000000-0000-0000-0000-000000000000/access?user=${rep.id}`)).status).toBe(404);
  });
});
