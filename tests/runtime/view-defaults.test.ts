/**
 * Per-role default views and grouped views (runtime/views/default-view.ts, metadata/checks/views.ts):
 * an analyst publishes a view of opportunities grouped by stage as the sales reps' default; a rep's
 * `GET /api/metadata/views` names it as the one to open, other roles keep the entity's default; the
 * groups' counts come from the aggregate endpoint over the view's filter, in the list's order. An
 * unknown role or grouping field is an issue at its path and nothing is published. Real server,
 * real PostgreSQL.
 */
import { startTestServer, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';

let t: TestServer;
let analyst: Person;
let rep: Person;
let manager: Person;
beforeAll(async () => {
  t = await startTestServer();
  analyst = await person(t, { role: 'analyst', prefix: 'vdanalyst' });
  rep = await person(t, { role: 'sales-rep', prefix: 'vdrep' });
  manager = await person(t, { role: 'sales-manager', prefix: 'vdmanager' });
});
afterAll(async () => t?.stop());

const revision = async (): Promise<number> => (await analyst.api.get('/api/metadata/draft')).body.revision;
const latestVersion = async (): Promise<number> => (await analyst.api.get('/api/metadata/versions')).body.items[0].version;

const repView = {
  entity: 'opportunity',
  label: { 'zh-CN': '我的商机（按阶段）', en: 'My deals by stage' },
  columns: ['name', 'account.name', 'amount', 'stage'],
  filter: { field: 'stage', op: 'ne', value: 'lost' },
  sort: [{ field: 'amount', direction: 'desc' }],
  groupBy: 'stage',
  defaultFor: ['sales-rep'],
};

test('a view published as the sales reps\' default opens for reps; other roles keep the default view', async () => {
  // Given the analyst's view in the draft, published
  const put = await analyst.api.put('/api/metadata/draft/views/opportunity-rep-stages', { revision: await revision(), document: repView });
  expect(put.body.issues).toEqual([]);
  const published = await analyst.api.post('/api/metadata/draft/publish', { revision: put.body.revision });
  expect(published.status).toBe(201);

  // When each asks which views the opportunities list has, then a rep opens the rep view, a manager the default one
  const forRep = (await rep.api.get('/api/metadata/views?entity=opportunity')).body;
  expect(forRep.defaults).toEqual({ opportunity: 'opportunity-rep-stages' });
  expect(forRep.views.find((v: { 'x-crm-view': string }) => v['x-crm-view'] === 'opportunity-rep-stages')).toMatchObject({ groupBy: 'stage', defaultFor: ['sales-rep'] });
  expect((await manager.api.get('/api/metadata/views?entity=opportunity')).body.defaults).toEqual({ opportunity: 'opportunity-pipeline' });
  expect((await t.admin.get('/api/metadata/views')).body.defaults).toMatchObject({ opportunity: 'opportunity-pipeline', account: 'account-all' });
});

test('a grouped view\'s list is ordered by its group, and each group\'s count is the aggregate over the view\'s filter', async () => {
  // Given three deals of the rep's: two at intent, one moved to negotiation, one lost
  const account = (await rep.api.post('/api/records/account', { name: 'Grouped views Ltd' })).body;
  const make = async (name: string, amount: number) => (await rep.api.post('/api/records/opportunity', { name, account: account.id, amount })).body;
  await make('GV small', 100);
  await make('GV big', 900);
  const moved = await make('GV moved', 500);
  expect((await rep.api.patch(`/api/records/opportunity/${moved.id}`, { stage: 'negotiation', version: moved.version })).status).toBe(200);
  const lost = await make('GV lost', 50);
  expect((await rep.api.patch(`/api/records/opportunity/${lost.id}`, { stage: 'lost', version: lost.version })).status).toBe(200);

  // When the list is read as the grouped view reads it (group field first, then the view's sort) with the groups' counts
  const list = (await rep.api.post('/api/records/opportunity/query', { filter: repView.filter, sort: [{ field: 'stage', direction: 'asc' }, ...repView.sort], expand: ['account'] })).body;
  const counts = (await rep.api.get(`/api/records/opportunity/aggregate?groupBy=stage&metrics=count&filter=${encodeURIComponent(JSON.stringify(repView.filter))}`)).body;

  // Then the records come group by group, and the counts are the groups' sizes
  expect(list.items.map((r: { name: string; stage: string }) => `${r.stage} ${r.name}`)).toEqual(['intent GV big', 'intent GV small', 'negotiation GV moved']);
  expect(counts.groups).toEqual([
    { key: { stage: 'intent' }, values: { count: 2 } },
    { key: { stage: 'negotiation' }, values: { count: 1 } },
  ]);
});

test('an unknown role or grouping field is an issue at its path; publishing refuses it and no version is made', async () => {
  const before = await latestVersion();
  const bad = { ...repView, groupBy: 'nowhere', defaultFor: ['sales-rep', 'intern'] };
  const checked = (await analyst.api.post('/api/metadata/draft/views/opportunity-rep-stages/check', { document: bad })).body;
  expect(checked.valid).toBe(false);
  expect(checked.issues).toEqual([
    expect.objectContaining({ path: '/groupBy', field: 'nowhere', message: 'unknown field "nowhere" of entity "opportunity"' }),
    expect.objectContaining({ path: '/defaultFor/1', message: 'unknown role "intern"' }),
  ]);
  const put = await analyst.api.put('/api/metadata/draft/views/opportunity-rep-stages', { revision: await revision(), document: bad });
  expect(put.body.issues).toHaveLength(2);
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: put.body.revision });
  expect(refused.status).toBe(422);
  expect(await latestVersion()).toBe(before);
  expect((await rep.api.get('/api/metadata/views?entity=opportunity')).body.views.find((v: { 'x-crm-view': string }) => v['x-crm-view'] === 'opportunity-rep-stages').groupBy).toBe('stage');
});
