/**
 * Full-text search of one entity (GET /api/records/:entity/text-search) in Chinese and English,
 * on the shipped knowledgeArticle (x-crm-fulltext: title A, symptom B, body D), over real HTTP and
 * PostgreSQL: questions worded differently from the articles (text-search.corpus.json, the corpus
 * the choice of CJK bigrams was measured on) find their article; the vector follows edits; the
 * list's filter applies; deleted articles and entities without full-text search are left out;
 * bad parameters are 400s naming the parameter; user input cannot break the query syntax.
 */
import { readFileSync } from 'node:fs';
import { startTestServer, type ApiClient, type TestServer } from '../support/harness.js';
import { person } from '../support/people.js';

interface Corpus {
  articles: { id: string; title: string; symptom: string; body: string }[];
  queries: { q: string; want: string }[];
}
const corpus: Corpus = JSON.parse(readFileSync(new URL('./text-search.corpus.json', import.meta.url), 'utf8'));

let t: TestServer;
let admin: ApiClient;
const ids = new Map<string, string>();
const byId = new Map<string, string>();

const search = (api: ApiClient, params: Record<string, string>) => api.get(`/api/records/knowledgeArticle/text-search?${new URLSearchParams(params)}`);

beforeAll(async () => {
  t = await startTestServer();
  admin = t.admin;
  const res = await admin.post('/api/records/knowledgeArticle/bulk', {
    records: corpus.articles.map(({ title, symptom, body, id }) => ({ title, symptom, body, language: id.startsWith('zh') ? 'zh-CN' : 'en' })),
  });
  expect({ status: res.status, body: res.status === 201 ? null : res.body }).toEqual({ status: 201, body: null });
  corpus.articles.forEach((a, i) => {
    ids.set(a.id, res.body.items[i].id);
    byId.set(res.body.items[i].id, a.id);
  });
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('text search in Chinese and English', () => {
  test('given the corpus, when each differently worded question is searched, then its article is among the first three and nearly always first', async () => {
    let first = 0;
    for (const { q, want } of corpus.queries) {
      const res = await search(admin, { q, limit: '3' });
      expect(res.status).toBe(200);
      const found = res.body.items.map((i: { record: { id: string } }) => byId.get(i.record.id));
      expect({ q, found: found.includes(want) }).toEqual({ q, found: true });
      if (found[0] === want) first++;
    }
    expect(first / corpus.queries.length).toBeGreaterThanOrEqual(0.9);
  });

  test('given a hit, then the answer carries its rank and the record with the requested fields', async () => {
    const res = await search(admin, { q: '净水机水流很慢', fields: 'title,language', limit: '1' });
    expect(res.body).toEqual({ q: '净水机水流很慢', items: [{ rank: expect.any(Number), record: { id: ids.get('zh11'), version: 1, title: '净水器出水慢', language: 'zh-CN' } }] });
    expect(res.body.items[0].rank).toBeGreaterThan(0);
  });

  test('given an edited article, then the new text is found and the old is not', async () => {
    const created = await admin.post('/api/records/knowledgeArticle', { title: '门禁刷卡无反应', body: '检查读卡器电源' });
    expect((await search(admin, { q: '门禁卡刷不了' })).body.items.map((i: any) => i.record.id)).toContain(created.body.id);
    await admin.patch(`/api/records/knowledgeArticle/${created.body.id}`, { title: 'Gate badge reader silent', body: 'Check the reader power supply' });
    expect((await search(admin, { q: '门禁卡刷不了' })).body.items.map((i: any) => i.record.id)).not.toContain(created.body.id);
    expect((await search(admin, { q: 'badge readers' })).body.items.map((i: any) => i.record.id)).toContain(created.body.id);
    await admin.delete(`/api/records/knowledgeArticle/${created.body.id}`);
    expect((await search(admin, { q: 'badge readers' })).body.items.map((i: any) => i.record.id)).not.toContain(created.body.id);
  });

  test('given a filter, then only matching articles are searched', async () => {
    const res = await search(admin, { q: '打印机 printer', filter: JSON.stringify({ field: 'language', op: 'eq', value: 'en' }) });
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((i: any) => byId.get(i.record.id)?.startsWith('en'))).toBe(true);
  });

  test('given text with query operators and quotes, then it is searched as text', async () => {
    for (const q of ["printer's jam & (paper) | !x", "\\'", ':*', '&&&', "''"]) {
      const res = await search(admin, { q });
      expect(res.status).toBe(200);
    }
    expect((await search(admin, { q: '的 the' })).body.items).toEqual(expect.any(Array));
  });

  test('given bad parameters or an entity without full-text search, then 400 names the parameter', async () => {
    expect((await search(admin, {})).body.errors[0].path).toBe('q');
    expect((await search(admin, { q: 'x', limit: '0' })).body.errors[0].path).toBe('limit');
    expect((await search(admin, { q: 'x'.repeat(501) })).body.errors[0].path).toBe('q');
    expect((await search(admin, { q: 'x', filter: '{"field": "nope", "op": "eq", "value": 1}' })).status).toBe(400);
    const other = await admin.get('/api/records/account/text-search?q=abc');
    expect(other.status).toBe(400);
    expect(other.body.errors[0].path).toBe('entity');
  });

  test('given a role without read permission on articles, then 403', async () => {
    const rep = await person(t, { role: 'sales-rep' });
    expect((await search(rep.api, { q: 'printer' })).status).toBe(403);
    const employee = await person(t, {});
    expect((await search(employee.api, { q: 'printer' })).status).toBe(200);
  });
});
