/**
 * End to end, in a real Chromium against a real server and PostgreSQL (issue 8): an administrator
 * edits the quote's document template in the studio — changes the title and inserts a placeholder
 * with the field picker — sees the live preview drawn, and saves a new version; the PDF of an issued
 * quote, opened from the quote's Print / PDF menu, then carries the new title with the record's
 * values in Chinese (its text read with pdfjs), and one page of it, drawn by pdfjs in Chromium, is
 * saved as test-artifacts/document-template-quote.png to look at. Waits are on conditions.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { translate, type MessageKey } from '../../admin-ui/src/i18n/index.js';
import { text, type TextKey } from '../../admin-ui/src/studio-templates/messages.js';
import { startTestServer, type TestServer } from '../support/harness.js';
import { pdfText } from '../support/pdf.js';
import { pagePerTest, screenshot, signInAt } from './browser.js';
import { ensureUiBuilt } from './ui-build.js';

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);
const s = (key: TextKey, vars?: Record<string, string | number>) => text('en', key, vars);
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const PDFJS_BUILD = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'build');

let server: TestServer;
const ui = pagePerTest('en-US');
const ids: Record<string, string> = {};

async function create(entity: string, body: Record<string, unknown>): Promise<string> {
  const res = await server.admin.post(`/api/records/${entity}`, body);
  if (res.status !== 201) throw new Error(`${entity}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

beforeAll(async () => {
  ensureUiBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer();
  ids.account = await create('account', { name: '杭州西湖智能装备有限公司', address: '浙江省杭州市西湖区文三路 90 号' });
  ids.opportunity = await create('opportunity', { name: '西湖智能产线改造', account: ids.account });
  ids.quote = await create('quote', { name: '产线改造一期报价', opportunity: ids.opportunity, account: ids.account, currency: 'CNY', totalAmount: 56000, validUntil: '2027-01-15' });
  await create('quoteLine', { quote: ids.quote, description: '视觉检测工作站', quantity: 4, unitPrice: 14000, amount: 56000 });
  // Issued as quote-routing ends (docs/processes/quote-routing.md), without running its approvals here.
  await server.server.db.query(`update crm.quote set state = 'issued', issued_at = now() where id = $1`, [ids.quote]);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** Draw page 1 of `pdf` with pdfjs-dist in the browser (served from node_modules on a routed origin) and screenshot it. */
async function screenshotPdfPage(page: Page, pdf: Uint8Array, file: string): Promise<void> {
  await page.route('http://pdf-render.test/**', (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === '') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><body style="margin:0;background:#888"></body>' });
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(PDFJS_BUILD, name.replace(/[^a-z.]/g, ''))) });
  });
  await page.goto('http://pdf-render.test/');
  await page.evaluate(async (bytes: number[]) => {
    // The worker module loaded in the page: pdfjs then runs its worker side on the main thread.
    await import('http://pdf-render.test/pdf.worker.min.mjs' as string);
    const pdfjs = await import('http://pdf-render.test/pdf.min.mjs' as string);
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
    const first = await doc.getPage(1);
    const viewport = first.getViewport({ scale: 2 });
    const canvas = document.createElement('canvas');
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    document.body.append(canvas);
    await first.render({ canvas, viewport }).promise;
    canvas.dataset.done = 'true';
  }, Array.from(pdf));
  await page.locator('canvas[data-done="true"]').screenshot({ path: `${ARTIFACTS}${file}` });
}

test('given an issued quote, when an administrator edits the quote template in the studio and saves, then the quote’s PDF shows the change in Chinese', async () => {
  const page = ui.page;
  // Given the studio's list of document templates, reached from the navigation
  await signInAt(page, `${server.url}/studio/templates`, 'admin', server.adminPassword);
  await page.getByRole('navigation').getByRole('link', { name: t('studioTemplates.nav') }).waitFor();
  await page.getByRole('link', { name: 'Quotation' }).click();
  await page.waitForURL('**/studio/templates/quote');

  // The live preview draws the published template for the first quote
  const preview = page.getByRole('region', { name: s('preview') });
  await preview.getByRole('img', { name: s('previewPage', { page: 1, pages: 1 }) }).waitFor();

  // When the title changes and the quote's name is inserted into it with the field picker
  const editor = page.getByLabel(s('editorLabel'));
  const text = await editor.inputValue();
  expect(text).toContain('"text": "报 价 单"');
  await editor.fill(text.replace('"text": "报 价 单"', '"text": "报价单（修订版）："'));
  await editor.evaluate((el: HTMLTextAreaElement) => {
    const at = el.value.indexOf('（修订版）：') + '（修订版）：'.length;
    el.focus();
    el.setSelectionRange(at, at);
  });
  await page.getByRole('button', { name: s('insert', { placeholder: '{{name}}' }) }).click();
  expect(await editor.inputValue()).toContain('"text": "报价单（修订版）：{{name}}"');
  await preview.getByRole('button', { name: s('previewRefresh') }).click();
  await preview.getByRole('img', { name: s('previewPage', { page: 1, pages: 1 }) }).waitFor();
  await page.getByRole('button', { name: s('save') }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Saved as metadata version' });
  await saved.waitFor();
  await page.getByRole('button', { name: s('loadLabel', { version: 1 }) }).waitFor();
  expect(await page.getByRole('button', { name: /^Load version \d+ into the editor$/ }).count()).toBe(2);
  // The whole page in one tall viewport (a full-page capture would draw the sticky header mid-page)
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1400, height: Math.min(height, 3000) });
  await page.screenshot({ path: `${ARTIFACTS}document-template-editor.png` });

  // Then the issued quote's Print / PDF menu opens a PDF with the new title, the record's values and Chinese text
  await page.goto(`${server.url}/records/quote/${ids.quote}`);
  await page.getByText(t('studioTemplates.print')).click();
  const link = page.getByRole('link', { name: t('studioTemplates.printLabel', { document: 'Quotation' }) });
  const href = await link.getAttribute('href');
  expect(href).toBe(`/api/records/quote/${ids.quote}/documents/quote.pdf`);
  const res = await page.request.get(server.url + href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  const pdf = new Uint8Array(await res.body());
  const { text: printed } = await pdfText(pdf);
  expect(printed).toContain('报价单（修订版）：产线改造一期报价');
  for (const s of ['杭州西湖智能装备有限公司', '视觉检测工作站', '¥56,000.00', '2027年1月15日', '客户确认（盖章）']) expect(printed).toContain(s);

  // And a page of it, drawn by pdfjs in Chromium, is kept to look at (Chinese glyphs, no boxes)
  await screenshotPdfPage(page, pdf, 'document-template-quote.png');
});

test('given the studio, when an administrator creates a template for accounts, then its editor opens on a starter that previews an account', async () => {
  const page = ui.page;
  await signInAt(page, `${server.url}/studio/templates`, 'admin', server.adminPassword);
  const form = page.getByRole('form', { name: s('new') });
  await form.getByLabel(s('newKey')).fill('Bad key');
  await form.getByLabel(s('col.entity')).selectOption('account');
  await form.getByRole('button', { name: s('create') }).click();
  await form.getByRole('alert').filter({ hasText: '/x-crm-document-template' }).waitFor();

  // A key some template has is refused at that key, in words, and the template stays as it was
  const { body: quote } = await server.admin.get('/api/metadata/document-templates/quote');
  await form.getByLabel(s('newKey')).fill('quote');
  await form.getByRole('button', { name: s('create') }).click();
  await form.getByRole('alert').filter({ hasText: t('problem.code.taken', { value: 'quote' }) }).waitFor();
  expect((await server.admin.get('/api/metadata/document-templates/quote')).body).toEqual(quote);

  await form.getByLabel(s('newKey')).fill('account-card');
  await form.getByRole('button', { name: s('create') }).click();
  await page.waitForURL('**/studio/templates/account-card');
  expect(await page.getByLabel(s('editorLabel')).inputValue()).toContain('"entity": "account"');
  await page.getByRole('region', { name: s('preview') }).getByRole('img', { name: s('previewPage', { page: 1, pages: 1 }) }).waitFor();
  const { body } = await server.admin.get(`/api/records/account/${ids.account}/documents`);
  expect(body.items.map((d: { key: string }) => d.key)).toEqual(['account-card']);
});

test('given the quote template, bad input is shown at its line and nothing is saved; a column picked for the lines table is added to it', async () => {
  const page = ui.page;
  const template = async () => (await server.admin.get('/api/metadata/document-templates/quote')).body as { body: { type: string; columns?: { field: string }[] }[] };
  const versions = async () => (await server.admin.get('/api/metadata/document-templates/quote/versions')).body.items.length as number;
  const [before, versionsBefore] = [await template(), await versions()];
  await signInAt(page, `${server.url}/studio/templates/quote`, 'admin', server.adminPassword);
  const editor = page.getByLabel(s('editorLabel'));
  await page.getByRole('region', { name: s('preview') }).getByRole('img', { name: s('previewPage', { page: 1, pages: 1 }) }).waitFor();
  const original = await editor.inputValue();
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

  // Invalid JSON (a comma missing): the error names the line where the text stops being JSON, a click puts the cursor there, and Save is off
  const broken = original.replace('"entity": "quote",', '"entity": "quote"');
  await editor.fill(broken);
  const line = lineOf(broken, '"label"');
  await page.getByRole('alert').filter({ hasText: `line ${line}, column` }).waitFor();
  expect(await page.getByRole('button', { name: s('save') }).isDisabled()).toBe(true);
  await page.getByRole('button', { name: s('goToLineLabel', { line }) }).click();
  expect(await editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split('\n').length)).toBe(line);

  // A placeholder naming no field: the server's problem is listed with its path and line, and Save is refused
  const unknown = original.replace(/"text": "[^"]*"/, '"text": "{{noSuchField}}"');
  await editor.fill(unknown);
  const problems = page.getByRole('alert').filter({ hasText: s('problems') });
  await problems.getByText('/body/0/text').waitFor();
  expect(await problems.innerText()).toContain('noSuchField');
  await problems.getByRole('button', { name: s('goToLineLabel', { line: lineOf(unknown, '{{noSuchField}}') }) }).waitFor();
  // In Chinese the problem reads in Chinese (the preview asks again in the new language)
  await page.getByRole('button', { name: translate('en', 'lang.zh-CN') }).click();
  await page.getByRole('alert').filter({ hasText: /占位符 \{\{noSuchField\}\}：实体“quote”没有字段“noSuchField”/ }).waitFor();
  await screenshot(page, 'document-templates-problem-zh-CN');
  await page.getByRole('button', { name: translate('zh-CN', 'lang.en') }).click();
  await problems.getByText(/unknown field "noSuchField"/).waitFor();
  await page.getByRole('button', { name: s('save') }).click();
  await problems.getByText('/body/0/text').waitFor();
  expect(await page.getByRole('status').filter({ hasText: 'Saved as metadata version' }).count()).toBe(0);
  expect([await template(), await versions()]).toEqual([before, versionsBefore]);

  // The lines table's column picker: the discount column taken out, then picked again, comes back last
  await editor.fill(original.replace(/\{[^{}]*"field": "discount"[^{}]*\},?/, ''));
  expect(await editor.inputValue()).not.toContain('"discount"');
  await page.getByRole('button', { name: s('addColumn', { path: 'discount', n: 1 }) }).click();
  await page.getByRole('button', { name: s('save') }).click();
  await page.getByRole('status').filter({ hasText: 'Saved as metadata version' }).waitFor();
  const lines = (await template()).body.find((b) => b.type === 'lines')!;
  expect(lines.columns!.map((c) => c.field)).toEqual(['product', 'description', 'quantity', 'product.unit', 'unitPrice', 'amount', 'discount']);
});

test('given a template, when an administrator deletes it (after confirming), then it is gone from the list and the API, and its versions stay', async () => {
  const page = ui.page;
  const { body: contract } = await server.admin.get('/api/metadata/document-templates/contract');
  expect((await server.admin.put('/api/metadata/document-templates/contract-draft', { ...contract, label: { 'zh-CN': '合同草稿', en: 'Contract draft' } })).status).toBe(200);
  const { body: versions } = await server.admin.get('/api/metadata/document-templates/contract-draft/versions');
  await signInAt(page, `${server.url}/studio/templates/contract-draft`, 'admin', server.adminPassword);
  await page.getByRole('button', { name: s('delete') }).click();
  const dialog = page.getByRole('alertdialog');
  expect(await dialog.innerText()).toContain(s('deleteConfirm', { name: 'Contract draft' }));
  await dialog.getByRole('button', { name: s('cancel') }).click();
  expect((await server.admin.get('/api/metadata/document-templates/contract-draft')).status).toBe(200);

  await page.getByRole('button', { name: s('delete') }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: s('deleteYes') }).click();
  await page.waitForURL(/\/studio\/templates$/);
  await page.getByRole('link', { name: 'Quotation' }).waitFor();
  expect(await page.getByRole('link', { name: 'Contract draft' }).count()).toBe(0);
  expect((await server.admin.get('/api/metadata/document-templates/contract-draft')).status).toBe(404);
  expect((await server.admin.get('/api/metadata/document-templates/contract-draft/versions')).body).toEqual(versions);
});
