/**
 * Record access in the browser, in Chinese: a sales rep whose role may only read one account field
 * gets no input for it; a colleague's private account is "not found or not yours"; saving a
 * colleague's account the rep may read but not change shows the refusal in the user's language.
 * The server decides; the UI only reflects it. Real Chromium, real server and PostgreSQL.
 */
import { loadMetadataDir, type RoleDocument } from '../../metadata/index.js';
import { translate, type MessageKey } from '../../admin-ui/src/i18n/index.js';
import { ApiClient, startTestServer, uniqueName, type TestServer } from '../support/harness.js';
import { pagePerTest } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('zh-CN', key, vars);

let server: TestServer;
const ui = pagePerTest('zh-CN');
const reps: Record<string, { username: string; password: string; api: ApiClient }> = {};

async function rep(name: string): Promise<void> {
  const username = uniqueName(name).toLowerCase().replace(/_/g, '-');
  const password = `${username}-pw`;
  const u = await server.server.auth.createUser({ username, password, displayName: name });
  await server.server.db.query(`update sec.user set role = 'sales-rep' where id = $1`, [u.id]);
  const api = new ApiClient(server.url);
  await api.login(username, password);
  reps[name] = { username, password, api };
}

beforeAll(async () => {
  ensureUiBuilt();
  server = await startTestServer();
  const shipped = loadMetadataDir(new URL('../../metadata/', import.meta.url).pathname);
  const roles: RoleDocument[] = shipped.roles!.map((r) =>
    r['x-crm-role'] === 'sales-rep' ? { ...r, permissions: { ...r.permissions, account: { ...r.permissions.account, fields: { annualRevenue: 'read' } } } } : r,
  );
  const sharing = shipped.sharing!.map((s) => (s['x-crm-sharing'] === 'opportunity' ? { ...s, default: 'publicRead' as const } : s));
  const published = await server.admin.post('/api/metadata/publish', { ...shipped, roles, sharing });
  expect(published.status).toBe(201);
  await rep('Wang');
  await rep('Li');
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function signInAs(name: string, path: string): Promise<void> {
  await ui.page.goto(server.url + path);
  await ui.page.getByLabel(t('login.username')).fill(reps[name].username);
  await ui.page.getByLabel(t('login.password')).fill(reps[name].password);
  await ui.page.getByRole('button', { name: t('login.submit') }).click();
}

const input = (field: string) => ui.page.locator(`#field-${field}`);

test('a field the role may only read has no input on the edit form', async () => {
  const own = await reps.Wang.api.post('/api/records/account', { name: uniqueName('王的客户') });
  expect(own.status).toBe(201);
  expect((await server.admin.patch(`/api/records/account/${own.body.id as string}`, { annualRevenue: 500 })).status).toBe(200);
  await signInAs('Wang', `/records/account/${own.body.id as string}/edit`);
  await input('name').waitFor();
  expect(await input('annualRevenue').count()).toBe(0);
  expect(await input('industry').count()).toBe(1);
});

test('a colleague’s private account is not found, as if it did not exist', async () => {
  const theirs = await reps.Li.api.post('/api/records/account', { name: uniqueName('李的客户') });
  await signInAs('Wang', `/records/account/${theirs.body.id as string}`);
  await ui.page.getByText(t('record.notFound')).waitFor();
  expect(await ui.page.getByText(theirs.body.name as string).count()).toBe(0);
});

test('saving a record the user may read but not change shows the refusal in Chinese', async () => {
  const account = await reps.Li.api.post('/api/records/account', { name: uniqueName('李的客户') });
  const deal = await reps.Li.api.post('/api/records/opportunity', { name: uniqueName('李的商机'), account: account.body.id, stage: 'intent' });
  expect(deal.status).toBe(201);
  await signInAs('Wang', `/records/opportunity/${deal.body.id as string}/edit`);
  await input('name').waitFor();
  await input('name').fill(uniqueName('改名'));
  await ui.page.getByRole('button', { name: t('form.save'), exact: true }).click();
  await ui.page.getByText(t('problem.forbidden')).waitFor();
  const [row] = await server.server.db.query<{ version: number }>('select version from crm.opportunity where id = $1', [deal.body.id]);
  expect(row.version).toBe(1);
});
