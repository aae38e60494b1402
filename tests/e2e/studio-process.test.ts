/**
 * End to end, in a real Chromium against a real server and PostgreSQL: an analyst adds an approval
 * step to expense approval in the process modeler — a task from the palette dropped on the flow
 * after submission, made a user task through the context pad, its name, candidate group and form
 * (from the registry) set in the properties panel — and deploys it: a claim submitted before keeps
 * the old path, one submitted after waits in the new step. A model the engine refuses (a script
 * task) shows the element concerned, and nothing is deployed; so do a file that is not BPMN (with
 * line and column), one with two elements of one id, and a process id that is another deployed
 * process's key. A new process from scratch: key and name checked at their fields, then drawn and
 * deployed as version 1. The modeler's pages log no console error (a CSP refusal is one).
 * Screenshots go to test-artifacts/. Waits are on conditions, never on time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { EXPENSE_XML, WITH_DUPLICATE_ID } from '../runtime/studio-process.fixture.js';
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

/**
 * The console errors and uncaught exceptions of the page from now on: each test of the modeler
 * ends expecting none. What the CSP refuses is one, logged with where it came from (the browser's
 * own report names no source). Answers of 4xx the test provokes on purpose are not errors.
 */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  void page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => {
      const where = e.target instanceof Element ? e.target.outerHTML.slice(0, 160) : String(e.target);
      console.error(`CSP ${e.effectiveDirective} refused ${e.sample || e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} on ${where}`);
    }),
  );
  page.on('console', (m) => m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Open a file into the modeler with its "Open file…" button and the browser's file chooser. */
async function openFile(page: Page, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: t('studioProcess.openFile') }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(text, 'utf8') });
}

const allVersions = async (): Promise<Record<string, number[]>> =>
  Object.fromEntries((await server.admin.get('/api/studio/processes')).body.items.map((p: { key: string; versions: { version: number }[] }) => [p.key, p.versions.map((v) => v.version)]));

/** The page at full height (the modeler's page is tall). */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 1400 });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

/** The modeler of the latest expense approval, opened from the studio's process list. */
async function openModeler(page: Page, signedIn = false): Promise<void> {
  if (signedIn) await page.goto(`${server.url}/studio/processes`);
  else await signIn(page, '/studio/processes');
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

  const errors = consoleErrors(page);
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
  expect(errors).toEqual([]);
}, 120_000);

test('a model the engine refuses shows the element concerned, and deploying it deploys nothing', async () => {
  const page = ui.page;
  const before = await expenseVersions();
  const errors = consoleErrors(page);
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

  // In Chinese, bpmn-js and the properties panel speak it too: palette, context pad, the panel's groups and entries, the modelling rules
  await page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  await page.locator('.djs-palette .entry[data-action="create.start-event"][aria-label="创建开始事件"]').waitFor();
  await page.locator('[data-testid="modeler-canvas"][data-state="ready"]').waitFor();
  await page.locator(`.sp-canvas .djs-element[data-element-id="${loose}"]`).waitFor(); // the diagram as changed, not as loaded
  await problems.locator(`li[data-source="lint"][data-element-id="${loose}"]`).filter({ hasText: '元素缺少标签/名称 (label-required)' }).waitFor(); // bpmnlint's messages too
  expect(await page.getByTestId('modeler-status').textContent()).toMatch(/^请先修正流程图中标出的建模问题/); // and the page's status line
  await page.locator('.sp-canvas .djs-element[data-element-id="ApproveExpense"]').click();
  expect(await page.locator('.djs-context-pad .entry[data-action="append.end-event"]').getAttribute('title')).toBe('追加结束事件');
  const groupTitle = (id: string) => page.locator(`[data-group-id="group-${id}"] .bio-properties-panel-group-header-title`).textContent();
  expect(await groupTitle('general')).toBe('常规');
  expect(await groupTitle('CamundaPlatform__UserAssignment')).toBe('用户分配');
  expect(await groupTitle('CamundaPlatform__AsynchronousContinuations')).toBe('异步延续');
  expect(await groupTitle('CrmForm')).toBe(spText('zh-CN', 'studioProcess.form.group'));
  await openGroup(page, 'CamundaPlatform__UserAssignment');
  expect(await page.locator('label[for="bio-properties-panel-candidateGroups"]').textContent()).toBe('候选组');
  await screenshot(page, 'studio-process-zh-CN');
  expect(errors).toEqual([]);
}, 120_000);

test('a file that is not BPMN, a file with two elements of one id, a process id that is another process\'s key: each shown where it is, nothing deployed', async () => {
  const page = ui.page;
  const before = await allVersions();
  const errors = consoleErrors(page);
  await openModeler(page);
  await page.setViewportSize({ width: 1400, height: 1400 });
  const problems = page.getByTestId('problems');
  const status = page.getByTestId('modeler-status');

  // A file that is not well-formed XML: the parse error with its line and column; the diagram stays as it was
  const broken = EXPENSE_XML.replace('</bpmn:serviceTask>', '</bpmn:userTask>');
  await openFile(page, 'broken.bpmn', broken);
  await status.filter({ hasText: t('studioProcess.fileUnreadable', { file: 'broken.bpmn', count: 1 }).slice(0, 30) }).waitFor();
  const parseError = problems.locator('li[data-source="server"]').first();
  expect(await parseError.textContent()).toMatch(/closing tag mismatch.*\(line \d+, column \d+\)/);
  const line = broken.split('\n').findIndex((l) => l.includes('</bpmn:userTask>')) + 1;
  expect(await parseError.textContent()).toContain(t('studioProcess.problemAtColumn', { line, column: 5 }));
  expect(await page.locator('.sp-canvas .djs-element[data-element-id="BudgetCheck"]').count()).toBe(1);

  // A BPMN file with two elements of one id: opened, the duplicate named and marked on its element; Deploy refuses the file as it is
  await openFile(page, 'duplicate.bpmn', WITH_DUPLICATE_ID);
  const duplicate = problems.locator('li[data-source="server"][data-element-id="BudgetCheck"]').filter({ hasText: 'duplicate ID <BudgetCheck>' });
  await duplicate.waitFor();
  expect(await duplicate.textContent()).toMatch(/line \d+, column \d+/);
  await page.locator('.sp-canvas .djs-element.sp-server-problem[data-element-id="BudgetCheck"]').waitFor();
  const fileProblems = await problems.locator('li[data-source="server"]').count();
  await page.getByRole('button', { name: t('studioProcess.deploy'), exact: true }).click();
  // refused in the page (the modelling rules mark what bpmn-js made of the file) or by the server (the file as it is)
  const refusals = [t('studioProcess.checkFailed', { count: fileProblems }), t('studioProcess.lintErrors', { count: await page.locator('.sp-problem-error[data-source="lint"]').count() })];
  await waitFor(async () => refusals.includes((await status.textContent()) ?? ''));
  expect(await page.getByRole('alertdialog').count()).toBe(0);
  await screenshot(page, 'studio-process-duplicate-id');

  // The process id changed, in the properties panel, to lead qualification's key: it would become that process's next version
  await openModeler(page, true);
  const canvasBox = (await page.getByTestId('modeler-canvas').boundingBox())!;
  await page.mouse.click(canvasBox.x + canvasBox.width - 20, canvasBox.y + 20); // the canvas, nothing selected: the panel shows the process
  await openGroup(page, 'general');
  const idField = page.locator('#bio-properties-panel-id');
  await waitFor(async () => (await idField.inputValue()) === 'expense-approval');
  await idField.fill('lead-qualification');
  await page.getByRole('button', { name: t('studioProcess.check'), exact: true }).click();
  const clash = problems.locator('li[data-source="server"][data-element-id="lead-qualification"]');
  await clash.waitFor();
  expect(await clash.textContent()).toMatch(/key of another deployed process/);
  // shown on the process: the canvas outlined, its badge naming it; a click on the problem shows the process in the panel
  await page.locator('.sp-canvas.sp-server-problem [data-problem-for="lead-qualification"]').waitFor();
  await page.locator('.sp-canvas .djs-element[data-element-id="BudgetCheck"]').click();
  await clash.getByRole('button', { name: t('studioProcess.selectElement', { element: 'lead-qualification' }) }).click();
  await waitFor(async () => (await idField.inputValue()) === 'lead-qualification');
  await page.getByRole('button', { name: t('studioProcess.deploy'), exact: true }).click();
  await status.filter({ hasText: t('studioProcess.checkFailed', { count: 1 }) }).waitFor();
  await screenshot(page, 'studio-process-name-clash');
  expect(await allVersions()).toEqual(before);
  expect(errors).toEqual([]);
}, 120_000);

test('a new process from scratch: key and name checked at their fields, then drawn and deployed as version 1', async () => {
  const page = ui.page;
  const errors = consoleErrors(page);
  const before = await allVersions();
  await signIn(page, '/studio/processes');
  await page.getByRole('link', { name: t('studioProcess.new.open') }).click();
  const key = page.getByLabel(t('studioProcess.new.key'), { exact: true });
  const name = page.getByLabel(t('studioProcess.new.name'), { exact: true });
  const create = page.getByRole('button', { name: t('studioProcess.new.create') });
  // A key that is no id, then one that is taken: refused at the field, focused
  await key.fill('1 purchase');
  await name.fill('Purchase request (采购申请)');
  await create.click();
  await page.getByText(t('studioProcess.new.keyInvalid')).waitFor();
  expect(await key.getAttribute('aria-invalid')).toBe('true');
  expect(await key.evaluate((el) => el === document.activeElement)).toBe(true);
  await key.fill('expense-approval');
  await create.click();
  await page.getByText(t('studioProcess.new.keyTaken', { key: 'expense-approval' })).waitFor();
  await name.fill('');
  const fresh = uniqueName('purchase').replace(/[^A-Za-z0-9_-]/g, '-');
  await key.fill(fresh);
  await create.click();
  await page.getByText(t('studioProcess.new.nameRequired')).waitFor();
  expect(await name.getAttribute('aria-invalid')).toBe('true');
  expect(await allVersions()).toEqual(before);

  // A free key and a name: the modeler on an empty executable process
  await name.fill('Purchase request (采购申请)');
  await create.click();
  await page.locator('[data-testid="modeler-canvas"][data-state="ready"]').waitFor();
  await page.setViewportSize({ width: 1400, height: 1400 });
  // The start event's context pad appends an end event, named in the panel
  await page.locator('.sp-canvas .djs-element[data-element-id="StartEvent_1"]').click();
  await page.locator('.djs-context-pad .entry[data-action="append.end-event"]').click();
  const idField = page.locator('#bio-properties-panel-id');
  await waitFor(async () => /^Event_/.test(await idField.inputValue()));
  await openGroup(page, 'general');
  await page.locator('#bio-properties-panel-name').fill('Requested');
  await waitFor(async () => (await page.locator('.sp-problem-error').count()) === 0);
  await page.getByRole('button', { name: t('studioProcess.deploy'), exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: t('studioProcess.confirmTitle') });
  await confirm.getByRole('button', { name: t('studioProcess.confirmDeploy', { version: 1 }) }).click();
  await page.waitForURL(`**/studio/processes/${fresh}/1?deployed=1`);
  await page.getByTestId('deployed-note').waitFor();
  expect(await allVersions()).toEqual({ ...before, [fresh]: [1] });
  await screenshot(page, 'studio-process-new');
  expect(errors).toEqual([]);
}, 120_000);

test('every inline style attribute the modeler\'s libraries write as HTML is one the CSP allows, by its hash', async () => {
  // Styles set through the DOM pass any CSP; a style="…" in HTML text the browser parses must be allowed ('unsafe-hashes').
  const assets = new URL('../../admin-ui/dist/assets/', import.meta.url).pathname;
  const modelerChunks = readdirSync(assets).filter((f) => /^(ProcessModeler|diagram-js|panel-modules)-.*\.js$/.test(f));
  expect(modelerChunks).toHaveLength(3);
  const written = new Set(modelerChunks.flatMap((f) => [...readFileSync(assets + f, 'utf8').matchAll(/style="([^"]*)"/g)].map((m) => m[1]!)));
  expect(written.size).toBeGreaterThan(0);
  const csp = (await fetch(server.url)).headers.get('content-security-policy')!;
  const attr = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('style-src-attr '))!;
  expect(attr).toMatch(/'unsafe-hashes'/);
  expect([...written].filter((value) => !attr.includes(`'sha256-${createHash('sha256').update(value).digest('base64')}'`))).toEqual([]);
  expect(csp.split(';').map((d) => d.trim())).toContain("style-src 'self'"); // no inline <style> element
});

test('a user without the studio does not see it and is refused by the server', async () => {
  const page = ui.page;
  await signInAt(page, `${server.url}/studio/processes`, rep.username, `${rep.username}-password`);
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('link', { name: translate('en', 'process.title') }).count()).toBe(0);
});
