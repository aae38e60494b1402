/**
 * Administration in the browser (admin-ui/src/studio-admin): an administrator shares big
 * opportunities with a department through a criteria rule, the explainer names that rule as the
 * reason a rep in the department can see a matching deal, and the rep's own list shows it (it did
 * not before); a condition value that is not a number is refused at that value with nothing
 * published; a permission ticked in the roles matrix counts for the role's user at once; in zh-CN
 * the labels and a refusal (a taken department key) are Chinese; a new role's taken key, and a
 * criterion on an unknown field, are refused at their control with nothing changed; a territory's
 * regions and industries are edited as lists. Real Chromium, real server and PostgreSQL; the admin and the rep each in their own browser context.
 */
import type { Page } from 'playwright-core';
import { adminText } from '../../admin-ui/src/studio-admin/messages.js';
import { ApiClient, startTestServer, uniqueName, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { pagesPerTest, screenshot } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

type Key = Parameters<typeof adminText>[1];
const t = (key: Key, vars?: Record<string, string | number>) => adminText('en', key, vars);
const zh = (key: Key, vars?: Record<string, string | number>) => adminText('zh-CN', key, vars);

let server: TestServer;
const pages = pagesPerTest();
let departmentKey: string;
let rep: Person & { password: string };
let owner: Person;

beforeAll(async () => {
  ensureUiBuilt();
  server = await startTestServer();
  departmentKey = `big-deals-${Date.now().toString(36)}`;
  const dept = await server.admin.post('/api/org/departments', { key: departmentKey, name: 'Big deals desk' });
  expect(dept.status).toBe(201);
  owner = await person(server, { role: 'sales-rep', prefix: 'owner' });
  // The rep signs in through the browser: a password of our own, then placed in the department.
  const username = uniqueName('rep');
  const created = await server.admin.post('/api/org/users', { username, password: `${username}-pw`, displayName: 'Rep Wu', role: 'sales-rep', departmentId: dept.body.id });
  expect(created.status).toBe(201);
  const api = new ApiClient(server.url);
  expect((await api.login(username, `${username}-pw`)).status).toBe(200);
  rep = { id: created.body.id as string, username, password: `${username}-pw`, api };
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const pageAs = (username: string, password: string, path: string, locale: 'en' | 'zh-CN' = 'en'): Promise<Page> => pages.signedIn(server.url + path, username, password, { locale });

const adminPage = (path: string, locale?: 'en' | 'zh-CN') => pageAs('admin', server.adminPassword, path, locale);

async function deal(name: string, amount: number): Promise<string> {
  const account = await owner.api.post('/api/records/account', { name: uniqueName('Acct') });
  const res = await owner.api.post('/api/records/opportunity', { name, account: account.body.id, stage: 'intent', amount });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Add a criteria rule named `name` on opportunities in the sharing editor, with one condition row; answers its fieldset and index. */
async function newCriteriaRule(page: Page, name: string) {
  await page.getByLabel(t('studioAdmin.sharing.entity'), { exact: true }).selectOption('opportunity');
  const rules = page.locator('fieldset.rule');
  const index = await rules.count();
  await page.getByLabel(t('studioAdmin.sharing.ruleType')).selectOption('criteria');
  await page.getByRole('button', { name: t('studioAdmin.sharing.addRule') }).click();
  const rule = rules.nth(index);
  await rule.getByLabel(t('studioAdmin.sharing.ruleName')).fill(name);
  await rule.getByRole('button', { name: t('studioAdmin.sharing.addCondition') }).click();
  return { rule, index };
}

/** Add a criteria rule `amount ≥ value` on opportunities, labelled, to the department, and publish; answers the rule's fieldset. */
async function addAmountRule(page: Page, name: string, value: string) {
  const { rule, index } = await newCriteriaRule(page, name);
  await rule.getByLabel(t('studioAdmin.sharing.ruleLabelZh')).fill(`${name}（大额）`);
  await rule.getByLabel(t('studioAdmin.sharing.ruleLabelEn')).fill(`${name} (big)`);
  await rule.getByLabel(t('studioAdmin.sharing.conditionField', { n: 1 })).selectOption('amount');
  await rule.getByLabel(t('studioAdmin.sharing.conditionOp', { n: 1 })).selectOption('gte');
  await rule.getByLabel(t('studioAdmin.sharing.conditionValue', { n: 1 })).fill(value);
  await page.locator(`#rule-${index}-to-kind`).selectOption('department');
  await page.locator(`#rule-${index}-to-key`).selectOption(departmentKey);
  await page.getByRole('button', { name: t('studioAdmin.sharing.publish') }).click();
  return rule;
}

const opportunitySharing = async () => {
  const res = await server.admin.get('/api/metadata/sharing');
  return { version: res.body.version as number, doc: (res.body.sharing as { 'x-crm-sharing': string }[]).find((s) => s['x-crm-sharing'] === 'opportunity') };
};

test('a criteria rule made in the editor shares big deals with a department: the explainer says why, the rep’s list shows them', async () => {
  // Given a big and a small deal of another rep, and the rep's own deal (so the list has loaded when it shows)
  const bigName = uniqueName('Big deal');
  const smallName = uniqueName('Small deal');
  const ownName = uniqueName('Own deal');
  const bigId = await deal(bigName, 800_000);
  await deal(smallName, 1_000);
  const mine = await rep.api.post('/api/records/account', { name: uniqueName('Rep acct') });
  expect((await rep.api.post('/api/records/opportunity', { name: ownName, account: mine.body.id, stage: 'intent' })).status).toBe(201);
  const repPage = await pageAs(rep.username, rep.password, '/records/opportunity');
  await repPage.getByRole('link', { name: ownName }).waitFor();
  expect(await repPage.getByRole('link', { name: bigName }).count()).toBe(0);

  // When the administrator shares opportunities of at least 500,000 with the department, read only
  const admin = await adminPage('/admin/sharing');
  await addAmountRule(admin, 'bigDeals', '500000');
  await admin.getByText(t('studioAdmin.sharing.published')).waitFor();
  expect((await opportunitySharing()).doc).toMatchObject({
    rules: [{ name: 'bigDeals', label: { 'zh-CN': 'bigDeals（大额）', en: 'bigDeals (big)' }, type: 'criteria', condition: { and: [{ field: 'amount', op: 'gte', value: 500000 }] }, to: { department: departmentKey }, access: 'read' }],
  });

  // Then the explainer names the rule as the rep's reason to read the big deal
  await admin.getByRole('link', { name: t('studioAdmin.section.access') }).click();
  await admin.getByLabel(t('studioAdmin.sharing.entity'), { exact: true }).selectOption('opportunity');
  await admin.getByLabel(t('studioAdmin.access.search')).fill(bigName);
  await admin.getByRole('button', { name: t('studioAdmin.access.find') }).click();
  await admin.getByRole('button', { name: bigName }).click();
  await admin.getByLabel(t('studioAdmin.access.user')).selectOption(rep.id);
  await admin.getByRole('button', { name: t('studioAdmin.access.explain') }).click();
  const grants = admin.getByRole('list', { name: t('studioAdmin.access.grants') });
  await grants.waitFor();
  expect(await grants.innerText()).toBe(t('studioAdmin.grant.line', { why: t('studioAdmin.grant.rule', { rule: 'bigDeals' }), level: t('studioAdmin.level.read') }));
  expect(await admin.getByText(t('studioAdmin.access.levelIs', { user: rep.username, level: t('studioAdmin.level.read') })).count()).toBe(1);
  await screenshot(admin, 'studio-admin-explainer');

  // And the rep's list, read again, has the big deal and still not the small one
  await repPage.reload();
  await repPage.getByRole('link', { name: bigName }).waitFor();
  expect(await repPage.getByRole('link', { name: smallName }).count()).toBe(0);
  expect((await rep.api.get(`/api/records/opportunity/${bigId}`)).status).toBe(200);
});

test('a condition value that is not a number is refused at that value, and nothing is published', async () => {
  const before = await opportunitySharing();
  const admin = await adminPage('/admin/sharing');
  const rule = await addAmountRule(admin, 'broken', 'lots');
  const value = rule.getByLabel(t('studioAdmin.sharing.conditionValue', { n: 1 }));
  await admin.locator('[aria-invalid="true"]').first().waitFor();
  expect(await value.getAttribute('aria-invalid')).toBe('true');
  // The message sits under the value, which has the focus, and names the problem.
  const described = (await value.getAttribute('aria-describedby'))!;
  expect(await admin.locator(`[id="${described}"]`).innerText()).toContain('"lots" is not');
  expect(await value.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await admin.getByText(t('studioAdmin.sharing.published')).count()).toBe(0);
  expect(await opportunitySharing()).toEqual(before);
});

test('a permission ticked in the roles matrix counts for the role’s user at once', async () => {
  // Given a role that may only read products, and a user with it
  const key = `viewer-${Date.now().toString(36)}`;
  const label = `Viewer ${key}`;
  expect((await server.admin.put(`/api/metadata/roles/${key}`, { label: { 'zh-CN': label, en: label }, permissions: { product: { actions: ['read'] } } })).status).toBe(200);
  const viewer = await person(server, { role: key, prefix: 'viewer' });
  expect((await viewer.api.get('/api/records/account?limit=1')).status).toBe(403);

  // When the administrator ticks "Account: Read" for the role and publishes
  const admin = await adminPage('/admin/roles');
  await admin.getByRole('button', { name: label }).click();
  const account = (await server.admin.get('/api/metadata/entities/account')).body as { label: { en: string } };
  const cell = admin.getByRole('checkbox', { name: t('studioAdmin.roles.cell', { entity: account.label.en, action: t('studioAdmin.action.read') }) });
  expect(await cell.isChecked()).toBe(false);
  await cell.check();
  await admin.getByRole('button', { name: t('studioAdmin.roles.publish') }).click();
  await admin.getByText(t('studioAdmin.roles.published')).waitFor();

  // Then the user reads accounts on their next request, and the role document says so
  expect((await viewer.api.get('/api/records/account?limit=1')).status).toBe(200);
  const role = ((await server.admin.get('/api/metadata/roles')).body.roles as { key: string; permissions: unknown }[]).find((r) => r.key === key);
  expect(role?.permissions).toEqual({ product: { actions: ['read'] }, account: { actions: ['read'] } });
});

test('a new user with a too short password is refused at the password, and created once it is long enough', async () => {
  const username = uniqueName('newbie');
  const admin = await adminPage('/admin/users');
  await admin.getByRole('button', { name: t('studioAdmin.users.new') }).click();
  await admin.getByLabel(t('studioAdmin.users.username'), { exact: true }).fill(username);
  await admin.getByLabel(t('studioAdmin.users.password'), { exact: true }).fill('short');
  await admin.getByLabel(t('studioAdmin.users.displayName'), { exact: true }).fill('Newbie');
  await admin.getByRole('button', { name: t('studioAdmin.create') }).click();
  const password = admin.getByLabel(t('studioAdmin.users.password'), { exact: true });
  await admin.locator('[aria-invalid="true"]').first().waitFor();
  expect(await password.getAttribute('aria-invalid')).toBe('true');
  expect(await password.evaluate((el) => el === document.activeElement)).toBe(true);
  const listed = async () => ((await server.admin.get('/api/org/users')).body.items as { username: string }[]).some((u) => u.username === username);
  expect(await listed()).toBe(false);

  await password.fill('long-enough-password');
  await admin.getByRole('button', { name: t('studioAdmin.create') }).click();
  await admin.getByRole('heading', { name: `Newbie (${username})` }).waitFor();
  expect(await listed()).toBe(true);
});

test('a transfer is previewed (nothing moves), then applied: the accounts change owner', async () => {
  const leaver = await person(server, { role: 'sales-rep', prefix: 'leaver' });
  const ids: string[] = [];
  for (const n of [1, 2]) ids.push((await leaver.api.post('/api/records/account', { name: uniqueName(`Leaver acct ${n}`) })).body.id as string);
  const owners = async () => Promise.all(ids.map(async (id) => (await server.admin.get(`/api/records/account/${id}`)).body.ownerId as string));
  const accountLabel = ((await server.admin.get('/api/metadata/entities/account')).body as { label: { en: string } }).label.en;

  const admin = await adminPage('/admin/transfer');
  await admin.getByLabel(t('studioAdmin.transfer.from'), { exact: true }).selectOption(leaver.id);
  await admin.getByLabel(t('studioAdmin.transfer.to'), { exact: true }).selectOption(rep.id);
  await admin.getByRole('checkbox', { name: accountLabel, exact: true }).check();
  await admin.getByRole('button', { name: t('studioAdmin.transfer.preview') }).click();
  await admin.getByText(t('studioAdmin.transfer.records', { entity: accountLabel, count: 2 })).waitFor();
  expect(await owners()).toEqual([leaver.id, leaver.id]);

  await admin.getByRole('button', { name: t('studioAdmin.transfer.apply') }).click();
  await admin.getByText(t('studioAdmin.transfer.done', { count: 2, tasks: 0, shares: 0 })).waitFor();
  expect(await owners()).toEqual([rep.id, rep.id]);
});

test('publishing an entity’s sharing from the editor keeps the rules it did not touch exactly as they were (labels, conditions)', async () => {
  const sharing = async () => ((await server.admin.get('/api/metadata/sharing')).body.sharing as { 'x-crm-sharing': string }[]).find((s) => s['x-crm-sharing'] === 'account');
  const before = await sharing();
  expect(before).toMatchObject({ rules: expect.arrayContaining([expect.objectContaining({ type: 'criteria', label: expect.any(Object) as unknown })]) as unknown });
  const admin = await adminPage('/admin/sharing');
  await admin.getByLabel(t('studioAdmin.sharing.entity'), { exact: true }).selectOption('account');
  await admin.getByLabel(t('studioAdmin.sharing.hierarchy')).uncheck();
  await admin.getByRole('button', { name: t('studioAdmin.sharing.publish') }).click();
  await admin.getByText(t('studioAdmin.sharing.published')).waitFor();
  expect(await sharing()).toEqual({ ...before, hierarchy: false });
});

/** The control's message (the element its aria-describedby names). */
const messageOf = async (page: Page, control: ReturnType<Page['locator']>) => page.locator(`[id="${(await control.getAttribute('aria-describedby'))!}"]`).innerText();

test('in Chinese: the administration’s labels are Chinese, and a department whose key is taken is refused at the key, in Chinese; nothing is created', async () => {
  const departments = async () => ((await server.admin.get('/api/org/departments')).body.items as { key: string; name: string }[]).map((d) => `${d.key}:${d.name}`).sort();
  const before = await departments();
  const admin = await adminPage('/admin/departments', 'zh-CN');
  await admin.getByRole('heading', { name: zh('studioAdmin.section.departments'), level: 2 }).waitFor();
  await admin.getByRole('button', { name: zh('studioAdmin.units.new') }).click();
  const key = admin.getByLabel(zh('studioAdmin.units.key'), { exact: true });
  await key.fill(departmentKey);
  await admin.getByLabel(zh('studioAdmin.units.name'), { exact: true }).fill('重名部门');
  await admin.getByRole('button', { name: zh('studioAdmin.create') }).click();
  await admin.locator('[aria-invalid="true"]').first().waitFor();
  expect(await key.getAttribute('aria-invalid')).toBe('true');
  expect(await key.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await messageOf(admin, key)).toBe(zh('problem.code.taken', { value: departmentKey }));
  expect(await departments()).toEqual(before);
});

test('a new role whose key some role has is refused at the key and changes no role; with a free key it is created, with its description', async () => {
  const roles = async () => (await server.admin.get('/api/metadata/roles')).body as { version: number; roles: { key: string; description?: string }[] };
  const before = await roles();
  const admin = await adminPage('/admin/roles');
  await admin.getByRole('button', { name: t('studioAdmin.roles.new') }).first().click();
  const key = admin.getByLabel(t('studioAdmin.roles.key'), { exact: true });
  await key.fill('finance');
  await admin.getByLabel(t('studioAdmin.roles.labelZh'), { exact: true }).fill('审计');
  await admin.getByLabel(t('studioAdmin.roles.labelEn'), { exact: true }).fill('Auditor');
  await admin.getByLabel(t('studioAdmin.roles.description'), { exact: true }).fill('Reads everything, changes nothing.');
  await admin.getByRole('button', { name: t('studioAdmin.roles.publish') }).click();
  await admin.locator('[aria-invalid="true"]').first().waitFor();
  expect(await key.getAttribute('aria-invalid')).toBe('true');
  expect(await messageOf(admin, key)).toBe(t('problem.code.taken', { value: 'finance' }));
  expect(await roles()).toEqual(before);

  const fresh = `auditor-${Date.now().toString(36)}`;
  await key.fill(fresh);
  await admin.getByRole('button', { name: t('studioAdmin.roles.publish') }).click();
  await admin.getByRole('heading', { name: fresh }).waitFor();
  expect((await roles()).roles.find((r) => r.key === fresh)?.description).toBe('Reads everything, changes nothing.');
});

test('a territory’s regions and industries are lists: regions typed, industries chosen from the industry field’s values by label, one removed', async () => {
  const key = `east-${Date.now().toString(36)}`;
  const admin = await adminPage('/admin/territories');
  await admin.getByRole('button', { name: t('studioAdmin.units.new') }).click();
  await admin.getByLabel(t('studioAdmin.units.key'), { exact: true }).fill(key);
  await admin.getByLabel(t('studioAdmin.units.name'), { exact: true }).fill('East China');
  const regions = t('studioAdmin.units.regions');
  const industries = t('studioAdmin.units.industries');
  for (const region of ['华东', '华南']) {
    await admin.getByLabel(t('studioAdmin.units.newValue', { what: regions })).fill(region);
    await admin.getByRole('button', { name: t('studioAdmin.units.addValue', { what: regions }) }).click();
  }
  // The account's territory rule compares its industry field, an enum: its values are the choices, by label.
  const industry = admin.getByLabel(t('studioAdmin.units.chooseValue', { what: industries }));
  for (const label of ['Finance & insurance', 'Trade']) {
    await industry.selectOption({ label });
    await admin.getByRole('button', { name: t('studioAdmin.units.addValue', { what: industries }) }).click();
  }
  await admin.getByRole('button', { name: t('studioAdmin.units.removeValue', { value: '华南', what: regions }) }).click();
  expect(await admin.getByRole('list', { name: industries }).innerText()).toMatch(/Finance & insurance[\s\S]*Trade/);
  await admin.getByRole('button', { name: t('studioAdmin.create') }).click();
  await admin.getByRole('heading', { name: 'East China' }).waitFor();
  expect((await server.admin.get(`/api/org/territories/${key}`)).body).toMatchObject({ regions: ['华东'], industries: ['finance', 'trade'] });
});

test('a criterion on a field the server does not know is refused at that criterion, and nothing is published', async () => {
  const before = await opportunitySharing();
  // Through the API: the refusal names the criterion's field.
  const rule = { name: 'ghost', type: 'criteria', condition: { and: [{ field: 'noSuchField', op: 'eq', value: 'x' }] }, to: { role: 'sales-rep' }, access: 'read' };
  const res = await server.admin.put('/api/metadata/sharing/opportunity', { default: 'private', rules: [rule] });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['sharing/opportunity#/rules/0/condition/and/0/field']);
  // In the editor: the page's field list is the metadata it loaded; a field gone since (here: its
  // option renamed in the page) reaches the server, whose refusal is shown at that criterion.
  const admin = await adminPage('/admin/sharing');
  const { rule: fieldset, index } = await newCriteriaRule(admin, 'ghost');
  const field = fieldset.getByLabel(t('studioAdmin.sharing.conditionField', { n: 1 }));
  await field.evaluate((select: HTMLSelectElement) => (select.options[select.options.length - 1]!.value = 'noSuchField'));
  await field.selectOption('noSuchField');
  await admin.locator(`#rule-${index}-to-kind`).selectOption('role');
  await admin.locator(`#rule-${index}-to-key`).selectOption('sales-rep');
  await admin.getByRole('button', { name: t('studioAdmin.sharing.publish') }).click();
  await admin.locator('[aria-invalid="true"]').first().waitFor();
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  expect(await messageOf(admin, field)).toContain('noSuchField');
  expect(await opportunitySharing()).toEqual(before);
});
