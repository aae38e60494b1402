/**
 * End to end, in a real Chromium against a real server and PostgreSQL: the process view of a
 * running lead-qualification (reached from the lead's page) shows the diagram with the task the
 * process waits in marked active and the timeline of what ran; the dashboards draw their charts
 * over a rep's opportunities, and a click on a funnel stage opens the opportunity list filtered by
 * that stage; the rep sees their own pipeline, whose stages open their own opportunities.
 * Screenshots go to test-artifacts/. Waits are on conditions, never on time.
 */
import { mkdirSync } from 'node:fs';
import type { RecordProcess } from '../../admin-ui/src/api/types.js';
import { dashboardsText } from '../../admin-ui/src/dashboards/messages.js';
import { processViewText } from '../../admin-ui/src/process/messages.js';
import { translate, type MessageKey } from '../../admin-ui/src/i18n/index.js';
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';
import { person } from '../support/people.js';
import { pagePerTest, signInAt } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

let server: TestServer;
const ui = pagePerTest('en-US');

beforeAll(async () => {
  ensureUiBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const signIn = (path: string) => signInAt(ui.page, server.url + path, 'admin', server.adminPassword);

/** The whole page in one tall viewport (a full-page capture would draw the sticky header mid-page). */
async function screenshot(name: string): Promise<void> {
  const height = await ui.page.evaluate(() => document.documentElement.scrollHeight);
  await ui.page.setViewportSize({ width: 1280, height: Math.min(height, 3000) });
  await ui.page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

test('given a running lead-qualification, when its process view is opened from the lead, then the diagram marks the waiting task active and the timeline lists what ran', async () => {
  // Given a lead whose qualification waits in a user task
  const company = uniqueName('E2E View Lead');
  const created = await server.admin.post('/api/records/lead', { company, contactName: 'Han Meimei', source: 'walkIn' });
  expect(created.status).toBe(201);
  let instance: RecordProcess | undefined;
  await waitFor(async () => {
    [instance] = (await server.admin.get(`/api/records/lead/${created.body.id}/processes`)).body.items as RecordProcess[];
    return (instance?.tasks.length ?? 0) > 0;
  }, 30_000);
  const task = instance!.tasks[0]!;

  // When the process view is opened from the lead's Processes section
  await signIn(`/records/lead/${created.body.id}`);
  const section = ui.page.getByRole('region', { name: t('process.title') });
  await section.getByRole('link', { name: t('processView.openLabel', { name: instance!.processDefinitionName || instance!.processDefinitionKey }) }).click();
  await ui.page.waitForURL(`**/process/${instance!.id}`);

  // Then the diagram is drawn with the waiting task marked active, and the earlier steps completed
  const diagram = ui.page.locator('.pv-diagram[data-state="shown"]');
  await diagram.waitFor();
  await diagram.locator(`.djs-element.pv-active[data-element-id="${task.taskDefinitionKey}"]`).waitFor();
  expect(await diagram.locator('.djs-element.pv-done').count()).toBeGreaterThan(0);
  expect(await ui.page.getByTestId('active-now').textContent()).toContain(task.name);
  // and the timeline lists the start and the waiting task, the task as active
  const timeline = ui.page.getByRole('list', { name: processViewText('en', 'processView.timeline') });
  const step = timeline.locator(`li[data-activity="${task.taskDefinitionKey}"]`);
  await step.waitFor();
  expect(await step.locator('.chip').textContent()).toContain(processViewText('en', 'processView.status.active'));
  expect(await timeline.locator('li').first().textContent()).toContain('startEvent');
  await screenshot('process-view-en');

  // In Chinese, the same page speaks Chinese
  await ui.page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  await ui.page.getByRole('list', { name: processViewText('zh-CN', 'processView.timeline') }).waitFor();
  await screenshot('process-view-zh');
});

test('given a rep’s opportunities, when the dashboards are opened, then the charts are drawn and a funnel stage opens its opportunities', async () => {
  // Given a rep in a department with opportunities at several stages
  const dept = uniqueName('e2e-dept').toLowerCase().replace(/_/g, '-');
  expect((await server.admin.post('/api/org/departments', { key: dept, name: 'East sales' })).status).toBe(201);
  const department = (await server.admin.get(`/api/org/departments/${dept}`)).body;
  const rep = await person(server, { role: 'sales-rep', departmentId: department.id });
  const account = await rep.api.post('/api/records/account', { name: uniqueName('E2E Dash Co') });
  const deals: Record<string, string> = {};
  for (const [stage, amount] of [['intent', 12000], ['negotiation', 30000], ['negotiation', 8000], ['purchase', 50000], ['signed', 20000], ['lost', 5000]] as const) {
    const name = uniqueName(`Deal ${stage}`);
    const res = await rep.api.post('/api/records/opportunity', { name, account: account.body.id, stage, amount });
    expect(res.status).toBe(201);
    deals[name] = stage;
  }
  // and a service request, so the service chart has a bar
  expect((await server.admin.post('/api/records/serviceRequest', { subject: uniqueName('E2E purifier'), channel: 'agent' })).status).toBe(201);

  // When an admin opens the dashboards
  await signIn('/dashboards');
  await ui.page.getByRole('heading', { level: 1, name: dashboardsText('en', 'dashboards.title') }).waitFor();

  // Then the cards draw their charts (echarts' SVG, with the stages, departments and states as labels)
  const chartText = (card: string, text: string) => ui.page.locator(`[data-card="${card}"] .dash-chart svg text`, { hasText: text }).first().waitFor();
  await chartText('funnel', 'Negotiation');
  await chartText('forecast', 'East sales');
  await chartText('service', 'New');
  const funnel = ui.page.getByRole('region', { name: dashboardsText('en', 'dashboards.funnel.title') });
  const negotiation = funnel.locator('tr[data-stage="negotiation"]');
  expect(await negotiation.locator('td').first().textContent()).toBe('2');
  // the forecast rolls the rep up into their department
  const forecast = ui.page.getByRole('region', { name: dashboardsText('en', 'dashboards.forecast.title') });
  await forecast.getByRole('button', { name: dashboardsText('en', 'dashboards.forecast.down', { name: 'East sales' }) }).click();
  await forecast.getByRole('link', { name: rep.username }).waitFor();
  await screenshot('dashboards-en');

  // When the funnel's Negotiation stage is clicked in the chart
  await funnel.locator('.dash-chart text', { hasText: 'Negotiation' }).first().click();

  // Then the opportunity list opens, filtered to that stage
  await ui.page.waitForURL((url) => url.pathname === '/records/opportunity' && url.searchParams.get('filter') === "stage eq 'negotiation'");
  await ui.page.getByTestId('list-filter').waitFor();
  const rows = ui.page.locator('table.records tbody tr');
  await waitFor(async () => (await rows.count()) === 2, 15_000);
  for (const name of await rows.locator('td:first-child').allTextContents()) expect(deals[name.trim()]).toBe('negotiation');
  await screenshot('dashboards-drilldown-en');

  // When the rep opens the dashboards, their pipeline is drawn, and a stage opens their opportunities at it
  await ui.page.goto(`${server.url}/`);
  await ui.page.getByRole('button', { name: t('header.logout') }).click();
  await signInAt(ui.page, `${server.url}/dashboards`, rep.username, `${rep.username}-password`);
  const pipeline = ui.page.getByRole('region', { name: dashboardsText('en', 'dashboards.pipeline.title') });
  await pipeline.locator('tr[data-stage="purchase"]').waitFor();
  await screenshot('dashboards-rep-en');
  await pipeline.getByRole('link', { name: 'Purchase' }).click();
  await ui.page.waitForURL((url) => url.searchParams.get('filter') === "ownerId eq $me and stage eq 'purchase'");
  await waitFor(async () => (await rows.count()) === 1 && deals[(await rows.locator('td:first-child').textContent())!.trim()] === 'purchase', 15_000);

  // In Chinese, the dashboards speak Chinese
  await ui.page.goto(`${server.url}/dashboards`);
  await ui.page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  await ui.page.getByRole('region', { name: dashboardsText('zh-CN', 'dashboards.funnel.title') }).locator('.dash-chart svg text', { hasText: '谈判' }).first().waitFor();
  await screenshot('dashboards-zh');
});
