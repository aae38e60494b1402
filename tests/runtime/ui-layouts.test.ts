/**
 * UI layouts (metadata/layouts, runtime/ui-layouts): a user's session carries the layout of their
 * role — else the default one, else none — with menu entries and widgets over records they may not
 * read left out; the record page's sections per entity come with the entity's description. A layout
 * naming an unknown role, entity, view or field is an issue at its path, and nothing is published.
 * Real server, real PostgreSQL.
 */
import { ApiClient, startTestServer, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';

let t: TestServer;
let analyst: Person;
beforeAll(async () => {
  t = await startTestServer();
  analyst = await person(t, { role: 'analyst', prefix: 'layout-analyst' });
});
afterAll(async () => t?.stop());

const revision = async (): Promise<number> => (await analyst.api.get('/api/metadata/draft')).body.revision;
const versions = async (): Promise<number> => (await t.admin.get('/api/metadata/versions')).body.items.length;
const label = (en: string) => ({ 'zh-CN': en, en });

test('a technician signs in to the shipped field-service layout: their menu, home widgets and dispatch order sections', async () => {
  // Given a technician (the shipped layouts/field-service.json names their role)
  const tech = await person(t, { role: 'technician', prefix: 'layout-tech' });
  // When they ask who they are
  const me = (await tech.api.get('/api/auth/me')).body;
  // Then their layout comes with it: the menu in its order, records linked with their view
  expect(me.layout.name).toBe('field-service');
  expect(me.layout.navigation.map((e: { to: string }) => e.to)).toEqual([
    '/inbox',
    '/records/dispatchOrder?view=v:dispatchOrder-mine',
    '/records/serviceRequest',
    '/records/knowledgeArticle?view=v:knowledgeArticle-published',
    '/records/expenseClaim',
    '/notifications',
  ]);
  expect(me.layout.navigation[1].label.en).toBe('Dispatch orders');
  expect(me.layout.home).toEqual([
    { widget: 'my-tasks', rows: 5 },
    { widget: 'view', view: 'dispatchOrder-mine', rows: 5, entity: 'dispatchOrder' },
  ]);
  // And the dispatch order page groups the fields as the layout says, not as the entity does
  const order = (await tech.api.get('/api/metadata/entities/dispatchOrder')).body;
  expect(order.layout.sections.map((s: { key: string }) => s.key)).toEqual(['work', 'dispatch']);
  // While a sales rep, whose role no shipped layout names, gets none: the usual workspace
  const rep = await person(t, { role: 'sales-rep', prefix: 'layout-rep0' });
  expect((await rep.api.get('/api/auth/me')).body.layout).toBeNull();
  const opportunity = (await rep.api.get('/api/metadata/entities/opportunity')).body;
  expect(opportunity.layout.sections[0].key).toBe('deal');
});

test('a published layout: the role gets it, others the default one; entries and widgets they may not read are left out', async () => {
  // Given a layout for sales reps naming things a rep may not read (dispatch orders, service requests),
  // with the opportunity page's "context" section first; and a default layout for everyone else
  const sales = {
    roles: ['sales-rep'],
    navigation: [{ entity: 'opportunity', view: 'opportunity-pipeline', label: label('Deals') }, { area: 'inbox' }, { entity: 'dispatchOrder' }, { entity: 'account' }],
    home: [{ widget: 'pipeline' }, { widget: 'my-tasks' }, { widget: 'service-requests' }],
    records: {
      opportunity: {
        sections: [
          { key: 'context', label: label('Context'), fields: ['source', 'competitors'] },
          { key: 'deal', label: label('Deal'), fields: ['name', 'account', 'stage', 'amount'] },
        ],
      },
    },
  };
  const everyone = { roles: [], default: true, navigation: [{ area: 'inbox' }, { area: 'notifications' }] };
  let rev = await revision();
  for (const [name, document] of [['sales-test', sales], ['everyone-test', everyone]] as const) {
    const put = await analyst.api.put(`/api/metadata/draft/layouts/${name}`, { revision: rev, document });
    expect(put.status).toBe(200);
    expect(put.body.issues).toEqual([]);
    rev = put.body.revision;
  }
  const read = (await analyst.api.get('/api/metadata/draft/layouts/sales-test')).body.document;
  expect(Object.keys(read).slice(0, 2)).toEqual(['$schema', 'x-crm-ui-layout']);
  expect(read.$schema).toBe('../meta-schemas/layout.schema.json');
  // When it is published
  const published = await analyst.api.post('/api/metadata/draft/publish', { revision: rev });
  expect(published.status).toBe(201);

  // Then a rep's session has it, without the entries and widgets over records they may not read
  const rep = await person(t, { role: 'sales-rep', prefix: 'layout-rep' });
  const me = (await rep.api.get('/api/auth/me')).body;
  expect(me.layout.name).toBe('sales-test');
  expect(me.layout.navigation.map((e: { to: string }) => e.to)).toEqual(['/records/opportunity?view=v:opportunity-pipeline', '/inbox', '/records/account']);
  expect(me.layout.navigation[0].label).toEqual(label('Deals'));
  expect(me.layout.home.map((w: { widget: string }) => w.widget)).toEqual(['pipeline', 'my-tasks']);
  // And the API behind a left-out entry still refuses
  expect((await rep.api.get('/api/records/dispatchOrder')).status).toBe(403);
  // And the opportunity page has the section moved first (fields left out follow in the UI's last section)
  const opportunity = (await rep.api.get('/api/metadata/entities/opportunity')).body;
  expect(opportunity.layout.sections.map((s: { key: string }) => s.key)).toEqual(['context', 'deal']);
  // And sign-in answers the same layout as /me
  const login = await new ApiClient(t.url).login(rep.username, `${rep.username}-password`);
  expect(login.body.layout.name).toBe('sales-test');
  // A role no layout names gets the default one; the technician keeps their own
  const finance = await person(t, { role: 'finance', prefix: 'layout-fin' });
  expect((await finance.api.get('/api/auth/me')).body.layout).toEqual({ name: 'everyone-test', navigation: [{ area: 'inbox', to: '/inbox' }, { area: 'notifications', to: '/notifications' }] });
  const tech = await person(t, { role: 'technician', prefix: 'layout-tech2' });
  expect((await tech.api.get('/api/auth/me')).body.layout.name).toBe('field-service');
});

test('a layout naming an unknown role, entity, view, field or widget is refused at each path, and nothing is published', async () => {
  // Given a layout with one mistake of each kind
  const bad = {
    roles: ['sales-rep', 'astronaut', 'technician'],
    navigation: [{ entity: 'spaceship' }, { entity: 'account', view: 'opportunity-pipeline' }, { area: 'inbox' }],
    home: [{ widget: 'weather' }, { widget: 'view', view: 'nowhere' }],
    records: {
      opportunity: { sections: [{ key: 'deal', label: label('Deal'), fields: ['name', 'wechat'] }] },
      planet: { sections: [{ key: 'x', label: label('X'), fields: ['name'] }] },
    },
  };
  const before = await revision();
  // When an analyst checks it, then saves it
  const checked = (await analyst.api.post('/api/metadata/draft/layouts/broken/check', { document: bad })).body;
  expect(checked.valid).toBe(false);
  expect(await revision()).toBe(before);
  const put = await analyst.api.put('/api/metadata/draft/layouts/broken', { revision: before, document: bad });
  expect(put.status).toBe(200);
  // Then every problem names its place in the document
  const messages = Object.fromEntries(put.body.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
  expect(messages).toEqual({
    '/roles/0': expect.stringContaining('already has a layout in layouts/sales-test'),
    '/roles/1': 'unknown role "astronaut"',
    '/roles/2': expect.stringContaining('already has a layout in layouts/field-service'),
    '/navigation/0/entity': 'unknown entity "spaceship"',
    '/navigation/1/view': 'view "opportunity-pipeline" is a view of "opportunity", not of "account"',
    '/home/0/widget': expect.stringContaining('must be one of'),
    '/home/1/view': 'unknown view "nowhere"',
    '/records/opportunity/sections/0/fields/1': 'unknown field "wechat"',
    '/records/planet': 'unknown entity "planet"',
  });
  // And publishing is refused, with nothing published
  const n = await versions();
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: put.body.revision });
  expect(refused.status).toBe(422);
  expect(await versions()).toBe(n);
  // And a second default layout is one too many
  const twice = (await analyst.api.post('/api/metadata/draft/layouts/again/check', { document: { roles: [], default: true } })).body;
  expect(twice.issues).toEqual([expect.objectContaining({ path: '/default', message: 'layouts/everyone-test.json is already the default layout' })]);
  await analyst.api.delete(`/api/metadata/draft?revision=${put.body.revision}`);
});

test('a layout check reads in Chinese when the request accepts zh-CN: each issue coded, its params the same in either language', async () => {
  const bad = { roles: ['astronaut'], navigation: [{ entity: 'spaceship' }, { entity: 'account', view: 'opportunity-pipeline' }], home: [{ widget: 'view', view: 'nowhere' }], default: true };
  const path = '/api/metadata/draft/layouts/broken-zh/check';
  const en = (await analyst.api.post(path, { document: bad })).body.issues;
  const zh = (await analyst.api.post(path, { document: bad }, { 'Accept-Language': 'zh-CN' })).body.issues;
  const byPath = (issues: { path: string; code: string; message: string }[]) => Object.fromEntries(issues.map((i) => [i.path, [i.code, i.message]]));
  expect(byPath(zh)).toEqual({
    '/roles/0': ['unknown-role', '未知角色“astronaut”'],
    '/navigation/0/entity': ['unknown-entity', '未知实体“spaceship”'],
    '/navigation/1/view': ['layout-view-of-other-entity', '视图“opportunity-pipeline”是“opportunity”的视图，不是“account”的视图'],
    '/home/0/view': ['unknown-view', '未知视图“nowhere”'],
    '/default': ['layout-default-taken', 'layouts/everyone-test.json 已是默认布局'],
  });
  expect(byPath(en)['/default']).toEqual(['layout-default-taken', 'layouts/everyone-test.json is already the default layout']);
  expect(zh.map((i: { path: string; params?: object }) => [i.path, i.params])).toEqual(en.map((i: { path: string; params?: object }) => [i.path, i.params]));
});
