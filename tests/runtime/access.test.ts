/**
 * The sharing model through the records API (docs/security.md), over real HTTP and PostgreSQL:
 * owner, role hierarchy, criteria and territory rules, org-wide defaults; 404 for what a user
 * cannot see, 403 for what they see but may not change; role permissions per entity and field;
 * related records through expansions and lookup paths; membership changes count at once.
 */
import { loadMetadataDir, type RoleDocument, type SharingDocument } from '../../metadata/index.js';
import { ApiClient, startTestServer, uniqueName, type TestServer } from '../support/harness.js';

let t: TestServer;
let admin: ApiClient;
const users: Record<string, { id: string; api: ApiClient }> = {};

const shipped = loadMetadataDir(new URL('../../metadata/', import.meta.url).pathname);

/** The shipped roles, with the sales rep's field rules on accounts tightened for the test. */
function roles(): RoleDocument[] {
  return shipped.roles!.map((r) =>
    r['x-crm-role'] === 'sales-rep'
      ? { ...r, permissions: { ...r.permissions, account: { ...r.permissions.account, fields: { taxId: 'hidden', annualRevenue: 'read' } } } }
      : r,
  );
}

function sharing(): SharingDocument[] {
  const others = shipped.sharing!.filter((s) => !['account', 'opportunity', 'contact'].includes(s['x-crm-sharing']));
  return [
    ...others,
    {
      'x-crm-sharing': 'account',
      default: 'private',
      rules: [
        { name: 'finance-accounts', type: 'criteria', condition: { field: 'industry', op: 'eq', value: 'finance' }, to: { group: 'finance-desk' }, access: 'edit' },
        { name: 'territory', type: 'territory', fields: { region: 'region' }, to: 'managers', access: 'read' },
      ],
    },
    { 'x-crm-sharing': 'opportunity', default: 'publicRead' },
    { 'x-crm-sharing': 'contact', default: 'publicRead' },
  ];
}

async function makeUser(name: string, role: string | null): Promise<void> {
  const username = uniqueName(name).toLowerCase().replace(/_/g, '-');
  const u = await t.server.auth.createUser({ username, password: `${username}-pw` });
  await t.server.db.query('update sec.user set role = $2 where id = $1', [u.id, role]);
  const api = new ApiClient(t.url);
  expect((await api.login(username, `${username}-pw`)).status).toBe(200);
  users[name] = { id: u.id, api };
}

const as = (name: string) => users[name].api;

beforeAll(async () => {
  t = await startTestServer();
  admin = t.admin;
  const published = await admin.post('/api/metadata/publish', { entities: shipped.entities, views: shipped.views, triggers: shipped.triggers, roles: roles(), sharing: sharing() });
  expect(published.status).toBe(201);
  await makeUser('rep1', 'sales-rep');
  await makeUser('rep2', 'sales-rep');
  await makeUser('manager', 'sales-manager');
  await makeUser('desk', null); // default role (employee), member of the finance desk group
  await makeUser('regional', null); // manages the east territory
  await makeUser('finance', 'finance');
  const db = t.server.db;
  await db.query(`insert into sec.group (key, name) values ('finance-desk', 'Finance desk')`);
  await db.query(`insert into sec.group_member (group_id, user_id) select id, $1 from sec.group where key = 'finance-desk'`, [users.desk.id]);
  await db.query(`insert into sec.territory (key, name, regions) values ('east', 'East', '{Pudong}')`);
  await db.query(`insert into sec.territory_member (territory_id, user_id, is_manager) select id, $1, true from sec.territory where key = 'east'`, [users.regional.id]);
});
afterAll(async () => {
  await t?.stop();
});

async function createAccount(owner: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await as(owner).post('/api/records/account', { name: uniqueName('Acct'), industry: 'trade', region: 'Minhang', ...over });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const status = async (who: string, path: string) => (await as(who).get(path)).status;

describe('owner and role hierarchy', () => {
  test('a private account is the owner’s and their managers’; a peer gets 404, as if it did not exist', async () => {
    const id = await createAccount('rep1');
    expect(await status('rep1', `/api/records/account/${id}`)).toBe(200);
    expect(await status('manager', `/api/records/account/${id}`)).toBe(200);
    expect(await status('rep2', `/api/records/account/${id}`)).toBe(404);
    expect(await status('rep2', `/api/records/account/00000000-0000-4000-8000-000000000000`)).toBe(404);
    const listed = async (who: string) => ((await as(who).get('/api/records/account?limit=1000&fields=id')).body.items as { id: string }[]).map((a) => a.id);
    expect(await listed('rep1')).toContain(id);
    expect(await listed('manager')).toContain(id);
    expect(await listed('rep2')).not.toContain(id);
    expect((await as('rep2').patch(`/api/records/account/${id}`, { name: 'stolen' })).status).toBe(404);
    expect((await as('rep2').delete(`/api/records/account/${id}`)).status).toBe(404);
    // The manager has the owner's access: change and delete.
    expect((await as('manager').patch(`/api/records/account/${id}`, { name: uniqueName('Renamed') })).status).toBe(200);
    expect((await as('manager').delete(`/api/records/account/${id}`)).status).toBe(204);
    expect((await as('rep1').post(`/api/records/account/${id}/restore`)).status).toBe(200);
  });

  test('count and history follow the same access', async () => {
    const id = await createAccount('rep1');
    const before = (await as('rep2').get('/api/records/account?count=true&limit=1')).body.count as number;
    await createAccount('rep1');
    expect((await as('rep2').get('/api/records/account?count=true&limit=1')).body.count).toBe(before);
    expect(await status('rep2', `/api/records/account/${id}/history`)).toBe(404);
    expect(await status('manager', `/api/records/account/${id}/history`)).toBe(200);
  });
});

describe('org-wide defaults', () => {
  test('publicRead: everyone reads, only the owner side changes or deletes (403, not 404)', async () => {
    const account = await createAccount('rep1');
    const res = await as('rep1').post('/api/records/opportunity', { name: uniqueName('Deal'), stage: 'intent', account });
    expect(res.status).toBe(201);
    const path = `/api/records/opportunity/${res.body.id as string}`;
    expect(await status('rep2', path)).toBe(200);
    const patch = await as('rep2').patch(path, { name: 'mine now' });
    expect(patch.status).toBe(403);
    expect(patch.body.type).toMatch(/\/forbidden$/);
    expect((await as('rep2').delete(path)).status).toBe(403);
    expect((await as('rep1').patch(path, { name: uniqueName('Deal') })).status).toBe(200);
  });
});

describe('sharing rules', () => {
  test('criteria: finance accounts are editable by the finance desk group, not deletable; others stay hidden', async () => {
    const financeId = await createAccount('rep2', { industry: 'finance' });
    const tradeId = await createAccount('rep2', { industry: 'trade' });
    expect(await status('desk', `/api/records/account/${financeId}`)).toBe(200);
    expect(await status('desk', `/api/records/account/${tradeId}`)).toBe(404);
    expect((await as('desk').patch(`/api/records/account/${financeId}`, { name: uniqueName('Desk') })).status).toBe(200);
    expect((await as('desk').delete(`/api/records/account/${financeId}`)).status).toBe(403);
  });

  test('territory: the region’s manager reads the region’s accounts (read only)', async () => {
    const eastId = await createAccount('rep2', { region: 'Pudong' });
    const westId = await createAccount('rep2', { region: 'Xuhui' });
    expect(await status('regional', `/api/records/account/${eastId}`)).toBe(200);
    expect(await status('regional', `/api/records/account/${westId}`)).toBe(404);
    expect((await as('regional').patch(`/api/records/account/${eastId}`, { name: 'x' })).status).toBe(403);
  });

  test('a membership change counts from the very next request', async () => {
    const id = await createAccount('rep2', { industry: 'finance' });
    expect(await status('desk', `/api/records/account/${id}`)).toBe(200);
    await t.server.db.query(`delete from sec.group_member where user_id = $1`, [users.desk.id]);
    try {
      expect(await status('desk', `/api/records/account/${id}`)).toBe(404);
    } finally {
      await t.server.db.query(`insert into sec.group_member (group_id, user_id) select id, $1 from sec.group where key = 'finance-desk'`, [users.desk.id]);
    }
    expect(await status('desk', `/api/records/account/${id}`)).toBe(200);
  });

  test('a manual share grants what it says', async () => {
    const id = await createAccount('rep1');
    await t.server.db.query(`insert into sec.share (entity, record_id, grantee_kind, grantee_key, access) values ('account', $1, 'user', $2, 'read')`, [id, users.rep2.id]);
    expect(await status('rep2', `/api/records/account/${id}`)).toBe(200);
    expect((await as('rep2').patch(`/api/records/account/${id}`, { name: 'x' })).status).toBe(403);
    await t.server.db.query(`update sec.share set access = 'edit' where record_id = $1`, [id]);
    expect((await as('rep2').patch(`/api/records/account/${id}`, { name: uniqueName('Shared') })).status).toBe(200);
    expect((await as('rep2').delete(`/api/records/account/${id}`)).status).toBe(403);
  });
});

describe('changing one record’s owner', () => {
  test('needs the transfer permission and full access; the new owner gets it, the old one loses it; audited', async () => {
    const id = await createAccount('rep1');
    const path = `/api/records/account/${id}/owner`;
    // A sales rep's role has no transfer permission, even for their own record.
    const byRep = await as('rep1').put(path, { ownerId: users.rep2.id });
    expect(byRep.status).toBe(403);
    expect(byRep.body.detail).toContain('transfer account');
    // The manager above the owner may; a bad or inactive new owner is refused naming the field.
    expect((await as('manager').put(path, { ownerId: 'nobody' })).body.errors).toEqual([{ path: '/ownerId', message: 'must be a user id or null' }]);
    const ghost = await as('manager').put(path, { ownerId: '00000000-0000-4000-8000-000000000000' });
    expect(ghost.status).toBe(400);
    const moved = await as('manager').put(path, { ownerId: users.rep2.id, version: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ ownerId: users.rep2.id, version: 2 });
    expect(await status('rep2', `/api/records/account/${id}`)).toBe(200);
    expect(await status('rep1', `/api/records/account/${id}`)).toBe(404);
    const history = (await admin.get(`/api/records/account/${id}/history`)).body.items as { field: string; before: string; after: string }[];
    expect(history).toContainEqual(expect.objectContaining({ field: 'ownerId', before: users.rep1.id, after: users.rep2.id }));
    // A stale version is a conflict; someone who cannot see the record gets 404.
    expect((await as('manager').put(path, { ownerId: users.rep1.id, version: 1 })).status).toBe(409);
    expect((await as('desk').put(path, { ownerId: users.desk.id })).status).toBe(403); // the default role has no transfer either
    // null releases the record to no owner: only sharing rules (and admins) reach it then.
    const released = await as('manager').put(path, { ownerId: null });
    expect(released.body).toMatchObject({ ownerId: null, version: 3 });
    expect(await status('rep2', `/api/records/account/${id}`)).toBe(404);
    expect((await admin.get(`/api/records/account/${id}/history`)).body.items).toContainEqual(expect.objectContaining({ field: 'ownerId', before: users.rep2.id, after: null }));
  });
});

describe('publishing sharing rules', () => {
  test('a criteria condition that does not compile for its field is refused at publish, naming the rule', async () => {
    const bad = sharing().map((s) =>
      s['x-crm-sharing'] === 'account' ? { ...s, rules: [{ name: 'bad', type: 'criteria', condition: { field: 'industry', op: 'contains', value: 'fin' }, to: { role: 'sales-rep' }, access: 'read' }] } : s,
    );
    const res = await admin.post('/api/metadata/publish', { entities: shipped.entities, views: shipped.views, triggers: shipped.triggers, roles: roles(), sharing: bad });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'sharing/account#/rules/0/condition/op', message: "operator 'contains' is not available for enum field 'industry'" }]);
  });

  test('a condition value that does not fit its field is refused at that value, and the sharing stays as it was', async () => {
    const before = (await admin.get('/api/metadata/sharing')).body as { version: number; sharing: SharingDocument[] };
    const current = before.sharing.find((s) => s['x-crm-sharing'] === 'account')!;
    const condition = { and: [{ field: 'industry', op: 'eq', value: 'finance' }, { field: 'annualRevenue', op: 'gte', value: 'lots' }] };
    const res = await admin.put('/api/metadata/sharing/account', { ...current, rules: [{ name: 'big', type: 'criteria', condition, to: { role: 'sales-rep' }, access: 'read' }] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'sharing/account#/rules/0/condition/and/1/value', message: expect.stringContaining('"lots" is not') as string }]);
    const after = (await admin.get('/api/metadata/sharing')).body as { version: number; sharing: SharingDocument[] };
    expect(after.version).toBe(before.version);
    expect(after.sharing.find((s) => s['x-crm-sharing'] === 'account')).toEqual(current);
  });

  test('every publish is an audit event with its actor', async () => {
    const [event] = await t.server.db.query<{ actor_id: string; detail: { version: number } }>(
      `select actor_id, detail from audit.event where kind = 'metadata.publish' and actor_id is not null order by id desc limit 1`,
    );
    const me = (await admin.get('/api/auth/me')).body.user as { id: string };
    expect(event.actor_id).toBe(me.id);
    expect(event.detail.version).toBeGreaterThan(1);
  });
});

describe('editing the policy through the API', () => {
  test('one entity’s sharing is replaced and counts for every user at once; bad documents change nothing', async () => {
    const id = await createAccount('rep1');
    expect(await status('rep2', `/api/records/account/${id}`)).toBe(404);
    const current = (await admin.get('/api/metadata/sharing')).body.sharing.find((s: SharingDocument) => s['x-crm-sharing'] === 'account') as SharingDocument;
    expect((await admin.put('/api/metadata/sharing/account', { ...current, default: 'publicRead' })).status).toBe(200);
    try {
      expect(await status('rep2', `/api/records/account/${id}`)).toBe(200);
    } finally {
      expect((await admin.put('/api/metadata/sharing/account', current)).status).toBe(200);
    }
    expect(await status('rep2', `/api/records/account/${id}`)).toBe(404);
    const bad = await admin.put('/api/metadata/sharing/account', { ...current, default: 'everyone' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: 'sharing/account#/default', message: 'must be one of: "private", "publicRead", "publicReadWrite"' }]);
    expect((await as('rep1').put('/api/metadata/sharing/account', current)).status).toBe(403);
    expect((await as('rep1').get('/api/metadata/sharing')).status).toBe(403);
  });

  test('roles: everyone reads the hierarchy, admins the permissions; a role in use is not deleted', async () => {
    const seen = (await as('rep1').get('/api/metadata/roles')).body.roles as { key: string; parent: string | null; permissions?: unknown }[];
    expect(seen.find((r) => r.key === 'sales-rep')).toEqual(expect.objectContaining({ parent: 'sales-manager' }));
    expect(seen.every((r) => r.permissions === undefined)).toBe(true);
    const full = (await admin.get('/api/metadata/roles')).body.roles as { key: string; permissions?: unknown }[];
    expect(full.find((r) => r.key === 'sales-rep')?.permissions).toBeDefined();
    const inUse = await admin.delete('/api/metadata/roles/sales-rep');
    expect(inUse.status).toBe(422);
    expect(inUse.body.detail).toContain('user(s) have role sales-rep');
    const added = await admin.put('/api/metadata/roles/auditor', { label: { 'zh-CN': '审计', en: 'Auditor' }, parent: 'general-manager', permissions: { '*': { actions: ['read'] } } });
    expect(added.status).toBe(200);
    expect((await admin.get('/api/metadata/roles')).body.roles.map((r: { key: string }) => r.key)).toContain('auditor');
    const [audit] = await t.server.db.query<{ detail: { policy: { roles: { key: string; before: unknown; after: { parent: string } }[] } } }>(
      `select detail from audit.event where kind = 'metadata.publish' order by id desc limit 1`,
    );
    expect(audit.detail.policy.roles).toEqual([expect.objectContaining({ key: 'auditor', before: null, after: expect.objectContaining({ parent: 'general-manager' }) as unknown })]);
    expect((await admin.delete('/api/metadata/roles/auditor')).status).toBe(200);
    const loop = await admin.put('/api/metadata/roles/general-manager', { label: { 'zh-CN': '总经理', en: 'GM' }, parent: 'sales-rep', permissions: {} });
    expect(loop.status).toBe(422);
  });

  test('a new role (POST) with a key some role has is refused at the key, and the role stays as it was', async () => {
    const before = (await admin.get('/api/metadata/roles')).body as { version: number; roles: { key: string; label: unknown }[] };
    const clash = await admin.post('/api/metadata/roles', { 'x-crm-role': 'finance', label: { 'zh-CN': '冒名', en: 'Impostor' }, permissions: {} });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([{ path: '/x-crm-role', message: 'already taken', code: 'taken', params: { value: 'finance' } }]);
    expect((await admin.post('/api/metadata/roles', { label: { 'zh-CN': '无名', en: 'Nameless' }, permissions: {} })).status).toBe(400);
    expect((await admin.get('/api/metadata/roles')).body).toEqual(before);
    const created = await admin.post('/api/metadata/roles', { 'x-crm-role': 'auditor-2', label: { 'zh-CN': '审计二', en: 'Auditor 2' }, description: 'Reads.', permissions: { '*': { actions: ['read'] } } });
    expect(created.status).toBe(201);
    const listed = (await admin.get('/api/metadata/roles')).body.roles as { key: string; description?: string }[];
    expect(listed.find((r) => r.key === 'auditor-2')?.description).toBe('Reads.');
    expect((await admin.delete('/api/metadata/roles/auditor-2')).status).toBe(200);
  });

  test('a role or sharing document replaced without its description keeps the one it had; a body with its own replaces it', async () => {
    const published = async () => {
      type Annotated<T> = T & { description?: string };
      const [row] = await t.server.db.query<{ documents: { roles: Annotated<RoleDocument>[]; sharing: Annotated<SharingDocument>[] } }>(
        'select documents from meta.metadata_version order by version desc limit 1',
      );
      return { role: row.documents.roles.find((r) => r['x-crm-role'] === 'employee')!, sharing: row.documents.sharing.find((d) => d['x-crm-sharing'] === 'quote')! };
    };
    const before = await published();
    expect(before.role.description).toBeTruthy();
    expect(before.sharing.description).toBeTruthy();
    const { description: _role, ...roleBody } = before.role;
    const { description: _sharing, ...sharingBody } = before.sharing;
    expect((await admin.put('/api/metadata/roles/employee', { ...roleBody, studio: false })).status).toBe(200);
    expect((await admin.put('/api/metadata/sharing/quote', { ...sharingBody, hierarchy: false })).status).toBe(200);
    const after = await published();
    expect(after.role).toEqual({ ...before.role, studio: false });
    expect(after.sharing).toEqual({ ...before.sharing, hierarchy: false });
    expect((await admin.put('/api/metadata/roles/employee', { ...before.role, description: 'Everyone without a role.' })).status).toBe(200);
    expect((await published()).role.description).toBe('Everyone without a role.');
    const listed = (await admin.get('/api/metadata/roles')).body.roles as { key: string; description?: string }[];
    expect(listed.find((r) => r.key === 'employee')?.description).toBe('Everyone without a role.');
    // An empty description removes it (the administration form's field cleared).
    expect((await admin.put('/api/metadata/roles/employee', { ...before.role, description: '' })).status).toBe(200);
    expect(Object.hasOwn((await published()).role, 'description')).toBe(false);
    expect((await admin.put('/api/metadata/roles/employee', before.role)).status).toBe(200);
    expect((await admin.put('/api/metadata/sharing/quote', before.sharing)).status).toBe(200);
  });
});

describe('role permissions', () => {
  test('an action the role lacks is 403 naming the entity; finance reads but cannot create', async () => {
    const res = await as('finance').post('/api/records/account', { name: uniqueName('No') });
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('create account');
    // finance has read on accounts and no grant: an empty list, not an error.
    expect((await as('finance').get('/api/records/account?limit=5')).status).toBe(200);
  });

  test('a hidden field is absent from records, lists, expansions, history, metadata and filters; writing it is 403', async () => {
    const id = await createAccount('rep1');
    await admin.patch(`/api/records/account/${id}`, { taxId: '91310000MA1FL0001X', annualRevenue: 1000 });
    const rec = (await as('rep1').get(`/api/records/account/${id}`)).body as Record<string, unknown>;
    expect(rec).not.toHaveProperty('taxId');
    expect(rec.annualRevenue).toBe(1000);
    expect((await admin.get(`/api/records/account/${id}`)).body.taxId).toBe('91310000MA1FL0001X');
    const list = (await as('rep1').get(`/api/records/account?limit=1000`)).body.items as Record<string, unknown>[];
    expect(list.every((a) => !('taxId' in a))).toBe(true);
    const history = (await as('rep1').get(`/api/records/account/${id}/history`)).body.items as { field: string | null }[];
    expect(history.some((h) => h.field === 'taxId')).toBe(false);
    expect(history.some((h) => h.field === 'annualRevenue')).toBe(true);
    const described = (await as('rep1').get('/api/metadata/entities/account')).body as { fields: { name: string; readonly?: boolean }[] };
    expect(described.fields.map((f) => f.name)).not.toContain('taxId');
    expect(described.fields.find((f) => f.name === 'annualRevenue')?.readonly).toBe(true);
    expect(described.fields.find((f) => f.name === 'name')?.readonly).toBeUndefined();
    expect((await as('rep1').get(`/api/records/account?filter=${encodeURIComponent("taxId eq 'x'")}`)).status).toBe(400);
    const contact = await as('rep1').post('/api/records/contact', { firstName: 'Lei', lastName: uniqueName('Li'), account: id });
    expect(contact.status).toBe(201);
    const expanded = (await as('rep1').get(`/api/records/contact/${contact.body.id as string}?expand=account`)).body.account as Record<string, unknown>;
    expect(expanded.id).toBe(id);
    expect(expanded).not.toHaveProperty('taxId');
    const write = await as('rep1').patch(`/api/records/account/${id}`, { taxId: 'x', annualRevenue: 5, name: uniqueName('N') });
    expect(write.status).toBe(403);
    expect(write.body.errors).toEqual([
      { path: '/taxId', message: 'not editable for your role', code: 'field-forbidden', params: { entity: 'account', field: 'taxId' } },
      { path: '/annualRevenue', message: 'not editable for your role', code: 'field-forbidden', params: { entity: 'account', field: 'annualRevenue' } },
    ]);
    expect((await as('rep1').post('/api/records/account', { name: uniqueName('A'), annualRevenue: 1 })).status).toBe(403);
  });
});

describe('related records', () => {
  test('an expansion or lookup path never reveals a related record the user cannot see', async () => {
    const hiddenAccount = await createAccount('rep2', { name: uniqueName('Secret') });
    const name = ((await as('rep2').get(`/api/records/account/${hiddenAccount}`)).body as { name: string }).name;
    // contacts are publicRead in this test; the admin links one to rep2's private account.
    const contact = await admin.post('/api/records/contact', { firstName: 'Fang', lastName: uniqueName('Wang'), account: hiddenAccount });
    const path = `/api/records/contact/${contact.body.id as string}`;
    expect((await as('rep1').get(`${path}?expand=account`)).body.account).toBeNull();
    expect(((await as('rep2').get(`${path}?expand=account`)).body.account as { id: string }).id).toBe(hiddenAccount);
    const byPath = (who: string) => as(who).get(`/api/records/contact?filter=${encodeURIComponent(`account.name eq '${name}'`)}&fields=id`);
    expect((await byPath('rep1')).body.items).toEqual([]);
    expect((await byPath('rep2')).body.items).toEqual([{ id: contact.body.id, version: 1 }]);
    // Nor can a user link to it: the lookup target must be visible.
    const linked = await as('rep1').post('/api/records/contact', { firstName: 'Min', lastName: uniqueName('Zhao'), account: hiddenAccount });
    expect(linked.status).toBe(400);
    expect(linked.body.errors).toEqual([{ path: '/account', message: 'no such account record' }]);
  });
});
