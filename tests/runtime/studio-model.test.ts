/**
 * The entity designer's API (docs/studio.md): one shared draft with revisions, validation tied to
 * documents and fields, a preview that shows the DDL and the data it touches, publish, versions with
 * diffs, and export/import in metadata/'s own file format. Real server, real PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_METADATA_DIR } from '../../metadata/index.js';
import { DEFAULT_FORMS_DIR } from '../../forms/index.js';
import { readZip } from '../../runtime/studio-model/index.js';
import { startTestServer, type TestServer } from '../support/harness.js';
import { person, events, type Person } from '../support/people.js';

let t: TestServer;
let analyst: Person;
beforeAll(async () => {
  t = await startTestServer();
  analyst = await person(t, { role: 'analyst', prefix: 'designer' });
});
afterAll(async () => {
  await t?.stop();
});

const draft = async () => (await analyst.api.get('/api/metadata/draft')).body;
const contactIn = (d: any) => structuredClone(d.documents.entities.find((e: any) => e['x-crm-entity'] === 'contact'));
const putContact = (revision: number, document: unknown) => analyst.api.put('/api/metadata/draft/entities/contact', { revision, document });
const versions = async () => (await t.admin.get('/api/metadata/versions')).body.items.length;
const discard = async () => expect((await analyst.api.delete(`/api/metadata/draft?revision=${(await draft()).revision}`)).status).toBe(204);

test('given the shipped version, when it is exported, then every file equals metadata/ byte for byte, and importing it changes nothing', async () => {
  const zip = await analyst.api.request('GET', '/api/metadata/versions/1/export');
  expect(zip.headers.get('content-type')).toBe('application/zip');
  const raw = await fetch(`${t.url}/api/metadata/versions/1/export`, { headers: { cookie: '' } });
  expect(raw.status).toBe(401);
  const res = await fetch(`${t.url}/api/metadata/draft/export?format=json`, { headers: await cookieOf(analyst) });
  const bundle = (await res.json()) as { files: Record<string, string> };
  const paths = Object.keys(bundle.files);
  expect(paths).toContain('entities/contact.json');
  expect(paths).toContain('forms/expense-approve.json');
  for (const p of paths) expect(bundle.files[p]).toBe(readFileSync(shippedFile(p), 'utf8'));
  const exportZip = async () => Buffer.from(await (await fetch(`${t.url}/api/metadata/versions/1/export`, { headers: await cookieOf(analyst) })).arrayBuffer());
  const bytes = await exportZip();
  expect((await exportZip()).equals(bytes)).toBe(true); // fixed timestamps: the same package, the same bytes
  const zipped = readZip(bytes);
  expect(zipped.map((e) => e.path).sort()).toEqual([...paths].sort());
  for (const e of zipped) expect(e.data.equals(readFileSync(shippedFile(e.path)))).toBe(true);

  const imported = await analyst.api.post('/api/metadata/draft/import', { revision: 0, files: bundle.files });
  expect(imported.status).toBe(200);
  expect(imported.body.changes).toEqual([]);
  await discard();
});

/** A bundle path's shipped file: forms/<id>.json in the forms folder (FORMS_DIR), the rest in metadata/. */
const shippedFile = (p: string) => (p.startsWith('forms/') ? join(DEFAULT_FORMS_DIR, p.slice('forms/'.length)) : join(DEFAULT_METADATA_DIR, p));

/** The analyst's session cookie, for reading binary responses with fetch. */
async function cookieOf(p: Person): Promise<Record<string, string>> {
  return { cookie: (p.api as any).cookie as string };
}

test('a bad import is refused naming file and path; the draft is unchanged', async () => {
  const before = await draft();
  const contact = contactIn(before);
  contact.properties.email.maxLength = -1;
  const res = await analyst.api.post('/api/metadata/draft/import', {
    revision: before.revision,
    files: { 'entities/contact.json': JSON.stringify(contact), 'views/broken.json': '{ not json', 'notes/readme.json': '{}' },
  });
  expect(res.status).toBe(422);
  const where = res.body.issues.map((i: any) => `${i.file}#${i.path}`);
  expect(where).toEqual(expect.arrayContaining(['entities/contact.json#/properties/email/maxLength', 'views/broken.json#', 'notes/readme.json#']));
  expect(res.body.issues.find((i: any) => i.path === '/properties/email/maxLength').field).toBe('email');
  expect((await draft()).revision).toBe(before.revision);
});

test('draft edits are revisioned: a stale revision is refused (409), validation names the field, and nothing is published', async () => {
  const start = await draft();
  const contact = contactIn(start);
  contact.properties.wechatId = { type: 'string', maxLength: 64, 'x-crm-label': { 'zh-CN': '微信号', en: 'WeChat ID' } };
  const first = await putContact(start.revision, contact);
  expect(first.status).toBe(200);
  expect(first.body.issues).toEqual([]);
  const other = await person(t, { role: 'analyst', prefix: 'designer-two' });
  const stale = await other.api.put('/api/metadata/draft/entities/contact', { revision: start.revision, document: contactIn(start) });
  expect(stale.status).toBe(409);
  expect(stale.body.currentRevision).toBe(first.body.revision);
  expect(contactIn(await draft()).properties.wechatId).toBeDefined();

  // An invalid document is kept in the draft (to fix), its issues tied to the fields.
  const bad = contactIn(await draft());
  bad.properties.wechatId.maxLength = 'long';
  bad['x-crm-unique'] = [{ fields: ['weChat'] }];
  const saved = await putContact(first.body.revision, bad);
  expect(saved.status).toBe(200);
  const validation = (await analyst.api.post('/api/metadata/draft/validate', {})).body;
  expect(validation.valid).toBe(false);
  const byPath = Object.fromEntries(validation.issues.map((i: any) => [i.path, i]));
  expect(byPath['/properties/wechatId/maxLength']).toMatchObject({ file: 'entities/contact.json', document: 'contact', field: 'wechatId' });
  expect(byPath['/x-crm-unique/0/fields/0']).toMatchObject({ field: 'weChat' });
  const n = await versions();
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision });
  expect(refused.status).toBe(422);
  expect((await analyst.api.post('/api/metadata/draft/preview', {})).status).toBe(422);
  expect(await versions()).toBe(n);
  expect((await events(t, 'metadata.draft.change', 'metadata-draft:entities/contact.json')).length).toBeGreaterThanOrEqual(2);

  const rep = await person(t, { role: 'sales-rep', prefix: 'designer-rep' });
  expect((await rep.api.get('/api/metadata/draft')).status).toBe(403);
  expect((await rep.api.post('/api/metadata/draft/publish', { revision: saved.body.revision })).status).toBe(403);
  await discard();
  expect((await draft()).revision).toBe(0);
});

test('preview shows the DDL and existing duplicates that would block a unique rule; publishing it is refused with nothing changed', async () => {
  for (const title of ['Buyer', 'Buyer']) expect((await t.admin.post('/api/records/contact', { firstName: 'Dup', lastName: 'Licate', title })).status).toBe(201);
  const d = await draft();
  const contact = contactIn(d);
  contact['x-crm-unique'] = [{ fields: ['title'] }];
  const saved = await putContact(d.revision, contact);
  const preview = (await analyst.api.post('/api/metadata/draft/preview', {})).body;
  const index = preview.actions.find((a: any) => a.kind === 'create-index' && a.entity === 'contact');
  expect(index.sql.join(' ')).toMatch(/create unique index/i);
  expect(index.impact.rows.live).toBeGreaterThanOrEqual(2);
  expect(index.impact.duplicates.groups).toBe(1);
  expect(index.impact.duplicates.examples[0]).toMatchObject({ title: 'Buyer', n: 2 });
  expect(preview.blocked).toBe(true);
  const n = await versions();
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision });
  expect(refused.status).toBe(422);
  expect(refused.body.errors[0].path).toBe('entities/contact/x-crm-unique/0');
  expect(await versions()).toBe(n);
  await discard();
});

test('a lossy type change is refused at preview and publish; the draft stays to be fixed', async () => {
  const d = await draft();
  const contact = contactIn(d);
  contact.properties.title = { type: 'integer', 'x-crm-label': contact.properties.title['x-crm-label'] };
  const saved = await putContact(d.revision, contact);
  const preview = (await analyst.api.post('/api/metadata/draft/preview', {})).body;
  expect(preview.refusals).toEqual([expect.objectContaining({ entity: 'contact', field: 'title' })]);
  const n = await versions();
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision });
  expect(refused.status).toBe(422);
  expect(refused.body.errors[0].path).toBe('entities/contact/properties/title');
  expect(await versions()).toBe(n);
  expect((await draft()).revision).toBe(saved.body.revision);
  await discard();
});

test('publishing the draft adds the column and unique index, clears the draft, and the version diff names the field', async () => {
  const d = await draft();
  const contact = contactIn(d);
  contact.properties.wechatId = { type: 'string', maxLength: 64, 'x-crm-label': { 'zh-CN': '微信号', en: 'WeChat ID' } };
  contact['x-crm-unique'] = [{ fields: ['wechatId'] }];
  const saved = await putContact(d.revision, contact);
  // Meanwhile an administrator publishes another document: the draft is rebased, not reverting it.
  const template = (await t.admin.get('/api/metadata/templates/lead-assigned')).body;
  expect((await t.admin.put('/api/metadata/templates/lead-assigned', { ...template, description: 'changed while the draft was open' })).status).toBe(200);
  const preview = (await analyst.api.post('/api/metadata/draft/preview', {})).body;
  expect(preview.actions.map((a: any) => a.kind)).toEqual(['add-column', 'create-index']);
  expect(preview.actions[0].sql.join(' ')).toMatch(/wechat_id/);
  expect(preview.blocked).toBe(false);
  const published = await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision });
  expect(published.status).toBe(201);
  const after = await draft();
  expect(after).toMatchObject({ revision: 0, baseVersion: published.body.version, changes: [] });

  const created = await t.admin.post('/api/records/contact', { firstName: 'Wei', lastName: 'Chat', wechatId: 'wx-1' });
  expect(created.status).toBe(201);
  const again = await t.admin.post('/api/records/contact', { firstName: 'Wei', lastName: 'Two', wechatId: 'wx-1' });
  expect(again.status).toBe(409);

  const diff = (await analyst.api.get(`/api/metadata/versions/${published.body.version}/diff`)).body;
  expect(diff.documents).toHaveLength(1);
  expect(diff.documents[0]).toMatchObject({ file: 'entities/contact.json', change: 'changed' });
  expect(diff.documents[0].summary).toEqual(expect.arrayContaining([{ op: 'field-added', field: 'wechatId' }, { op: 'member-added', member: 'x-crm-unique' }]));
  expect(diff.documents[0].patch).toMatch(/\+\s+"wechatId": \{/);
  const version = (await analyst.api.get(`/api/metadata/versions/${published.body.version}`)).body;
  expect(version.publishedBy).toBe(analyst.username);
  expect(version.documents.templates.find((x: any) => x['x-crm-template'] === 'lead-assigned').description).toBe('changed while the draft was open');
  // Documents nobody changed keep their files byte for byte, through the administrator's republish too.
  const files = (await analyst.api.get(`/api/metadata/versions/${published.body.version}/export?format=json`)).body.files;
  expect(files['entities/account.json']).toBe(readFileSync(join(DEFAULT_METADATA_DIR, 'entities/account.json'), 'utf8'));
  expect(files['entities/contact.json']).not.toBe(readFileSync(join(DEFAULT_METADATA_DIR, 'entities/contact.json'), 'utf8'));
});

test('in Chinese (Accept-Language: zh-CN): an entity\'s problems, a lossy change\'s refusal at preview and publish, and the planned actions read in Chinese; without the header, in English', async () => {
  const zh = { 'Accept-Language': 'zh-CN,zh;q=0.9' };
  const d = await draft();
  const contact = contactIn(d);
  contact['x-crm-display-field'] = 'ghost';
  contact.properties.score = { type: 'number', 'x-crm-label': { 'zh-CN': '评分', en: 'Score' }, 'x-crm-computed': 'firstName' };
  const saved = await analyst.api.put('/api/metadata/draft/entities/contact', { revision: d.revision, document: contact }, zh);
  expect(saved.status).toBe(200);
  const said = (issues: { path: string; code: string; message: string }[]) => Object.fromEntries(issues.map((i) => [i.path, [i.code, i.message]]));
  expect(said(saved.body.issues)).toEqual({
    '/x-crm-display-field': ['unknown-field', '未知字段“ghost”'],
    '/properties/score/x-crm-computed': ['computed-result-type', '表达式的结果是文本，但该字段存放的是数字'],
  });
  const en = (await analyst.api.post('/api/metadata/draft/validate', {})).body.issues;
  expect(said(en)['/properties/score/x-crm-computed']).toEqual(['computed-result-type', 'gives a string, but the field holds a number']);
  const invalid = await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision }, zh);
  expect(invalid.status).toBe(422);
  expect(invalid.body.errors).toContainEqual({ path: 'entities/contact.json#/x-crm-display-field', message: '未知字段“ghost”' });

  // Valid, but turning job titles into numbers could lose data.
  const lossy = contactIn(d);
  lossy.properties.title = { type: 'integer', 'x-crm-label': lossy.properties.title['x-crm-label'] };
  const fixed = await putContact(saved.body.revision, lossy);
  expect(fixed.body.issues).toEqual([]);
  const refusal = /^contact\.title：把 varchar\(100\) 改为 \w+ 可能丢失数据：有些值可能无法转换；如需继续，请添加迁移 /;
  const preview = (await analyst.api.post('/api/metadata/draft/preview', {}, zh)).body;
  expect(preview.refusals).toEqual([expect.objectContaining({ entity: 'contact', field: 'title', code: 'publish-needs-migration', message: expect.stringMatching(refusal) })]);
  const n = await versions();
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: fixed.body.revision }, zh);
  expect(refused.status).toBe(422);
  expect(refused.body.refusals).toEqual([expect.objectContaining({ code: 'publish-needs-migration', message: expect.stringMatching(refusal) })]);
  expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'entities/contact/properties/title', code: 'publish-needs-migration', message: expect.stringMatching(refusal) })]);
  expect((await analyst.api.post('/api/metadata/draft/publish', { revision: fixed.body.revision })).body.errors[0].message).toMatch(/^contact\.title: changing varchar\(100\) to \w+ could lose data: values may not convert; to go ahead/);
  expect(await versions()).toBe(n);

  // With a migration, the plan's actions say what they will do in the request's language.
  const migrations = [{ entity: 'contact', field: 'title', using: 'cast' }];
  const planned = (await analyst.api.post('/api/metadata/draft/preview', { migrations }, zh)).body.actions;
  expect(planned).toEqual([expect.objectContaining({ kind: 'migrate-column', code: 'publish-cast-column', summary: expect.stringMatching(/^将 crm\.contact\.title 从 varchar\(100\) 转换为 \w+（cast：逐个转换每个值，有任何值无法转换则发布失败）$/) })]);
  const english = (await analyst.api.post('/api/metadata/draft/preview', { migrations })).body.actions;
  expect(english[0].summary).toMatch(/^convert crm\.contact\.title from varchar\(100\) to \w+ \(cast: /);
  await discard();
});
