/**
 * End to end, in a real Chromium against a real server and PostgreSQL: an employee signs in, finds
 * the Account list, creates an account through the form, finds it again, edits it and reads the
 * change in its history; the form shows the server's field errors, duplicate warning and version
 * conflict; a wrong password is refused with a message. Waits are on conditions, never on time.
 */
import type { EntityMeta } from '../../admin-ui/src/api/types.js';
import { translate, type MessageKey } from '../../admin-ui/src/i18n/index.js';
import { startTestServer, uniqueName, type TestServer } from '../support/harness.js';
import { pagePerTest } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);

let server: TestServer;
let account: EntityMeta;
let adminName: string;
const ui = pagePerTest('en-US');

const fieldLabel = (name: string) => account.fields.find((f) => f.name === name)!.label.en;

beforeAll(async () => {
  ensureUiBuilt();
  server = await startTestServer();
  const meta = await server.admin.get<{ entities: EntityMeta[] }>('/api/metadata/entities');
  account = meta.body.entities.find((e) => e.name === 'account')!;
  adminName = (await server.admin.get('/api/auth/me')).body.user.displayName;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function signIn(path = '/', password = server.adminPassword): Promise<void> {
  await ui.page.goto(server.url + path);
  await ui.page.getByLabel(t('login.username')).fill('admin');
  await ui.page.getByLabel(t('login.password')).fill(password);
  await ui.page.getByRole('button', { name: t('login.submit') }).click();
}

const nav = () => ui.page.getByRole('navigation', { name: t('nav.title') });
const heading = (name: string) => ui.page.getByRole('heading', { level: 1, name, exact: true });
const input = (field: string) => ui.page.locator(`#field-${field}`);
const save = () => ui.page.getByRole('button', { name: t('form.save'), exact: true }).click();
const RECORD_URL = /\/records\/account\/[0-9a-f-]{36}$/;
const recordIdOf = (url: string) => url.split('/').pop()!;

async function createAccountByApi(body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const res = await server.admin.post('/api/records/account', body);
  expect(res.status).toBe(201);
  return res.body;
}

test('given a wrong password, when signing in, then the login page says so and nothing opens', async () => {
  await signIn('/', 'not-the-password');

  const alert = ui.page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toBe(t('login.failed'));
  expect(await ui.page.getByTestId('current-user').count()).toBe(0);
});

test('given the admin, when creating, finding, editing an account, then the list and the history show it', async () => {
  // Given another account (so that the search has something to leave out) and a signed-in admin
  await createAccountByApi({ name: uniqueName('E2E Other') });
  await signIn();
  await ui.page.getByTestId('current-user').filter({ hasText: adminName }).waitFor();
  await nav().getByRole('link', { name: account.pluralLabel.en, exact: true }).click();
  await heading(account.pluralLabel.en).waitFor();
  await ui.page.locator('table.records thead th').first().waitFor();
  const headers = await ui.page.locator('table.records thead th').allTextContents();
  expect(headers.slice(0, 2)).toEqual([fieldLabel('name'), fieldLabel('industry')]); // the default view's columns

  // When an account is created through the form
  const name = uniqueName('E2E Account');
  await ui.page.getByRole('link', { name: t('list.new', { entity: account.label.en }) }).click();
  await ui.page.getByLabel(fieldLabel('name')).fill(name);
  await ui.page.getByLabel(fieldLabel('industry')).selectOption({ label: 'Finance & insurance' });
  await save();
  await ui.page.waitForURL(RECORD_URL);
  await heading(name).waitFor();

  // Then the quick search finds exactly it, enum shown by its label
  await nav().getByRole('link', { name: account.pluralLabel.en, exact: true }).click();
  await ui.page.getByRole('searchbox', { name: t('list.searchLabel') }).fill(name);
  await ui.page
    .getByTestId('record-count')
    .filter({ hasText: t('list.count', { count: 1 }) })
    .waitFor();
  const row = ui.page.locator('table.records tbody tr');
  expect(await row.count()).toBe(1);
  expect(await row.locator('td').nth(0).textContent()).toBe(name);
  expect(await row.locator('td').nth(1).textContent()).toBe('Finance & insurance');

  // When it is opened and its name edited
  await row.getByRole('link', { name }).click();
  await heading(name).waitFor();
  await ui.page.getByRole('link', { name: t('record.edit') }).click();
  await input('name').waitFor();
  expect(await input('name').inputValue()).toBe(name);
  const renamed = `${name} Ltd`;
  await input('name').fill(renamed);
  await save();
  await heading(renamed).waitFor();

  // Then the history lists the change: who, which field, before and after
  await ui.page.getByRole('link', { name: t('record.history') }).click();
  const change = ui.page.locator('table.history tbody tr').filter({ hasText: t('action.update') });
  await change.waitFor();
  const cells = await change.locator('td').allTextContents();
  expect(cells.slice(1)).toEqual([adminName, t('action.update'), fieldLabel('name'), name, renamed]);
  expect(
    await ui.page
      .locator('table.history tbody tr')
      .filter({ hasText: t('action.create') })
      .count(),
  ).toBeGreaterThan(0);
});

test('given the form, when the server refuses, then field errors and duplicates are shown and "create anyway" saves', async () => {
  const existing = uniqueName('E2E Duplicate');
  const first = await createAccountByApi({ name: existing });
  await signIn('/records/account/new');
  await input('name').waitFor();

  // An empty required field: the server's message appears next to that field
  await save();
  const nameError = ui.page.locator('#field-name-error');
  await nameError.waitFor();
  expect(await nameError.textContent()).toBe(t('problem.code.required', { field: 'Account name' }));
  expect(await input('name').getAttribute('aria-invalid')).toBe('true');

  // The same name again: the duplicate is listed, and the person may create anyway
  await input('name').fill(existing);
  await save();
  const notice = ui.page.locator('.duplicates');
  await notice.waitFor();
  expect(await notice.getByRole('link', { name: existing }).getAttribute('href')).toBe(`/records/account/${first.id}`);
  await notice.getByRole('button', { name: t('form.createAnyway') }).click();
  await ui.page.waitForURL(RECORD_URL);
  expect(recordIdOf(ui.page.url())).not.toBe(first.id);
  await heading(existing).waitFor();
});

test('given an edit form gone stale, when saving, then a conflict is reported and reload shows the new version', async () => {
  const name = uniqueName('E2E Conflict');
  const created = await createAccountByApi({ name });
  await signIn(`/records/account/${created.id}/edit`); // a deep link survives the sign-in
  // The form holds the record as loaded (version 1), and every request of the sign-in and start-up
  // has settled, before someone else changes it (a late load would fetch version 2 instead).
  await ui.page.waitForFunction((n) => (document.querySelector('#field-name') as HTMLInputElement | null)?.value === n, name);
  await ui.page.waitForLoadState('networkidle');

  const other = await server.admin.patch(`/api/records/account/${created.id}`, { region: 'North', version: created.version });
  expect(other.status).toBe(200);
  await input('name').fill(`${name} (mine)`);
  await save();
  // Whatever the form says, say it on failure: the conflict message, or what came instead.
  await ui.page.getByText(t('form.conflict')).or(ui.page.getByRole('alert')).first().waitFor();
  expect(await ui.page.getByText(t('form.conflict')).count()).toBe(1);

  await ui.page.getByRole('button', { name: t('form.reload') }).click();
  await ui.page.waitForFunction(() => (document.querySelector('#field-region') as HTMLInputElement | null)?.value === 'North');
  expect(await input('name').inputValue()).toBe(name);
});

test('given English, when switching to 中文, then labels change and the choice survives a reload', async () => {
  await signIn();
  await nav().getByRole('link', { name: account.pluralLabel.en, exact: true }).waitFor();

  await ui.page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  const zhNav = ui.page.getByRole('navigation', { name: translate('zh-CN', 'nav.title') });
  await zhNav.getByRole('link', { name: account.pluralLabel['zh-CN'], exact: true }).waitFor();
  await ui.page.reload();
  await zhNav.getByRole('link', { name: account.pluralLabel['zh-CN'], exact: true }).waitFor();
  expect(await ui.page.getByRole('button', { name: translate('zh-CN', 'header.logout') }).count()).toBe(1);
});
