/**
 * Task forms as documents of the metadata package (docs/adr/0002): start-up publishes the forms
 * folder with metadata/, the studio's draft holds them (checked by path and field, in the context
 * of the entities), publishing makes a changed form live for the task API without a restart, a
 * form that breaks is refused with nothing published, and export/import carry forms/<id>.json.
 * Real server, real PostgreSQL; fixture form lead-review (tests/runtime/tasks-fixture).
 */
import { startTestServer, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { TASK_FORMS_DIR, TASK_PROCESSES_DIR, taskMetadataDir } from '../support/tasks.js';

let t: TestServer;
let analyst: Person;
let rep: Person;
beforeAll(async () => {
  t = await startTestServer({ metadataDir: taskMetadataDir(), processesDir: TASK_PROCESSES_DIR, formsDir: TASK_FORMS_DIR });
  analyst = await person(t, { role: 'analyst', prefix: 'formdesigner' });
  rep = await person(t, { role: 'sales-rep', prefix: 'formrep' });
});
afterAll(async () => t?.stop());

const draft = async () => (await analyst.api.get('/api/metadata/draft')).body;
const versions = async () => (await t.admin.get('/api/metadata/versions')).body.items.length;
const formIn = async () => {
  const res = await analyst.api.get('/api/metadata/draft/forms/lead-review');
  expect(res.status).toBe(200);
  return { revision: res.body.revision as number, form: structuredClone(res.body.document) };
};
const putForm = (revision: number, document: unknown) => analyst.api.put('/api/metadata/draft/forms/lead-review', { revision, document });
const discard = async () => expect((await analyst.api.delete(`/api/metadata/draft?revision=${(await draft()).revision}`)).status).toBe(204);

/** A walk-in lead of the rep: task-review starts, its task (form lead-review) in the rep's inbox. */
async function reviewTask(): Promise<string> {
  const created = await rep.api.post('/api/records/lead', { company: `Form ${Date.now()}`, contactName: 'Li Lei', source: 'walkIn', score: 20 });
  expect(created.status).toBe(201);
  const [task] = (await rep.api.get('/api/tasks')).body.items.filter((i: any) => i.businessKey === created.body.id);
  return task.id;
}

test('start-up publishes the forms folder with metadata/: the current version holds the form, the draft lists it, the task API serves it', async () => {
  const current = (await t.admin.get('/api/metadata/versions')).body.items[0].version;
  const version = (await analyst.api.get(`/api/metadata/versions/${current}`)).body;
  expect(version.documents.forms.map((f: any) => f['x-crm-form'])).toEqual(['lead-review']);
  const list = (await analyst.api.get('/api/metadata/draft/forms')).body;
  expect(list.items).toEqual([expect.objectContaining({ id: 'lead-review', formKey: 'crm:lead-review', entity: 'lead', fields: 8 })]);
  expect(list.widgets).toEqual(expect.arrayContaining(['textarea', 'radio']));
  const task = (await rep.api.get(`/api/tasks/${await reviewTask()}`)).body;
  // Fields in the order the document lists them, though a stored model is jsonb.
  expect(Object.keys(task.form.schema.properties)).toEqual(['decision', 'reason', 'score', 'checklist', 'account', 'reviewer', 'evidence', 'leadId']);
  expect((await rep.api.get('/api/metadata/draft/forms')).status).toBe(403);
});

test('a draft form is checked by path and field: unknown widget, condition on a missing field, invalid schema — the check endpoint changes nothing, publishing is refused', async () => {
  const { revision, form } = await formIn();
  form.uiSchema.reason = { 'ui:widget': 'crm:nonsense' };
  form.uiSchema.score = { 'ui:crm-showIf': { field: 'missing' } };
  form.schema.properties.score.minimum = 'zero';
  const checked = await analyst.api.post('/api/metadata/draft/forms/lead-review/check', { document: form, data: {} });
  expect(checked.status).toBe(200);
  expect(checked.body.valid).toBe(false);
  const byPath = Object.fromEntries(checked.body.issues.map((i: any) => [i.path, i]));
  expect(byPath['/uiSchema/reason/ui:widget']).toMatchObject({ file: 'forms/lead-review.json', field: 'reason', message: expect.stringMatching(/unknown widget/) });
  expect(byPath['/uiSchema/score/ui:crm-showIf/field']).toMatchObject({ field: 'score', message: expect.stringMatching(/missing/) });
  expect(byPath['/schema']).toMatchObject({ message: expect.stringMatching(/not a valid JSON Schema/) });
  expect((await draft()).revision).toBe(revision);

  const saved = await putForm(revision, form);
  expect(saved.status).toBe(200);
  expect(saved.body.issues.map((i: any) => i.path).sort()).toEqual(['/schema', '/uiSchema/reason/ui:widget', '/uiSchema/score/ui:crm-showIf/field']);
  const n = await versions();
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision });
  expect(refused.status).toBe(422);
  expect(refused.body.issues.every((i: any) => i.file === 'forms/lead-review.json')).toBe(true);
  expect(await versions()).toBe(n);
  // A stale revision is refused as for entities.
  expect((await putForm(revision, form)).status).toBe(409);
  await discard();
});

test('a form check reads in the analyst’s language: with Accept-Language zh-CN its problems are worded in Chinese, keeping their codes and params; without it, in English', async () => {
  const { revision, form } = await formIn();
  form.uiSchema.reason = { 'ui:widget': 'crm:nonsense' };
  form.uiSchema.score = { 'ui:crm-showIf': { field: 'missing' } };
  const check = async (headers: Record<string, string>) => {
    const res = await analyst.api.post('/api/metadata/draft/forms/lead-review/check', { document: form }, headers);
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.issues.map((i: any) => [i.path, i]));
  };
  const zh = await check({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
  expect(zh['/uiSchema/reason/ui:widget']).toMatchObject({ field: 'reason', code: 'form-unknown-widget', params: { widget: '"crm:nonsense"' }, message: expect.stringMatching(/^未知控件 "crm:nonsense"：可选控件为 text、textarea、/) });
  expect(zh['/uiSchema/score/ui:crm-showIf/field']).toMatchObject({ field: 'score', code: 'form-no-field', params: { field: 'missing' }, message: '表单中没有字段“missing”' });
  const en = await check({});
  expect(en['/uiSchema/score/ui:crm-showIf/field']).toMatchObject({ code: 'form-no-field', message: 'names no field of the form: missing' });
  expect(en['/uiSchema/reason/ui:widget'].message).toMatch(/^unknown widget "crm:nonsense": one of text, textarea, /);
  expect((await draft()).revision).toBe(revision);
});

test('a form whose record mapping names a field its entity lacks, or whose lookup names no entity, is refused with nothing published; the task keeps the published form', async () => {
  const { revision, form } = await formIn();
  form.record.fields.nonexistentField = 'reason';
  form.schema.properties.account['x-crm-lookup'].entity = 'nowhere';
  const saved = await putForm(revision, form);
  expect(saved.body.issues).toEqual([
    expect.objectContaining({ path: '/schema/properties/account/x-crm-lookup/entity', message: 'unknown entity "nowhere"' }),
    expect.objectContaining({ path: '/record/fields/nonexistentField', field: 'reason', message: 'lead has no field nonexistentField' }),
  ]);
  const n = await versions();
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision });
  expect(refused.status).toBe(422);
  expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'forms/lead-review.json#/record/fields/nonexistentField' })]));
  expect(await versions()).toBe(n);
  await discard();
});

test('publishing a form with a new conditional field and help text makes it live for the task API at once; the server validates the field only while it is shown', async () => {
  const { revision, form } = await formIn();
  form.schema.properties.followUp = { type: 'string', minLength: 5, maxLength: 200, 'x-crm-label': { 'zh-CN': '跟进计划', en: 'Follow-up plan' }, 'x-crm-help': { 'zh-CN': '拒绝时说明下一步', en: 'What happens next after a rejection' } };
  form.uiSchema.followUp = { 'ui:widget': 'textarea', 'ui:crm-showIf': { field: 'decision', values: ['reject'] } };
  form.uiSchema['ui:crm-layout'] = { kind: 'tabs', groups: [{ title: { 'zh-CN': '结论', en: 'Decision' }, fields: ['decision', 'reason', 'followUp'] }, { title: { 'zh-CN': '其他', en: 'Other' }, columns: 2, fields: ['score', 'checklist', 'leadId'] }] };
  const saved = await putForm(revision, form);
  expect(saved.body.issues).toEqual([]);
  const preview = await analyst.api.post('/api/metadata/draft/forms/lead-review/check', { document: form, data: { decision: 'reject', reason: 'no budget', followUp: 'x' } });
  expect(preview.body.errors).toEqual([{ path: '/followUp', message: expect.stringMatching(/fewer than 5/), code: 'invalid-value', params: { keyword: 'minLength', limit: 5 } }]);
  const published = await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision });
  expect(published.status).toBe(201);

  const task = await reviewTask();
  const detail = (await rep.api.get(`/api/tasks/${task}`)).body;
  expect(detail.form.schema.properties.followUp['x-crm-help'].en).toBe('What happens next after a rejection');
  expect(detail.form.uiSchema['ui:crm-layout'].kind).toBe('tabs');
  const tooShort = await rep.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'reject', reason: 'no budget', followUp: 'x' } });
  expect(tooShort.status).toBe(400);
  expect(tooShort.body.errors).toEqual([expect.objectContaining({ path: '/data/followUp' })]);
  // Hidden (the decision is not reject): its value is neither checked nor taken.
  const done = await rep.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'approve', followUp: 'x' } });
  expect(done.status).toBe(200);
  const diff = (await analyst.api.get(`/api/metadata/versions/${published.body.version}/diff`)).body;
  expect(diff.documents.map((d: any) => d.file)).toEqual(['forms/lead-review.json']);
});

test('export and import carry forms as forms/<id>.json: a changed form imported into the draft is a change of that file', async () => {
  const exported = (await analyst.api.get('/api/metadata/draft/export?format=json')).body;
  const file = exported.files['forms/lead-review.json'];
  expect(JSON.parse(file)['x-crm-form']).toBe('lead-review');
  expect(file.endsWith('\n')).toBe(true);
  const changed = JSON.parse(file);
  changed.title.en = 'Review the lead';
  const imported = await analyst.api.post('/api/metadata/draft/import', { revision: (await draft()).revision, files: { ...exported.files, 'forms/lead-review.json': JSON.stringify(changed, null, 2) + '\n' } });
  expect(imported.status).toBe(200);
  expect(imported.body.changes).toEqual([{ file: 'forms/lead-review.json', kind: 'forms', name: 'lead-review', change: 'changed' }]);
  expect((await formIn()).form.title.en).toBe('Review the lead');
  const broken = { ...changed, record: { entity: 'lead', fields: { nope: 'reason' } } };
  const refused = await analyst.api.post('/api/metadata/draft/import', { revision: (await draft()).revision, files: { ...exported.files, 'forms/lead-review.json': JSON.stringify(broken) } });
  expect(refused.status).toBe(422);
  expect(refused.body.issues).toEqual([expect.objectContaining({ file: 'forms/lead-review.json', path: '/record/fields/nope' })]);
  await discard();
});

// ---------------------------------------------------------------------------------------------
// Record forms: an entity's create/edit page laid out in the form designer (docs/studio.md)
// ---------------------------------------------------------------------------------------------

const label = (en: string) => ({ 'zh-CN': en, en });
/** A record form of contact: two tabs, mobile shown only once an email is given, with a help text. */
const contactForm = (overrides: Record<string, unknown> = {}) => ({
  'x-crm-form': 'contact-record',
  title: label('Contact'),
  record: { entity: 'contact', purposes: ['create', 'edit'] },
  schema: { type: 'object', properties: { firstName: {}, lastName: {}, email: {}, mobile: { 'x-crm-help': { 'zh-CN': '有邮箱时填写', en: 'Only with an email' } }, title: {} } },
  uiSchema: {
    mobile: { 'ui:crm-showIf': { field: 'email' } },
    title: { 'ui:widget': 'textarea' },
    'ui:crm-layout': { kind: 'tabs', groups: [{ title: label('Name'), columns: 2, fields: ['firstName', 'lastName'] }, { title: label('Reach'), fields: ['email', 'mobile', 'title'] }] },
  },
  ...overrides,
});
const putRecordForm = (id: string, revision: number, document: unknown) => analyst.api.put(`/api/metadata/draft/forms/${id}`, { revision, document });

test('a record form is checked against its entity: a field the entity lacks, a required field left off the create form, an unsuitable widget, a second create form — each at its path, nothing published', async () => {
  // Given a contact record form with three mistakes
  const bad = contactForm();
  bad.schema.properties = { firstName: {}, nickname: {}, email: {} } as any;
  bad.uiSchema = { email: { 'ui:widget': 'radio' } } as any;
  const checked = await analyst.api.post('/api/metadata/draft/forms/contact-record/check', { document: bad, data: {} });
  // Then the check names each at its place and changes nothing
  expect(checked.status).toBe(200);
  expect(checked.body.valid).toBe(false);
  expect(checked.body.issues).toEqual(expect.arrayContaining([
    expect.objectContaining({ path: '/schema/properties/nickname', field: 'nickname', message: 'contact has no field nickname' }),
    expect.objectContaining({ path: '/schema/properties', message: 'contact.lastName is required, so the create form must place it' }),
    expect.objectContaining({ path: '/uiSchema/email/ui:widget', field: 'email', message: expect.stringMatching(/radio does not suit email/) }),
  ]));
  expect(checked.body.issues).toHaveLength(3);
  // A field re-declared (a type) is the entity's to say: the meta-schema refuses it.
  const redeclared = contactForm();
  (redeclared.schema.properties as any).firstName = { type: 'number' };
  const meta = await analyst.api.post('/api/metadata/draft/forms/contact-record/check', { document: redeclared });
  expect(meta.body.issues).toEqual([expect.objectContaining({ path: '/schema/properties/firstName/type', field: 'firstName', message: 'is not allowed here (unknown member)' })]);

  // When a good one is saved and a second form claims the create page too
  const { revision } = (await draft()) as { revision: number };
  const first = await putRecordForm('contact-record', revision, contactForm());
  expect(first.body.issues).toEqual([]);
  const second = await putRecordForm('contact-quick', first.body.revision, contactForm({ 'x-crm-form': 'contact-quick', record: { entity: 'contact', purposes: ['create'] } }));
  // Then the second is told at its purpose, and publishing is refused with nothing published
  expect(second.body.issues).toEqual([expect.objectContaining({ path: '/record/purposes/0', message: 'contact already has a create form for everyone (without roles): forms/contact-record.json — give one of them roles' })]);
  const n = await versions();
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: second.body.revision });
  expect(refused.status).toBe(422);
  expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'forms/contact-quick.json#/record/purposes/0' })]);
  expect(await versions()).toBe(n);
  await discard();
});

test('the check endpoint judges a record form’s sample data as the records API judges a create, and describes the entity with the form; a published record form reaches the workspace, not the task registry', async () => {
  // Given a valid contact record form
  const form = contactForm();
  const checked = await analyst.api.post('/api/metadata/draft/forms/contact-record/check', { document: form, data: { firstName: 'Mei', email: 'not-an-email' } });
  // Then the sample data's errors are the entity's, at their fields
  expect(checked.body.valid).toBe(true);
  expect(checked.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/lastName', message: 'is required' }), expect.objectContaining({ path: '/email' })]));
  expect(checked.body.entity.forms.create).toMatchObject({ id: 'contact-record', layout: { kind: 'tabs' } });
  expect(checked.body.entity.fields.find((f: any) => f.name === 'lastName')).toMatchObject({ kind: 'text', required: true });

  // When it is published
  const saved = await putRecordForm('contact-record', (await draft()).revision, form);
  const published = await analyst.api.post('/api/metadata/draft/publish', { revision: saved.body.revision });
  expect(published.status).toBe(201);
  // Then a rep's entity metadata carries it for both pages, in the written order, with its help, widget and condition
  const contact = (await rep.api.get('/api/metadata/entities/contact')).body;
  for (const purpose of ['create', 'edit']) {
    expect(contact.forms[purpose].fields.map((f: any) => f.name)).toEqual(['firstName', 'lastName', 'email', 'mobile', 'title']);
    expect(contact.forms[purpose].fields[3]).toEqual({ name: 'mobile', help: { 'zh-CN': '有邮箱时填写', en: 'Only with an email' }, showIf: { field: 'email' } });
    expect(contact.forms[purpose].fields[4]).toEqual({ name: 'title', widget: 'textarea' });
    expect(contact.forms[purpose].layout.groups.map((g: any) => g.columns ?? 1)).toEqual([2, 1]);
  }
  // The server still decides: a create without lastName is refused as before.
  const refused = await rep.api.post('/api/records/contact', { firstName: 'Mei' });
  expect(refused.status).toBe(400);
  // No task can name a record form: the modeler's formKey list leaves it out.
  const keys = (await analyst.api.get('/api/studio/processes/forms')).body;
  expect(JSON.stringify(keys)).not.toContain('contact-record');
  expect(JSON.stringify(keys)).toContain('lead-review');
});

test('record forms per role: a rep and a clerk get the short form naming their roles, a manager the default one; field permissions still apply; an unknown role and a role given a page twice are refused at the role, naming the other form', async () => {
  // Given a role that may not see contacts' email, and a user of it, beside a rep and a manager
  const role = { 'x-crm-role': 'contact-clerk', label: label('Contact clerk'), permissions: { contact: { actions: ['create', 'read', 'update'], fields: { email: 'hidden' } } } };
  expect((await t.admin.post('/api/metadata/roles', role)).status).toBe(201);
  const clerk = await person(t, { role: 'contact-clerk', prefix: 'formclerk' });
  const manager = await person(t, { role: 'sales-manager', prefix: 'formmanager' });
  // And the default contact form, and a short one for reps and clerks
  const short = contactForm({ 'x-crm-form': 'contact-short', title: label('Quick contact'), record: { entity: 'contact', purposes: ['create', 'edit'], roles: ['sales-rep', 'contact-clerk'] }, uiSchema: {} });
  short.schema.properties = { firstName: {}, lastName: {}, email: {} } as any;
  let revision = (await putRecordForm('contact-record', (await draft()).revision, contactForm())).body.revision;
  const put = await putRecordForm('contact-short', revision, short);
  expect(put.body.issues).toEqual([]);
  revision = put.body.revision;
  expect((await analyst.api.get('/api/metadata/draft/forms')).body.items.find((i: any) => i.id === 'contact-short')).toMatchObject({ purposes: ['create', 'edit'], roles: ['sales-rep', 'contact-clerk'] });
  // The designer's preview shows the form as its roles get it
  const preview = await analyst.api.post('/api/metadata/draft/forms/contact-short/check', { document: short });
  expect(preview.body.entity.forms.create.id).toBe('contact-short');

  // When a third form names a role that does not exist and gives reps the edit page again, it is told at each role
  const third = contactForm({ 'x-crm-form': 'contact-rep-edit', record: { entity: 'contact', purposes: ['edit'], roles: ['sales-rep', 'ghost'] } });
  const checked = await analyst.api.post('/api/metadata/draft/forms/contact-rep-edit/check', { document: third });
  expect(checked.body.valid).toBe(false);
  expect(checked.body.issues).toEqual([
    expect.objectContaining({ path: '/record/roles/0', message: 'role "sales-rep" already has a contact edit form: forms/contact-short.json' }),
    expect.objectContaining({ path: '/record/roles/1', message: 'unknown role "ghost"' }),
  ]);

  // When the two good forms are published
  expect((await analyst.api.post('/api/metadata/draft/publish', { revision })).status).toBe(201);
  // Then each person's entity metadata carries the form for their role, for both pages
  const formsOf = async (who: Person) => (await who.api.get('/api/metadata/entities/contact')).body.forms;
  const names = (form: any) => form.fields.map((f: any) => f.name);
  const repForms = await formsOf(rep);
  expect([repForms.create.id, repForms.edit.id]).toEqual(['contact-short', 'contact-short']);
  expect(names(repForms.create)).toEqual(['firstName', 'lastName', 'email']);
  const all = (await rep.api.get('/api/metadata/entities')).body.entities.find((e: any) => e.name === 'contact');
  expect(all.forms.create.id).toBe('contact-short');
  // A sales manager (the reps' parent role, named by no form) gets the default form
  const managerForms = await formsOf(manager);
  expect([managerForms.create.id, managerForms.edit.id]).toEqual(['contact-record', 'contact-record']);
  expect(names(managerForms.create)).toEqual(['firstName', 'lastName', 'email', 'mobile', 'title']);
  // The clerk gets the short form without the email their role may not see, and cannot write it
  const clerkForms = await formsOf(clerk);
  expect(clerkForms.create.id).toBe('contact-short');
  expect(names(clerkForms.create)).toEqual(['firstName', 'lastName']);
  const refused = await clerk.api.post('/api/records/contact', { firstName: 'Mei', lastName: 'Han', email: 'mei@example.com' });
  expect(refused.status).toBe(403);
  expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/email' })]);
  expect((await clerk.api.post('/api/records/contact', { firstName: 'Mei', lastName: 'Han' })).status).toBe(201);
});
