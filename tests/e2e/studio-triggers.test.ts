/**
 * The triggers editor in the browser (admin-ui/src/studio-triggers): an analyst adds a trigger
 * "an opportunity updated to stage signed starts deal-handover" with record fields and a constant
 * as process variables, publishes the draft; a rep moves a deal to signed and the process instance
 * exists with the deal as business key and the mapped variables. A trigger naming a process the
 * engine lacks, and a condition on a field its entity lacks, are shown at their controls and
 * nothing is published. Real Chromium, real server and PostgreSQL, the embedded engine; the
 * fixture process is deployed through the studio's deploy API (tests/support/studio-triggers.ts).
 */
import type { Page } from 'playwright-core';
import { translate } from '../../admin-ui/src/i18n/index.js';
import { adminText } from '../../admin-ui/src/studio-admin/messages.js';
import { studioText } from '../../admin-ui/src/studio-model/messages.js';
import { triggersText } from '../../admin-ui/src/studio-triggers/messages.js';
import { startTestServer, uniqueName, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { deployDealHandover } from '../support/studio-triggers.js';
import { engineRest } from '../support/tasks.js';
import { pagePerTest, screenshot, signInAt } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: Parameters<typeof triggersText>[1], vars?: Record<string, string | number>) => triggersText('en', key, vars);
const ta = (key: Parameters<typeof adminText>[1], vars?: Record<string, string | number>) => adminText('en', key, vars);
const tm = (key: Parameters<typeof studioText>[1], vars?: Record<string, string | number>) => studioText('en', key, vars);

let server: TestServer;
let analyst: Person;
let rep: Person;
const ui = pagePerTest('en');

beforeAll(async () => {
  ensureUiBuilt();
  server = await startTestServer();
  analyst = await person(server, { role: 'analyst', prefix: 'trg-analyst' });
  rep = await person(server, { role: 'sales-rep', prefix: 'trg-rep' });
  await deployDealHandover(analyst.api);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const shot = (page: Page, name: string) => screenshot(page, `studio-triggers-${name}`);

const versions = async () => (await server.admin.get('/api/metadata/versions')).body.items.length as number;
const signIn = (who: Person, path: string) => signInAt(ui.page, server.url + path, who.username, `${who.username}-password`);

/** Validate-and-publish page: preview, then Publish and confirm. */
async function publishDraft(page: Page) {
  await page.getByRole('link', { name: t('studioTriggers.publishLink') }).click();
  await page.getByRole('button', { name: tm('studioModel.preview') }).click();
  await page.getByText(tm('studioModel.documentsOnly', { count: 1 })).waitFor();
  await page.getByRole('button', { name: tm('studioModel.publish') }).click();
  await page.getByRole('button', { name: tm('studioModel.confirmPublish') }).click();
}

test('an analyst adds "a deal updated to signed starts deal-handover" and publishes; a rep signs a deal and the process runs for it with the mapped variables', async () => {
  const page = ui.page;
  const before = await versions();
  await signIn(analyst, '/studio/triggers');
  await page.getByRole('heading', { name: t('studioTriggers.title') }).waitFor();
  // The shipped triggers are listed with their record, events, action and state.
  await page.getByRole('row', { name: /lead-created/ }).getByText(/^Start .*\(lead-qualification\)$/).waitFor();

  await page.getByLabel(t('studioTriggers.newName'), { exact: true }).fill('deal-won');
  await page.getByRole('button', { name: t('studioTriggers.create') }).click();
  await page.getByRole('heading', { name: t('studioTriggers.editor.title', { name: 'deal-won' }) }).waitFor();

  await page.getByLabel(t('studioTriggers.description'), { exact: true }).fill('A signed deal is handed over to delivery');
  await page.getByLabel(t('studioTriggers.entity'), { exact: true }).selectOption('opportunity');
  await expectChecked(page, 'updated', true);
  await page.getByRole('button', { name: ta('studioAdmin.sharing.addCondition') }).click();
  await page.getByLabel(ta('studioAdmin.sharing.conditionField', { n: 1 }), { exact: true }).selectOption('stage');
  await page.getByLabel(ta('studioAdmin.sharing.conditionOp', { n: 1 }), { exact: true }).selectOption('eq');
  await page.getByLabel(ta('studioAdmin.sharing.conditionValue', { n: 1 }), { exact: true }).selectOption('signed');
  await page.getByLabel(t('studioTriggers.process'), { exact: true }).selectOption('deal-handover');
  const variable = async (n: number, name: string, source: { field: string } | { value: string; description: string }) => {
    await page.getByRole('button', { name: t('studioTriggers.variable.add') }).click();
    await page.getByLabel(t('studioTriggers.variable.name', { n }), { exact: true }).fill(name);
    if ('field' in source) return page.getByLabel(t('studioTriggers.variable.field', { n }), { exact: true }).selectOption(source.field);
    await page.getByLabel(t('studioTriggers.variable.kind', { n }), { exact: true }).selectOption('constant');
    await page.getByLabel(t('studioTriggers.variable.type', { n }), { exact: true }).selectOption('number');
    await page.getByLabel(t('studioTriggers.variable.value', { n }), { exact: true }).fill(source.value);
    await page.getByLabel(t('studioTriggers.variable.description', { n }), { exact: true }).fill(source.description);
  };
  await variable(1, 'dealName', { field: 'name' });
  await variable(2, 'dealAmount', { field: 'amount' });
  await variable(3, 'accountName', { field: 'account.name' });
  await variable(4, 'handoverDays', { value: '5', description: 'days delivery has to take the deal over' });
  await page.getByRole('button', { name: t('studioTriggers.save') }).click();
  await page.getByRole('status').getByText(/Saved to the draft \(revision \d+\)\./).waitFor();
  await shot(page, 'editor');
  expect(await versions()).toBe(before);

  // Saved as the document the runtime reads.
  const saved = (await analyst.api.get('/api/metadata/draft/triggers/deal-won')).body;
  expect(saved.issues).toEqual([]);
  expect(saved.document).toEqual(
    expect.objectContaining({
      entity: 'opportunity',
      on: ['update'],
      condition: { and: [{ field: 'stage', op: 'eq', value: 'signed' }] },
      action: { type: 'start-process', processKey: 'deal-handover', variables: { dealName: 'name', dealAmount: 'amount', accountName: 'account.name', handoverDays: { value: 5, description: 'days delivery has to take the deal over' } } },
      enabled: true,
    }),
  );

  await publishDraft(page);
  await page.getByText(tm('studioModel.published', { version: before + 1 })).waitFor();
  expect(await versions()).toBe(before + 1);

  // A rep signs a deal: the process starts for it.
  const accountName = uniqueName('Acme');
  const account = (await rep.api.post('/api/records/account', { name: accountName })).body;
  let deal = (await rep.api.post('/api/records/opportunity', { name: 'Big deal', account: account.id, stage: 'intent', amount: 120000 })).body;
  for (const stage of ['negotiation', 'purchase', 'signed']) {
    const res = await rep.api.patch(`/api/records/opportunity/${deal.id}`, { stage, version: deal.version });
    expect(res.status).toBe(200);
    deal = res.body;
  }
  const rest = engineRest(server);
  const instances = await rest('GET', `/process-instance?businessKey=${deal.id}&processDefinitionKey=deal-handover`);
  expect(instances).toHaveLength(1);
  const vars = await rest('GET', `/process-instance/${instances[0].id}/variables`);
  expect(vars.dealName.value).toBe('Big deal');
  expect(Number(vars.dealAmount.value)).toBe(120000);
  expect(vars.accountName.value).toBe(accountName);
  expect(vars.handoverDays).toEqual(expect.objectContaining({ value: 5, type: 'Integer' }));

  // The list says it is enabled and how many instances of its process run.
  await page.goto(server.url + '/studio/triggers');
  const row = page.getByRole('row', { name: /deal-won/ });
  await row.getByText(t('studioTriggers.action.start', { process: 'Deal handover (deal-handover)' })).waitFor();
  expect(await row.getByRole('cell').allTextContents()).toEqual(['deal-won', 'Opportunity', 'updated', 'Start Deal handover (deal-handover)', 'Yes', '1', '']);
  await shot(page, 'list');

  // In Chinese: the same list, its words from the zh-CN catalogue.
  await page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  await page.getByRole('heading', { name: triggersText('zh-CN', 'studioTriggers.title'), exact: true }).waitFor();
  await page.getByRole('row', { name: /deal-won/ }).getByText(triggersText('zh-CN', 'studioTriggers.action.start', { process: 'Deal handover (deal-handover)' })).waitFor();
  await shot(page, 'list-zh');
});

async function expectChecked(page: Page, label: string, checked: boolean) {
  expect(await page.getByRole('checkbox', { name: label }).isChecked()).toBe(checked);
}

test('an unknown process and a condition on a field the entity lacks are shown at their controls; nothing is published; the trigger can be deleted', async () => {
  const page = ui.page;
  const before = await versions();
  // A trigger as a package from elsewhere brings it: naming a process this system has not deployed.
  const revision = (await analyst.api.get('/api/metadata/draft')).body.revision;
  const put = await analyst.api.put('/api/metadata/draft/triggers/deal-lost', {
    revision,
    document: { entity: 'opportunity', on: ['update'], condition: { and: [{ field: 'stage', op: 'eq', value: 'lost' }] }, action: { type: 'start-process', processKey: 'loss-review' } },
  });
  expect(put.body.issues.map((i: { path: string }) => i.path)).toEqual(['/action/processKey']);

  await signIn(analyst, '/studio/triggers/deal-lost');
  const process = page.getByLabel(t('studioTriggers.process'), { exact: true });
  await process.waitFor();
  expect(await process.getAttribute('aria-invalid')).toBe('true');
  expect(await process.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(t('studioTriggers.notDeployed', { key: 'loss-review' }));
  const described = await process.getAttribute('aria-describedby');
  expect(await page.locator(`[id="${described}"]`).textContent()).toContain('no process "loss-review" is deployed');

  // The analyst moves the trigger to leads: the condition's field is not a lead field — marked at its row while editing.
  await page.getByLabel(t('studioTriggers.entity'), { exact: true }).selectOption('lead');
  const field = page.getByLabel(ta('studioAdmin.sharing.conditionField', { n: 1 }), { exact: true });
  await field.and(page.locator('[aria-invalid="true"]')).waitFor();
  expect(await field.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(t('studioTriggers.unknownField', { field: 'stage' }));
  const fieldMessage = await page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`).textContent();
  expect(fieldMessage).toMatch(/stage/);
  await page.getByRole('button', { name: t('studioTriggers.save') }).click();
  await page.getByText(t('studioTriggers.savedWithIssues', { count: 2 })).waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
  await shot(page, 'issues');

  // In Chinese the server's problems read in Chinese at the same controls (the editor checks again in the new language).
  const fieldProblems = `[id="${await field.getAttribute('aria-describedby')}"]`;
  await page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  await page.locator(fieldProblems).filter({ hasText: '实体“lead”没有字段“stage”' }).waitFor();
  await page.locator(`[id="${described}"]`).filter({ hasText: '流程“loss-review”尚未部署' }).waitFor();
  // So does the save's status line: it is worded when shown, not when saved.
  await page.getByRole('status').filter({ hasText: triggersText('zh-CN', 'studioTriggers.savedWithIssues', { count: 2 }) }).waitFor();
  expect(await page.getByText(t('studioTriggers.savedWithIssues', { count: 2 })).count()).toBe(0);
  await shot(page, 'issues-zh-CN');
  await page.getByRole('button', { name: translate('zh-CN', 'lang.en') }).click();
  await page.getByRole('status').filter({ hasText: t('studioTriggers.savedWithIssues', { count: 2 }) }).waitFor();

  // Publishing is refused, naming the trigger's problems; no Publish button, no version.
  await page.getByRole('link', { name: t('studioTriggers.publishLink') }).click();
  await page.getByRole('button', { name: tm('studioModel.preview') }).click();
  await page.getByText('triggers/deal-lost.json', { exact: false }).first().waitFor();
  expect(await page.getByRole('button', { name: tm('studioModel.publish') }).count()).toBe(0);
  expect(await versions()).toBe(before);
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: (await analyst.api.get('/api/metadata/draft')).body.revision });
  expect(refused.status).toBe(422);
  expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['triggers/deal-lost.json#/action/processKey', 'triggers/deal-lost.json#/condition/and/0/field']);
  expect(await versions()).toBe(before);

  // Deleted from the draft, the draft holds nothing left to publish.
  await page.goto(server.url + '/studio/triggers/deal-lost');
  await page.getByRole('button', { name: t('studioTriggers.delete') }).click();
  await page.getByRole('button', { name: t('studioTriggers.deleteConfirm', { name: 'deal-lost' }) }).click();
  await page.getByRole('heading', { name: t('studioTriggers.title') }).waitFor();
  expect(await page.getByRole('row', { name: /deal-lost/ }).count()).toBe(0);
  expect((await analyst.api.get('/api/metadata/draft/diff')).body.documents).toEqual([]);
  expect(translate('zh-CN', 'studioTriggers.nav')).toBe('触发器');
});
