/**
 * Publishing through the HTTP API on a running server: a new entity and a new field are live at
 * once (records API and OpenAPI), a bad document is refused with file/path/message and publishes
 * nothing, omitting an entity or field hides it and drops nothing, and only admins may publish.
 */
import { loadMetadataDir, DEFAULT_METADATA_DIR, type EntityDocument, type MetadataPackage } from '../../metadata/index.js';
import { ApiClient, startTestServer, waitFor, type TestServer } from '../support/harness.js';
import { person } from '../support/people.js';

let t: TestServer;
let api: ApiClient;
let shipped: MetadataPackage;

beforeAll(async () => {
  t = await startTestServer();
  api = t.admin;
  const loaded = loadMetadataDir(DEFAULT_METADATA_DIR);
  shipped = { entities: loaded.entities, views: loaded.views, triggers: loaded.triggers };
});
afterAll(async () => {
  await t?.stop();
});

const label = (en: string, zh: string) => ({ 'zh-CN': zh, en });

const campaign: EntityDocument = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'crm:entity/campaign',
  type: 'object',
  'x-crm-entity': 'campaign',
  'x-crm-label': label('Campaign', '市场活动'),
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 200, 'x-crm-label': label('Name', '名称') },
    budget: { type: 'number', 'x-crm-type': 'money', 'x-crm-label': label('Budget', '预算') },
  },
};

function withAccountField(pkg: MetadataPackage, name: string, field: Record<string, unknown>): MetadataPackage {
  return {
    ...pkg,
    entities: pkg.entities.map((e) =>
      e['x-crm-entity'] === 'account' ? { ...e, properties: { ...e.properties, [name]: field as EntityDocument['properties'][string] } } : e,
    ),
  };
}

const columns = async (table: string) =>
  (await t.server.db.query<{ column_name: string }>(`select column_name from information_schema.columns where table_schema = 'crm' and table_name = $1`, [table])).map(
    (r) => r.column_name,
  );

test('an entity’s record layout (x-crm-layout) is described to any reader; an entity without one has none', async () => {
  // (first: the tests below publish other models) The shipped account declares sections; a sales rep sees them as declared
  const rep = await person(t, { role: 'sales-rep', prefix: 'layout-rep' });
  const account = (await rep.api.get('/api/metadata/entities/account')).body;
  expect(account.layout.sections.map((s: { key: string }) => s.key)).toEqual(['profile', 'contact', 'size']);
  expect(account.layout.sections[0].fields).toContain('industry');
  // An entity without a layout has none
  expect((await rep.api.get('/api/metadata/entities/contact')).body.layout).toBeUndefined();
});

test('publishing adds a table and a column on the running server, usable at once', async () => {
  const before = (await api.get('/api/metadata/versions')).body.items.length;
  const pkg = withAccountField({ ...shipped, entities: [...shipped.entities, campaign] }, 'wechatId', {
    type: 'string',
    maxLength: 64,
    'x-crm-label': label('WeChat ID', '微信号'),
  });

  const dry = await api.post('/api/metadata/publish', { ...pkg, dryRun: true });
  expect(dry.status).toBe(200);
  expect(dry.body.actions.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['create-table', 'add-column']));
  expect(await columns('campaign')).toEqual([]); // a dry run changes nothing

  const res = await api.post('/api/metadata/publish', pkg);
  expect(res.status).toBe(201);
  expect(res.body.version).toBe(before + 1);
  expect(await columns('campaign')).toEqual(expect.arrayContaining(['name', 'budget']));
  expect(await columns('account')).toContain('wechat_id');

  const created = await api.post('/api/records/campaign', { name: 'Spring launch 春季发布会', budget: 50000 });
  expect(created.status).toBe(201);
  const acc = await api.post('/api/records/account', { name: 'WeChat Co-op', wechatId: 'wx_123' });
  expect(acc.status).toBe(201);
  expect(acc.body.wechatId).toBe('wx_123');
  const doc = (await api.get('/api/openapi.json')).body;
  expect(doc.paths['/records/campaign']).toBeDefined();
});

test('omitting an entity and a field hides them and drops no data; re-adding shows the data again', async () => {
  const withAll = withAccountField({ ...shipped, entities: [...shipped.entities, campaign] }, 'wechatId', {
    type: 'string',
    maxLength: 64,
    'x-crm-label': label('WeChat ID', '微信号'),
  });
  await api.post('/api/metadata/publish', withAll);
  const acc = (await api.post('/api/records/account', { name: 'Keep Me Ltd', wechatId: 'wx_keep' })).body;
  const camp = (await api.post('/api/records/campaign', { name: 'Keep me too' })).body;

  const res = await api.post('/api/metadata/publish', shipped); // no campaign, no wechatId
  expect(res.status).toBe(201);
  expect((await api.get(`/api/records/campaign/${camp.id}`)).status).toBe(404);
  expect((await api.get(`/api/records/account/${acc.id}`)).body.wechatId).toBeUndefined();
  expect((await api.post('/api/records/account', { name: 'X', wechatId: 'y' })).status).toBe(400);
  const [row] = await t.server.db.query<{ wechat_id: string }>('select wechat_id from crm.account where id = $1', [acc.id]);
  expect(row.wechat_id).toBe('wx_keep');
  const [c] = await t.server.db.query<{ name: string }>('select name from crm.campaign where id = $1', [camp.id]);
  expect(c.name).toBe('Keep me too');

  expect((await api.post('/api/metadata/publish', withAll)).status).toBe(201);
  expect((await api.get(`/api/records/account/${acc.id}`)).body.wechatId).toBe('wx_keep');
  expect((await api.get(`/api/records/campaign/${camp.id}`)).body.name).toBe('Keep me too');
});

test('a bad document is refused with the file, JSON path and message of every error; nothing is published', async () => {
  const versions = (await api.get('/api/metadata/versions')).body.items.length;
  const bad: EntityDocument = {
    ...campaign,
    'x-crm-entity': 'ticket',
    $id: 'crm:entity/ticket',
    properties: {
      name: { type: 'string', 'x-crm-label': { en: 'Name' } as never },
      owner2: { type: 'string', format: 'uuid', 'x-crm-lookup': { entity: 'nowhere' }, 'x-crm-label': label('Owner', '负责人') },
    },
  };
  const res = await api.post('/api/metadata/publish', { ...shipped, entities: [...shipped.entities, bad] });
  expect(res.status).toBe(422);
  const paths = res.body.errors.map((e: { path: string }) => e.path).join('\n');
  expect(paths).toMatch(/ticket.*#\/properties\/name\/x-crm-label/);
  expect(paths).toMatch(/ticket.*#\/properties\/owner2/);
  expect((await api.get('/api/metadata/versions')).body.items.length).toBe(versions);
  expect(await columns('ticket')).toEqual([]);
});

test('a type change that could lose data is refused unless a migration step says how', async () => {
  const narrowed = withAccountField(shipped, 'name', { type: 'string', maxLength: 5, 'x-crm-label': label('Name', '名称') });
  const res = await api.post('/api/metadata/publish', narrowed);
  expect(res.status).toBe(422);
  expect(res.body.errors[0].message).toMatch(/name/);
});

test('only administrators may publish', async () => {
  await t.server.auth.createUser({ username: 'rep1', password: 'rep1-password' });
  const rep = new ApiClient(t.url);
  await rep.login('rep1', 'rep1-password');
  expect((await rep.post('/api/metadata/publish', shipped)).status).toBe(403);
  expect((await rep.get('/api/metadata/entities')).status).toBe(200);
});

test('malformed publish requests are refused naming the field', async () => {
  expect((await api.post('/api/metadata/publish', { views: [] })).body.errors[0].path).toBe('/entities');
  const bad = await api.post('/api/metadata/publish', { ...shipped, migrations: [{ entity: 'account', field: 'name', using: 'drop' }] });
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([{ path: '/migrations/0/using', message: 'must be cast or clear' }]);
  expect((await api.post('/api/metadata/publish', { ...shipped, migrations: 'all' })).status).toBe(400);
});

test('a second server on the same database picks up a version published through the first, without restart', async () => {
  const other = await startTestServer({ databaseUrl: t.databaseUrl, adminPassword: t.adminPassword });
  try {
    const entity = { ...campaign, 'x-crm-entity': 'event', $id: 'crm:entity/event', 'x-crm-label': label('Event', '会议') };
    expect((await api.post('/api/metadata/publish', { ...shipped, entities: [...shipped.entities, entity] })).status).toBe(201);
    await waitFor(async () => (await other.admin.get('/api/metadata/entities')).body.entities.some((e: { name: string }) => e.name === 'event'));
    expect((await other.admin.post('/api/records/event', { name: 'Annual meeting 年会' })).status).toBe(201);
  } finally {
    await other.stop();
  }
});
