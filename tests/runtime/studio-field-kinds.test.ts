/**
 * The entity designer's computed and attachment fields (docs/studio.md, "Entity designer"): declared
 * in the draft, checked by validate, planned by the preview, published, then written and read
 * through the records API. Real server, real PostgreSQL.
 */
import { startTestServer, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';

let t: TestServer;
let analyst: Person;
beforeAll(async () => {
  t = await startTestServer();
  analyst = await person(t, { role: 'analyst', prefix: 'kinds' });
});
afterAll(async () => {
  await t?.stop();
});

const label = (en: string, zh: string) => ({ 'zh-CN': zh, en });
const draft = async () => (await analyst.api.get('/api/metadata/draft')).body;
const opportunityIn = (d: any) => structuredClone(d.documents.entities.find((e: any) => e['x-crm-entity'] === 'opportunity'));
const putOpportunity = (revision: number, document: unknown) => analyst.api.put('/api/metadata/draft/entities/opportunity', { revision, document });
const versions = async () => (await t.admin.get('/api/metadata/versions')).body.items.length;
const discard = async () => expect((await analyst.api.delete(`/api/metadata/draft?revision=${(await draft()).revision}`)).status).toBe(204);

async function account(): Promise<string> {
  const res = await t.admin.post('/api/records/account', { name: `Kinds ${Math.random().toString(36).slice(2)}` });
  expect(res.status).toBe(201);
  return res.body.id;
}

test('given an expression naming an unknown field, when validated, then the issue sits at that field and nothing is published', async () => {
  const d = await draft();
  const opp = opportunityIn(d);
  opp.properties.weighted = { type: 'number', 'x-crm-type': 'money', 'x-crm-computed': 'amount * chance / 100', 'x-crm-label': label('Weighted', '加权金额') };
  opp.properties.broken = { type: 'number', 'x-crm-computed': 'amount *', 'x-crm-label': label('Broken', '坏') };
  opp.properties.mistyped = { type: 'number', 'x-crm-computed': 'name + "!"', 'x-crm-label': label('Mistyped', '类型错') };
  // Tried without saving (the field dialog's live check): the same issues, the draft untouched.
  const tried = await analyst.api.post('/api/metadata/draft/validate', { document: opp });
  expect(tried.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/properties/weighted/x-crm-computed', field: 'weighted' })]));
  expect((await draft()).revision).toBe(d.revision);
  const saved = await putOpportunity(d.revision, opp);
  expect(saved.status).toBe(200);
  const byPath = Object.fromEntries(saved.body.issues.map((i: any) => [i.path, i]));
  expect(byPath['/properties/weighted/x-crm-computed']).toMatchObject({ field: 'weighted', message: expect.stringContaining('unknown field "chance"') });
  expect(byPath['/properties/broken/x-crm-computed'].message).toMatch(/does not parse/);
  expect(byPath['/properties/mistyped/x-crm-computed'].message).toMatch(/gives a string/);
  const n = await versions();
  expect((await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision })).status).toBe(422);
  expect(await versions()).toBe(n);
  await discard();
});

test('given a computed field published over existing records, then they are computed, writes keep it current, and writing it is a 400 naming it', async () => {
  const acc = await account();
  const before = await t.admin.post('/api/records/opportunity', { name: 'Before', account: acc, amount: 1000, probability: 40 });
  expect(before.status).toBe(201);

  const d = await draft();
  const opp = opportunityIn(d);
  opp.properties.weighted = { type: 'number', 'x-crm-type': 'money', 'x-crm-computed': 'amount * probability / 100', 'x-crm-label': label('Weighted amount', '加权金额') };
  const saved = await putOpportunity(d.revision, opp);
  expect(saved.body.issues).toEqual([]);
  const preview = (await analyst.api.post('/api/metadata/draft/preview', {})).body;
  const add = preview.actions.find((a: any) => a.field === 'weighted');
  expect(add.kind).toBe('add-computed-column');
  expect(add.sql.join(' ')).toMatch(/generated always as/);
  expect(add.impact.rows.live).toBeGreaterThanOrEqual(1);
  expect((await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision })).status).toBe(201);

  expect((await t.admin.get(`/api/records/opportunity/${before.body.id}`)).body.weighted).toBe(400);
  const created = await t.admin.post('/api/records/opportunity', { name: 'After', account: acc, amount: 250.5, probability: 10 });
  expect(created.status).toBe(201);
  expect(created.body.weighted).toBe(25.05);
  const updated = await t.admin.patch(`/api/records/opportunity/${created.body.id}`, { probability: 100 });
  expect(updated.body.weighted).toBe(250.5);
  const noAmount = await t.admin.patch(`/api/records/opportunity/${created.body.id}`, { amount: null });
  expect(noAmount.body.weighted).toBeNull();

  const written = await t.admin.patch(`/api/records/opportunity/${created.body.id}`, { weighted: 5 });
  expect(written.status).toBe(400);
  expect(written.body.errors).toEqual([expect.objectContaining({ path: '/weighted', message: expect.stringMatching(/computed/) })]);
  expect((await t.admin.post('/api/records/opportunity', { name: 'X', account: acc, weighted: 1 })).status).toBe(400);

  // Lists sort on it: it is a column.
  const sorted = await t.admin.get('/api/records/opportunity?sort=weighted:desc&limit=1');
  expect(sorted.status).toBe(200);
  const described = (await t.admin.get('/api/metadata/entities/opportunity')).body.fields.find((f: any) => f.name === 'weighted');
  expect(described).toMatchObject({ kind: 'money', readonly: true, computed: 'amount * probability / 100' });

  // A changed expression recomputes every record; the preview says so.
  const d2 = await draft();
  const opp2 = opportunityIn(d2);
  opp2.properties.weighted['x-crm-computed'] = 'decimal(amount * probability / 200, 0)';
  const saved2 = await putOpportunity(d2.revision, opp2);
  expect(saved2.body.issues).toEqual([]);
  const preview2 = (await analyst.api.post('/api/metadata/draft/preview', {})).body;
  expect(preview2.actions).toEqual([expect.objectContaining({ kind: 'set-computed', field: 'weighted', impact: expect.objectContaining({ rows: expect.anything() }) })]);
  expect((await analyst.api.post('/api/metadata/draft/publish', { revision: saved2.body.revision })).status).toBe(201);
  expect((await t.admin.get(`/api/records/opportunity/${before.body.id}`)).body.weighted).toBe(200);

  // A written field cannot become computed: its values would be replaced.
  const d3 = await draft();
  const opp3 = opportunityIn(d3);
  opp3.properties.lostReason = { ...opp3.properties.lostReason, 'x-crm-computed': 'name' };
  const saved3 = await putOpportunity(d3.revision, opp3);
  expect(saved3.body.issues).toEqual([]);
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: saved3.body.revision });
  expect(refused.status).toBe(422);
  expect(refused.body.errors[0].path).toBe('entities/opportunity/properties/lostReason');
  await discard();
});

/** A file added to a record through the attachments API (multipart, as the browser sends it). */
async function upload(p: Person, entity: string, id: string, name: string): Promise<string> {
  const { token } = await t.server.auth.createApiToken(p.id, 'kinds');
  const form = new FormData();
  form.append('file', new Blob([new TextEncoder().encode(`content of ${name}`)], { type: 'text/plain' }), name);
  const res = await fetch(`${t.url}/api/records/${entity}/${id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test('given attachment fields (one file, several files), then they hold only attachments of their own record: another record\'s file is a 400 at the field, nothing changes', async () => {
  const d = await draft();
  const opp = opportunityIn(d);
  opp.properties.contract = { type: 'string', 'x-crm-type': 'attachment', 'x-crm-label': label('Contract', '合同') };
  opp.properties.files = { type: 'array', 'x-crm-type': 'attachment', items: { type: 'string', format: 'uuid' }, 'x-crm-label': label('Files', '文件') };
  const saved = await putOpportunity(d.revision, opp);
  expect(saved.body.issues).toEqual([]);
  const preview = (await analyst.api.post('/api/metadata/draft/preview', {})).body;
  expect(preview.actions.filter((a: any) => a.kind === 'add-column').map((a: any) => a.summary)).toEqual(
    expect.arrayContaining([expect.stringMatching(/contract uuid$/), expect.stringMatching(/files uuid\[\]$/)]),
  );
  expect((await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision })).status).toBe(201);
  const described = (await t.admin.get('/api/metadata/entities/opportunity')).body.fields;
  expect(described.find((f: any) => f.name === 'files')).toMatchObject({ kind: 'attachment', multiple: true });
  expect(described.find((f: any) => f.name === 'contract')).toMatchObject({ kind: 'attachment', multiple: false });

  const rep = await person(t, { role: 'sales-rep', prefix: 'kinds-rep' });
  const acc = (await rep.api.post('/api/records/account', { name: `Files ${Math.random().toString(36).slice(2)}` })).body.id;
  const mine = (await rep.api.post('/api/records/opportunity', { name: 'Mine', account: acc })).body;
  const other = (await rep.api.post('/api/records/opportunity', { name: 'Other', account: acc })).body;
  const [a1, a2, foreign] = [await upload(rep, 'opportunity', mine.id, 'a1.txt'), await upload(rep, 'opportunity', mine.id, 'a2.txt'), await upload(rep, 'opportunity', other.id, 'b.txt')];

  const set = await rep.api.patch(`/api/records/opportunity/${mine.id}`, { contract: a1, files: [a1, a2] });
  expect(set.status).toBe(200);
  expect(set.body).toMatchObject({ contract: a1, files: [a1, a2] });

  const single = await rep.api.patch(`/api/records/opportunity/${mine.id}`, { contract: foreign });
  expect(single.status).toBe(400);
  expect(single.body.errors).toEqual([expect.objectContaining({ path: '/contract' })]);
  const several = await rep.api.patch(`/api/records/opportunity/${mine.id}`, { files: [a2, foreign] });
  expect(several.status).toBe(400);
  expect(several.body.errors).toEqual([expect.objectContaining({ path: '/files/1' })]);
  const created = await rep.api.post('/api/records/opportunity', { name: 'New', account: acc, files: [a1] });
  expect(created.status).toBe(400);
  expect(created.body.errors).toEqual([expect.objectContaining({ path: '/files/0' })]);
  const notAnId = await rep.api.patch(`/api/records/opportunity/${mine.id}`, { contract: 'x' });
  expect(notAnId.status).toBe(400);
  expect(notAnId.body.errors[0].path).toBe('/contract');
  expect((await rep.api.get(`/api/records/opportunity/${mine.id}`)).body).toMatchObject({ contract: a1, files: [a1, a2], version: set.body.version });
});

test('given a new entity with a computed field, when published, then its table computes it from the first record on', async () => {
  const d = await draft();
  const document = {
    type: 'object',
    'x-crm-label': label('Pledge', '认捐'),
    properties: {
      name: { type: 'string', maxLength: 100, 'x-crm-label': label('Name', '名称') },
      amount: { type: 'number', 'x-crm-type': 'money', 'x-crm-label': label('Amount', '金额') },
      months: { type: 'integer', 'x-crm-label': label('Months', '月数') },
      monthly: { type: 'number', 'x-crm-type': 'money', 'x-crm-computed': 'decimal(amount / months, 2)', 'x-crm-label': label('Monthly', '每月') },
      big: { type: 'boolean', 'x-crm-computed': 'amount >= 1000', 'x-crm-label': label('Big', '大额') },
    },
  };
  const saved = await analyst.api.put('/api/metadata/draft/entities/pledge', { revision: d.revision, document });
  expect(saved.body.issues).toEqual([]);
  const preview = (await analyst.api.post('/api/metadata/draft/preview', {})).body;
  expect(preview.actions.find((a: any) => a.kind === 'create-table').sql.join(' ')).toMatch(/"?monthly"? numeric\(18,2\) generated always as/);
  expect((await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision })).status).toBe(201);
  const created = await t.admin.post('/api/records/pledge', { name: 'P', amount: 1200, months: 0 });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ monthly: null, big: true }); // division by zero is null, as in FEEL
  expect((await t.admin.patch(`/api/records/pledge/${created.body.id}`, { months: 7 })).body).toMatchObject({ monthly: 171.43 });
});
