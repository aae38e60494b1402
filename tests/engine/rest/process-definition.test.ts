/**
 * /engine-rest/process-definition over real HTTP and PostgreSQL: list and count with Camunda's
 * filters, sorting and paging; get by id and by key (latest version); the deployed XML exactly.
 */
import { readFileSync } from 'node:fs';
import { deployForm, startEngineRest, type EngineRestServer } from '../support.js';

const TEMPLATE = readFileSync(new URL('./process-definition.template.bpmn', import.meta.url), 'utf8');
/** The template with its process key, name and version tag replaced. */
const model = (key: string, name: string, versionTag = '') =>
  TEMPLATE.replaceAll('KEY', key).replace('NAME', name).replace(' camunda:versionTag="TAG"', versionTag ? ` camunda:versionTag="${versionTag}"` : '');

let api: EngineRestServer;
/** key → definition ids by version. */
const ids: Record<string, string[]> = {};

async function deployModel(key: string, xml: string): Promise<string> {
  const res = await api.request('POST', '/deployment/create', { body: deployForm({ 'deployment-name': key }, { [`${key}.bpmn`]: xml }) });
  expect(res.status).toBe(200);
  const [def] = Object.values(res.body.deployedProcessDefinitions) as any[];
  (ids[key] ??= []).push(def.id);
  return def.id;
}

beforeAll(async () => {
  api = await startEngineRest('procdef');
  await deployModel('invoice', model('invoice', 'Invoice', 'v1'));
  await deployModel('invoice', model('invoice', 'Invoice receipt', 'v2'));
  await deployModel('lead', model('lead', 'Lead qualification'));
  await deployModel('lead', model('lead', 'Lead qualification', 'L2'));
  await deployModel('lead', model('lead', 'Lead qualification 3'));
  await deployModel('contract', model('contract', 'Contract'));
});
afterAll(async () => {
  await api.stop();
});
afterEach(() => {
  expect(api.errors).toEqual([]);
});

const keysAndVersions = (body: any[]) => body.map((d) => `${d.key}:${d.version}`);

describe('GET /process-definition and /count', () => {
  test('given six definitions, when listed without parameters, then all come back ordered by id', async () => {
    const res = await api.get('/process-definition');
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    expect(res.body.map((d: any) => d.id)).toEqual(Object.values(ids).flat().sort());
    expect((await api.get('/process-definition/count')).body).toEqual({ count: 6 });
  });

  test('given several versions, when latestVersion=true, then one per key', async () => {
    const res = await api.get('/process-definition?latestVersion=true&sortBy=key&sortOrder=asc');
    expect(keysAndVersions(res.body)).toEqual(['contract:1', 'invoice:2', 'lead:3']);
    expect((await api.get('/process-definition/count?latestVersion=true')).body).toEqual({ count: 3 });
  });

  test.each([
    ['key=lead&sortBy=version&sortOrder=desc', ['lead:3', 'lead:2', 'lead:1']],
    ['keyLike=%25o%25&sortBy=key&sortOrder=asc&latestVersion=true', ['contract:1', 'invoice:2']],
    ['name=Invoice', ['invoice:1']],
    ['nameLike=Lead%25&sortBy=version&sortOrder=asc', ['lead:1', 'lead:2', 'lead:3']],
    ['version=2&sortBy=key&sortOrder=asc', ['invoice:2', 'lead:2']],
    ['versionTag=L2', ['lead:2']],
    ['keysIn=contract,invoice&sortBy=key&sortOrder=desc', ['invoice:2', 'invoice:1', 'contract:1']],
    ['key=lead&latestVersion=true', ['lead:3']],
    ['key=nobody', []],
  ])('given the definitions, when filtered by %s, then exactly the matching ones come back', async (query, expected) => {
    const res = await api.get(`/process-definition?${query}`);
    expect(res.status).toBe(200);
    expect(keysAndVersions(res.body)).toEqual(expected);
    expect((await api.get(`/process-definition/count?${query}`)).body).toEqual({ count: expected.length });
  });

  test('given a deployment id, when filtered by it, then only its definition comes back', async () => {
    const def = (await api.get(`/process-definition/${ids.contract[0]}`)).body;
    const res = await api.get(`/process-definition?deploymentId=${def.deploymentId}`);
    expect(res.body.map((d: any) => d.id)).toEqual([ids.contract[0]]);
  });

  test.each(['id', 'key', 'name', 'version', 'deploymentId'])('given the definitions, when sorted by %s both ways, then the orders are mirror images', async (sortBy) => {
    const asc = (await api.get(`/process-definition?sortBy=${sortBy}&sortOrder=asc`)).body.map((d: any) => d.id);
    const desc = (await api.get(`/process-definition?sortBy=${sortBy}&sortOrder=desc`)).body.map((d: any) => d.id);
    expect(asc).toHaveLength(6);
    expect(desc).toEqual([...asc].reverse());
    const values = (await api.get(`/process-definition?sortBy=${sortBy}&sortOrder=asc`)).body.map((d: any) => d[sortBy]);
    expect(values).toEqual([...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  test('given the definitions, when paged, then pages are disjoint and cover the list', async () => {
    const all = (await api.get('/process-definition?sortBy=version&sortOrder=asc')).body.map((d: any) => d.id);
    const pages = [];
    for (let first = 0; first < 6; first += 4) pages.push(...(await api.get(`/process-definition?sortBy=version&sortOrder=asc&firstResult=${first}&maxResults=4`)).body.map((d: any) => d.id));
    expect(pages).toEqual(all);
  });

  test.each([
    ['latestVersion=yes', "Cannot set query parameter 'latestVersion' to value 'yes'"],
    ['version=two', "Cannot set query parameter 'version' to value 'two'"],
    ['sortBy=colour&sortOrder=asc', "Cannot set query parameter 'sortBy' to value 'colour'"],
    ['sortOrder=asc', 'Only a single sorting parameter specified. sortBy and sortOrder required'],
    ['firstResult=-1', "Cannot set query parameter 'firstResult' to value '-1'"],
  ])('given a bad parameter %s, when listed, then 400 InvalidRequestException', async (query, message) => {
    const res = await api.get(`/process-definition?${query}`);
    expect(res.status).toBe(400);
    expect(res.contentType).toBe('application/json');
    expect(res.body).toEqual({ type: 'InvalidRequestException', message, code: null });
  });
});

describe('GET /process-definition/{id}, /key/{key}, and their /xml', () => {
  test('given a definition, when fetched by id, then every Camunda field is there', async () => {
    const res = await api.get(`/process-definition/${ids.lead[1]}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: ids.lead[1],
      key: 'lead',
      category: 'http://bpmn.io/schema/bpmn',
      description: null,
      name: 'Lead qualification',
      version: 2,
      resource: 'lead.bpmn',
      deploymentId: expect.any(String),
      diagram: null,
      suspended: false,
      tenantId: null,
      versionTag: 'L2',
      historyTimeToLive: 30,
      startableInTasklist: true,
    });
  });

  test('given several versions, when fetched by key, then the latest version comes back', async () => {
    const res = await api.get('/process-definition/key/lead');
    expect(res.body).toMatchObject({ id: ids.lead[2], version: 3, name: 'Lead qualification 3' });
  });

  test('given a definition, when its XML is fetched by id or by key, then it is the deployed XML exactly', async () => {
    const byId = await api.get(`/process-definition/${ids.invoice[0]}/xml`);
    expect(byId.status).toBe(200);
    expect(byId.contentType).toBe('application/json');
    expect(byId.body).toEqual({ id: ids.invoice[0], bpmn20Xml: model('invoice', 'Invoice', 'v1') });
    const byKey = await api.get('/process-definition/key/invoice/xml');
    expect(byKey.body).toEqual({ id: ids.invoice[1], bpmn20Xml: model('invoice', 'Invoice receipt', 'v2') });
  });

  test.each([
    ['/process-definition/nope', 404, 'InvalidRequestException', 'No matching definition with id nope'],
    ['/process-definition/nope/xml', 404, 'InvalidRequestException', 'No matching definition with id nope'],
    ['/process-definition/key/nope', 404, 'RestException', 'No matching process definition with key: nope and no tenant-id'],
    ['/process-definition/key/nope/xml', 404, 'RestException', 'No matching process definition with key: nope and no tenant-id'],
  ])('given no such definition, when %s is fetched, then Camunda’s 404', async (path, status, type, message) => {
    const res = await api.get(path);
    expect(res.status).toBe(status);
    expect(res.contentType).toBe('application/json');
    expect(res.body).toEqual({ type, message, code: null });
  });
});
