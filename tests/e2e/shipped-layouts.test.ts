/**
 * The shipped UI layouts (metadata/layouts/) as their users get them, in a real Chromium against a
 * real server and PostgreSQL: a technician signs in to the field-service layout — its menu, and a
 * home page whose view widget lists their own dispatch orders (the view's `me` filter, its sort
 * and columns, the service request by its subject, the state by its label) and not a colleague's,
 * in English and in Chinese. Screenshots go to test-artifacts/.
 */
import { readFileSync } from 'node:fs';
import { translate } from '../../admin-ui/src/i18n/index.js';
import { homeText } from '../../admin-ui/src/home/messages.js';
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { pagesPerTest, screenshot } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

type Label = Record<'en' | 'zh-CN', string>;
const json = (path: string) => JSON.parse(readFileSync(new URL(`../../metadata/${path}`, import.meta.url), 'utf8'));
const layout = json('layouts/field-service.json') as { navigation: ({ area: string } | { entity: string })[]; home: { widget: string; view?: string }[] };
const view = json('views/dispatchOrder-mine.json') as { label: Label };
const dispatchOrder = json('entities/dispatchOrder.json') as { properties: Record<string, { 'x-crm-label': Label; 'x-crm-enum-labels'?: Record<string, Label> }> };
const AREA_LINKS = { inbox: 'inbox.nav', notifications: 'workspace.notifications.title' } as const;

let server: TestServer;
let technician: Person;
/** The technician's orders, newest dispatch first (the view's sort), and a colleague's. */
const mine: { number: string; subject: string; state: string }[] = [];
let colleagues = '';
const people = pagesPerTest();

async function create(entity: string, body: Record<string, unknown>): Promise<string> {
  const res = await server.admin.post(`/api/records/${entity}`, body);
  if (res.status !== 201) throw new Error(`${entity}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/**
 * A service request (its service-dispatch process opens its dispatch order: one per request) whose
 * order is then given to `technicianId` as a dispatcher would, dispatched at `dispatchedAt`.
 */
async function order(technicianId: string, dispatchedAt: string, state: string): Promise<{ number: string; subject: string; state: string }> {
  const subject = uniqueName('Pump leaking');
  const request = await create('serviceRequest', { subject, channel: 'phone' });
  const filter = encodeURIComponent(JSON.stringify({ field: 'request', op: 'eq', value: request }));
  let opened: { id: string; number: string } | undefined;
  await waitFor(async () => Boolean((opened = (await server.admin.get(`/api/records/dispatchOrder?filter=${filter}`)).body.items[0])), 20_000);
  const patch = { technician: technicianId, dispatchedAt, ...(state === 'not-dispatched' ? {} : { state }) };
  expect((await server.admin.patch(`/api/records/dispatchOrder/${opened!.id}`, patch)).status).toBe(200);
  return { number: opened!.number, subject, state };
}

beforeAll(async () => {
  ensureUiBuilt();
  server = await startTestServer();
  technician = await person(server, { role: 'technician', prefix: 'tech' });
  const colleague = await person(server, { role: 'technician', prefix: 'tech-other' });
  // Given two dispatch orders of the technician and one of a colleague, dispatched in between
  const older = await order(technician.id, '2026-11-20T09:00:00Z', 'not-dispatched');
  colleagues = (await order(colleague.id, '2026-11-21T09:00:00Z', 'not-dispatched')).number;
  const newer = await order(technician.id, '2026-11-22T09:00:00Z', 'dispatched-unconfirmed');
  mine.push(newer, older);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

test.each(['en', 'zh-CN'] as const)('a technician (%s) gets the field-service layout: its menu, and its home page listing their own dispatch orders', async (locale) => {
  // When the technician signs in
  const page = await people.signedIn(`${server.url}/`, technician.username, `${technician.username}-password`, { locale });
  // Then the home page is the layout's, not the inbox
  await page.getByRole('heading', { level: 1, name: homeText(locale, 'home.title') }).waitFor();

  // And the menu is the layout's, in its order, in the user's language
  const entityLabel = (name: string) => (json(`entities/${name}.json`)['x-crm-plural-label'] as Label)[locale];
  const menu = layout.navigation.map((e) => ('area' in e ? translate(locale, AREA_LINKS[e.area as keyof typeof AREA_LINKS]) : entityLabel(e.entity)));
  const nav = page.getByRole('navigation', { name: translate(locale, 'nav.title') });
  expect(await nav.getByRole('link').allTextContents()).toEqual(menu);
  expect(await nav.getByRole('link', { name: entityLabel('dispatchOrder') }).getAttribute('href')).toBe('/records/dispatchOrder?view=v:dispatchOrder-mine');

  // And the view widget, titled with the view's label, lists the technician's orders newest first:
  // the number linking to the order, the service request by its subject, the state by its label
  const index = layout.home.findIndex((w) => w.widget === 'view' && w.view === 'dispatchOrder-mine');
  const widget = page.locator(`[data-card="home-${index}"]`);
  await widget.getByRole('heading', { name: view.label[locale] }).waitFor();
  await widget.locator('tbody tr').first().waitFor();
  const field = (name: string) => dispatchOrder.properties[name]['x-crm-label'][locale];
  expect(await widget.locator('thead th').allTextContents()).toEqual([field('number'), field('request'), field('state'), field('dispatchedAt')]);
  const rows = await widget.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim())));
  const stateLabel = (state: string) => dispatchOrder.properties.state['x-crm-enum-labels']![state][locale];
  expect(rows).toEqual(mine.map((o) => [o.number, o.subject, stateLabel(o.state)]));
  expect(await widget.getByText(colleagues).count()).toBe(0);
  expect(await widget.getByRole('link', { name: mine[0].subject }).getAttribute('href')).toMatch(/^\/records\/serviceRequest\/[0-9a-f-]{36}$/);
  await screenshot(page, `shipped-layouts-field-service-${locale}`);

  // And the order's number opens the order, and "Open the list" the view
  expect(await widget.getByRole('link', { name: homeText(locale, 'home.openList') }).getAttribute('href')).toBe('/records/dispatchOrder?view=v:dispatchOrder-mine');
  await widget.getByRole('link', { name: mine[0].number }).click();
  await page.getByRole('heading', { level: 1, name: mine[0].number }).waitFor();
});
