/**
 * End to end, in a real Chromium against a real server and PostgreSQL: the pickers of record and
 * task forms (admin-ui/README.md, "Pickers"). A quote's opportunity is chosen on the create form by
 * typing part of its name and the keyboard; the saved quote holds its id and the edit form shows it
 * by name after a reload. On a task page (fixture form lead-review: `x-crm-lookup` account,
 * `x-crm-user` reviewer of role:sales-manager, `x-crm-attachment` evidence) the user picker offers
 * only the group's people, the record lookup only records the user may read, and the attachment
 * picker uploads a file to the task's record and chooses it; the completed task carries the ids.
 * A record modified by a worker names it ("Modified by"), not its id. Waits are on conditions.
 */
import type { Page } from 'playwright-core';
import { taskText } from '../../admin-ui/src/inbox/messages.js';
import { pickerText, type PickerKey } from '../../admin-ui/src/pickers/messages.js';
import type { MessageKey } from '../../admin-ui/src/i18n/index.js';
import { startTestServer, uniqueName, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { engineRest, str, TASK_FORMS_DIR, TASK_PROCESSES_DIR, taskMetadataDir } from '../support/tasks.js';
import { pagePerTest, signInAt } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: PickerKey | MessageKey, vars?: Record<string, string | number>) => pickerText('en', key, vars);

let server: TestServer;
let rep: Person;
let other: Person;
const ui = pagePerTest('en-US');

beforeAll(async () => {
  ensureUiBuilt();
  server = await startTestServer({ metadataDir: taskMetadataDir(), processesDir: TASK_PROCESSES_DIR, formsDir: TASK_FORMS_DIR });
  [rep, other] = await Promise.all([person(server, { role: 'sales-rep', prefix: 'rep' }), person(server, { role: 'sales-rep', prefix: 'other' })]);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const signIn = (page: Page, path: string) => signInAt(page, server.url + path, rep.username, `${rep.username}-password`);

async function created(p: Person, entity: string, body: Record<string, unknown>): Promise<string> {
  const res = await p.api.post(`/api/records/${entity}`, body);
  expect(res.status).toBe(201);
  return res.body.id;
}

/** The texts of the combobox's options, once the list shows `expected` many. */
async function optionsOf(page: Page, expected: number): Promise<string[]> {
  const options = page.getByRole('listbox').getByRole('option');
  await page.waitForFunction((n) => document.querySelectorAll('[role="listbox"]:not([hidden]) [role="option"]').length === n, expected);
  return options.allTextContents();
}

test('a lookup on the record form: typed part of a name, chosen with the keyboard, saved as the id and shown by name after a reload', async () => {
  const page = ui.page;
  const tag = uniqueName('Pick').replace(/_/g, '-');
  const account = await created(rep, 'account', { name: `${tag} Account` });
  const wanted = await created(rep, 'opportunity', { name: `${tag} Turbine retrofit`, account });
  await created(rep, 'opportunity', { name: `${tag} Pump service`, account });
  await created(other, 'opportunity', { name: `${tag} Turbine elsewhere`, account: await created(other, 'account', { name: `${tag} Theirs` }) });

  await signIn(page, '/records/quote/new');
  const quoteName = `${tag} Quote`;
  await page.locator('#field-name').fill(quoteName);
  const box = page.getByRole('combobox', { name: 'Opportunity' });
  await box.fill(`${tag} turb`);
  // Only the rep's own turbine opportunity: the other rep's is not theirs to read
  expect(await optionsOf(page, 1)).toEqual([`${tag} Turbine retrofit`]);
  await box.press('ArrowDown');
  expect(await box.getAttribute('aria-activedescendant')).toBeTruthy();
  await box.press('Enter');
  expect(await box.getAttribute('aria-expanded')).toBe('false');
  expect(await box.inputValue()).toBe(`${tag} Turbine retrofit`);
  await page.getByRole('button', { name: t('form.save'), exact: true }).click();
  await page.waitForURL(/\/records\/quote\/[0-9a-f-]{36}$/);
  const quoteId = page.url().split('/').pop()!;
  expect((await rep.api.get(`/api/records/quote/${quoteId}`)).body.opportunity).toBe(wanted);

  await page.goto(`${server.url}/records/quote/${quoteId}/edit`);
  await page.reload();
  // (the picker is a lazy chunk: a disabled input holds its place until it arrives)
  const again = page.locator('#field-opportunity[role="combobox"]');
  await page.waitForFunction((name) => (document.querySelector('#field-opportunity[role="combobox"]') as HTMLInputElement | null)?.value === name, `${tag} Turbine retrofit`);
  const open = page.getByRole('link', { name: t('picker.open', { name: `${tag} Turbine retrofit` }) });
  expect(await open.getAttribute('href')).toBe(`/records/opportunity/${wanted}`);

  // Escape closes the list and leaves the value; emptying the input clears it
  await again.fill('Pump');
  await optionsOf(page, 1);
  await again.press('Escape');
  expect(await again.getAttribute('aria-expanded')).toBe('false');
  await again.press('Escape');
  expect(await again.inputValue()).toBe(`${tag} Turbine retrofit`);
});

test('on a task page: the user picker offers only the group\'s people, the lookup only readable records, the attachment picker uploads and chooses; the task completes with those ids', async () => {
  const page = ui.page;
  const tag = uniqueName('Task').replace(/_/g, '-');
  const manager = await person(server, { role: 'sales-manager', prefix: `${tag}-mgr` });
  await person(server, { role: 'technician', prefix: `${tag}-tech` });
  const mine = await created(rep, 'account', { name: `${tag} Mine` });
  await created(other, 'account', { name: `${tag} Hidden` });
  const lead = await created(rep, 'lead', { company: `${tag} Lead`, contactName: 'Han Meimei', source: 'internet' });
  const engine = engineRest(server);
  const pi = await engine('POST', '/process-definition/key/task-review/start', {
    businessKey: lead,
    variables: { leadId: str(lead), assignee: str(rep.id), candidateUsers: str('nobody'), candidateGroups: str('none:none') },
  });
  const [task] = await engine('GET', `/task?processInstanceId=${pi.id}`);

  await signIn(page, `/tasks/${task.id}`);
  await page.getByRole('heading', { level: 1, name: 'Review lead' }).waitFor();
  await page.locator('#root_decision').selectOption({ label: 'Approve' });

  // The reviewer: only sales managers are offered (the technician and the reps are not), chosen by name
  const reviewer = page.getByRole('combobox', { name: 'Reviewer' });
  await reviewer.fill(tag);
  expect(await optionsOf(page, 1)).toEqual([expect.stringContaining(manager.username)]);
  await reviewer.press('ArrowDown');
  await reviewer.press('Enter');

  // The account: the rep's own, not the one of the other rep
  const account = page.getByRole('combobox', { name: 'Account' });
  await account.fill(tag);
  expect(await optionsOf(page, 1)).toEqual([`${tag} Mine`]);
  await account.press('ArrowDown');
  await account.press('Enter');

  // The evidence: uploaded from the picker, and so chosen
  const evidence = page.getByRole('group', { name: 'Evidence' });
  await evidence.getByLabel(t('picker.attachments.upload')).setInputFiles({ name: 'minutes.txt', mimeType: 'text/plain', buffer: Buffer.from('minutes\n') });
  await evidence.getByRole('checkbox', { name: 'minutes.txt' }).waitFor();
  expect(await evidence.getByRole('checkbox', { name: 'minutes.txt' }).isChecked()).toBe(true);
  // and the record's attachments beside the form list it too
  await page.getByRole('complementary').getByRole('link', { name: 'minutes.txt' }).waitFor();
  const [file] = (await rep.api.get(`/api/records/lead/${lead}/attachments`)).body.items;

  await page.getByRole('button', { name: taskText('en', 'inbox.task.complete') }).click();
  await page.waitForURL((url) => !url.pathname.endsWith(`/tasks/${task.id}`));
  const vars = Object.fromEntries((await engine('GET', `/history/variable-instance?processInstanceId=${pi.id}`)).map((v: any) => [v.name, v.value]));
  expect(vars).toMatchObject({ reviewer: manager.id, account: mine, evidence: JSON.stringify([file.id]) });
});

test('"Modified by" names the worker that changed the record, not its id', async () => {
  const page = ui.page;
  const account = await created(rep, 'account', { name: uniqueName('Worked on') });
  const bot = await server.server.auth.createUser({ username: uniqueName('bot').toLowerCase(), displayName: 'Enrichment worker', password: 'bot-password-1', isService: true });
  const { token } = await server.server.auth.createApiToken(bot.id, 'enrich');
  const res = await fetch(`${server.url}/api/records/account/${account}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': '1' },
    body: JSON.stringify({ website: 'https://example.com' }),
  });
  expect(res.status).toBe(200);
  await signIn(page, `/records/account/${account}`);
  const modifiedBy = page.locator('[data-field="updatedBy"] dd');
  await modifiedBy.filter({ hasText: 'Enrichment worker' }).waitFor();
  expect(await page.locator('[data-field="createdBy"] dd').textContent()).toBe(await displayNameOf(rep));
});

async function displayNameOf(p: Person): Promise<string> {
  const me = (await p.api.get('/api/auth/me')).body.user;
  return me.displayName || me.username;
}
