/**
 * Document templates through the HTTP API: each shipped template printed for a record made like the
 * demo's — the PDF's text (read with pdfjs) has the form's Chinese labels and the record's values;
 * the studio changes a template (a new metadata version, the old one kept) and a template naming a
 * field that does not exist is refused with its path, changing nothing; a reader prints only what
 * they may read: a record they may not read is 404, an entity their role may not read 403, a field
 * hidden from their role never printed. The administrator's PDF of each shipped template is kept in
 * test-artifacts/documents/ to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { ApiClient, startTestServer, type TestServer } from '../support/harness.js';
import { person } from '../support/people.js';
import { pdfText } from '../support/pdf.js';

let t: TestServer;
const ids: Record<string, string> = {};

async function create(entity: string, body: Record<string, unknown>, api: ApiClient = t.admin): Promise<string> {
  const res = await api.post(`/api/records/${entity}?allowDuplicates=true`, body);
  if (res.status !== 201) throw new Error(`${entity}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const ARTIFACTS = new URL('../../test-artifacts/documents/', import.meta.url).pathname;

/** The PDF's text, whitespace folded; the admin's PDF of each template is kept in test-artifacts/documents/ to look at. */
async function printed(entity: string, id: string, key: string, api: ApiClient = t.admin): Promise<string> {
  const res = await api.bytes('GET', `/api/records/${entity}/${id}/documents/${key}.pdf`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  if (api === t.admin) {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(`${ARTIFACTS}${key}.pdf`, res.bytes);
  }
  return (await pdfText(res.bytes)).text.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  t = await startTestServer();
  ids.account = await create('account', { name: '上海华东精密机械有限公司', address: '上海市浦东新区张江路 88 号', phone: '021-5888 6666', taxId: '91310115MA1K4XXXXX' });
  ids.opportunity = await create('opportunity', { name: '华东精密二期扩容', account: ids.account });
  ids.product = await create('product', { name: '工业控制服务器', unit: '台', listPrice: 12000 });
  ids.quote = await create('quote', { name: '二期扩容报价', opportunity: ids.opportunity, account: ids.account, currency: 'CNY', totalAmount: 27000, validUntil: '2026-12-31', description: '含三年原厂保修' });
  await create('quoteLine', { quote: ids.quote, product: ids.product, description: '主控节点', quantity: 2, unitPrice: 12000, amount: 24000 });
  await create('quoteLine', { quote: ids.quote, description: '上门安装调试', quantity: 1, unitPrice: 3000, amount: 3000 });
  ids.contract = await create('contract', { name: '二期扩容销售合同', account: ids.account, amount: 27000, installments: 3, terms: '乙方于合同生效后三十日内交货。' });
  ids.claim = await create('expenseClaim', { title: '华东客户拜访差旅', amount: 1860, description: '高铁往返及住宿' });
  await create('expenseLine', { claim: ids.claim, category: 'travel', amount: 1100, date: '2026-11-02', description: '上海—杭州高铁往返' });
  await create('expenseLine', { claim: ids.claim, category: 'lodging', amount: 760, date: '2026-11-03', description: '杭州住宿两晚' });
  ids.request = await create('serviceRequest', { subject: '主控节点无法启动', channel: 'phone', account: ids.account, contactName: '王工', contactPhone: '13800138000', priority: 'high', description: '上电后指示灯闪烁，无法进入系统。' });
  ids.dispatch = await create('dispatchOrder', { request: ids.request, number: 'PG-2026-0001', note: '请携带备用电源模块。' });
  ids.order = await create('salesOrder', { name: '二期扩容订单', account: ids.account, contract: ids.contract, amount: 27000, orderDate: '2026-11-20' });
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('printing the shipped templates', () => {
  it.each([
    ['quote', 'quote', 'quote', ['报 价 单', '报价明细', '上海华东精密机械有限公司', '二期扩容报价', '工业控制服务器', '主控节点', '¥24,000.00', '合计', '¥27,000.00', '2026年12月31日', '人民币', '上海市浦东新区张江路 88 号', '台', '含三年原厂保修', '客户确认（盖章）']],
    ['contract', 'contract', 'contract', ['销 售 合 同', '二期扩容销售合同', '甲方（买方）：上海华东精密机械有限公司', '¥27,000.00', '分 3 期支付', '乙方于合同生效后三十日内交货。', '91310115MA1K4XXXXX']],
    ['expense claim', 'expenseClaim', 'claim', ['费 用 报 销 单', '华东客户拜访差旅', '差旅', '住宿', '2026年11月2日', '上海—杭州高铁往返', '¥1,100.00', '¥1,860.00', '财务审核']],
    ['dispatch order', 'dispatchOrder', 'dispatch', ['服 务 派 工 单', 'PG-2026-0001', '主控节点无法启动', '上海华东精密机械有限公司', '王工', '13800138000', '上电后指示灯闪烁，无法进入系统。', '请携带备用电源模块。', '服务工程师']],
    ['delivery note', 'salesOrder', 'order', ['送 货 单', '二期扩容订单', '2026年11月20日', '收货单位', '上海华东精密机械有限公司', '上海市浦东新区张江路 88 号', '二期扩容销售合同', '收货人（签字盖章）']],
  ])('given a %s record, its PDF carries the form’s Chinese labels and the record’s values', async (_name, entity, id, expected) => {
    const list = await t.admin.get(`/api/records/${entity}/${ids[id]}/documents`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const [doc] = list.body.items;
    const text = await printed(entity, ids[id], doc.key);
    for (const s of expected) expect(text).toContain(s.replace(/\s+/g, ' '));
    expect(text).toMatch(/第 1 页 \/ 共 \d+ 页/);
  });
});

describe('the studio changes a template', () => {
  it('given an edited quote template, saving publishes a new version that the next PDF shows, and both versions are kept', async () => {
    const before = await t.admin.get('/api/metadata/document-templates/quote');
    expect(before.status).toBe(200);
    const edited = structuredClone(before.body);
    edited.body[0].text = '正式报价单（{{name}}）';
    const saved = await t.admin.put('/api/metadata/document-templates/quote', edited);
    expect(saved.status).toBe(200);
    expect(saved.body.changed).toBe(true);
    expect(await printed('quote', ids.quote, 'quote')).toContain('正式报价单（二期扩容报价）');

    const versions = await t.admin.get('/api/metadata/document-templates/quote/versions');
    expect(versions.body.items.map((v: { version: number }) => v.version)[0]).toBe(saved.body.version);
    expect(versions.body.items).toHaveLength(2);
    const old = await t.admin.get(`/api/metadata/document-templates/quote/versions/${versions.body.items[1].version}`);
    expect(old.body.template.body[0].text).toBe('报 价 单');
  });

  it('given a placeholder or a column naming no field, the template is refused with its path and nothing is published', async () => {
    const { body: current } = await t.admin.get('/api/metadata/document-templates/quote');
    const version = (await t.admin.get('/api/metadata/document-templates')).body.version;
    const bad = structuredClone(current);
    bad.body[1].text = '致：{{customerName}}';
    bad.body[5].columns[0].field = 'sku';
    const res = await t.admin.put('/api/metadata/document-templates/quote', bad);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/body/1/text', message: 'placeholder {{customerName}}: unknown field "customerName" of entity "quote"', code: 'placeholder-unknown-entity-field' }),
        expect.objectContaining({ path: '/body/5/columns/0/field', message: expect.stringContaining('sku') }),
      ]),
    );
    // In Chinese for an administrator working in Chinese.
    const zh = await t.admin.put('/api/metadata/document-templates/quote', bad, { 'Accept-Language': 'zh-CN' });
    expect(zh.body.errors.find((e: { path: string }) => e.path === '/body/1/text').message).toMatch(/^占位符 \{\{customerName\}\}：.*customerName/);
    expect((await t.admin.get('/api/metadata/document-templates')).body.version).toBe(version);
    expect((await t.admin.get('/api/metadata/document-templates/quote')).body).toEqual(current);
  });

  it('given an unsaved template and a record, the preview is that template filled for the record, and a bad one is refused by path', async () => {
    const template = { entity: 'quote', label: { 'zh-CN': '试稿', en: 'Draft' }, body: [{ type: 'heading', text: '试稿 {{account.name}}' }, { type: 'fields', fields: [{ field: 'totalAmount' }] }] };
    const res = await t.admin.bytes('POST', '/api/metadata/document-templates/preview', { template, recordId: ids.quote });
    expect(res.status).toBe(200);
    const { text } = await pdfText(res.bytes);
    expect(text).toContain('试稿 上海华东精密机械有限公司');
    expect(text).toContain('¥27,000.00');
    const bad = await t.admin.post('/api/metadata/document-templates/preview', { template: { ...template, body: [{ type: 'fields', fields: [{ field: 'account.nope' }] }] }, recordId: ids.quote });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: '/body/0/fields/0/field', message: expect.stringContaining('nope'), code: 'unknown-entity-field' })]);
  });

  it('given a shipped template, deleting it publishes a version without it: it is no longer listed, its versions stay, and saving one brings it back', async () => {
    const { body: current } = await t.admin.get('/api/metadata/document-templates/delivery-note');
    const { body: published } = await t.admin.get('/api/metadata/document-templates/delivery-note/versions');
    const deleted = await t.admin.delete('/api/metadata/document-templates/delivery-note');
    expect(deleted.status).toBe(200);
    expect(deleted.body.changed).toBe(true);
    expect((await t.admin.get('/api/metadata/document-templates/delivery-note')).status).toBe(404);
    expect((await t.admin.get('/api/metadata/document-templates')).body.items.map((i: { key: string }) => i.key)).not.toContain('delivery-note');
    expect((await t.admin.delete('/api/metadata/document-templates/delivery-note')).status).toBe(404);
    expect((await t.admin.get('/api/metadata/document-templates/delivery-note/versions')).body).toEqual(published);
    const { body: old } = await t.admin.get(`/api/metadata/document-templates/delivery-note/versions/${published.items[0].version}`);
    expect((await t.admin.put('/api/metadata/document-templates/delivery-note', old.template)).status).toBe(200);
    expect((await t.admin.get('/api/metadata/document-templates/delivery-note')).body).toEqual(current);
  });

  it('given a new template (POST) under a key some template has, it is refused at the key and nothing is published', async () => {
    const { body: before } = await t.admin.get('/api/metadata/document-templates');
    const { body: quote } = await t.admin.get('/api/metadata/document-templates/quote');
    const clash = await t.admin.post('/api/metadata/document-templates', { ...quote, label: { 'zh-CN': '另一个', en: 'Another' } });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([{ path: '/x-crm-document-template', message: 'already taken', code: 'taken', params: { value: 'quote' } }]);
    expect((await t.admin.get('/api/metadata/document-templates')).body).toEqual(before);
    const created = await t.admin.post('/api/metadata/document-templates', { ...quote, 'x-crm-document-template': 'quote-copy' });
    expect(created.status).toBe(201);
    expect((await t.admin.delete('/api/metadata/document-templates/quote-copy')).status).toBe(200);
  });

  it('given a user without the studio, the templates are refused', async () => {
    const rep = await person(t, { role: 'sales-rep' });
    expect((await rep.api.get('/api/metadata/document-templates')).status).toBe(403);
    expect((await rep.api.put('/api/metadata/document-templates/quote', { entity: 'quote' })).status).toBe(403);
    expect((await rep.api.delete('/api/metadata/document-templates/quote')).status).toBe(403);
    const analyst = await person(t, { role: 'analyst' });
    expect((await analyst.api.get('/api/metadata/document-templates')).status).toBe(200);
  });
});

describe('printing only what the reader may read', () => {
  it('given a record the reader may not read, its documents are 404 as for a missing record; an entity their role may not read is 403', async () => {
    const rep = await person(t, { role: 'sales-rep' });
    expect((await rep.api.get(`/api/records/quote/${ids.quote}/documents`)).status).toBe(404);
    expect((await rep.api.bytes('GET', `/api/records/quote/${ids.quote}/documents/quote.pdf`)).status).toBe(404);
    expect((await rep.api.bytes('GET', `/api/records/dispatchOrder/${ids.dispatch}/documents/dispatch-order.pdf`)).status).toBe(403);
  });

  it('given a field hidden from the reader’s role, the PDF never prints it', async () => {
    const role = {
      label: { 'zh-CN': '报价查看', en: 'Quote reader' },
      permissions: { quote: { actions: ['read', 'create'], fields: { totalAmount: 'hidden' } }, quoteLine: { actions: ['read', 'create'], fields: { amount: 'hidden' } }, opportunity: { actions: ['read', 'create'] }, account: { actions: ['read', 'create'] } },
    };
    expect((await t.admin.put('/api/metadata/roles/doc-quote-reader', role)).status).toBe(200);
    const reader = await person(t, { role: 'doc-quote-reader' });
    const account = await create('account', { name: '保密客户' }, reader.api);
    const opportunity = await create('opportunity', { name: '保密商机', account }, reader.api);
    const own = await create('quote', { name: '隐藏金额报价', opportunity, account }, reader.api);
    await create('quoteLine', { quote: own, description: '保密明细', quantity: 1, unitPrice: 100 }, reader.api);
    expect((await t.admin.patch(`/api/records/quote/${own}`, { totalAmount: 98765 })).status).toBe(200);
    const text = await printed('quote', own, 'quote', reader.api);
    expect(text).toContain('隐藏金额报价');
    expect(text).toContain('保密明细');
    expect(text).not.toContain('98,765');
    expect(text).not.toContain('金额 ');
    expect(await printed('quote', own, 'quote')).toContain('¥98,765.00');
  });
});
