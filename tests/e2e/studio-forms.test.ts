/**
 * The form designer in the browser (admin-ui/src/studio-forms): an analyst adds a field with a help
 * text and a condition to a task form, sees it in the live preview appear and disappear with the
 * field it depends on, meets bad input at the field it concerns (a name clash, an unknown widget in
 * the JSON view) with nothing published, and publishes; an employee's task page then shows the new
 * field the same way, and the server takes and validates it. Real Chromium, real server and
 * PostgreSQL; fixture form lead-review (tests/runtime/tasks-fixture), analyst and employee each in
 * their own browser context. Record forms: an analyst lays out Contact's create/edit page (tabs, a
 * conditional field with help), meets bad input in the JSON view with nothing published, publishes;
 * a rep's create page then has that layout, and a field hidden by its condition is not sent.
 * Record forms per role: an analyst gives sales reps a shorter contact create form with the roles
 * picker, an unknown role (typed in the JSON view) is shown at the roles and refused on publish;
 * then a rep's create page has the short form, a manager's the default one.
 */
import type { Page } from 'playwright-core';
import { taskText } from '../../admin-ui/src/inbox/messages.js';
import { translate } from '../../admin-ui/src/i18n/index.js';
import { formsText } from '../../admin-ui/src/studio-forms/messages.js';
import { startTestServer, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { engineRest, TASK_FORMS_DIR, TASK_PROCESSES_DIR, taskMetadataDir } from '../support/tasks.js';
import { pagesPerTest, screenshot } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: Parameters<typeof formsText>[1], vars?: Record<string, string | number>) => formsText('en', key, vars);

let server: TestServer;
const pages = pagesPerTest();
let analyst: Person;
let rep: Person;

beforeAll(async () => {
  ensureUiBuilt();
  server = await startTestServer({ metadataDir: taskMetadataDir(), processesDir: TASK_PROCESSES_DIR, formsDir: TASK_FORMS_DIR });
  analyst = await person(server, { role: 'analyst', prefix: 'fd-analyst' });
  rep = await person(server, { role: 'sales-rep', prefix: 'fd-rep' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const pageAs = (who: Person, path: string): Promise<Page> => pages.signedIn(server.url + path, who.username, `${who.username}-password`);

const versions = async () => (await server.admin.get('/api/metadata/versions')).body.items.length;

/** The JSON view restored to `text` shows no problems; back to the design view, nothing was published. */
async function restoreJson(page: Page, text: string, before: number): Promise<void> {
  await page.getByLabel(t('studioForms.json.label')).fill(text);
  await page.locator('#sf-json-issues').getByText(t('studioForms.issues.none')).waitFor();
  await page.getByRole('button', { name: t('studioForms.view.design') }).click();
  expect(await versions()).toBe(before);
}

/** Save the form to the draft, then publish the draft; `published` is the status text expected. */
async function saveAndPublish(page: Page, published: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: t('studioForms.save') }).click();
  await page.getByRole('status').getByText(/Saved to the draft/).waitFor();
  await page.getByRole('button', { name: t('studioForms.publish') }).click();
  await page.getByRole('status').getByText(published).waitFor();
}

test('an analyst adds a conditional field with help to a task form, previews it, publishes; the employee’s task page shows it and the server takes it', async () => {
  const page = await pageAs(analyst, '/studio/forms');
  // The list names the tasks that use each form (from the deployed processes).
  await page.getByRole('row', { name: /crm:lead-review/ }).getByText('线索审查 Lead review: Review lead').waitFor();
  await page.getByRole('link', { name: 'crm:lead-review' }).click();
  await page.getByRole('heading', { name: t('studioForms.editor.title', { id: 'crm:lead-review' }) }).waitFor();
  const preview = page.locator('section.studio-forms-preview');
  await preview.getByLabel('Decision').waitFor();

  // A name the form has already: refused at the name, nothing added.
  await page.getByLabel(t('studioForms.field.name')).fill('reason');
  await page.getByRole('button', { name: t('studioForms.add'), exact: true }).click();
  await page.getByText(t('studioForms.add.clash', { name: 'reason' })).waitFor();

  // The new field: long text, labelled and helped in both languages, shown only on a rejection.
  await page.getByLabel(t('studioForms.field.name')).fill('followUp');
  await page.getByLabel(t('studioForms.field.type'), { exact: true }).last().selectOption('text');
  await page.getByRole('button', { name: t('studioForms.add'), exact: true }).click();
  const field = page.locator('details.studio-forms-field', { has: page.locator('code', { hasText: /^followUp$/ }) });
  await field.locator('summary').click();
  await field.getByLabel(t('studioForms.field.labelEn')).fill('Follow-up plan');
  await field.getByLabel(t('studioForms.field.labelZh')).fill('跟进计划');
  await field.getByLabel(t('studioForms.field.helpEn')).fill('What happens next after a rejection');
  await field.getByLabel(t('studioForms.field.helpZh')).fill('拒绝后的下一步');
  await field.getByLabel(t('studioForms.field.showIf')).selectOption('decision');
  await field.getByLabel(t('studioForms.field.showIfValues')).fill('reject');
  await field.getByLabel(t('studioForms.field.showIfValues')).blur();

  // The live preview: hidden until the decision is a rejection, then shown with its help.
  await preview.getByLabel('Decision').selectOption({ label: 'Reject' });
  await preview.getByLabel('Follow-up plan').waitFor();
  await preview.getByText('What happens next after a rejection').waitFor();
  await preview.getByLabel('Decision').selectOption({ label: 'Approve' });
  await preview.getByLabel('Follow-up plan').waitFor({ state: 'detached' });

  // A record picker: a field holding an account's id, searched by name on the task page.
  await page.getByLabel(t('studioForms.field.name')).fill('partner');
  await page.getByLabel(t('studioForms.field.type'), { exact: true }).last().selectOption('lookup');
  await page.getByRole('button', { name: t('studioForms.add'), exact: true }).click();
  const partner = page.locator('details.studio-forms-field', { has: page.locator('code', { hasText: /^partner$/ }) });
  await partner.locator('summary').click();
  await partner.getByLabel(t('studioForms.field.lookupEntity')).selectOption('account');
  await preview.getByRole('combobox', { name: 'partner' }).waitFor();

  // The JSON view: an unknown widget is named at its path; nothing is published by it.
  const before = await versions();
  await page.getByRole('button', { name: t('studioForms.view.json') }).click();
  const json = page.getByLabel(t('studioForms.json.label'));
  const text = await json.inputValue();
  await json.fill(text.replace('"ui:widget": "textarea"', '"ui:widget": "crm:nonsense"'));
  await page.locator('#sf-json-issues').getByText('/uiSchema/reason/ui:widget').waitFor();
  await restoreJson(page, text, before);
  await saveAndPublish(page, /Published as version/);
  await preview.getByLabel('Decision').selectOption({ label: 'Reject' });
  await preview.getByLabel('Follow-up plan').waitFor();
  await screenshot(page, 'studio-forms-designer');
  expect(await versions()).toBe(before + 1);

  // The employee's task page: the same field, the same condition, taken by the server.
  const lead = await rep.api.post('/api/records/lead', { company: `Formed ${Date.now()}`, contactName: 'Li Lei', source: 'walkIn', score: 20 });
  expect(lead.status).toBe(201);
  const [task] = (await rep.api.get('/api/tasks')).body.items.filter((i: any) => i.businessKey === lead.body.id);
  const employee = await pageAs(rep, `/tasks/${task.id}`);
  const form = employee.locator('form').filter({ has: employee.getByLabel('Decision') });
  await form.getByLabel('Decision').waitFor();
  expect(await form.getByLabel('Follow-up plan').count()).toBe(0);
  await form.getByLabel('Decision').selectOption({ label: 'Reject' });
  await form.getByLabel('Reason').fill('No budget this year');
  await form.getByLabel('Follow-up plan').fill('Call again in spring');
  await form.getByText('What happens next after a rejection').waitFor();
  // The server validates the new field: a number is not a text.
  const wrong = await rep.api.post(`/api/tasks/${task.id}/complete`, { data: { decision: 'reject', reason: 'x', followUp: 42 } });
  expect(wrong.status).toBe(400);
  expect(wrong.body.errors).toEqual([expect.objectContaining({ path: '/data/followUp' })]);
  await screenshot(employee, 'studio-forms-task-page');
  await employee.getByRole('button', { name: taskText('en', 'inbox.task.complete') }).click();
  await employee.waitForURL((url) => !url.pathname.endsWith(task.id));
  const vars = await engineRest(server)('GET', `/history/variable-instance?processInstanceId=${task.processInstanceId}&variableName=followUp`);
  expect(vars.map((v: any) => v.value)).toEqual(['Call again in spring']);
});

test('an analyst lays out the contact create/edit form — two tabs, mobile shown only with an email, with help — publishes; bad input is shown at its place and publishes nothing; a rep creating a contact gets that form', async () => {
  const page = await pageAs(analyst, '/studio/forms');
  // Given a new record form for Contact (its required fields placed already)
  const newRecord = page.locator('form', { has: page.getByRole('heading', { name: t('studioForms.newRecord') }) });
  await newRecord.getByLabel(t('studioForms.newRecord.entity')).selectOption('contact');
  await newRecord.getByRole('button', { name: t('studioForms.create') }).click();
  await page.getByRole('heading', { name: t('studioForms.editor.title', { id: 'contact-record' }) }).waitFor();
  const preview = page.locator('section.studio-forms-preview');
  await preview.getByLabel('Last name').waitFor();

  // Fields offered from the entity, with their types: Email and Mobile are added.
  const adder = page.locator('form.studio-forms-add');
  for (const name of ['email', 'mobile']) {
    await adder.getByLabel(t('studioForms.record.addField')).selectOption(name);
    await adder.getByRole('button', { name: t('studioForms.add'), exact: true }).click();
  }
  const field = (name: string) => page.locator('details.studio-forms-field', { has: page.locator('code', { hasText: new RegExp(`^${name}$`) }) });
  await field('mobile').locator('summary').click();
  await field('mobile').getByText(t('studioForms.record.kind', { kind: 'phone' })).waitFor();

  // Two tabs: Name (two columns) and Reach; mobile only with an email, with a help text.
  await page.getByLabel(t('studioForms.layout.kind')).selectOption('tabs');
  await page.getByLabel(t('studioForms.form.titleEn')).nth(1).fill('Name');
  await page.getByLabel(t('studioForms.layout.columns')).first().selectOption('2');
  await page.getByRole('button', { name: t('studioForms.layout.addGroup') }).click();
  await page.getByLabel(t('studioForms.form.titleEn')).nth(2).fill('Reach');
  for (const [name, group] of [['firstName', 'Name'], ['lastName', 'Name'], ['email', 'Reach'], ['mobile', 'Reach']]) {
    if ((await field(name).getAttribute('open')) === null) await field(name).locator('summary').click();
    await field(name).getByLabel(t('studioForms.field.group')).selectOption({ label: group });
  }
  await field('mobile').getByLabel(t('studioForms.field.showIf')).selectOption('email');
  await field('mobile').getByLabel(t('studioForms.field.helpEn')).fill('Only with an email');
  await field('mobile').getByLabel(t('studioForms.field.helpZh')).fill('有邮箱时填写');

  // The live preview is the records workspace's form: tabs, the condition, the help, server-checked data.
  await preview.getByRole('tab', { name: 'Reach' }).click();
  await preview.getByLabel('Email').waitFor();
  expect(await preview.getByLabel('Mobile').count()).toBe(0);
  await preview.getByLabel('Email').fill('not-an-email');
  await preview.getByLabel('Mobile').waitFor();
  await preview.getByText('Only with an email').waitFor();
  await preview.getByText(/must match format "email"/).waitFor();
  await preview.getByRole('tab', { name: /Name/ }).waitFor();

  // Bad input in the JSON view: a field the entity lacks, at its path; then JSON that does not parse.
  const before = await versions();
  await page.getByRole('button', { name: t('studioForms.view.json') }).click();
  const json = page.getByLabel(t('studioForms.json.label'));
  const text = await json.inputValue();
  await json.fill(text.replace('"firstName": {}', '"firstName": {},\n      "nickname": {}'));
  await page.locator('#sf-json-issues').getByText('/schema/properties/nickname').waitFor();
  await page.locator('#sf-json-issues').getByText('contact has no field nickname').waitFor();
  await json.fill(text.replace('"firstName": {}', '"firstName": {'));
  await page.locator('#sf-json-issues').getByText(t('studioForms.json.invalid', { message: '' }).trim()).waitFor();
  await screenshot(page, 'studio-record-form-json-error');
  await restoreJson(page, text, before);
  await saveAndPublish(page, t('studioForms.published.record', { version: before + 1 }));
  await screenshot(page, 'studio-record-form-designer');
  expect(await versions()).toBe(before + 1);

  // The rep's create page: the tabs (keyboard), the condition, the help; a hidden field is not sent.
  const rep2 = await pageAs(rep, '/records/contact/new');
  const form = rep2.locator('form.form-grid');
  const nameTab = form.getByRole('tab', { name: 'Name' });
  await nameTab.waitFor();
  await form.getByLabel('First name').fill('Mei');
  await form.getByLabel('Last name').fill(`Han ${Date.now()}`);
  await nameTab.focus();
  await rep2.keyboard.press('ArrowRight');
  expect(await form.getByRole('tab', { name: 'Reach' }).getAttribute('aria-selected')).toBe('true');
  expect(await form.getByLabel('Mobile').count()).toBe(0);
  await form.getByLabel('Email').fill('mei@example.com');
  await form.getByLabel('Mobile').fill('13800000000');
  await form.getByText('Only with an email').waitFor();
  await screenshot(rep2, 'records-contact-record-form');
  // In Chinese: the tab titles and the help text in the analyst's Chinese.
  await rep2.getByRole('button', { name: '中文', exact: true }).click();
  await form.getByRole('tab', { name: '基本信息' }).waitFor();
  await form.getByText('有邮箱时填写').waitFor();
  await rep2.getByRole('button', { name: 'English', exact: true }).click();
  await form.getByText('Only with an email').waitFor();
  await form.getByLabel('Email').fill('');
  await form.getByLabel('Mobile').waitFor({ state: 'detached' });
  await form.getByRole('button', { name: translate('en', 'form.save') }).click();
  await rep2.waitForURL(/\/records\/contact\/[0-9a-f-]{36}$/);
  const id = rep2.url().split('/').pop()!;
  const saved = (await rep.api.get(`/api/records/contact/${id}`)).body;
  expect(saved).toMatchObject({ firstName: 'Mei', email: null, mobile: null });
});

test('an analyst gives sales reps a short contact create form with the roles picker; an unknown role is shown at the roles and publishes nothing; a rep gets the short form, a manager the default one', async () => {
  const manager = await person(server, { role: 'sales-manager', prefix: 'fd-manager' });
  const page = await pageAs(analyst, '/studio/forms');
  // Given a new record form for Contact's create page only (its required fields placed already)
  const newRecord = page.locator('form', { has: page.getByRole('heading', { name: t('studioForms.newRecord') }) });
  await newRecord.getByLabel(t('studioForms.newRecord.entity')).selectOption('contact');
  await newRecord.getByLabel(t('studioForms.newRecord.id')).fill('contact-rep');
  await newRecord.getByRole('checkbox', { name: t('studioForms.purpose.edit') }).uncheck();
  await newRecord.getByRole('button', { name: t('studioForms.create') }).click();
  await page.getByRole('heading', { name: t('studioForms.editor.title', { id: 'contact-rep' }) }).waitFor();

  // When the analyst checks Sales rep in the roles picker (the draft's roles, by their labels)
  const roles = page.getByRole('group', { name: t('studioForms.record.roles') });
  await roles.getByRole('checkbox', { name: 'Sales manager' }).waitFor();
  await roles.getByRole('checkbox', { name: 'Sales rep' }).check();
  // Then the document says so
  await page.getByRole('button', { name: t('studioForms.view.json') }).click();
  const json = page.getByLabel(t('studioForms.json.label'));
  const text = await json.inputValue();
  expect(JSON.parse(text).record).toEqual({ entity: 'contact', purposes: ['create'], roles: ['sales-rep'] });

  // A role the draft lacks, typed in the JSON view: the problem at its path
  const before = await versions();
  await json.fill(text.replace('"sales-rep"', '"sales-rep", "ghost"'));
  const issues = page.locator('#sf-json-issues');
  await issues.getByText('/record/roles/1').waitFor();
  await issues.getByText('unknown role "ghost"').waitFor();
  // Back in the design view it is listed at the roles, checked and marked, with its problem beside it
  await page.getByRole('button', { name: t('studioForms.view.design') }).click();
  const ghost = roles.getByRole('checkbox', { name: t('studioForms.record.roleUnknown', { role: 'ghost' }) });
  expect(await ghost.isChecked()).toBe(true);
  expect(await ghost.getAttribute('aria-invalid')).toBe('true');
  await roles.getByText('unknown role "ghost"').waitFor();
  await screenshot(page, 'studio-record-form-roles-error');
  // Saved, it cannot be published: the refusal names the file and the role's path, nothing is published
  await page.getByRole('button', { name: t('studioForms.save') }).click();
  await page.getByRole('status').getByText(t('studioForms.savedWithIssues', { count: 1 })).waitFor();
  await page.getByRole('button', { name: t('studioForms.publish') }).click();
  await page.getByRole('status').getByText(/forms\/contact-rep\.json#\/record\/roles\/1: unknown role "ghost"/).waitFor();
  expect(await versions()).toBe(before);

  // When the unknown role is unchecked, it is gone from the picker and the form publishes
  await ghost.click();
  await ghost.waitFor({ state: 'detached' });
  await roles.getByText('unknown role "ghost"').waitFor({ state: 'detached' });
  await saveAndPublish(page, t('studioForms.published.record', { version: before + 1 }));
  await screenshot(page, 'studio-record-form-roles');
  // The list says whom the form is for
  await page.getByRole('link', { name: t('studioForms.back') }).click();
  await page.getByRole('row', { name: /contact-rep/ }).getByText(t('studioForms.kind.roles', { roles: 'Sales rep' }), { exact: false }).waitFor();

  // Then a rep's create page is the short form: the required names, no email
  const repPage = await pageAs(rep, '/records/contact/new');
  const repForm = repPage.locator('form.form-grid');
  await repForm.getByLabel('Last name').waitFor();
  await repForm.getByLabel('First name').waitFor();
  expect(await repForm.getByLabel('Email').count()).toBe(0);
  // While a sales manager (named by no form) gets the default one of the test before: its Reach tab, with the email
  const managerPage = await pageAs(manager, '/records/contact/new');
  const managerForm = managerPage.locator('form.form-grid');
  await managerForm.getByRole('tab', { name: 'Reach' }).click();
  await managerForm.getByLabel('Email').waitFor();
});

test('an analyst working in Chinese reads the form’s problems in Chinese: an unknown widget and a condition on a missing field, in the JSON view and at the field', async () => {
  const zh = (key: Parameters<typeof formsText>[1], vars?: Record<string, string | number>) => formsText('zh-CN', key, vars);
  const page = await pages.signedIn(`${server.url}/studio/forms/lead-review`, analyst.username, `${analyst.username}-password`, { locale: 'zh-CN' });
  await page.getByRole('heading', { name: zh('studioForms.editor.title', { id: 'crm:lead-review' }) }).waitFor();
  const before = await versions();
  await page.getByRole('button', { name: zh('studioForms.view.json') }).click();
  const json = page.getByLabel(zh('studioForms.json.label'));
  const text = await json.inputValue();
  const doc = JSON.parse(text);
  doc.uiSchema.reason = { 'ui:widget': 'crm:nonsense' };
  doc.uiSchema.score = { 'ui:crm-showIf': { field: 'missing' } };
  await json.fill(JSON.stringify(doc, null, 2));
  const issues = page.locator('#sf-json-issues');
  await issues.getByText(/未知控件 "crm:nonsense"：可选控件为 text、textarea、/).waitFor();
  await issues.getByText('表单中没有字段“missing”').waitFor();
  // At the field in the design view too: the server's words, not the UI's
  await page.getByRole('button', { name: zh('studioForms.view.design') }).click();
  await page.locator('details.studio-forms-field', { has: page.locator('code', { hasText: /^score$/ }) }).getByText('表单中没有字段“missing”').waitFor();
  await screenshot(page, 'studio-forms-problems-zh');
  await page.getByRole('button', { name: zh('studioForms.view.json') }).click();
  await json.fill(text);
  await issues.getByText(zh('studioForms.issues.none')).waitFor();
  expect(await versions()).toBe(before);
});
