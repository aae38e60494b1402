/**
 * End to end, in a real Chromium against a real server and PostgreSQL: an analyst adds an approval
 * step to expense approval in the process modeler — a task from the palette dropped on the flow
 * after submission, made a user task through the context pad, its name, candidate group and form
 * (from the registry) set in the properties panel — and deploys it: a claim submitted before keeps
 * the old path, one submitted after waits in the new step. A model the engine refuses (a script
 * task) shows the element concerned, and nothing is deployed. Screenshots go to test-artifacts/.
 * Waits are on conditions, never on time.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { translate } from '../../admin-ui/src/i18n/index.js';
import { spText, type StudioProcessKey } from '../../admin-ui/src/studio-process/messages.js';
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { pagePerTest, signInAt } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: StudioProcessKey, vars?: Record<string, string | number>) => spText('en', key, vars);
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

let server: TestServer;
let analyst: Person, rep: Person, manager: Person, finance: Person;
const ui = pagePerTest('en-US');

beforeAll(async () => {
  ensureUiBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer();
  analyst = await person(server, { role: 'analyst', prefix: 'e2e-analyst' });
  manager = await person(server, { role: 'sales-manager', prefix: 'e2e-manager' });
  rep = await person(server, { role: 'sales-rep', prefix: 'e2e-rep' });
  finance = await person(server, { role: 'finance', prefix: 'e2e-finance' });
  expect((await server.admin.patch(`/api/org/users/${rep.id}`, { managerId: manager.id })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const signIn = (page: Page, path: string) => signInAt(page, server.url + path, analyst.username, `${analyst.username}-password`);

/** The rep's claim with one line, submitted: the trigger starts expense approval on it. */
async function submitClaim(): Promise<string> {
  const project = uniqueName('project');
  expect((await finance.api.post('/api/records/budget', { name: `Budget ${project}`, project, amount: 10_000 })).status).toBe(201);
  const created = await rep.api.post('/api/records/expenseClaim', { title: uniqueName('claim'), project });
  expect(created.status).toBe(201);
  expect((await rep.api.post('/api/records/expenseLine', { claim: created.body.id, category: 'travel', amount: 800, date: '2026-11-20' })).status).toBe(201);
  expect((await rep.api.patch(`/api/records/expenseClaim/${created.body.id}`, { state: 'submitted' })).status).toBe(200);
  return created.body.id;
}

interface ClaimProcess {
  id: string;
  activities: { activityId: string }[];
  tasks: { id: string; taskDefinitionKey: string; name: string }[];
}
/** The claim's expense-approval instance once it waits in a user task. */
async function waitingInstance(claimId: string): Promise<ClaimProcess> {
  let found: ClaimProcess | undefined;
  await waitFor(async () => {
    const items = (await server.admin.get(`/api/records/expenseClaim/${claimId}/processes`)).body.items as ClaimProcess[];
    found = items.find((p) => p.tasks.length > 0);
    return found !== undefined;
  }, 30_000);
  return found!;
}

const versionOf = async (instanceId: string): Promise<number> => (await server.admin.get(`/api/process-instances/${instanceId}`)).body.processDefinitionVersion;
const expenseVersions = async (): Promise<{ version: number; running: number }[]> =>
  (await server.admin.get('/api/studio/processes')).body.items.find((p: { key: string }) => p.key === 'expense-approval').versions;

/** The page at full height (the modeler's page is tall). */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 1400 });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

/** The modeler of the latest expense approval, opened from the studio's process list. */
async function openModeler(page: Page): Promise<void> {
  await signIn(page, '/studio/processes');
  await page.getByRole('heading', { name: t('studioProcess.title'), level: 1 }).waitFor();
  await page.getByTestId('process-expense-approval').getByRole('heading').getByRole('link').click();
  await page.locator('[data-testid="modeler-canvas"][data-state="ready"]').waitFor();
}

/** The screen centre of a diagram element (its SVG group's box). */
async function centreOf(page: Page, elementId: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(`.sp-canvas .djs-element[data-element-id="${elementId}"]`).first().boundingBox();
  if (!box) throw new Error(`${elementId} is not on the canvas`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Change the selected element's type with the context pad's wrench and the replace menu (the
 * wrench clicked with the mouse at its centre, as a person would).
 */
async function replaceWith(page: Page, type: string): Promise<void> {
  const wrench = page.locator('.djs-context-pad .entry[data-action="replace"]');
  const menuEntry = page.locator(`.djs-popup [data-id="replace-with-${type}"]`);
  // The pointer first rests on the wrench (the pad redraws as it is hovered), then clicks.
  const box = (await wrench.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await waitFor(async () => {
    if ((await menuEntry.count()) === 0) await wrench.click();
    return (await menuEntry.count()) > 0;
  });
  await menuEntry.click();
}

/** Open a group of the properties panel (they start collapsed, except General). */
async function openGroup(page: Page, groupId: string): Promise<void> {
  const header = page.locator(`[data-group-id="group-${groupId}"] .bio-properties-panel-group-header`);
  if (!(await header.getAttribute('class'))?.includes('open')) await header.click();
}

test('an analyst adds an approval step with a candidate group and a registered form and deploys it: earlier claims keep the old path, new ones take the step', async () => {
  const page = ui.page;
  // Given a claim whose approval runs on version 1 and waits for the manager
  const before = await submitClaim();
  const old = await waitingInstance(before);
  expect(old.tasks[0]!.taskDefinitionKey).toBe('ApproveExpense');
  expect(await versionOf(old.id)).toBe(1);

  // When the analyst opens expense approval in the modeler …
  await openModeler(page);
  await page.setViewportSize({ width: 1400, height: 1400 });
  await page.getByRole('button', { name: t('studioProcess.fit') }).click();
  // … drops a task from the palette on the flow after "Claim submitted" (bpmn-js splits the flow) …
  const flow = await centreOf(page, 'Flow_ToBudgetCheck');
  await page.locator('.djs-palette .entry[data-action="create.task"]').click();
  await page.mouse.move(flow.x - 5, flow.y);
  await page.mouse.move(flow.x, flow.y);
  await page.mouse.click(flow.x, flow.y);
  const idField = page.locator('#bio-properties-panel-id');
  await waitFor(async () => /^Activity_/.test(await idField.inputValue()));
  const stepId = await idField.inputValue();
  // … and makes it a user task with the context pad's replace menu …
  await replaceWith(page, 'user-task');
  await page.locator(`.djs-element[data-element-id="${stepId}"]`).waitFor();
  // … and sets its name, candidate group and form in the properties panel
  await openGroup(page, 'general');
  await page.locator('#bio-properties-panel-name').fill('Extra approval');
  await openGroup(page, 'CamundaPlatform__UserAssignment');
  await page.locator('#bio-properties-panel-candidateGroups').fill('role:finance');
  await openGroup(page, 'CrmForm');
  const formSelect = page.locator('#bio-properties-panel-crmFormKey');
  await formSelect.selectOption('crm:expense-approve');
  // No modelling errors left (the new task is named; overlap warnings where it was squeezed in do not block)
  await waitFor(async () => (await page.locator(`.sp-problem[data-element-id="${stepId}"]`).filter({ hasText: 'label-required' }).count()) === 0);
  expect(await page.locator('.sp-problem-error').count()).toBe(0);
  await screenshot(page, 'studio-process-modeler');

  // and deploys it, confirming version 2
  await page.getByRole('button', { name: t('studioProcess.deploy'), exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: t('studioProcess.confirmTitle') });
  await confirm.waitFor();
  await confirm.getByRole('button', { name: t('studioProcess.confirmDeploy', { version: 2 }) }).click();
  await page.waitForURL('**/studio/processes/expense-approval/2?deployed=2');
  await page.getByTestId('deployed-note').waitFor();

  // Then the claim submitted before stays on version 1 and its path (waiting for the manager) …
  expect(await versionOf(old.id)).toBe(1);
  const oldNow = (await server.admin.get(`/api/records/expenseClaim/${before}/processes`)).body.items[0] as ClaimProcess;
  expect(oldNow.tasks.map((task) => task.taskDefinitionKey)).toEqual(['ApproveExpense']);
  expect(oldNow.activities.map((a) => a.activityId)).not.toContain(stepId);
  // … and a claim submitted now takes version 2 and waits in the new step, offered to finance with its form
  const after = await submitClaim();
  const fresh = await waitingInstance(after);
  expect(await versionOf(fresh.id)).toBe(2);
  expect(fresh.tasks).toEqual([expect.objectContaining({ taskDefinitionKey: stepId, name: 'Extra approval' })]);
  const task = (await server.admin.get(`/api/tasks/${fresh.tasks[0]!.id}`)).body;
  expect(task).toMatchObject({ formKey: 'crm:expense-approve', form: { id: 'expense-approve' } });
  const links = await fetch(`${server.url}/engine-rest/task/${task.id}/identity-links`, { headers: { Authorization: `Basic ${Buffer.from(`admin:${server.adminPassword}`).toString('base64')}` } });
  expect(await links.json()).toContainEqual(expect.objectContaining({ type: 'candidate', groupId: 'role:finance' }));

  // and the list shows both versions with one instance running on each; version 1 opens read-only
  expect(await expenseVersions()).toEqual([expect.objectContaining({ version: 1, running: 1 }), expect.objectContaining({ version: 2, running: 1 })]);
  await page.getByRole('link', { name: t('studioProcess.back') }).click();
  const card = page.getByTestId('process-expense-approval');
  expect(await card.getByTestId('version-expense-approval-1').getByTestId('running').textContent()).toBe('1');
  await card.getByRole('link', { name: t('studioProcess.openVersion', { version: 1, name: 'Expense approval (费用报销审批)' }) }).click();
  await page.getByText(t('studioProcess.readOnly', { version: 1 })).waitFor();
  await page.locator('.pv-diagram[data-state="shown"] .djs-element[data-element-id="BudgetCheck"]').waitFor();
  expect(await page.locator(`.pv-diagram .djs-element[data-element-id="${stepId}"]`).count()).toBe(0);
  await screenshot(page, 'studio-process-old-version');
}, 120_000);

test('a model the engine refuses shows the element concerned, and deploying it deploys nothing', async () => {
  const page = ui.page;
  const before = await expenseVersions();
  await openModeler(page);
  await page.setViewportSize({ width: 1400, height: 1400 });
  // The budget check made a script task (outside the engine's subset), through the context pad
  const budgetCheck = await centreOf(page, 'BudgetCheck');
  await page.mouse.click(budgetCheck.x, budgetCheck.y);
  await replaceWith(page, 'script-task');

  await page.getByRole('button', { name: t('studioProcess.check'), exact: true }).click();
  const problems = page.getByTestId('problems');
  const problem = problems.locator('li[data-source="server"][data-element-id="BudgetCheck"]');
  await problem.waitFor();
  expect(await problem.textContent()).toMatch(/ScriptTask|scriptTask/);
  expect(await page.getByTestId('modeler-status').textContent()).toContain(t('studioProcess.checkFailed', { count: await problems.locator('li[data-source="server"]').count() }));
  // marked on the element, and a click on the problem selects it
  await page.locator('.sp-canvas .djs-element.sp-server-problem[data-element-id="BudgetCheck"]').waitFor();
  await page.locator('[data-problem-for="BudgetCheck"]').waitFor();
  await page.mouse.click(5, 5); // nothing selected
  await problem.getByRole('button', { name: t('studioProcess.selectElement', { element: 'BudgetCheck' }) }).click();
  await page.locator('.sp-canvas .djs-element.selected[data-element-id="BudgetCheck"]').waitFor();
  expect(await page.locator('#bio-properties-panel-id').inputValue()).toBe('BudgetCheck');

  // Deploy checks first: refused, no confirmation offered, nothing deployed
  await page.getByRole('button', { name: t('studioProcess.deploy'), exact: true }).click();
  await page.getByTestId('modeler-status').filter({ hasText: t('studioProcess.checkFailed', { count: await problems.locator('li[data-source="server"]').count() }) }).waitFor();
  expect(await page.getByRole('alertdialog').count()).toBe(0);
  await screenshot(page, 'studio-process-refused');
  expect(await expenseVersions()).toEqual(before);

  // A task dropped on the canvas, connected to nothing: the modelling rules mark it before any check
  await page.locator('.djs-palette .entry[data-action="create.task"]').click();
  const canvasBox = (await page.getByTestId('modeler-canvas').boundingBox())!;
  await page.mouse.move(canvasBox.x + canvasBox.width - 120, canvasBox.y + canvasBox.height - 80);
  await page.mouse.click(canvasBox.x + canvasBox.width - 110, canvasBox.y + canvasBox.height - 80);
  const loose = await page.locator('#bio-properties-panel-id').inputValue();
  await problems.locator(`li[data-source="lint"][data-element-id="${loose}"]`).first().waitFor();
  await page.getByRole('button', { name: t('studioProcess.deploy'), exact: true }).click();
  await page.getByTestId('modeler-status').filter({ hasText: /Fix the modelling problems/ }).waitFor();
  expect(await expenseVersions()).toEqual(before);
}, 120_000);

test('a user without the studio does not see it and is refused by the server', async () => {
  const page = ui.page;
  await signInAt(page, `${server.url}/studio/processes`, rep.username, `${rep.username}-password`);
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('link', { name: translate('en', 'process.title') }).count()).toBe(0);
});
