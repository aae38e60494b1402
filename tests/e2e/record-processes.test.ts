/**
 * End to end, in a real Chromium against a real server and PostgreSQL: a lead created through the
 * API starts the shipped lead-qualification; its record page shows that process as running with its
 * open task, and after switching to 中文 the same section in Chinese. A record without any process
 * shows no process section. Waits are on conditions, never on time.
 */
import type { RecordProcess } from '../../admin-ui/src/api/types.js';
import { translate, type MessageKey } from '../../admin-ui/src/i18n/index.js';
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';
import { pagePerTest, signInAt } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);

let server: TestServer;
const ui = pagePerTest('en-US');

beforeAll(async () => {
  ensureUiBuilt();
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const signIn = (path: string) => signInAt(ui.page, server.url + path, 'admin', server.adminPassword);

const processesOf = async (id: string): Promise<RecordProcess[]> => (await server.admin.get(`/api/records/lead/${id}/processes`)).body.items;

test('given a lead whose qualification runs, when its page is opened, then it shows the process, its state and open task, in either language', async () => {
  // Given a lead (an incomplete one: the process waits in a user task)
  const company = uniqueName('E2E Process Lead');
  const created = await server.admin.post('/api/records/lead', { company, contactName: 'Han Meimei', source: 'walkIn' });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  let open: RecordProcess['tasks'] = [];
  await waitFor(async () => {
    open = (await processesOf(id)).flatMap((p) => p.tasks);
    return open.length > 0;
  }, 30_000);
  const taskName = open[0]!.name!;

  // When its page is opened
  await signIn(`/records/lead/${id}`);
  await ui.page.getByRole('heading', { level: 1, name: company, exact: true }).waitFor();
  const section = ui.page.getByRole('region', { name: t('process.title') });
  await section.waitFor();

  // Then the process is listed as running, with its open task
  const instance = section.locator('[data-process="lead-qualification"]');
  await instance.waitFor();
  expect(await instance.getByTestId('process-state').textContent()).toBe(t('process.state.ACTIVE'));
  const taskRow = instance.getByRole('table', { name: t('process.openTasks') }).locator('tbody tr').filter({ hasText: taskName });
  await taskRow.waitFor();
  expect(await taskRow.count()).toBe(1);
  const me = (await server.admin.get('/api/auth/me')).body.user;
  const assignee = open[0]!.assignee;
  const shown = !assignee ? t('process.unassigned') : assignee === me.id ? me.displayName || me.username : assignee;
  expect(await taskRow.locator('td').nth(1).textContent()).toBe(shown);
  // The history is collapsed until asked for, and lists the task's activity
  const history = instance.locator('details.process-activities');
  expect(await history.getAttribute('open')).toBeNull();
  await history.locator('summary').click();
  await history.locator('tbody tr').filter({ hasText: taskName }).waitFor();

  // When the language is switched, the section speaks Chinese
  await ui.page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  const zhSection = ui.page.getByRole('region', { name: translate('zh-CN', 'process.title') });
  await zhSection.waitFor();
  await zhSection.getByTestId('process-state').filter({ hasText: translate('zh-CN', 'process.state.ACTIVE') }).waitFor();
  await zhSection.getByRole('table', { name: translate('zh-CN', 'process.openTasks') }).waitFor();
});

test('given a record no process runs for, when its page is opened, then there is no process section', async () => {
  const name = uniqueName('E2E No Process');
  const created = await server.admin.post('/api/records/account', { name });
  expect(created.status).toBe(201);
  expect(await (await server.admin.get(`/api/records/account/${created.body.id}/processes`)).body.items).toEqual([]);

  await signIn(`/records/account/${created.body.id}`);
  await ui.page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  await ui.page.waitForLoadState('networkidle');
  expect(await ui.page.getByRole('region', { name: t('process.title') }).count()).toBe(0);
});
