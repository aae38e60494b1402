/**
 * The draft's views and triggers (runtime/studio-model/documents.ts): a studio user lists, reads,
 * changes, checks and removes them; problems come back with the document and the field they
 * concern; a document named other than its path, a bad name and a stale revision are 4xx changing
 * nothing; other users get 403. Real server, real PostgreSQL.
 */
import { startTestServer, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';

let t: TestServer;
let analyst: Person;
let rep: Person;
beforeAll(async () => {
  t = await startTestServer();
  analyst = await person(t, { role: 'analyst', prefix: 'docsanalyst' });
  rep = await person(t, { role: 'sales-rep', prefix: 'docsrep' });
});
afterAll(async () => t?.stop());

const revision = async (): Promise<number> => (await analyst.api.get('/api/metadata/draft')).body.revision;

test('a view of the draft is listed, read, checked without saving, replaced and removed; its problems name the column', async () => {
  const list = await analyst.api.get('/api/metadata/draft/views');
  expect(list.status).toBe(200);
  expect(list.body.items.map((i: { name: string }) => i.name)).toContain('opportunity-pipeline');
  const { document } = (await analyst.api.get('/api/metadata/draft/views/opportunity-pipeline')).body;
  expect(document.entity).toBe('opportunity');

  const wide = { ...document, columns: [...document.columns, 'nonsense'] };
  const before = await revision();
  const checked = await analyst.api.post('/api/metadata/draft/views/opportunity-pipeline/check', { document: wide });
  expect(checked.body.valid).toBe(false);
  expect(checked.body.issues).toEqual([expect.objectContaining({ path: `/columns/${document.columns.length}`, field: 'nonsense', document: 'opportunity-pipeline' })]);
  expect(await revision()).toBe(before);

  const mine = { entity: 'opportunity', label: { 'zh-CN': '我的大单', en: 'My big deals' }, columns: ['name', 'amount'], sort: [{ field: 'amount', direction: 'desc' }] };
  const put = await analyst.api.put('/api/metadata/draft/views/opportunity-big', { revision: before, document: mine });
  expect(put.status).toBe(200);
  expect(put.body.issues).toEqual([]);
  const read = (await analyst.api.get('/api/metadata/draft/views/opportunity-big')).body;
  expect(read.document).toEqual({ $schema: '../meta-schemas/view.schema.json', 'x-crm-view': 'opportunity-big', ...mine });
  const diff = (await analyst.api.get('/api/metadata/draft/diff')).body.documents;
  expect(diff.map((d: { file: string; change: string }) => `${d.change} ${d.file}`)).toEqual(['added views/opportunity-big.json']);

  const removed = await analyst.api.delete(`/api/metadata/draft/views/opportunity-big?revision=${put.body.revision}`);
  expect(removed.status).toBe(200);
  expect((await analyst.api.get('/api/metadata/draft/views/opportunity-big')).status).toBe(404);
  expect((await analyst.api.delete(`/api/metadata/draft?revision=${removed.body.revision}`)).status).toBe(204);
});

test('problems are coded and said in the language the request accepts: Chinese for zh-CN, English without the header', async () => {
  const { document } = (await analyst.api.get('/api/metadata/draft/views/opportunity-pipeline')).body;
  const broken = { ...document, columns: [...document.columns, 'nonsense'], defaultFor: ['nobody'], surprise: 1 };
  const path = '/api/metadata/draft/views/opportunity-pipeline/check';
  const en = (await analyst.api.post(path, { document: broken })).body.issues;
  const zh = (await analyst.api.post(path, { document: broken }, { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5' })).body.issues;
  const byCode = (issues: { code: string; message: string }[], code: string) => issues.find((i) => i.code === code)?.message;
  expect(byCode(en, 'unknown-entity-field')).toBe('unknown field "nonsense" of entity "opportunity"');
  expect(byCode(zh, 'unknown-entity-field')).toBe('实体“opportunity”没有字段“nonsense”');
  expect(byCode(en, 'unknown-role')).toBe('unknown role "nobody"');
  expect(byCode(zh, 'unknown-role')).toBe('未知角色“nobody”');
  expect(byCode(zh, 'unknown-member')).toBe('此处不允许（未知成员）');
  // The same issues otherwise: paths, codes and params do not depend on the language.
  expect(zh.map((i: { path: string; code: string; params?: object }) => [i.path, i.code, i.params])).toEqual(en.map((i: { path: string; code: string; params?: object }) => [i.path, i.code, i.params]));

  // A meta-schema verdict of ajv's own (a wrong type) is worded by ajv-i18n in Chinese.
  const typed = (await analyst.api.post(path, { document: { ...document, columns: 'name' } }, { 'Accept-Language': 'zh-CN' })).body.issues;
  expect(typed).toEqual([expect.objectContaining({ path: '/columns', code: 'schema', params: expect.objectContaining({ keyword: 'type' }), message: '应当是 array 类型' })]);

  // A refused publish: the problem's issues and errors in the request's language.
  const put = await analyst.api.put('/api/metadata/draft/views/opportunity-pipeline', { revision: await revision(), document: broken });
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: put.body.revision }, { 'Accept-Language': 'zh-CN' });
  expect(refused.status).toBe(422);
  expect(refused.body.issues.map((i: { message: string }) => i.message)).toContain('未知角色“nobody”');
  expect(refused.body.errors).toContainEqual({ path: 'views/opportunity-pipeline.json#/defaultFor/0', message: '未知角色“nobody”' });
  expect((await analyst.api.delete(`/api/metadata/draft?revision=${put.body.revision}`)).status).toBe(204);
});

test('a trigger of the draft: a condition on a missing field is an issue at that criterion, named by its field', async () => {
  const { document } = (await analyst.api.get('/api/metadata/draft/triggers/lead-created')).body;
  const broken = { ...document, condition: { and: [{ field: 'nowhere', op: 'eq', value: 1 }] } };
  const checked = (await analyst.api.post('/api/metadata/draft/triggers/lead-created/check', { document: broken })).body;
  expect(checked.valid).toBe(false);
  expect(checked.issues[0]).toEqual(expect.objectContaining({ document: 'lead-created', field: 'nowhere' }));
  expect(checked.issues[0].path).toMatch(/^\/condition\/and\/0/);
});

test('a trigger condition the records filter refuses (a value outside the field\'s enum) is an issue at that criterion, and publishing is refused: each write of the entity would fail', async () => {
  const { document } = (await analyst.api.get('/api/metadata/draft/triggers/lead-created')).body;
  const broken = { ...document, condition: { and: [{ field: 'industry', op: 'eq', value: 'retail' }] } };
  const checked = (await analyst.api.post('/api/metadata/draft/triggers/lead-created/check', { document: broken })).body;
  expect(checked.valid).toBe(false);
  expect(checked.issues).toEqual([expect.objectContaining({ document: 'lead-created', field: 'industry', path: expect.stringMatching(/^\/condition\/and\/0/) })]);
  const versions = (await t.admin.get('/api/metadata/versions')).body.items.length;
  const put = await analyst.api.put('/api/metadata/draft/triggers/lead-created', { revision: await revision(), document: broken });
  expect(put.body.issues).toHaveLength(1);
  const published = await analyst.api.post('/api/metadata/draft/publish', { revision: put.body.revision });
  expect(published.status).toBe(422);
  expect((await t.admin.get('/api/metadata/versions')).body.items.length).toBe(versions);
  expect((await analyst.api.delete(`/api/metadata/draft?revision=${put.body.revision}`)).status).toBe(204);
});

test('bad requests change nothing: a document named other than its path, a bad name, a stale revision; other users get 403', async () => {
  const before = await revision();
  const named = await analyst.api.put('/api/metadata/draft/views/opportunity-x', { revision: before, document: { 'x-crm-view': 'other', entity: 'opportunity', label: { 'zh-CN': 'x', en: 'x' }, columns: ['name'] } });
  expect(named.status).toBe(400);
  expect(named.body.errors).toEqual([expect.objectContaining({ path: '/document/x-crm-view' })]);
  const badName = await analyst.api.put('/api/metadata/draft/triggers/Bad_Name', { revision: before, document: {} });
  expect(badName.status).toBe(400);
  expect(badName.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);
  const stale = await analyst.api.put('/api/metadata/draft/views/opportunity-x', { revision: before + 7, document: { entity: 'opportunity', label: { 'zh-CN': 'x', en: 'x' }, columns: ['name'] } });
  expect(stale.status).toBe(409);
  expect(await revision()).toBe(before);
  expect((await rep.api.get('/api/metadata/draft/views')).status).toBe(403);
  expect((await rep.api.post('/api/metadata/draft/triggers/lead-created/check', { document: {} })).status).toBe(403);
});
