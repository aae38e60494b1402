/**
 * The view designer in the browser (admin-ui/src/studio-views): an analyst makes a view of
 * opportunities — columns (one reordered by keyboard), a filter, a sort, grouped by stage — the
 * sales reps' default, watches the live preview group the records, saves and publishes; a rep
 * opening Opportunities gets that view with its group headers and counts. Bad input (a column of an
 * unknown field and a filter on one, typed in the JSON) is shown at its control and nothing is
 * published. Real Chromium, real server and PostgreSQL; screenshots in test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { adminText } from '../../admin-ui/src/studio-admin/messages.js';
import { viewsText } from '../../admin-ui/src/studio-views/messages.js';
import { translate } from '../../admin-ui/src/i18n/index.js';
import { startTestServer, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { pagesPerTest, screenshot } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: Parameters<typeof viewsText>[1], vars?: Record<string, string | number>) => viewsText('en', key, vars);
const ta = (key: Parameters<typeof adminText>[1], vars?: Record<string, string | number>) => adminText('en', key, vars);

let server: TestServer;
const pages = pagesPerTest();
let analyst: Person;
let rep: Person;

beforeAll(async () => {
  ensureUiBuilt();
  server = await startTestServer();
  analyst = await person(server, { role: 'analyst', prefix: 'vw-analyst' });
  rep = await person(server, { role: 'sales-rep', prefix: 'vw-rep' });
  // The rep's deals: two at intent, one in negotiation, one lost (the view leaves lost ones out).
  const account = (await rep.api.post('/api/records/account', { name: '视图测试 Views Ltd' })).body;
  // Opportunities are private: the rep shares each with the analyst, whose preview reads only what they may read.
  const deal = async (name: string, amount: number, stages: string[] = []) => {
    let rec = (await rep.api.post('/api/records/opportunity', { name, account: account.id, amount })).body;
    for (const stage of stages) rec = (await rep.api.patch(`/api/records/opportunity/${rec.id}`, { stage, version: rec.version })).body;
    expect((await rep.api.post(`/api/records/opportunity/${rec.id}/shares`, { grantee: { kind: 'user', key: analyst.id }, access: 'read' })).status).toBe(201);
  };
  await deal('Small deal', 1000);
  await deal('Big deal', 90000);
  await deal('Moving deal', 5000, ['negotiation']);
  await deal('Lost deal', 700, ['lost']);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const pageAs = (who: Person, path: string): Promise<Page> =>
  pages.signedIn(server.url + path, who.username, `${who.username}-password`, { viewport: { width: 1400, height: 1000 } });

const latestVersion = async () => (await server.admin.get('/api/metadata/versions')).body.items[0].version as number;

test('an analyst designs a grouped view of opportunities as the reps’ default and publishes it; a rep opens Opportunities grouped by stage', async () => {
  const page = await pageAs(analyst, '/studio/views');
  await page.getByRole('heading', { name: t('studioViews.title'), level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Sales pipeline' }).waitFor();

  // Given a new view of opportunities
  await page.getByLabel(t('studioViews.newName')).fill('opportunity-rep-stages');
  await page.getByLabel(t('studioViews.newEntity')).selectOption('opportunity');
  await page.getByRole('button', { name: t('studioViews.create') }).click();
  await page.getByRole('heading', { name: t('studioViews.editTitle', { name: 'opportunity-rep-stages' }) }).waitFor();
  await page.getByLabel(t('studioViews.labelZh')).fill('我的商机（按阶段）');
  await page.getByLabel(t('studioViews.labelEn')).fill('My deals by stage');

  // Columns: name (already there), then the amount, the account's name through the lookup, and the stage — amount moved after the account by keyboard
  for (const path of ['amount', 'account.name', 'stage']) {
    await page.getByLabel(t('studioViews.addColumnChoice')).selectOption(path);
    await page.getByRole('button', { name: t('studioViews.addColumn') }).click();
  }
  await page.getByRole('button', { name: t('studioViews.moveDown', { n: 2 }) }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: t('studioViews.moved', { column: 'Amount', n: 3 }) }).waitFor();
  const columns = async () => Promise.all([1, 2, 3, 4].map((n) => page.getByLabel(t('studioViews.column', { n }), { exact: true }).inputValue()));
  expect(await columns()).toEqual(['name', 'account.name', 'amount', 'stage']);

  // Filter: stage is not "lost"; sort: amount descending; grouped by stage; the reps open it first
  await page.getByRole('button', { name: ta('studioAdmin.sharing.addCondition') }).click();
  await page.getByLabel(ta('studioAdmin.sharing.conditionField', { n: 1 }), { exact: true }).selectOption('stage');
  await page.getByLabel(ta('studioAdmin.sharing.conditionOp', { n: 1 }), { exact: true }).selectOption('ne');
  await page.getByLabel(ta('studioAdmin.sharing.conditionValue', { n: 1 }), { exact: true }).selectOption('lost');
  await page.getByRole('button', { name: t('studioViews.addSort') }).click();
  await page.getByLabel(t('studioViews.sortField', { n: 1 }), { exact: true }).selectOption('amount');
  await page.getByLabel(t('studioViews.sortDirection', { n: 1 }), { exact: true }).selectOption('desc');
  await page.getByLabel(t('studioViews.groupBy')).selectOption('stage');
  await page.getByRole('checkbox', { name: 'Sales rep', exact: true }).check();

  // Then the live preview shows the records grouped by stage with each group's count
  const preview = page.getByRole('table', { name: t('studioViews.preview') });
  await preview.getByRole('columnheader', { name: 'Stage: Intent 2 records' }).waitFor();
  await preview.getByRole('columnheader', { name: 'Stage: Negotiation 1 record' }).waitFor();
  expect(await preview.getByText('Lost deal').count()).toBe(0);
  expect(await preview.locator('tbody tr').allInnerTexts()).toEqual([
    expect.stringContaining('Intent'),
    expect.stringMatching(/^Big deal/),
    expect.stringMatching(/^Small deal/),
    expect.stringContaining('Negotiation'),
    expect.stringMatching(/^Moving deal/),
  ]);
  await screenshot(page, 'studio-views-editor');

  // When it is saved and published
  await page.getByRole('button', { name: t('studioViews.save') }).click();
  await page.getByRole('status').filter({ hasText: t('studioViews.saved') }).waitFor();
  const before = await latestVersion();
  await page.getByRole('button', { name: t('studioViews.publish'), exact: true }).click();
  await page.getByRole('status').filter({ hasText: t('studioViews.published', { version: before + 1 }) }).waitFor();
  const published = (await server.admin.get(`/api/metadata/versions/${before + 1}`)).body.documents.views.find((v: { 'x-crm-view': string }) => v['x-crm-view'] === 'opportunity-rep-stages');
  expect(published).toMatchObject({ columns: ['name', 'account.name', 'amount', 'stage'], filter: { and: [{ field: 'stage', op: 'ne', value: 'lost' }] }, sort: [{ field: 'amount', direction: 'desc' }], groupBy: 'stage', defaultFor: ['sales-rep'] });

  // Then a rep opening Opportunities gets that view, grouped, with the groups' counts
  const repPage = await pageAs(rep, '/records/opportunity');
  await repPage.getByRole('columnheader', { name: 'Stage: Intent 2 records' }).waitFor();
  await repPage.getByRole('columnheader', { name: 'Stage: Negotiation 1 record' }).waitFor();
  expect(await repPage.getByLabel(translate('en', 'records.view.label')).locator('option:checked').innerText()).toBe('My deals by stage');
  expect(await repPage.locator('table.records tbody tr').allInnerTexts()).toEqual([
    expect.stringContaining('Intent'),
    expect.stringMatching(/^Big deal/),
    expect.stringMatching(/^Small deal/),
    expect.stringContaining('Negotiation'),
    expect.stringMatching(/^Moving deal/),
  ]);
  await screenshot(repPage, 'studio-views-rep-list');
});

test('a column of an unknown field and a filter on one, typed in the JSON, are shown at their controls and nothing is published', async () => {
  const page = await pageAs(analyst, '/studio/views/opportunity-pipeline');
  await page.getByRole('heading', { name: t('studioViews.editTitle', { name: 'opportunity-pipeline' }) }).waitFor();
  const json = page.getByRole('textbox', { name: t('studioViews.json') });
  const doc = JSON.parse(await json.inputValue()) as Record<string, unknown> & { columns: string[] };
  const bad = { ...doc, columns: [...doc.columns, 'wechatId'], filter: { and: [{ field: 'nowhere', op: 'eq', value: 1 }] } };
  await json.fill(JSON.stringify(bad, null, 2));
  await page.getByRole('button', { name: t('studioViews.applyJson') }).click();

  // The server's check marks the new column's control and names the filter's criterion
  const column = page.getByLabel(t('studioViews.column', { n: doc.columns.length + 1 }), { exact: true });
  await page.locator(`select[aria-invalid="true"][aria-label="${t('studioViews.column', { n: doc.columns.length + 1 })}"]`).waitFor();
  expect(await column.inputValue()).toBe('wechatId');
  const describedBy = await column.getAttribute('aria-describedby');
  expect(await page.locator(`#${describedBy}`).innerText()).toContain('unknown field "wechatId" of entity "opportunity"');
  await page.locator('#sv-h-filter').locator('..').getByText('/filter/and/0/field').waitFor();

  // Saved with its problems; publishing is refused, the problems stay at their controls, no version is made
  const before = await latestVersion();
  await page.getByRole('button', { name: t('studioViews.save') }).click();
  await page.getByRole('status').filter({ hasText: t('studioViews.savedWithIssues', { count: 2 }) }).waitFor();
  await page.getByRole('button', { name: t('studioViews.publish'), exact: true }).click();
  await page.getByRole('alert').filter({ hasText: t('studioViews.refused', { message: '' }).trim() }).waitFor();
  await page.locator(`select[aria-invalid="true"][aria-label="${t('studioViews.column', { n: doc.columns.length + 1 })}"]`).waitFor();
  await screenshot(page, 'studio-views-refused');
  expect(await latestVersion()).toBe(before);

  // The designer speaks Chinese too
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await page.getByRole('heading', { name: viewsText('zh-CN', 'studioViews.editTitle', { name: 'opportunity-pipeline' }) }).waitFor();
  await page.getByText(viewsText('zh-CN', 'studioViews.problems')).waitFor();
  // The server's problems too, at their controls: the designer checks again in the new language.
  await page.locator(`#${describedBy}`).filter({ hasText: '实体“opportunity”没有字段“wechatId”' }).waitFor();
  // and the preview says in Chinese why it cannot be shown (the records query's refusal, coded)
  await page.getByText(viewsText('zh-CN', 'studioViews.previewUnavailable', { message: '实体“opportunity”没有字段“nowhere”' })).waitFor();
  await screenshot(page, 'studio-views-zh');
  expect((await server.admin.get('/api/metadata/views?entity=opportunity')).body.views.find((v: { 'x-crm-view': string }) => v['x-crm-view'] === 'opportunity-pipeline').columns).toEqual(doc.columns);
});
