/**
 * Studio → UI layouts in a real Chromium against a real server and PostgreSQL: an administrator
 * gives sales reps a menu without Dashboards, a home page with my pipeline and my tasks, and an
 * opportunity page with a section moved first; an unknown entity and an unknown field are shown at
 * their controls and the draft cannot be published until they are fixed; published, a rep signs in
 * and sees exactly that. Screenshots go to test-artifacts/.
 */
import type { MessageKey } from '../../admin-ui/src/i18n/index.js';
import { layoutsText, type LayoutsKey } from '../../admin-ui/src/studio-layouts/messages.js';
import { studioText, type StudioKey } from '../../admin-ui/src/studio-model/messages.js';
import { startTestServer, uniqueName, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import type { Page } from 'playwright-core';
import { pagePerTest, screenshot, signInAt } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: LayoutsKey | MessageKey, vars?: Record<string, string | number>) => layoutsText('en', key, vars);
const ts = (key: StudioKey, vars?: Record<string, string | number>) => studioText('en', key, vars);

let server: TestServer;
let rep: Person;
let deal: { id: string; name: string };
const ui = pagePerTest('en');

beforeAll(async () => {
  ensureUiBuilt();
  server = await startTestServer();
  rep = await person(server, { role: 'sales-rep', prefix: 'layout-rep' });
  const account = await rep.api.post('/api/records/account', { name: uniqueName('Layout Co') });
  const name = uniqueName('Layout deal');
  const created = await rep.api.post('/api/records/opportunity', { name, account: account.body.id, stage: 'intent', amount: 5000, source: 'tradeShow' });
  deal = { id: created.body.id, name };
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const shot = (page: Page, name: string) => screenshot(page, `studio-layouts-${name}`);
const versions = async () => (await server.admin.get('/api/metadata/versions')).body.items.length as number;

test('an administrator lays out the sales reps’ workspace; unknown entries are shown at their controls and block publishing until fixed', async () => {
  const page = ui.page;
  // Given an administrator in Studio → UI layouts
  await signInAt(page, `${server.url}/studio/layouts`, 'admin', server.adminPassword);
  await page.getByRole('heading', { level: 1, name: t('studioLayouts.title') }).waitFor();
  const before = await versions();

  // When they start a layout "sales" for the sales rep role
  await page.getByLabel(t('studioLayouts.newName')).fill('sales');
  await page.getByRole('button', { name: t('studioLayouts.create') }).click();
  const editor = page.getByRole('form', { name: t('studioLayouts.editing', { name: 'sales' }) });
  await editor.getByRole('checkbox', { name: 'Sales rep', exact: true }).check();

  // The menu: Deals (the pipeline view), Inbox, Accounts — and a mistyped entity
  await editor.getByLabel(t('studioLayouts.navigation.use')).check();
  const entry = (n: number) => editor.getByRole('listitem', { name: t('studioLayouts.entry', { n }) });
  for (let n = 2; n <= 4; n++) await editor.getByRole('button', { name: t('studioLayouts.addEntry') }).click();
  await entry(1).getByLabel(t('studioLayouts.entry.target')).selectOption('records');
  await entry(1).getByLabel(t('studioLayouts.entry.entity')).fill('opportunity');
  await entry(1).getByLabel(t('studioLayouts.entry.view')).selectOption('opportunity-pipeline');
  await entry(1).getByLabel(t('studioLayouts.labelZh')).fill('商机');
  await entry(1).getByLabel(t('studioLayouts.labelEn')).fill('Deals');
  await entry(3).getByLabel(t('studioLayouts.entry.target')).selectOption('records');
  await entry(3).getByLabel(t('studioLayouts.entry.entity')).fill('account');
  await entry(4).getByLabel(t('studioLayouts.entry.target')).selectOption('records');
  await entry(4).getByLabel(t('studioLayouts.entry.entity')).fill('spaceship');

  // The home page: my tasks (the default first widget), then my pipeline moved above it
  await editor.getByLabel(t('studioLayouts.home.use')).check();
  await editor.getByRole('button', { name: t('studioLayouts.addWidget') }).click();
  await editor.getByRole('button', { name: t('studioLayouts.up', { what: t('studioLayouts.widget', { n: 2 }) }) }).click();

  // The opportunity page: "Deal" then "Context", then Context moved first — with a mistyped field
  await editor.getByLabel(t('studioLayouts.addRecordPage')).selectOption('opportunity');
  await editor.getByRole('button', { name: t('studioLayouts.addRecordPageButton') }).click();
  const page1 = editor.getByRole('group', { name: t('studioLayouts.recordPage', { entity: 'Opportunities' }) });
  await page1.getByRole('button', { name: t('studioLayouts.addSection') }).click();
  const section = (n: number) => page1.getByRole('region', { name: t('studioLayouts.section', { n }) });
  const fill = async (n: number, key: string, zh: string, en: string, fields: string[]) => {
    await section(n).getByLabel(t('studioLayouts.section.key')).fill(key);
    await section(n).getByLabel(t('studioLayouts.labelZh')).fill(zh);
    await section(n).getByLabel(t('studioLayouts.labelEn')).fill(en);
    for (const f of fields) {
      await section(n).getByLabel(t('studioLayouts.section.addField', { n })).fill(f);
      await section(n).getByLabel(t('studioLayouts.section.addField', { n })).press('Enter');
    }
  };
  await fill(1, 'deal', '商机', 'Deal', ['name', 'account', 'stage', 'amount']);
  await fill(2, 'context', '来源', 'Context', ['source', 'wechat']);
  await page1.getByRole('button', { name: t('studioLayouts.up', { what: t('studioLayouts.section', { n: 2 }) }) }).click();

  // Then the unknown entity and field are shown at their controls (checked as edited, before saving)
  const entity = entry(4).getByLabel(t('studioLayouts.entry.entity'));
  await entry(4).getByText('unknown entity "spaceship"').waitFor();
  expect(await entity.getAttribute('aria-invalid')).toBe('true');
  const wechat = section(1).locator('li[data-field="wechat"]');
  await wechat.getByText('unknown field "wechat"').waitFor();
  expect(await wechat.getAttribute('aria-invalid')).toBe('true');
  await editor.getByRole('button', { name: t('studioLayouts.save') }).click();
  await editor.getByRole('status').getByText(t('studioLayouts.savedWithIssues')).waitFor();
  await shot(page, 'issues');

  // And the draft cannot be published: nothing is
  await page.goto(`${server.url}/studio/model/publish`);
  await page.getByRole('button', { name: ts('studioModel.validate') }).click();
  await page.getByText('layouts/sales.json').first().waitFor();
  expect(await page.getByRole('button', { name: ts('studioModel.publish') }).count()).toBe(0);
  expect(await versions()).toBe(before);

  // When they remove the bad entry and field, save, and publish the draft
  await page.goto(`${server.url}/studio/layouts`);
  await page.getByRole('button', { name: 'sales', exact: true }).click();
  await entry(4).getByRole('button', { name: t('studioLayouts.remove', { what: t('studioLayouts.entry', { n: 4 }) }) }).click();
  await section(1).getByRole('button', { name: t('studioLayouts.remove', { what: 'wechat' }) }).click();
  await editor.getByText(t('studioLayouts.valid')).waitFor();
  await editor.getByRole('button', { name: t('studioLayouts.save') }).click();
  await editor.getByRole('status').getByText(/Saved to the draft \(revision/).waitFor();
  await shot(page, 'editor');
  await page.getByRole('link', { name: t('studioLayouts.publish') }).click();
  await page.getByRole('button', { name: ts('studioModel.preview') }).click();
  await page.getByRole('button', { name: ts('studioModel.publish') }).click();
  await page.getByRole('button', { name: ts('studioModel.confirmPublish') }).click();
  await page.getByText(ts('studioModel.published', { version: before + 1 })).waitFor();
  expect(await versions()).toBe(before + 1);
});

test('a sales rep signs in to exactly that: the menu, the home page, the opportunity page with Context first', async () => {
  const page = ui.page;
  // When a rep signs in
  await signInAt(page, `${server.url}/`, rep.username, `${rep.username}-password`);
  // Then the home page shows my pipeline, then my tasks
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  const cards = page.locator('.dash-card h2');
  await page.locator('[data-card="pipeline"]').waitFor();
  await page.getByRole('heading', { name: 'My tasks' }).waitFor();
  expect(await cards.allTextContents()).toEqual(['My pipeline', 'My tasks']);
  // And the menu is the layout's, without Dashboards
  const nav = page.getByRole('navigation', { name: 'Records' });
  expect(await nav.getByRole('link').allTextContents()).toEqual(['Deals', 'Inbox', 'Accounts']);
  expect(await nav.getByRole('link', { name: 'Dashboards' }).count()).toBe(0);
  await page.locator('[data-card="pipeline"] .dash-chart svg').first().waitFor();
  await shot(page, 'rep-home');
  // And Deals opens the pipeline view
  const deals = nav.getByRole('link', { name: 'Deals' });
  expect(await deals.getAttribute('href')).toBe('/records/opportunity?view=v:opportunity-pipeline');
  await deals.click();
  await page.waitForURL(/\/records\/opportunity\?view=/, { waitUntil: 'commit' });
  // And the opportunity page shows Context first, then Deal, then the rest
  await page.goto(`${server.url}/records/opportunity/${deal.id}`);
  await page.getByRole('heading', { level: 1, name: deal.name }).waitFor();
  const sections = await page.locator('section.layout-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
  expect(sections.slice(0, 2)).toEqual(['context', 'deal']);
  await shot(page, 'rep-record');
  // And the server still refuses what the layout leaves out of reach
  expect((await rep.api.get('/api/records/dispatchOrder')).status).toBe(403);
});
