/**
 * /engine-rest/deployment over real HTTP and PostgreSQL: Camunda Modeler's deploy request, duplicate
 * filtering and versioning, refused models (nothing written), list/count/get/resources/delete, and
 * Camunda's error shapes.
 */
import { readFileSync } from 'node:fs';
import { deployForm, engineRowCounts, multipartBody, startEngineRest, type EngineRestServer } from '../support.js';

const fixture = (name: string) => readFileSync(new URL(`./deployment.${name}.bpmn`, import.meta.url));
const ORDER = fixture('order-approval');
const JSON_TYPE = 'application/json';

let api: EngineRestServer;
beforeAll(async () => {
  api = await startEngineRest('deploy');
});
afterAll(async () => {
  await api.stop();
});
afterEach(() => {
  expect(api.errors).toEqual([]); // no request ended in an unexpected 500
});

/** Camunda Modeler's request, part for part: fields first, then the diagram as a text/xml file part named after the file. */
function modelerRequest(name: string, fileName: string, xml: Buffer, extra: { name: string; value: string }[] = []) {
  return multipartBody([
    { name: 'deployment-name', value: name },
    { name: 'deployment-source', value: 'Camunda Modeler' },
    { name: 'deploy-changed-only', value: 'true' },
    ...extra,
    { name: fileName, filename: fileName, value: xml, contentType: 'text/xml' },
  ]);
}

const post = (form: { body: Uint8Array<ArrayBuffer>; contentType: string } | FormData) =>
  form instanceof FormData
    ? api.request('POST', '/deployment/create', { body: form })
    : api.request('POST', '/deployment/create', { body: form.body, headers: { 'content-type': form.contentType } });

describe('POST /deployment/create', () => {
  test('given Camunda Modeler’s deploy request, when it is replayed, then the process is deployed as version 1 in Camunda’s answer shape', async () => {
    const res = await post(modelerRequest('order-approval', 'order-approval.bpmn', ORDER, [{ name: 'enable-duplicate-filtering', value: 'true' }]));

    expect(res.status).toBe(200);
    expect(res.contentType).toBe(JSON_TYPE);
    const d = res.body;
    expect(Object.keys(d)).toEqual([
      'links',
      'id',
      'name',
      'source',
      'deploymentTime',
      'tenantId',
      'deployedProcessDefinitions',
      'deployedCaseDefinitions',
      'deployedDecisionDefinitions',
      'deployedDecisionRequirementsDefinitions',
    ]);
    expect(d).toMatchObject({ name: 'order-approval', source: 'Camunda Modeler', tenantId: null, deployedCaseDefinitions: null, deployedDecisionDefinitions: null });
    expect(d.links).toEqual([{ method: 'GET', href: `${api.url}/deployment/${d.id}`, rel: 'self' }]);
    expect(d.deploymentTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const defs = Object.values(d.deployedProcessDefinitions) as any[];
    expect(defs).toHaveLength(1);
    expect(Object.keys(d.deployedProcessDefinitions)).toEqual([defs[0].id]);
    expect(defs[0]).toEqual({
      id: expect.stringMatching(/^order-approval:1:[0-9a-f-]{36}$/),
      key: 'order-approval',
      category: 'http://bpmn.io/schema/bpmn',
      description: null,
      name: '订单审批 Order approval',
      version: 1,
      resource: 'order-approval.bpmn',
      deploymentId: d.id,
      diagram: null,
      suspended: false,
      tenantId: null,
      versionTag: 'v1',
      historyTimeToLive: 180,
      startableInTasklist: true,
    });
  });

  test('given a deployed diagram, when the Modeler deploys it again unchanged, then the same deployment comes back and no version is added', async () => {
    const first = await post(modelerRequest('twice', 'twice.bpmn', ORDER));
    const before = await engineRowCounts(api.db);

    const again = await post(modelerRequest('twice', 'twice.bpmn', ORDER));

    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.deployedProcessDefinitions).toBeNull();
    expect(await engineRowCounts(api.db)).toEqual(before);
  });

  test('given a deployed diagram, when a changed diagram is deployed under the same name, then a new deployment holds version 2', async () => {
    const xml = Buffer.from(ORDER.toString('utf8').replaceAll('order-approval', 'order-changes'));
    const first = await post(modelerRequest('changes', 'changes.bpmn', xml));
    const changed = Buffer.from(xml.toString('utf8').replace('name="Approve order"', 'name="Approve the order"'));

    const second = await post(modelerRequest('changes', 'changes.bpmn', changed));

    expect(second.status).toBe(200);
    expect(second.body.id).not.toBe(first.body.id);
    const [def] = Object.values(second.body.deployedProcessDefinitions) as any[];
    expect(def).toMatchObject({ key: 'order-changes', version: 2, deploymentId: second.body.id });
  });

  test('given two resources deployed together, when one changes and deploy-changed-only is set, then only the changed one is deployed', async () => {
    const a = Buffer.from(ORDER.toString('utf8').replaceAll('order-approval', 'pair-a'));
    const b = Buffer.from(ORDER.toString('utf8').replaceAll('order-approval', 'pair-b'));
    await post(deployForm({ 'deployment-name': 'pair', 'deploy-changed-only': 'true' }, { 'a.bpmn': a, 'b.bpmn': b }));
    const b2 = Buffer.from(b.toString('utf8').replace('name="Done"', 'name="Finished"'));

    const res = await post(deployForm({ 'deployment-name': 'pair', 'deploy-changed-only': 'true' }, { 'a.bpmn': a, 'b.bpmn': b2 }));

    const defs = Object.values(res.body.deployedProcessDefinitions) as any[];
    expect(defs.map((p) => [p.key, p.version])).toEqual([['pair-b', 2]]);
    const resources = await api.get(`/deployment/${res.body.id}/resources`);
    expect(resources.body.map((r: any) => r.name)).toEqual(['b.bpmn']);
  });

  test('given two resources deployed together, when one changes with enable-duplicate-filtering only, then both are deployed again', async () => {
    const a = Buffer.from(ORDER.toString('utf8').replaceAll('order-approval', 'dup-a'));
    const b = Buffer.from(ORDER.toString('utf8').replaceAll('order-approval', 'dup-b'));
    await post(deployForm({ 'deployment-name': 'dup', 'enable-duplicate-filtering': 'true' }, { 'a.bpmn': a, 'b.bpmn': b }));
    const b2 = Buffer.from(b.toString('utf8').replace('name="Done"', 'name="Finished"'));

    const res = await post(deployForm({ 'deployment-name': 'dup', 'enable-duplicate-filtering': 'true' }, { 'a.bpmn': a, 'b.bpmn': b2 }));

    const defs = Object.values(res.body.deployedProcessDefinitions) as any[];
    expect(defs.map((p) => [p.key, p.version]).sort()).toEqual([
      ['dup-a', 2],
      ['dup-b', 2],
    ]);
  });

  test('given no duplicate filtering, when the same diagram is deployed twice, then each deployment adds a version', async () => {
    const xml = Buffer.from(ORDER.toString('utf8').replaceAll('order-approval', 'no-filter'));
    await post(deployForm({ 'deployment-name': 'nf' }, { 'nf.bpmn': xml }));
    const res = await post(deployForm({ 'deployment-name': 'nf' }, { 'nf.bpmn': xml }));
    expect((Object.values(res.body.deployedProcessDefinitions) as any[])[0].version).toBe(2);
  });

  test('given a file name in Chinese, when deployed, then the resource keeps its UTF-8 name', async () => {
    const xml = Buffer.from(ORDER.toString('utf8').replaceAll('order-approval', 'zh-name'));
    const res = await post(modelerRequest('zh', '订单审批.bpmn', xml));
    const [def] = Object.values(res.body.deployedProcessDefinitions) as any[];
    expect(def.resource).toBe('订单审批.bpmn');
  });

  test('given a resource that is not BPMN, when deployed with a diagram, then it is stored as a resource and defines no process', async () => {
    const xml = Buffer.from(ORDER.toString('utf8').replaceAll('order-approval', 'with-form'));
    const res = await post(deployForm({ 'deployment-name': 'with-form' }, { 'with-form.bpmn': xml, 'approve.form': '{"components":[]}' }));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.deployedProcessDefinitions)).toHaveLength(1);
    const resources = await api.get(`/deployment/${res.body.id}/resources`);
    expect(resources.body.map((r: any) => r.name)).toEqual(['approve.form', 'with-form.bpmn']);
  });

  test('given malformed XML, when deployed, then 400 ParseException names the resource and the line, and nothing is written', async () => {
    const before = await engineRowCounts(api.db);

    const res = await post(modelerRequest('broken', 'broken.bpmn', fixture('malformed')));

    expect(res.status).toBe(400);
    expect(res.contentType).toBe(JSON_TYPE);
    expect(res.body.type).toBe('ParseException');
    expect(res.body.message).toMatch(/^ENGINE-09005 Could not parse BPMN process\. Errors: \n\* .+ \| resource broken\.bpmn \| line \d+/);
    const [error] = res.body.details['broken.bpmn'].errors;
    expect(error.line).toBeGreaterThanOrEqual(4);
    expect(res.body.details['broken.bpmn'].warnings).toEqual([]);
    expect(await engineRowCounts(api.db)).toEqual(before);
  });

  test('given unsupported elements, when deployed, then 400 ParseException lists each element’s id and type, and nothing is written', async () => {
    const before = await engineRowCounts(api.db);

    const res = await post(modelerRequest('unsupported', 'unsupported.bpmn', fixture('unsupported-elements')));

    expect(res.status).toBe(400);
    expect(res.body.type).toBe('ParseException');
    expect(res.body.message).toMatch(/Task_Script/);
    expect(res.body.message).toMatch(/scriptTask/i);
    expect(res.body.message).toMatch(/Throw_Signal/);
    expect(res.body.message).toMatch(/signal/i);
    const errors = res.body.details['unsupported.bpmn'].errors as any[];
    expect(errors.map((e) => e.mainElementId)).toEqual(expect.arrayContaining(['Task_Script', 'Throw_Signal']));
    for (const e of errors) expect(Object.keys(e).sort()).toEqual(['column', 'elementIds', 'line', 'mainElementId', 'message']);
    expect(await engineRowCounts(api.db)).toEqual(before);
  });

  test('given one good and one bad resource, when deployed together, then the whole deployment is refused', async () => {
    const good = Buffer.from(ORDER.toString('utf8').replaceAll('order-approval', 'all-or-nothing'));
    const before = await engineRowCounts(api.db);

    const res = await post(deployForm({ 'deployment-name': 'mixed' }, { 'good.bpmn': good, 'bad.bpmn': fixture('unsupported-elements') }));

    expect(res.status).toBe(400);
    expect(Object.keys(res.body.details)).toEqual(['bad.bpmn']);
    expect(await engineRowCounts(api.db)).toEqual(before);
  });

  test.each([
    ['no file part', deployForm({ 'deployment-name': 'empty' }, {}), 'No deployment resources contained in the form upload.'],
    ['a DMN file', deployForm({ 'deployment-name': 'dmn' }, { 'rules.dmn': '<definitions/>' }), "Resource 'rules.dmn' cannot be deployed: DMN decisions are not supported by this engine."],
  ])('given %s, when deployed, then 400 InvalidRequestException', async (_what, form, message) => {
    const res = await post(form);
    expect(res.status).toBe(400);
    expect(res.contentType).toBe(JSON_TYPE);
    expect(res.body).toEqual({ type: 'InvalidRequestException', message, code: null });
  });

  test('given a JSON body instead of multipart, when posted, then 400 and nothing is deployed', async () => {
    const res = await api.request('POST', '/deployment/create', { body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('InvalidRequestException');
  });

  test('given a truncated multipart body, when posted, then 400 InvalidRequestException', async () => {
    const { body, contentType } = modelerRequest('cut', 'cut.bpmn', ORDER);
    const res = await api.request('POST', '/deployment/create', { body: body.subarray(0, body.length - 60), headers: { 'content-type': contentType } });
    expect(res.status).toBe(400);
    expect(res.contentType).toBe(JSON_TYPE);
    expect(res.body.type).toBe('InvalidRequestException');
  });
});

describe('GET /deployment, /count, /{id}, /{id}/resources; DELETE /deployment/{id}', () => {
  let listed: { id: string; name: string }[];
  beforeAll(async () => {
    listed = [];
    for (const name of ['list-b', 'list-a', 'list-c']) {
      const xml = Buffer.from(ORDER.toString('utf8').replaceAll('order-approval', name));
      const res = await post(deployForm({ 'deployment-name': name, 'deployment-source': 'list-test' }, { [`${name}.bpmn`]: xml }));
      listed.push({ id: res.body.id, name });
    }
  });

  test('given deployments, when listed by source and sorted by name, then they come in Camunda’s DeploymentDto shape', async () => {
    const res = await api.get('/deployment?source=list-test&sortBy=name&sortOrder=desc');
    expect(res.status).toBe(200);
    expect(res.contentType).toBe(JSON_TYPE);
    expect(res.body.map((d: any) => d.name)).toEqual(['list-c', 'list-b', 'list-a']);
    expect(Object.keys(res.body[0])).toEqual(['links', 'id', 'name', 'source', 'deploymentTime', 'tenantId']);
    expect(res.body[0].links).toEqual([]);
  });

  test('given deployments, when filtered by nameLike and paged, then count and pages agree', async () => {
    const count = await api.get('/deployment/count?nameLike=list-%25');
    expect(count.body).toEqual({ count: 3 });
    const page = await api.get('/deployment?nameLike=list-%25&sortBy=name&sortOrder=asc&firstResult=1&maxResults=1');
    expect(page.body.map((d: any) => d.name)).toEqual(['list-b']);
    const none = await api.get('/deployment?maxResults=0');
    expect(none.body).toEqual([]);
  });

  test('given a deployment, when fetched by id and its resources listed, then both answer in Camunda’s shape', async () => {
    const { id, name } = listed[0];
    const one = await api.get(`/deployment/${id}`);
    expect(one.body).toMatchObject({ id, name, source: 'list-test', tenantId: null, links: [] });
    const resources = await api.get(`/deployment/${id}/resources`);
    expect(resources.body).toEqual([{ id: expect.any(String), name: `${name}.bpmn`, deploymentId: id }]);
    const resource = await api.get(`/deployment/${id}/resources/${resources.body[0].id}`);
    expect(resource.body).toEqual(resources.body[0]);
  });

  test('given unknown ids, when fetched, then 404 InvalidRequestException with Camunda’s messages', async () => {
    const cases: [string, string][] = [
      ['/deployment/nope', "Deployment with id 'nope' does not exist"],
      ['/deployment/nope/resources', "Deployment resources for deployment id 'nope' do not exist."],
      [`/deployment/${listed[0].id}/resources/nope`, `Deployment resource with resource id 'nope' for deployment id '${listed[0].id}' does not exist.`],
    ];
    for (const [path, message] of cases) {
      const res = await api.get(path);
      expect({ path, status: res.status, contentType: res.contentType, body: res.body }).toEqual({ path, status: 404, contentType: JSON_TYPE, body: { type: 'InvalidRequestException', message, code: null } });
    }
  });

  test('given bad sorting or paging, when listed, then 400 with Camunda’s message', async () => {
    const cases: [string, string][] = [
      ['/deployment?sortBy=name', 'Only a single sorting parameter specified. sortBy and sortOrder required'],
      ['/deployment?sortBy=colour&sortOrder=asc', "Cannot set query parameter 'sortBy' to value 'colour'"],
      ['/deployment?sortBy=name&sortOrder=up', "Cannot set query parameter 'sortOrder' to value 'up'"],
      ['/deployment?maxResults=ten', "Cannot set query parameter 'maxResults' to value 'ten'"],
      ['/deployment?after=yesterday', "Cannot set query parameter 'after' to value 'yesterday'"],
    ];
    for (const [path, message] of cases) {
      const res = await api.get(path);
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 400, body: { type: 'InvalidRequestException', message, code: null } });
    }
  });

  test('given a deployment, when deleted, then 204 and its definitions and resources are gone', async () => {
    const { id } = listed[2];
    const res = await api.request('DELETE', `/deployment/${id}?cascade=true`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await api.get(`/deployment/${id}`)).status).toBe(404);
    expect((await api.get(`/process-definition/count?deploymentId=${id}`)).body).toEqual({ count: 0 });
    const [{ n }] = await api.db.query<{ n: number }>('select count(*)::int as n from engine.resource where deployment_id = $1', [id]);
    expect(n).toBe(0);
  });

  test('given an unknown deployment, when deleted, then 404 with Camunda’s message', async () => {
    const res = await api.request('DELETE', '/deployment/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ type: 'InvalidRequestException', message: "Deployment with id 'nope' do not exist", code: null });
  });
});
