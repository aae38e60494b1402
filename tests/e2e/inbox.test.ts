/**
 * End to end, in a real Chromium against a real server and PostgreSQL: the task inbox and the task
 * page. A sales rep sees a task offered to their group, claims it, opens it; the server refuses a
 * value the browser's form check lets through (a score the lead's record does not allow) and the
 * message shows at that field; corrected, the task completes and the next task of the same record
 * opens straight away. A task is found and completed with the keyboard alone, and focus lands on
 * the next task's heading. A task created while the inbox is open appears without a reload; the
 * inbox speaks Chinese, and so do a task form's refusals, the browser's and the server's. Screenshots of the inbox (en, zh-CN) and the task page go to test-artifacts/. Waits are on conditions.
 * Fixture: tests/e2e/inbox-fixture (process inbox-e2e: Check lead → Call customer → Confirm outcome).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { taskText, type TaskKey } from '../../admin-ui/src/inbox/messages.js';
import { translate, type MessageKey } from '../../admin-ui/src/i18n/index.js';
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { engineRest, str, taskMetadataDir } from '../support/tasks.js';
import { pagePerTest, screenshot, signInAt } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: TaskKey | MessageKey, vars?: Record<string, string | number>) => taskText('en', key, vars);
const FIXTURE = fileURLToPath(new URL('./inbox-fixture/', import.meta.url));

let server: TestServer;
let rep: Person;
const ui = pagePerTest('en-US');

beforeAll(async () => {
  ensureUiBuilt();
  // inbox-e2e runs for leads (a trigger names it; the tests start it through the engine API).
  const metadataDir = taskMetadataDir();
  const trigger = { 'x-crm-trigger': 'inbox-e2e', entity: 'lead', on: ['create'], condition: { field: 'company', op: 'eq', value: 'never' }, action: { type: 'start-process', processKey: 'inbox-e2e' } };
  writeFileSync(join(metadataDir, 'triggers', 'inbox-e2e.json'), JSON.stringify(trigger));
  server = await startTestServer({ metadataDir, processesDir: FIXTURE, formsDir: `${FIXTURE}forms/` });
  rep = await person(server, { role: 'sales-rep', prefix: 'rep' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** A lead of the rep's, with inbox-e2e started for it: its first task offered to the rep's role. */
async function leadWithProcess(company: string, due = '2020-01-01T09:00:00.000+0000'): Promise<{ lead: string; task: string }> {
  const created = await rep.api.post('/api/records/lead', { company, contactName: 'Han Meimei', source: 'internet' });
  expect(created.status).toBe(201);
  const engine = engineRest(server);
  const pi = await engine('POST', '/process-definition/key/inbox-e2e/start', { businessKey: created.body.id, variables: { group: str('role:sales-rep'), checkDue: str(due) } });
  const [task] = await engine('GET', `/task?processInstanceId=${pi.id}`);
  return { lead: created.body.id, task: task.id };
}

const signIn = (page: Page, path: string) => signInAt(page, server.url + path, rep.username, `${rep.username}-password`);
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

test('a group task: claimed from the inbox, a server-side error shown at its field, completed — and the next task of the record opens', async () => {
  const page = ui.page;
  const company = uniqueName('Inbox Lead');
  const { task } = await leadWithProcess(company);

  // Given the rep's inbox ('/' opens it), when they look at their group's tasks
  await signIn(page, '/');
  await page.waitForURL(/\/inbox$/);
  await heading(page).filter({ hasText: t('inbox.title') }).waitFor();
  await page.getByRole('tab', { name: new RegExp(t('inbox.list.group')) }).click();
  const row = page.locator(`tr[data-task="${task}"]`);
  await row.waitFor();
  expect(await row.textContent()).toContain(company);
  expect(await row.textContent()).toContain(t('inbox.sla.overdue'));
  await screenshot(page, 'inbox');

  // When they claim it, it leaves the group list and is theirs
  await row.getByRole('button', { name: t('inbox.claimLabel', { name: 'Check lead' }) }).click();
  await row.waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: new RegExp(t('inbox.list.mine')) }).click();
  await page.locator(`tr[data-task="${task}"]`).getByRole('link', { name: 'Check lead' }).click();

  // Then the task page shows the form beside the record and the process so far
  await page.waitForURL(new RegExp(`/tasks/${task}$`));
  await heading(page).filter({ hasText: 'Check lead' }).waitFor();
  expect(await page.getByTestId('task-assignee').textContent()).toBe(t('inbox.task.assignedToMe'));
  await page.getByRole('complementary').getByRole('link', { name: company }).waitFor();
  // Delegation is a search over people: not the workers' service account (the server would refuse it), not oneself
  await page.getByRole('combobox', { name: t('inbox.task.delegateTo') }).press('ArrowDown');
  const delegates = page.getByRole('option');
  await delegates.first().waitFor();
  const offered = (await delegates.allTextContents()).join(' | ');
  expect(offered).toContain('admin');
  expect(offered).not.toContain('crm-workers');
  expect(offered).not.toContain(rep.username);
  await page.keyboard.press('Escape');

  // When a score the record does not allow is sent: the browser's check passes it, the server refuses it at the field
  await page.getByLabel('Decision').selectOption({ label: 'Qualified' });
  await page.getByLabel('Score').fill('150');
  await page.getByRole('button', { name: t('inbox.task.complete') }).click();
  // (the field's error list, which its input names in aria-describedby)
  await page.locator('#root_score__error').filter({ hasText: /100/ }).waitFor();
  expect(await page.locator('#root_score').getAttribute('aria-describedby')).toContain('root_score__error');
  await waitFor(() => page.evaluate(() => document.activeElement?.id === 'root_score'));
  await screenshot(page, 'task-page');
  expect((await server.admin.get(`/api/tasks/${task}`)).status).toBe(200); // still open

  // When corrected and completed, the next task of the same record opens straight away
  await page.getByLabel('Score').fill('80');
  await page.getByRole('button', { name: t('inbox.task.complete') }).click();
  await heading(page).filter({ hasText: 'Call customer' }).waitFor();
  expect(page.url()).not.toContain(task);
  expect(await page.getByTestId('task-status').textContent()).toBe(t('inbox.task.completedNext', { name: 'Check lead' }));
  const record = (await rep.api.get(`/api/records/lead/${(await leadOf(company))}`)).body;
  expect(record.score).toBe(80);
});

async function leadOf(company: string): Promise<string> {
  const res = await rep.api.get(`/api/records/lead?filter=${encodeURIComponent(`company eq '${company}'`)}`);
  return res.body.items[0].id;
}

/** Press Tab until `matches` holds for the focused element (at most `max` presses). */
async function tabTo(page: Page, matches: (el: { tag: string; text: string; id: string; row: string }) => boolean, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { tag: a?.tagName ?? '', text: a?.textContent?.trim() ?? '', id: a?.id ?? '', row: a?.closest('tr')?.textContent ?? '' };
    });
    if (matches(el)) return;
  }
  throw new Error('focus never reached the element');
}

test('keyboard only: a task found in the inbox, its form filled and completed; focus lands on the next task', async () => {
  const page = ui.page;
  const company = uniqueName('Keyboard Lead');
  const { task } = await leadWithProcess(company, '2099-01-01T09:00:00.000+0000');
  // The first task done through the API: the one to do by keyboard is "Call customer", unclaimed.
  expect((await rep.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'qualified' } })).status).toBe(200);

  await signIn(page, '/inbox');
  await heading(page).filter({ hasText: t('inbox.title') }).waitFor();
  // To the list tabs, and with the arrow key to the group list
  await tabTo(page, (el) => el.text.startsWith(t('inbox.list.mine')));
  await page.keyboard.press('ArrowRight');
  await waitFor(() => page.evaluate(() => document.activeElement?.getAttribute('aria-selected') === 'true' && document.activeElement.id === 'inbox-tab-group'));
  const callTask = page.locator('tr').filter({ hasText: company }).getByRole('link', { name: 'Call customer' });
  await callTask.waitFor();
  await tabTo(page, (el) => el.tag === 'A' && el.text === 'Call customer' && el.row.includes(company));
  await page.keyboard.press('Enter');
  await heading(page).filter({ hasText: 'Call customer' }).waitFor();
  // Focus starts at the task's heading
  await waitFor(() => page.evaluate(() => document.activeElement?.id === 'task-title'));
  await tabTo(page, (el) => el.id === 'root_outcome');
  await page.keyboard.type('Reached them, demo booked');
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === t('inbox.task.complete'));
  await page.keyboard.press('Enter');
  await heading(page).filter({ hasText: 'Confirm outcome' }).waitFor();
  await waitFor(() => page.evaluate(() => document.activeElement?.id === 'task-title'));
});

test('a task offered to the rep while the inbox is open appears without a reload; the inbox in Chinese', async () => {
  const page = ui.page;
  await signIn(page, '/inbox');
  await page.getByRole('tab', { name: new RegExp(t('inbox.list.group')) }).click();
  await page.getByTestId('count-group').waitFor();
  const company = uniqueName('Live Lead');
  const { task } = await leadWithProcess(company);
  const row = page.locator(`tr[data-task="${task}"]`);
  await row.waitFor();
  // And in Chinese, the lists, columns and SLA state speak it
  await page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  await page.getByRole('tab', { name: new RegExp(translate('zh-CN', 'inbox.list.group')) }).waitFor();
  await row.getByText(translate('zh-CN', 'inbox.sla.overdue')).waitFor();
  await screenshot(page, 'inbox-zh-CN');

  // And a refusal speaks Chinese at its field: the browser's check (ajv-i18n) and the server's coded one (invalid-value)
  const han = /[\u4e00-\u9fff]/;
  await row.getByRole('link', { name: 'Check lead' }).click();
  await page.getByLabel('结论').selectOption({ label: '合格' });
  await page.getByLabel('备注').fill('x'.repeat(201));
  const complete = page.getByRole('button', { name: taskText('zh-CN', 'inbox.task.complete') });
  await complete.click();
  await page.locator('#root_note__error').filter({ hasText: '不应多于 200 个字符' }).waitFor();
  await page.getByLabel('备注').fill('ok');
  await page.getByLabel('评分').fill('150');
  await complete.click();
  const scoreError = page.locator('#root_score__error').filter({ hasText: /100/ });
  await scoreError.waitFor();
  expect(await scoreError.textContent()).toMatch(han);
  expect(await scoreError.textContent()).not.toMatch(/must/);
  await screenshot(page, 'task-page-zh-CN');
});
