/**
 * The entity designer in the browser (docs/studio.md): an analyst adds "WeChat ID" to Contact with a
 * unique rule — bad names are shown at the name input first, nothing published — sees the DDL,
 * publishes, and puts the field in the record layout; a sales rep then fills it in, and a second
 * contact with the same WeChat ID is refused at the field. An invalid document is shown at the
 * field it concerns and cannot be published; an exported zip imports back unchanged. A computed
 * field added in the dialog is checked as it is typed and shows its value on a record page. Real Chromium,
 * real server and PostgreSQL.
 */
import { pickerText } from '../../admin-ui/src/pickers/messages.js';
import { translate, type MessageKey } from '../../admin-ui/src/i18n/index.js';
import { studioText, type StudioKey } from '../../admin-ui/src/studio-model/messages.js';
import { startTestServer, uniqueName, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { pagePerTest, screenshot, signInAt } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: StudioKey | MessageKey, vars?: Record<string, string | number>) => studioText('en', key, vars);

let server: TestServer;
let analyst: Person;
let rep: Person;
const ui = pagePerTest('en');

beforeAll(async () => {
  ensureUiBuilt();
  server = await startTestServer();
  analyst = await person(server, { role: 'analyst', prefix: 'e2e-analyst' });
  rep = await person(server, { role: 'sales-rep', prefix: 'e2e-rep' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const shot = (page: Page, name: string) => screenshot(page, `studio-model-${name}`);

const versions = async () => (await server.admin.get('/api/metadata/versions')).body.items.length as number;
const signIn = (who: Person, path: string) => signInAt(ui.page, server.url + path, who.username, `${who.username}-password`);

test('an analyst adds WeChat ID with a unique rule, sees the DDL, publishes, and lays it out; a rep fills it in; a second contact with the same ID is refused', async () => {
  const before = await versions();
  const page = ui.page;
  await signIn(analyst, '/studio/model/entities/contact');
  await page.getByRole('button', { name: t('studioModel.addField') }).click();
  const dialog = page.getByRole('dialog', { name: t('studioModel.addField') });
  const name = dialog.getByLabel(t('studioModel.field.name'));

  // Bad input is shown at the name input, and nothing is saved or published.
  await name.fill('WeChat ID');
  await dialog.getByLabel(t('studioModel.field.labelZh')).fill('微信号');
  await dialog.getByLabel(t('studioModel.field.labelEn')).fill('WeChat ID');
  await dialog.getByRole('button', { name: t('studioModel.saveField') }).click();
  await dialog.getByText(t('studioModel.problem.invalidName')).waitFor();
  expect(await name.getAttribute('aria-invalid')).toBe('true');
  await name.fill('email');
  await dialog.getByRole('button', { name: t('studioModel.saveField') }).click();
  await dialog.getByText(t('studioModel.problem.clash', { name: 'email' })).waitFor();
  expect((await server.admin.get('/api/metadata/draft')).body.revision).toBe(0);

  await name.fill('wechatId');
  // The problem follows the input as it is corrected.
  await dialog.getByText(t('studioModel.problem.clash', { name: 'wechatId' })).waitFor({ state: 'detached' });
  expect(await name.getAttribute('aria-invalid')).toBeNull();
  await dialog.getByLabel(t('studioModel.field.maxLength')).fill('64');
  await dialog.getByLabel(t('studioModel.field.unique')).check();
  await shot(page, 'field-dialog');
  await dialog.getByRole('button', { name: t('studioModel.saveField') }).click();
  await page.getByRole('status').getByText(t('studioModel.saved')).waitFor();
  await page.getByRole('row', { name: /wechatId/ }).waitFor();

  // The record layout: a "Social" section holding the new field.
  await page.getByRole('tab', { name: t('studioModel.tab.layout') }).click();
  await page.getByRole('button', { name: t('studioModel.layout.addSection') }).click();
  const section = page.getByRole('group', { name: t('studioModel.layout.section', { n: 1 }) });
  await section.getByLabel(t('studioModel.layout.key')).fill('social');
  await section.getByLabel(t('studioModel.field.labelZh')).fill('社交');
  await section.getByLabel(t('studioModel.field.labelEn')).fill('Social');
  await section.getByRole('checkbox', { name: 'wechatId' }).check();
  await page.getByRole('button', { name: t('studioModel.layout.save') }).click();
  await page.getByRole('status').getByText(t('studioModel.saved')).waitFor();
  expect(await versions()).toBe(before);

  // Preview shows the DDL first; publishing takes a confirmation.
  await page.getByRole('link', { name: t('studioModel.validateAndPublish') }).click();
  await page.getByRole('button', { name: t('studioModel.preview') }).click();
  const sql = page.locator('.sm-sql');
  await sql.first().waitFor();
  const statements = (await sql.allTextContents()).join('\n');
  expect(statements).toMatch(/add column .*wechat_id/i);
  expect(statements).toMatch(/create unique index/i);
  await page.getByRole('button', { name: t('studioModel.publish') }).click();
  await shot(page, 'preview');
  await page.getByRole('button', { name: t('studioModel.confirmPublish') }).click();
  await page.getByText(t('studioModel.published', { version: before + 1 })).waitFor();
  expect(await versions()).toBe(before + 1);

  const contact = (await rep.api.get('/api/metadata/entities/contact')).body;
  expect(contact.fields.map((f: { name: string }) => f.name)).toContain('wechatId');
  expect(contact.layout.sections[0]).toEqual({ key: 'social', label: { 'zh-CN': '社交', en: 'Social' }, fields: ['wechatId'] });
  const openapi = (await rep.api.get('/api/openapi.json')).body;
  expect(JSON.stringify(openapi)).toContain('"wechatId"');

  // The sales rep fills it in on a contact's form.
  const wechat = uniqueName('wx');
  await page.context().clearCookies();
  await signIn(rep, '/records/contact/new');
  await page.locator('#field-firstName').fill('Wei');
  await page.locator('#field-lastName').fill('Zhang');
  await page.locator('#field-wechatId').fill(wechat);
  await page.getByRole('button', { name: t('form.save'), exact: true }).click();
  await page.waitForURL(/\/records\/contact\/[0-9a-f-]{36}$/);
  // The record page shows it in the section the analyst laid out.
  await page.getByRole('region', { name: 'Social' }).getByText(wechat).waitFor();
  const listed = await rep.api.get(`/api/records/contact?filter=${encodeURIComponent(JSON.stringify({ field: 'wechatId', op: 'eq', value: wechat }))}`);
  expect(listed.body.items.map((r: { wechatId: string }) => r.wechatId)).toEqual([wechat]);

  // A second contact with the same WeChat ID is refused, at the field.
  await page.goto(server.url + '/records/contact/new');
  await page.locator('#field-firstName').fill('Wei');
  await page.locator('#field-lastName').fill('Li');
  await page.locator('#field-wechatId').fill(wechat);
  await page.getByRole('button', { name: t('form.save'), exact: true }).click();
  // The refusal in the user's language (code `unique`), at the field.
  await page.getByText(t('problem.code.unique', { field: 'WeChat ID' })).waitFor();
  expect(page.url()).toMatch(/\/records\/contact\/new$/);
});

test('an invalid document is shown at the field it concerns; validate links to it, nothing is published; export and import round-trip', async () => {
  const before = await versions();
  const page = ui.page;
  await signIn(analyst, '/studio/model/entities/contact');
  await page.getByRole('tab', { name: t('studioModel.tab.json') }).click();
  const json = page.getByLabel(t('studioModel.json.label', { file: 'entities/contact.json' }));
  const doc = JSON.parse(await json.inputValue());
  doc.properties.title.maxLength = 'long';
  await json.fill(JSON.stringify(doc, null, 2));
  await page.getByRole('button', { name: t('studioModel.json.save') }).click();
  await page.getByRole('status').getByText(t('studioModel.savedWithIssues', { count: 1 })).waitFor();
  await page.getByRole('tab', { name: t('studioModel.tab.fields') }).click();
  await page.getByRole('list', { name: t('studioModel.fieldIssues', { field: 'title' }) }).getByText('/properties/title/maxLength').waitFor();

  await page.getByRole('link', { name: t('studioModel.validateAndPublish') }).click();
  await page.getByRole('button', { name: t('studioModel.validate') }).click();
  await page.getByText(t('studioModel.invalid', { count: 1 })).waitFor();
  const link = page.getByRole('link', { name: 'entities/contact.json · title' });
  await page.getByRole('button', { name: t('studioModel.preview') }).click();
  await page.getByRole('alert').first().waitFor();
  expect(await page.getByRole('button', { name: t('studioModel.publish') }).count()).toBe(0);
  await link.click();
  await page.waitForURL(/\/studio\/model\/entities\/contact\?field=title$/);
  await shot(page, 'field-issue');
  await page.getByRole('list', { name: t('studioModel.fieldIssues', { field: 'title' }) }).getByText('/properties/title/maxLength').waitFor();
  expect(await versions()).toBe(before);

  // In Chinese the problem at the field reads in Chinese: the meta-schema's verdict worded by ajv-i18n.
  await page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  await page.getByRole('list', { name: studioText('zh-CN', 'studioModel.fieldIssues', { field: 'title' }) }).getByRole('listitem').filter({ hasText: /^\/properties\/title\/maxLength 应当是 \w+ 类型$/ }).waitFor();
  await shot(page, 'field-issue-zh-CN');
  await page.getByRole('button', { name: translate('zh-CN', 'lang.en') }).click();

  // Discarding the draft brings the published version back.
  await page.getByRole('button', { name: t('studioModel.discard') }).click();
  await page.getByRole('button', { name: t('studioModel.discardConfirm', { count: 1 }) }).click();
  await page.getByText(t('studioModel.discarded')).waitFor();
  expect((await server.admin.get('/api/metadata/draft')).body.revision).toBe(0);

  // Export as a zip and import that zip back: nothing differs from the published version.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t('studioModel.exportZip') }).click()]);
  const zip = readFileSync(await download.path());
  await page.locator('input[type=file]').setInputFiles({ name: 'metadata.zip', mimeType: 'application/zip', buffer: zip });
  await page.getByText(t('studioModel.imported', { count: 0 })).waitFor();
  expect(await versions()).toBe(before);
});

test('an analyst adds a computed field — the server checks the expression as it is typed — and an attachment field in the dialog, publishes; a rep sees the computed value on the record page and chooses an uploaded file', async () => {
  const before = await versions();
  const revision = (await server.admin.get('/api/metadata/draft')).body.revision;
  const page = ui.page;
  await page.context().clearCookies();
  await signIn(analyst, '/studio/model/entities/opportunity');
  await page.getByRole('button', { name: t('studioModel.addField') }).click();
  const dialog = page.getByRole('dialog', { name: t('studioModel.addField') });
  await dialog.getByLabel(t('studioModel.field.name')).fill('weighted');
  await dialog.getByLabel(t('studioModel.field.kind')).selectOption('computed');
  await dialog.getByLabel(t('studioModel.field.computedKind')).selectOption('money');
  await dialog.getByLabel(t('studioModel.field.labelZh')).fill('加权金额');
  await dialog.getByLabel(t('studioModel.field.labelEn')).fill('Weighted amount');
  const expression = dialog.getByLabel(t('studioModel.field.expression'));

  // A field the entity lacks: the server's problem, under the input; the draft is not changed.
  await expression.fill('amount * chance / 100');
  await dialog.getByText('unknown field "chance"', { exact: false }).waitFor();
  expect(await expression.getAttribute('aria-invalid')).toBe('true');
  expect((await server.admin.get('/api/metadata/draft')).body.revision).toBe(revision);
  await expression.fill('amount * probability / 100');
  await dialog.getByText(t('studioModel.expression.valid')).waitFor();
  await shot(page, 'computed-field');
  await dialog.getByRole('button', { name: t('studioModel.saveField') }).click();
  await page.getByRole('status').getByText(t('studioModel.saved')).waitFor();
  await page.getByRole('row', { name: /weighted/ }).getByText(t('studioModel.kind.computed')).waitFor();

  // An attachment field holding several files of the record.
  await page.getByRole('button', { name: t('studioModel.addField') }).click();
  await dialog.getByLabel(t('studioModel.field.name')).fill('files');
  await dialog.getByLabel(t('studioModel.field.kind')).selectOption('attachment');
  await dialog.getByLabel(t('studioModel.field.labelZh')).fill('文件');
  await dialog.getByLabel(t('studioModel.field.labelEn')).fill('Files');
  await dialog.getByLabel(t('studioModel.field.multiple')).check();
  await dialog.getByRole('button', { name: t('studioModel.saveField') }).click();
  await page.getByRole('row', { name: /files/ }).getByText(t('studioModel.kind.attachment')).waitFor();

  await page.getByRole('link', { name: t('studioModel.validateAndPublish') }).click();
  await page.getByRole('button', { name: t('studioModel.preview') }).click();
  await page.locator('.sm-sql').getByText(/generated always as/i).first().waitFor();
  await page.locator('.sm-sql').getByText(/files.* uuid\[\]/i).first().waitFor();
  await page.getByRole('button', { name: t('studioModel.publish') }).click();
  await page.getByRole('button', { name: t('studioModel.confirmPublish') }).click();
  await page.getByText(t('studioModel.published', { version: before + 1 })).waitFor();

  const account = await rep.api.post('/api/records/account', { name: uniqueName('Weighted Co') });
  const opportunity = await rep.api.post('/api/records/opportunity', { name: uniqueName('Deal'), account: account.body.id, amount: 1000, probability: 40 });
  expect(opportunity.status).toBe(201);
  await page.context().clearCookies();
  await signIn(rep, `/records/opportunity/${opportunity.body.id}`);
  await page.locator('[data-field="weighted"] dd').getByText('400.00').waitFor();
  // Not offered for typing on the record's form; the attachment field offers an upload, which chooses the file.
  await page.goto(`${server.url}/records/opportunity/${opportunity.body.id}/edit`);
  await page.locator('#field-amount').waitFor();
  expect(await page.locator('#field-weighted').count()).toBe(0);
  await page.getByLabel(pickerText('en', 'picker.attachments.upload')).setInputFiles({ name: 'offer.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 offer') });
  await page.getByText(pickerText('en', 'picker.attachments.added', { name: 'offer.pdf' })).waitFor();
  expect(await page.getByRole('group', { name: 'Files' }).getByRole('checkbox', { name: 'offer.pdf' }).isChecked()).toBe(true);
  await page.getByRole('button', { name: t('form.save'), exact: true }).click();
  await page.waitForURL(new RegExp(`/records/opportunity/${opportunity.body.id}$`));
  await page.locator('[data-field="files"] dd').getByRole('link', { name: pickerText('en', 'picker.attachments.download', { name: 'offer.pdf' }) }).waitFor();
  expect((await rep.api.get(`/api/records/opportunity/${opportunity.body.id}`)).body.files).toHaveLength(1);
});
