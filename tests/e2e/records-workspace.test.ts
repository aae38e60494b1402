/**
 * End to end, in a real Chromium against a real server and PostgreSQL — the record workspace:
 * a board of opportunities where a drag (keyboard) changes the stage and a refused move snaps back
 * with the server's reason; a saved view that comes back after a reload; a view's several sort keys
 * shown and changed, and a grouped list saved as a view that reopens grouped; global search that finds
 * what the user may see and not what they may not; the notification count and marking read; a
 * stale edit offering reload or keeping one's changes; the record page's sections, attachments,
 * related records and timeline. Screenshots go to test-artifacts/. Waits are on conditions only.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { translate, type MessageKey } from '../../admin-ui/src/i18n/index.js';
import { boardText, type BoardKey } from '../../admin-ui/src/records/boardMessages.js';
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { pagePerTest } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: BoardKey | MessageKey, vars?: Record<string, string | number>) => boardText('en', key, vars);
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/records-workspace/', import.meta.url));

let server: TestServer;
let rep: Person;
let otherRep: Person;
const ui = pagePerTest('en-US');

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ensureUiBuilt();
  server = await startTestServer();
  rep = await person(server, { role: 'sales-rep', prefix: 'e2e-rep' });
  otherRep = await person(server, { role: 'sales-rep', prefix: 'e2e-other' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const passwordOf = (p: Person) => `${p.username}-password`;

async function signIn(path: string, who?: Person): Promise<void> {
  await ui.page.goto(server.url + path);
  await ui.page.getByLabel(t('login.username')).fill(who ? who.username : 'admin');
  await ui.page.getByLabel(t('login.password')).fill(who ? passwordOf(who) : server.adminPassword);
  await ui.page.getByRole('button', { name: t('login.submit') }).click();
  await ui.page.getByTestId('current-user').waitFor();
}

const shot = (name: string) => ui.page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

async function created(api: { post(path: string, body: unknown): Promise<{ status: number; body: any }> }, entity: string, body: Record<string, unknown>) {
  const res = await api.post(`/api/records/${entity}`, body);
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

const stageOf = async (id: string) => (await server.admin.get(`/api/records/opportunity/${id}`)).body.stage as string;

/** The board's words for a refused stage move in `locale`: the coded error's message with the stage labels (what the UI must say in place of the server's English). */
async function refusalText(locale: 'en' | 'zh-CN', params: { from: string; to: string; allowed: string[] }): Promise<string> {
  const { entities } = (await server.admin.get('/api/metadata/entities')).body as { entities: { name: string; fields: { name: string; label: Record<string, string>; enumLabels?: Record<string, Record<string, string>> }[] }[] };
  const stage = entities.find((e) => e.name === 'opportunity')!.fields.find((f) => f.name === 'stage')!;
  const value = (v: string) => stage.enumLabels![v]![locale]!;
  const allowed = new Intl.ListFormat(locale, { type: 'disjunction' }).format(params.allowed.map(value));
  return translate(locale, 'problem.code.transition-not-allowed', { field: stage.label[locale]!, from: value(params.from), to: value(params.to), allowed });
}

test('given opportunities on the board, when a card is moved with the keyboard, then its stage changes; a move the state machine refuses snaps back with the reason, in the user\'s language', async () => {
  // Given two opportunities in stage "intent"
  const account = await created(server.admin, 'account', { name: uniqueName('E2E Board Account') });
  const moving = await created(server.admin, 'opportunity', { name: uniqueName('E2E Moving deal'), account: account.id, amount: 120000 });
  const refused = await created(server.admin, 'opportunity', { name: uniqueName('E2E Refused deal'), account: account.id, amount: 5000 });
  await signIn('/records/opportunity');
  await ui.page.getByRole('button', { name: t('records.mode.kanban') }).click();
  const board = ui.page.locator('section.kanban');
  const column = (stage: string) => board.locator(`[data-column="${stage}"]`);
  const card = (id: string) => board.locator(`[data-record="${id}"]`);
  await column('intent').locator(`[data-record="${moving.id}"]`).waitFor();
  /** Focus a card and pick it up with Space; the arrows count once the board says it is being dragged. */
  const pickUp = async (id: string) => {
    await card(id).focus();
    await ui.page.keyboard.press('Space');
    await board.locator(`[data-record="${id}"].dragging`).waitFor();
    await column('intent').and(board.locator('.over')).waitFor();
  };

  // When the first card is picked up, moved one column right and dropped
  await pickUp(moving.id);
  await ui.page.keyboard.press('ArrowRight');
  await board.locator('[data-column="negotiation"].over').waitFor();
  await ui.page.keyboard.press('Space');

  // Then it is saved in "negotiation" and shown there
  await board.getByRole('status').filter({ hasText: t('records.kanban.moved', { name: (await card(moving.id).getAttribute('aria-label'))!, value: 'Negotiation' }) }).waitFor();
  await column('negotiation').locator(`[data-record="${moving.id}"]`).waitFor();
  expect(await stageOf(moving.id)).toBe('negotiation');

  // When the second card is dropped two columns right (intent → purchase is not an allowed move)
  const dropOnPurchase = async (whileDragging?: () => Promise<void>) => {
    await pickUp(refused.id);
    await ui.page.keyboard.press('ArrowRight');
    await board.locator('[data-column="negotiation"].over').waitFor();
    await ui.page.keyboard.press('ArrowRight');
    // the state machine's view of it is shown while dragging (the server still decides on drop)
    await board.locator('[data-column="purchase"].over.unlikely').waitFor();
    await whileDragging?.();
    await ui.page.keyboard.press('Space');
  };
  // (the viewport only: a full-page shot resizes the window, which cancels a drag)
  await dropOnPurchase(async () => void (await ui.page.screenshot({ path: join(ARTIFACTS, 'kanban-dragging.png') })));

  // Then the server's refusal is shown and the card is back in "intent", its stage unchanged
  const alert = board.getByRole('alert');
  await alert.waitFor();
  // the same move through the API: refused, changing nothing, coded — and the board said it in words from the code
  const answer = await server.admin.patch(`/api/records/opportunity/${refused.id}`, { stage: 'purchase', version: refused.version });
  expect(answer.status).toBe(400);
  expect(answer.body.errors[0]).toMatchObject({ code: 'transition-not-allowed', params: { field: 'stage', from: 'intent', to: 'purchase' } });
  expect(await alert.textContent()).toContain(await refusalText('en', answer.body.errors[0].params));
  await column('intent').locator(`[data-record="${refused.id}"]`).waitFor();
  expect(await column('purchase').locator(`[data-record="${refused.id}"]`).count()).toBe(0);
  expect(await stageOf(refused.id)).toBe('intent');
  await shot('kanban-refused');

  // In Chinese the board speaks Chinese
  await ui.page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  await ui.page.getByRole('button', { name: translate('zh-CN', 'records.mode.kanban') }).waitFor();
  await board.locator('[data-column="negotiation"] h2').filter({ hasText: '谈判' }).waitFor();
  // and the same refused move is explained in Chinese, with the stages' Chinese names
  await dropOnPurchase();
  await board.getByRole('alert').filter({ hasText: await refusalText('zh-CN', answer.body.errors[0].params) }).waitFor();
  await shot('kanban-zh');
});

test('given more records in a stage than a column reads at once, then the column shows its true count and "Show more" brings the rest', async () => {
  const seller = await person(server, { role: 'sales-rep', prefix: 'e2e-many' });
  const account = await created(seller.api, 'account', { name: uniqueName('E2E Many Account') });
  const deals = [];
  for (let i = 0; i < 53; i++) deals.push(await created(seller.api, 'opportunity', { name: uniqueName(`E2E Deal ${i}`), account: account.id, amount: 1000 + i }));
  await signIn('/records/opportunity', seller);
  await ui.page.getByRole('button', { name: t('records.mode.kanban') }).click();
  const intent = ui.page.locator('section.kanban [data-column="intent"]');
  await intent.getByRole('heading', { name: t('records.kanban.column', { value: 'Intent', count: 53 }) }).waitFor();
  await intent.locator('[data-record]').nth(49).waitFor();
  expect(await intent.locator('[data-record]').count()).toBe(50);
  await intent.getByRole('button', { name: t('records.kanban.showMore', { shown: 50, count: 53 }) }).click();
  await intent.locator('[data-record]').nth(52).waitFor();
  expect(await intent.locator('[data-record]').count()).toBe(53);
  expect(await intent.getByRole('button', { name: /Show more/ }).count()).toBe(0);
  expect(new Set(await intent.locator('[data-record]').evaluateAll((els) => els.map((e) => e.getAttribute('data-record'))))).toEqual(new Set(deals.map((d) => d.id)));
});

test('given a filtered list saved as a view, when the page is reloaded, then the view, its filter and sort come back', async () => {
  // Given accounts in two industries
  const finance = uniqueName('E2E Finance');
  await created(server.admin, 'account', { name: finance, industry: 'finance' });
  await created(server.admin, 'account', { name: uniqueName('E2E Trade'), industry: 'trade' });
  await signIn('/records/account');
  await ui.page.locator('table.records tbody tr').first().waitFor();

  // When a filter "industry is Finance & insurance" and a sort are set and saved as a view
  await ui.page.getByRole('button', { name: t('records.filter.add') }).click();
  await ui.page.getByLabel(t('records.filter.field', { n: 1 })).selectOption('industry');
  await ui.page.getByLabel(t('records.filter.value', { n: 1 })).selectOption('finance');
  await ui.page.getByRole('button', { name: t('records.sort.add') }).click();
  await ui.page.getByLabel(t('records.sort.field', { n: 1 }), { exact: true }).selectOption('name');
  await ui.page.getByLabel(t('records.sort.direction', { n: 1 }), { exact: true }).selectOption('desc');
  // and the columns chosen: Email added and moved left of Phone, Region taken away
  await ui.page.getByRole('button', { name: t('records.columns.button', { count: 7 }) }).click();
  await ui.page.getByRole('checkbox', { name: 'Email' }).check();
  await ui.page.getByRole('button', { name: t('records.columns.up', { column: 'Email' }) }).click();
  await ui.page.getByRole('button', { name: t('records.columns.up', { column: 'Email' }) }).click();
  await ui.page.getByRole('checkbox', { name: 'Region' }).uncheck();
  await ui.page.screenshot({ path: join(ARTIFACTS, 'column-chooser.png') });
  await ui.page.getByRole('button', { name: t('records.columns.button', { count: 7 }) }).click();
  await ui.page.getByRole('button', { name: t('records.view.saveAs') }).click();
  const viewName = uniqueName('Finance accounts');
  await ui.page.getByLabel(t('records.view.name')).fill(viewName);
  await ui.page.getByRole('button', { name: t('form.save'), exact: true }).click();
  await ui.page.getByRole('status').filter({ hasText: t('records.view.saved', { name: viewName }) }).waitFor();
  await ui.page.waitForURL(/\?view=s%3A|\?view=s:/);

  // Then after a reload the view is chosen again, with its filter and sort, listing finance accounts only
  await ui.page.reload();
  const picker = ui.page.getByLabel(t('records.view.label'));
  await waitFor(async () => (await picker.locator('option:checked').textContent()) === viewName);
  expect(await ui.page.getByLabel(t('records.filter.field', { n: 1 })).inputValue()).toBe('industry');
  expect(await ui.page.getByLabel(t('records.filter.value', { n: 1 })).inputValue()).toBe('finance');
  expect(await ui.page.getByLabel(t('records.sort.field', { n: 1 }), { exact: true }).inputValue()).toBe('name');
  expect(await ui.page.getByLabel(t('records.sort.direction', { n: 1 }), { exact: true }).inputValue()).toBe('desc');
  await ui.page.locator('table.records tbody tr').filter({ hasText: finance }).waitFor();
  await waitFor(async () => (await ui.page.locator('table.records tbody tr').allTextContents()).every((row) => row.includes('Finance')));
  const heads = (await ui.page.locator('table.records thead th').allTextContents()).map((h) => h.replace(/[▲▼↑↓]/g, '').trim());
  expect(heads).toEqual(['Account name', 'Industry', 'Level', 'Lifecycle state', 'Email', 'Phone', 'Created']);
  // and the server holds it for this user
  const mine = (await server.admin.get('/api/saved-views?entity=account')).body.items as { name: string; filter: unknown; columns: unknown }[];
  expect(mine.find((v) => v.name === viewName)).toMatchObject({ filter: { field: 'industry', op: 'eq', value: 'finance' }, columns: ['name', 'industry', 'level', 'state', 'email', 'phone', 'createdAt'] });
  await shot('saved-view-after-reload');
});

test('given a saved view sorting by stage then amount descending, then both keys show and each change reorders the list; grouped by stage and saved, it reopens grouped', async () => {
  // Given a seller's four deals in two stages and their view sorting by stage, then amount descending
  const seller = await person(server, { role: 'sales-rep', prefix: 'e2e-sorts' });
  const account = await created(seller.api, 'account', { name: uniqueName('E2E Sorts Account') });
  const deal = async (name: string, amount: number, stage?: string) => {
    const d = await created(seller.api, 'opportunity', { name: uniqueName(`E2E ${name}`), account: account.id, amount });
    if (stage) expect((await seller.api.patch(`/api/records/opportunity/${d.id}`, { stage, version: d.version })).status).toBe(200);
    return (await seller.api.get(`/api/records/opportunity/${d.id}`)).body.name as string;
  };
  const small = await deal('Small intent', 100);
  const big = await deal('Big intent', 300);
  const mid = await deal('Mid negotiation', 200, 'negotiation');
  const tiny = await deal('Tiny negotiation', 50, 'negotiation');
  const view = await seller.api.post('/api/saved-views', {
    entity: 'opportunity',
    name: 'By stage, then amount',
    sort: [
      { field: 'stage', direction: 'asc' },
      { field: 'amount', direction: 'desc' },
    ],
  });
  expect(view.status).toBe(201);
  await signIn(`/records/opportunity?view=s:${view.body.id}`, seller);
  const key = (n: number) => ui.page.getByLabel(t('records.sort.field', { n }), { exact: true });
  const direction = (n: number) => ui.page.getByLabel(t('records.sort.direction', { n }), { exact: true });
  const rows = ui.page.locator('table.records tbody tr:not(.group-head)');
  /** The deals in the order the table shows them. */
  const order = async () => (await rows.allTextContents()).map((text) => [small, big, mid, tiny].find((name) => text.includes(name)));
  const shows = (expected: string[]) => waitFor(async () => JSON.stringify(await order()) === JSON.stringify(expected));

  // Then both keys are shown, in order, each with its direction, and the list is in that order
  await shows([big, small, mid, tiny]);
  expect([await key(1).inputValue(), await direction(1).inputValue(), await key(2).inputValue(), await direction(2).inputValue()]).toEqual(['stage', 'asc', 'amount', 'desc']);
  expect(await ui.page.locator('[data-sort-key]').count()).toBe(2);
  await shot('two-sort-keys');

  // When the second key turns ascending, then each stage lists its smaller deal first
  await direction(2).selectOption('asc');
  await shows([small, big, tiny, mid]);
  // When the first key is removed, then amount alone orders the list
  await ui.page.getByRole('button', { name: t('records.sort.remove', { n: 1 }) }).click();
  await waitFor(async () => (await ui.page.locator('[data-sort-key]').count()) === 1);
  expect([await key(1).inputValue(), await direction(1).inputValue()]).toEqual(['amount', 'asc']);
  await shows([tiny, small, mid, big]);
  // When a key is added (name, then turned descending after amount) and the view saved, then the server holds both keys
  await ui.page.getByRole('button', { name: t('records.sort.add') }).click();
  await key(2).selectOption('name');
  await direction(2).selectOption('desc');
  await ui.page.getByRole('button', { name: t('records.view.save') }).click();
  await ui.page.getByRole('status').filter({ hasText: t('records.view.saved', { name: 'By stage, then amount' }) }).waitFor();
  expect((await seller.api.get(`/api/saved-views/${view.body.id}`)).body.sort).toEqual([
    { field: 'amount', direction: 'asc' },
    { field: 'name', direction: 'desc' },
  ]);

  // When the list is grouped by stage and saved as a new view
  await ui.page.getByLabel(t('records.group.label')).selectOption('stage');
  const heads = ui.page.locator('table.records tbody tr.group-head');
  await waitFor(async () => (await heads.count()) === 2);
  await shows([small, big, tiny, mid]);
  await ui.page.getByRole('button', { name: t('records.view.saveAs') }).click();
  const groupedName = uniqueName('Deals by stage');
  await ui.page.getByLabel(t('records.view.name')).fill(groupedName);
  await ui.page.getByRole('button', { name: t('form.save'), exact: true }).click();
  await ui.page.getByRole('status').filter({ hasText: t('records.view.saved', { name: groupedName }) }).waitFor();
  const grouped = ((await seller.api.get('/api/saved-views?entity=opportunity')).body.items as { id: string; name: string }[]).find((v) => v.name === groupedName)!;
  expect(grouped).toMatchObject({ groupBy: 'stage', sort: [{ field: 'amount', direction: 'asc' }, { field: 'name', direction: 'desc' }] });

  // Then another view opens ungrouped, and the grouped one — chosen again, or after a reload — opens grouped, with each group's count
  const picker = ui.page.getByLabel(t('records.view.label'));
  await picker.selectOption(`s:${view.body.id}`);
  await waitFor(async () => (await heads.count()) === 0 && (await rows.count()) === 4);
  expect(await ui.page.getByLabel(t('records.group.label')).inputValue()).toBe('');
  await picker.selectOption(`s:${grouped.id}`);
  await waitFor(async () => (await heads.count()) === 2);
  await ui.page.waitForURL(new RegExp(`view=s(%3A|:)${grouped.id}`));
  await ui.page.reload();
  await waitFor(async () => (await picker.locator('option:checked').textContent()) === groupedName);
  expect(await ui.page.getByLabel(t('records.group.label')).inputValue()).toBe('stage');
  await heads.filter({ hasText: 'Intent' }).filter({ hasText: t('records.group.count', { count: 2 }) }).waitFor();
  await heads.filter({ hasText: 'Negotiation' }).filter({ hasText: t('records.group.count', { count: 2 }) }).waitFor();
  await shows([small, big, tiny, mid]);
  expect([await key(1).inputValue(), await key(2).inputValue()]).toEqual(['amount', 'name']);
  await shot('grouped-saved-view');

  // In Chinese the controls speak Chinese
  await ui.page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  await ui.page.getByLabel(translate('zh-CN', 'records.group.label')).waitFor();
  await ui.page.getByLabel(translate('zh-CN', 'records.sort.direction', { n: 2 }), { exact: true }).waitFor();
  await ui.page.getByRole('button', { name: translate('zh-CN', 'records.sort.add') }).waitFor();
});

test('given two reps’ private accounts, when one searches from the header, then their own is found and the other’s is not; the user menu shows who they are', async () => {
  const token = uniqueName('Quokka').replace(/_/g, '');
  const mine = await created(rep.api, 'account', { name: `${token} Mine` });
  await created(otherRep.api, 'account', { name: `${token} Theirs` });
  await signIn('/records/account', rep);

  await ui.page.getByRole('searchbox', { name: t('workspace.search.label') }).fill(token);
  await ui.page.getByRole('searchbox', { name: t('workspace.search.label') }).press('Enter');
  await ui.page.getByRole('heading', { level: 1, name: t('workspace.search.resultsFor', { q: token }) }).waitFor();
  const hit = ui.page.getByRole('link', { name: `${token} Mine`, exact: true });
  await hit.waitFor();
  expect(await hit.getAttribute('href')).toBe(`/records/account/${mine.id}`);
  expect(await ui.page.getByText(`${token} Theirs`).count()).toBe(0);

  // The user menu names the user, their username and role
  await ui.page.getByTestId('current-user').click();
  const panel = ui.page.getByRole('region', { name: t('workspace.user.menu', { name: rep.username }) });
  await panel.getByText(rep.username, { exact: true }).first().waitFor();
  await panel.getByTestId('user-roles').filter({ hasText: 'Sales rep' }).waitFor();
  await shot('search-and-user-menu');
  await ui.page.keyboard.press('Escape');
  expect(await panel.count()).toBe(0);
});

test('given unread notifications, then the header shows their count; marking one read lowers it', async () => {
  // Given two notifications for the rep
  expect((await server.admin.put('/api/metadata/templates/e2e-workspace', { subject: { 'zh-CN': '提醒 {{n}}', en: 'Reminder {{n}}' }, body: { 'zh-CN': '第 {{n}} 条', en: 'Number {{n}}' } })).status).toBe(200);
  const { token } = await server.server.auth.ensureServiceToken('crm-e2e-notify', 'test');
  const service = server.admin.withToken(token);
  const account = await created(rep.api, 'account', { name: uniqueName('E2E Notified') });
  for (const n of [1, 2])
    expect((await service.post('/api/notifications', { key: uniqueName('e2e-note'), template: 'e2e-workspace', to: [`user:${rep.id}`], data: { n }, record: { entity: 'account', id: account.id } })).status).toBe(201);
  const unread = async () => (await rep.api.get('/api/notifications?unread=true')).body.unread as number;
  const before = await unread();
  expect(before).toBeGreaterThanOrEqual(2);

  // When the rep signs in, the bell shows the count
  await signIn('/records/account', rep);
  const bell = ui.page.getByRole('link', { name: t('workspace.notifications.open', { count: before }) });
  await bell.waitFor();
  expect(await ui.page.getByTestId('unread-count').textContent()).toBe(String(before));

  // When one is marked read in the notifications centre
  await bell.click();
  await ui.page.getByRole('heading', { level: 1, name: t('workspace.notifications.title') }).waitFor();
  const subjects = ((await rep.api.get('/api/notifications')).body.items as { subject: string }[]).map((n) => n.subject);
  const second = subjects.find((s) => s.endsWith('2'))!;
  const item = ui.page.locator('li.unread').filter({ hasText: second });
  await item.getByRole('button', { name: `${t('workspace.notifications.markRead')}: ${second}` }).click();

  // Then the header count and the server agree on one less
  await ui.page.getByRole('link', { name: t('workspace.notifications.open', { count: before - 1 }) }).waitFor();
  expect(await unread()).toBe(before - 1);
  await ui.page.locator('li.read').filter({ hasText: second }).waitFor();
  await shot('notifications');
});

test('given an edit gone stale, when saving, then reload or keep-mine is offered; keeping re-applies the change on the latest version', async () => {
  const name = uniqueName('E2E Stale');
  const account = await created(server.admin, 'account', { name });
  await signIn(`/records/account/${account.id}/edit`);
  await ui.page.waitForFunction((n) => (document.querySelector('#field-name') as HTMLInputElement | null)?.value === n, name);
  await ui.page.waitForLoadState('networkidle');

  // Someone else changes the region meanwhile
  expect((await server.admin.patch(`/api/records/account/${account.id}`, { region: 'North', version: account.version })).status).toBe(200);
  await ui.page.locator('#field-name').fill(`${name} (mine)`);
  await ui.page.getByRole('button', { name: t('form.save'), exact: true }).click();

  // Then a dialog offers both choices
  const dialog = ui.page.getByRole('alertdialog', { name: t('records.conflict.title') });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: t('form.reload') }).waitFor();
  await shot('conflict-dialog');

  // When the person keeps their changes, the form holds the latest version with their name re-applied
  await dialog.getByRole('button', { name: t('records.conflict.keepMine') }).click();
  await ui.page.getByTestId('conflict-reapplied').waitFor();
  expect(await ui.page.locator('#field-region').inputValue()).toBe('North');
  expect(await ui.page.locator('#field-name').inputValue()).toBe(`${name} (mine)`);
  await shot('conflict-reapplied');
  await ui.page.getByRole('button', { name: t('form.save'), exact: true }).click();
  await ui.page.waitForURL(new RegExp(`/records/account/${account.id}$`));
  const saved = (await server.admin.get(`/api/records/account/${account.id}`)).body;
  expect([saved.name, saved.region, saved.version]).toEqual([`${name} (mine)`, 'North', 3]);
});

test('given an account with a contact, when its page is opened, then sections, related records, an uploaded attachment and the timeline show', async () => {
  const name = uniqueName('E2E Detail');
  const account = await created(server.admin, 'account', { name, industry: 'finance' });
  const lastName = uniqueName('Li');
  await created(server.admin, 'contact', { firstName: 'Lei', lastName, account: account.id });
  await signIn(`/records/account/${account.id}`);
  await ui.page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  // the account's declared layout (metadata x-crm-layout) gives the sections
  await ui.page.getByRole('region', { name: 'Profile' }).waitFor();
  await ui.page.getByRole('region', { name: 'Contact details' }).waitFor();
  const related = ui.page.locator('[data-related="contact.account"]');
  await related.getByRole('link', { name: lastName }).waitFor();

  // When a file is attached
  await ui.page.getByLabel(t('records.attachments.file')).setInputFiles({ name: 'offer.txt', mimeType: 'text/plain', buffer: Buffer.from('the offer') });
  await ui.page.getByRole('button', { name: t('records.attachments.upload') }).click();
  await ui.page.getByRole('link', { name: t('records.attachments.download', { name: 'offer.txt' }) }).waitFor();
  await shot('record-detail');

  // Then the timeline lists the creation and the attachment
  await ui.page.getByRole('link', { name: t('records.activity.tab') }).click();
  const timeline = ui.page.getByRole('region', { name: t('records.activity.title') });
  await timeline.getByText('offer.txt', { exact: false }).waitFor();
  await timeline.locator('li.kind-change').first().waitFor();
  await shot('record-timeline');
});
