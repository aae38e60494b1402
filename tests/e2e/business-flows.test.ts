/**
 * The business flows end to end, in a real Chromium against a real server, PostgreSQL and the
 * in-process workers, every person in a browser context of their own, working their tasks from the
 * task inbox (docs/processes/<key>.md):
 * (a) a sales rep enters a lead with the create form; the territory's sales manager qualifies and
 *     converts it; the rep asks for a quote on the new opportunity and it goes through the industry
 *     manager, the commercial supervisor, the pricing and technical engineers (each uploading their
 *     document with the form's attachment picker), the consolidation and the general manager to issuance;
 * (b) an employee submits an expense claim that their manager and their manager's manager approve,
 *     then finance;
 * (c) a dispatcher dispatches a service request and the technician confirms it.
 * Screenshots of the inbox, a task page, a record page, the process view and the dashboards go to
 * test-artifacts/flows-*.png. Waits are on conditions, never on time.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { dashboardsText } from '../../admin-ui/src/dashboards/messages.js';
import { taskText } from '../../admin-ui/src/inbox/messages.js';
import { pickerText } from '../../admin-ui/src/pickers/messages.js';
import { translate, type MessageKey } from '../../admin-ui/src/i18n/index.js';
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { launchChromium, signInAt } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const WAIT = 30_000;

let server: TestServer;
let browser: Browser;
const pages = new Map<string, Page>();

beforeAll(async () => {
  ensureUiBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// ---- people and their browsers --------------------------------------------------------------

async function staff(role: string, prefix: string, managerId?: string): Promise<Person> {
  const p = await person(server, { role, prefix });
  if (managerId) expect((await server.admin.patch(`/api/org/users/${p.id}`, { managerId })).status).toBe(200);
  return p;
}

/** The person's own browser context, signed in (opened once, kept for the test file). */
async function browserOf(p: Person): Promise<Page> {
  let page = pages.get(p.id);
  if (page) return page;
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  await signInAt(page, `${server.url}/inbox`, p.username, `${p.username}-password`);
  await page.getByRole('heading', { level: 1, name: t('inbox.title') }).waitFor();
  pages.set(p.id, page);
  return page;
}

/** The whole page in one tall viewport (a full-page capture would draw the sticky header mid-page). */
async function screenshot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 700), 3000) });
  await page.screenshot({ path: `${ARTIFACTS}flows-${name}.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
}

// ---- the inbox and the task page ------------------------------------------------------------

interface Task {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  businessKey: string;
  assignee: string | null;
  processInstanceId: string;
}

/** Waits until `p`'s inbox (the Task API, as their browser reads it) offers the record's task `key`. */
async function taskFor(p: Person, businessKey: string, key: string): Promise<Task> {
  let found: Task | undefined;
  const seen = async () => {
    for (const list of ['mine', 'group']) {
      const res = await p.api.get(`/api/tasks?list=${list}&record=${businessKey}`);
      found ??= (res.body.items as Task[] | undefined)?.find((i) => i.businessKey === businessKey && i.taskDefinitionKey === key);
    }
    return found !== undefined;
  };
  await waitFor(seen, WAIT).catch(async () => {
    const all = (await server.admin.get(`/api/tasks?list=group`)).body;
    throw new Error(`${key} of ${businessKey} never reached ${p.username}; admin sees ${JSON.stringify(all).slice(0, 500)}`);
  });
  return found!;
}

type Value = string | { choose: string } | { pick: string } | { upload: string };

/** Types `pick` into a picker (a combobox) and chooses the suggestion that shows it. */
async function pick(page: Page, box: string, text: string): Promise<void> {
  await page.locator(`${box}[role="combobox"]`).fill(text);
  await page.getByRole('listbox').getByRole('option', { name: text }).click();
}

/**
 * Fills the task form (rjsf: field `x` is `#root_x`): text, a choice by its label (select or
 * radios), a picker's suggestion, or a file uploaded with an attachment picker (and so chosen).
 */
async function fillForm(page: Page, values: Record<string, Value>): Promise<void> {
  for (const [field, value] of Object.entries(values)) {
    const el = page.locator(`#root_${field}`);
    if (typeof value === 'string') await el.fill(value);
    else if ('pick' in value) await pick(page, `#root_${field}`, value.pick);
    else if ('upload' in value) {
      await el.getByLabel(pickerText('en', 'picker.attachments.upload')).setInputFiles({ name: value.upload, mimeType: 'text/plain', buffer: Buffer.from(`${value.upload}\n`) });
      await el.getByRole('checkbox', { name: value.upload, checked: true }).waitFor();
    } else if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption({ label: value.choose });
    else await el.getByRole('radio', { name: value.choose, exact: true }).check();
  }
}

/**
 * `p` opens their inbox, claims the task when it is offered to their group, opens it from the list,
 * fills its form with `values` and completes it. `before` runs on the open task page first.
 */
async function work(p: Person, businessKey: string, key: string, values: Record<string, Value>, before?: (page: Page) => Promise<void>): Promise<Task> {
  const task = await taskFor(p, businessKey, key);
  const page = await browserOf(p);
  await page.goto(`${server.url}/inbox`);
  await page.getByRole('heading', { level: 1, name: t('inbox.title') }).waitFor();
  if (task.assignee === null) {
    await page.getByRole('tab', { name: new RegExp(t('inbox.list.group')) }).click();
    const offered = page.locator(`tr[data-task="${task.id}"]`);
    await offered.getByRole('button', { name: t('inbox.claimLabel', { name: task.name ?? '' }) }).click();
    await offered.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: new RegExp(t('inbox.list.mine')) }).click();
  }
  await page.locator(`tr[data-task="${task.id}"]`).getByRole('link').first().click();
  await page.waitForURL(new RegExp(`/tasks/${task.id}$`));
  await page.getByRole('heading', { level: 1, name: task.name ?? key }).waitFor();
  expect(await page.getByTestId('task-assignee').textContent()).toBe(taskText('en', 'inbox.task.assignedToMe'));
  await before?.(page);
  await fillForm(page, values);
  await page.getByRole('button', { name: taskText('en', 'inbox.task.complete') }).click();
  await page.waitForURL((url) => !url.pathname.endsWith(`/tasks/${task.id}`)).catch(async (e: unknown) => {
    await screenshot(page, `failed-${key}`);
    throw e;
  });
  return task;
}

const recordOf = async (entity: string, id: string) => (await server.admin.get(`/api/records/${entity}/${id}`)).body as Record<string, any>;

async function becomes(entity: string, id: string, expected: Record<string, unknown>): Promise<Record<string, any>> {
  let last: Record<string, any> = {};
  await waitFor(async () => {
    last = await recordOf(entity, id);
    return Object.entries(expected).every(([k, v]) => last[k] === v);
  }, WAIT).catch(() => {
    throw new Error(`${entity} ${id} never became ${JSON.stringify(expected)}: ${JSON.stringify(last)}`);
  });
  return last;
}

/** The record create form: fills `#field-<name>` (a select by its option label, a lookup by a suggestion), saves, and returns the new record's id. */
async function createWithForm(page: Page, entity: string, values: Record<string, string | { choose: string } | { pick: string }>): Promise<string> {
  await page.goto(`${server.url}/records/${entity}/new`);
  for (const [field, value] of Object.entries(values)) {
    const input = page.locator(`#field-${field}`);
    if (typeof value === 'string') await input.fill(value);
    else if ('pick' in value) await pick(page, `#field-${field}`, value.pick);
    else await input.selectOption({ label: value.choose });
  }
  await page.getByRole('button', { name: t('form.save'), exact: true }).click();
  await page.waitForURL(new RegExp(`/records/${entity}/[0-9a-f-]{36}$`));
  return page.url().split('/').pop()!;
}

// ---- (a) lead → qualified → converted → quote issued ------------------------------------------

test('a rep’s lead is qualified and converted by the territory manager, and its quote goes through every approver to issuance', async () => {
  const territory = uniqueName('flow').toLowerCase().replace(/_/g, '-');
  const region = `${territory}-region`;
  const manager = await staff('sales-manager', 'mgr');
  const rep = await staff('sales-rep', 'rep', manager.id);
  expect((await server.admin.post('/api/org/territories', { key: territory, name: 'Flow territory', regions: [region], industries: [] })).status).toBe(201);
  expect((await server.admin.put(`/api/org/territories/${territory}/members`, { members: [{ userId: manager.id, manager: true }, { userId: rep.id }] })).status).toBe(200);
  const gm = await staff('general-manager', 'gm');
  const industry = await staff('industry-manager', 'ind', gm.id);
  const supervisor = await staff('commercial-supervisor', 'sup', gm.id);
  const pricing = await staff('pricing-engineer', 'price', supervisor.id);
  const technical = await staff('technical-engineer', 'tech', supervisor.id);

  // The rep enters a complete trade-show lead with the create form
  const company = uniqueName('Flow Lead Co');
  const repPage = await browserOf(rep);
  const leadId = await createWithForm(repPage, 'lead', {
    company,
    contactName: 'Li Lei',
    title: 'Buyer',
    phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    email: `${uniqueName('buyer')}@example.com`,
    industry: { choose: 'Trade' },
    region,
    source: { choose: 'Trade show' },
  });
  await repPage.getByRole('heading', { level: 1, name: company, exact: true }).waitFor();
  // It is routed to the rep (the territory's only rep) and waits for the manager
  await becomes('lead', leadId, { status: 'assigned', ownerId: rep.id, territory });

  // The manager, in their own browser, converts it from the inbox
  const managerPage = await browserOf(manager);
  const qualify = await taskFor(manager, leadId, 'qualifyLead');
  await managerPage.goto(`${server.url}/inbox`);
  await managerPage.getByRole('tab', { name: new RegExp(t('inbox.list.group')) }).click();
  await managerPage.locator(`tr[data-task="${qualify.id}"]`).waitFor();
  await screenshot(managerPage, 'inbox');
  await work(manager, leadId, 'qualifyLead', { decision: { choose: 'Convert to account and opportunity' }, opportunityName: `${company} line upgrade`, amount: '1200000', closeDate: '2027-06-30' }, async (page) => {
    await page.getByRole('complementary').getByRole('link', { name: company }).waitFor();
    await screenshot(page, 'task-page');
  });
  const lead = await becomes('lead', leadId, { status: 'converted' });
  const opportunityId: string = lead.convertedOpportunity;
  expect((await rep.api.get(`/api/records/opportunity/${opportunityId}`)).body).toMatchObject({ ownerId: rep.id, amount: 1200000 });

  // The rep asks for a quote on the new opportunity: the quote with the create form, a line, then "Request quote" from the inbox
  const quoteName = uniqueName('Flow Quote');
  const quoteId = await createWithForm(repPage, 'quote', { name: quoteName, opportunity: { pick: `${company} line upgrade` }, currency: { choose: 'Chinese yuan' } });
  expect((await rep.api.get(`/api/records/quote/${quoteId}`)).body.opportunity).toBe(opportunityId);
  expect((await rep.api.post('/api/records/quoteLine', { quote: quoteId, quantity: 12, unitPrice: 100000 })).status).toBe(201);
  await work(rep, quoteId, 'requestQuote', { requestDecision: { choose: 'Submit the request' }, requestNote: 'Customer wants it this month' });
  await becomes('quote', quoteId, { state: 'industry-review' });

  // Each approver, in their own browser, from their inbox
  await work(industry, quoteId, 'industryReview', { industryDecision: { choose: 'Approve' } });
  await work(supervisor, quoteId, 'supervisorReview', { supervisorDecision: { choose: 'Approve' } });
  await becomes('quote', quoteId, { state: 'engineering' });
  await work(pricing, quoteId, 'pricingPart', { pricingComment: 'list prices less 5 %', pricingDocuments: { upload: 'pricing.txt' } });
  await work(technical, quoteId, 'technicalPart', { technicalComment: 'standard cabinet', technicalDocuments: { upload: 'technical.txt' } });
  await work(supervisor, quoteId, 'consolidation', { consolidationDecision: { choose: 'Approve' } });
  await becomes('quote', quoteId, { state: 'gm-approval' });
  await work(gm, quoteId, 'gmApproval', { gmDecision: { choose: 'Approve' } });

  // Issued: the rep sees it so on the quote's page, and the process view shows the whole way
  const issued = await becomes('quote', quoteId, { state: 'issued' });
  expect(issued.totalAmount).toBe(1200000);
  let instance: { id: string; state: string } | undefined;
  await waitFor(async () => {
    [instance] = (await rep.api.get(`/api/records/quote/${quoteId}/processes`)).body.items;
    return instance?.state === 'COMPLETED';
  }, WAIT);
  await repPage.goto(`${server.url}/records/quote/${quoteId}`);
  await repPage.getByRole('heading', { level: 1, name: quoteName, exact: true }).waitFor();
  const section = repPage.getByRole('region', { name: t('process.title') });
  await section.locator('[data-process="quote-routing"]').getByTestId('process-state').filter({ hasText: t('process.state.COMPLETED') }).waitFor();
  await screenshot(repPage, 'record-page');
  await repPage.goto(`${server.url}/process/${instance!.id}`);
  await repPage.locator('.pv-diagram[data-state="shown"]').waitFor();
  await repPage.locator('.djs-element.pv-done[data-element-id="gmApproval"]').waitFor();
  await screenshot(repPage, 'process-view');

  // and the rep's dashboards count the converted opportunity in their pipeline
  await repPage.goto(`${server.url}/dashboards`);
  await repPage.getByRole('region', { name: dashboardsText('en', 'dashboards.pipeline.title') }).locator('tr[data-stage="intent"]').waitFor();
  await screenshot(repPage, 'dashboards');
}, 240_000);

// ---- (b) expense claim approved by two managers -----------------------------------------------

test('an employee’s expense claim is approved by their manager, that manager’s manager, then finance', async () => {
  const director = await staff('sales-director', 'director');
  const manager = await staff('sales-manager', 'expmgr', director.id);
  const employee = await staff('employee', 'emp', manager.id);
  const finance = await staff('finance', 'fin', director.id);

  // The employee writes the claim with the create form, adds its lines, and submits it by its state
  const title = uniqueName('Client visit Shanghai');
  const page = await browserOf(employee);
  const claimId = await createWithForm(page, 'expenseClaim', { title, project: 'flows' });
  for (const [category, amount] of [['travel', 4200], ['lodging', 1800]] as const)
    expect((await employee.api.post('/api/records/expenseLine', { claim: claimId, category, amount, date: '2026-11-20' })).status).toBe(201);
  await page.goto(`${server.url}/records/expenseClaim/${claimId}/edit`);
  await page.locator('#field-state').selectOption({ label: 'Submitted' });
  await page.getByRole('button', { name: t('form.save'), exact: true }).click();
  await page.waitForURL(new RegExp(`/records/expenseClaim/${claimId}$`));
  await becomes('expenseClaim', claimId, { state: 'approving', amount: 6000, approvalLevels: 2 });

  // Level by level: the manager, then the director; then finance
  await work(manager, claimId, 'ApproveExpense', { approval: { choose: 'Approve' } });
  await work(director, claimId, 'ApproveExpense', { approval: { choose: 'Approve' }, comment: 'ok' });
  await work(finance, claimId, 'FinanceReview', { financeDecision: { choose: 'Approve for reimbursement' } });
  await becomes('expenseClaim', claimId, { state: 'approved', printable: true });
}, 120_000);

// ---- (c) service request dispatched and confirmed ---------------------------------------------

test('a dispatcher dispatches a service request and the technician confirms it', async () => {
  const dispatcher = await staff('dispatcher', 'dispatcher');
  const technician = await staff('technician', 'technician', dispatcher.id);

  // The dispatcher takes the call with the create form; no knowledge article solves it
  const subject = uniqueName('Water purifier leaking');
  const page = await browserOf(dispatcher);
  const requestId = await createWithForm(page, 'serviceRequest', { subject, channel: { choose: 'Phone' }, contactName: 'Wang Fang' });
  await becomes('serviceRequest', requestId, { state: 'not-dispatched' });

  await work(dispatcher, requestId, 'dispatch', { technician: { pick: technician.username }, dispatchNote: 'bring a spare seal' });
  await becomes('serviceRequest', requestId, { state: 'dispatched-unconfirmed', technician: technician.id });
  await work(technician, requestId, 'confirmDispatch', { confirmDecision: { choose: 'Accept' } });
  await becomes('serviceRequest', requestId, { state: 'confirmed' });
}, 120_000);
