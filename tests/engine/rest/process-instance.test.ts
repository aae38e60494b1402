/**
 * /engine-rest/process-instance over real HTTP and PostgreSQL: the query (filters, variable
 * filters, sorting, paging, POST bodies), get, delete, suspension, the activity instance tree and
 * the process variables with their history.
 */
import { deployModels, sendJsonTo, startByKey, startEngineRest, type EngineRestServer } from '../support.js';
import { flow, modelerXml, start } from '../core/support.js';

let api: EngineRestServer;

const orderModel = modelerXml(
  'order',
  `${start('Start', 'F0')}
  ${flow('F0', 'Start', 'Approve')}
  <bpmn:userTask id="Approve" name="Approve order" camunda:assignee="anna" />
  ${flow('F1', 'Approve', 'End')}
  <bpmn:endEvent id="End" />`,
);
const nestedModel = modelerXml(
  'nested',
  `${start('Start', 'F0')}
  ${flow('F0', 'Start', 'Sub')}
  <bpmn:subProcess id="Sub" name="Review">
    <bpmn:startEvent id="SubStart"><bpmn:outgoing>S0</bpmn:outgoing></bpmn:startEvent>
    ${flow('S0', 'SubStart', 'Inner')}
    <bpmn:userTask id="Inner" name="Inner check" />
    ${flow('S1', 'Inner', 'SubEnd')}
    <bpmn:endEvent id="SubEnd" />
  </bpmn:subProcess>
  ${flow('F1', 'Sub', 'End')}
  <bpmn:endEvent id="End" />`,
);
const parallelModel = modelerXml(
  'parallel',
  `${start('Start', 'F0')}
  ${flow('F0', 'Start', 'Fork')}
  <bpmn:parallelGateway id="Fork" />
  ${flow('F1', 'Fork', 'A')}
  ${flow('F2', 'Fork', 'B')}
  <bpmn:userTask id="A" />
  <bpmn:userTask id="B" />
  ${flow('F3', 'A', 'Join')}
  ${flow('F4', 'B', 'Join')}
  <bpmn:parallelGateway id="Join" />
  ${flow('F5', 'Join', 'End')}
  <bpmn:endEvent id="End" />`,
);

const callerModel = modelerXml(
  'caller',
  `${start('Start', 'F0')}
  ${flow('F0', 'Start', 'Call')}
  <bpmn:callActivity id="Call" calledElement="order" />
  ${flow('F1', 'Call', 'End')}
  <bpmn:endEvent id="End" />`,
);

const ids: Record<string, string> = {};
let defs: Record<string, { id: string }>;

const int = (value: number) => ({ value, type: 'Integer' });
const str = (value: string) => ({ value, type: 'String' });

beforeAll(async () => {
  api = await startEngineRest('procinst');
  defs = await deployModels(api, { 'order.bpmn': orderModel, 'nested.bpmn': nestedModel, 'parallel.bpmn': parallelModel, 'caller.bpmn': callerModel });
  ids.o1 = (await startByKey(api, 'order', { businessKey: 'order-1', variables: { amount: int(5), customer: str('acme') } })).id;
  ids.o2 = (await startByKey(api, 'order', { businessKey: 'order-2', variables: { amount: int(50), customer: str('globex') } })).id;
  ids.o3 = (await startByKey(api, 'order', { businessKey: 'other-3', variables: { amount: { value: 7.5, type: 'Double' }, flag: { value: true, type: 'Boolean' } } })).id;
  ids.nested = (await startByKey(api, 'nested', { businessKey: 'nested-1' })).id;
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const listIds = async (query: string) => {
  const res = await api.get(`/process-instance?${query}`);
  expect(res.status).toBe(200);
  return (res.body as { id: string }[]).map((p) => p.id);
};
const sorted = (...names: string[]) => names.map((n) => ids[n]).sort();

describe('query', () => {
  test('answers ProcessInstanceDto field for field, without links', async () => {
    const res = await api.get(`/process-instance?processInstanceIds=${ids.o1}`);
    expect(res.contentType).toBe('application/json');
    expect(res.body).toEqual([
      { links: [], id: ids.o1, definitionId: defs.order.id, definitionKey: 'order', businessKey: 'order-1', caseInstanceId: null, ended: false, suspended: false, tenantId: null },
    ]);
  });

  test('filters by ids, keys, business keys, definitions and activities', async () => {
    expect(await listIds('processDefinitionKey=order')).toEqual(sorted('o1', 'o2', 'o3'));
    expect(await listIds(`processDefinitionId=${defs.nested.id}`)).toEqual([ids.nested]);
    expect(await listIds('businessKeyLike=order-%25')).toEqual(sorted('o1', 'o2'));
    expect(await listIds('businessKey=other-3')).toEqual([ids.o3]);
    expect(await listIds('processDefinitionKeyIn=nested,parallel')).toEqual([ids.nested]);
    expect(await listIds('processDefinitionKeyNotIn=order')).toEqual([ids.nested]);
    expect(await listIds(`processInstanceIds=${ids.o1},${ids.nested}`)).toEqual(sorted('o1', 'nested'));
    expect(await listIds('activityIdIn=Inner')).toEqual([ids.nested]);
    expect(await listIds('activityIdIn=Approve,Sub')).toEqual(sorted('o1', 'o2', 'o3', 'nested'));
    expect(await listIds('rootProcessInstances=true&leafProcessInstances=true&active=true')).toHaveLength(4);
    expect(await listIds('suspended=true')).toEqual([]);
    expect(await listIds('withIncident=true')).toEqual([]);
    expect(await listIds('deploymentId=nope')).toEqual([]);
  });

  test('filters by process variables, typed as Camunda compares them', async () => {
    expect(await listIds('variables=amount_eq_5')).toEqual([ids.o1]);
    expect(await listIds('variables=amount_gt_6')).toEqual(sorted('o2', 'o3'));
    expect(await listIds('variables=amount_lteq_7.5')).toEqual(sorted('o1', 'o3'));
    expect(await listIds('variables=amount_neq_5')).toEqual(sorted('o2', 'o3'));
    expect(await listIds('variables=customer_like_ac%25')).toEqual([ids.o1]);
    expect(await listIds('variables=customer_eq_ACME')).toEqual([]);
    expect(await listIds('variables=customer_eq_ACME&variableValuesIgnoreCase=true')).toEqual([ids.o1]);
    expect(await listIds('variables=AMOUNT_gt_6&variableNamesIgnoreCase=true')).toEqual(sorted('o2', 'o3'));
    expect(await listIds('variables=amount_gteq_5,customer_eq_globex')).toEqual([ids.o2]);
    expect(await listIds('variables=flag_eq_true')).toEqual([ids.o3]);
  });

  test('sorts and pages; count agrees', async () => {
    const keys = async (q: string) => ((await api.get(`/process-instance?processDefinitionKey=order&${q}`)).body as { businessKey: string }[]).map((p) => p.businessKey);
    expect(await keys('sortBy=businessKey&sortOrder=desc')).toEqual(['other-3', 'order-2', 'order-1']);
    expect(await keys('sortBy=businessKey&sortOrder=asc&firstResult=1&maxResults=1')).toEqual(['order-2']);
    const count = await api.get('/process-instance/count?processDefinitionKey=order&variables=amount_gt_6');
    expect(count.body).toEqual({ count: 2 });
  });

  test('POST takes the filters as JSON, typed variable values and several sort keys', async () => {
    const res = await sendJsonTo(api, 'POST', '/process-instance?maxResults=2', {
      processDefinitionKeyIn: ['order'],
      variables: [{ name: 'amount', operator: 'gteq', value: 5 }],
      sorting: [{ sortBy: 'definitionKey', sortOrder: 'asc' }, { sortBy: 'businessKey', sortOrder: 'desc' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.map((p: { businessKey: string }) => p.businessKey)).toEqual(['other-3', 'order-2']);
    const count = await sendJsonTo(api, 'POST', '/process-instance/count', { variables: [{ name: 'customer', operator: 'eq', value: 'acme' }] });
    expect(count.body).toEqual({ count: 1 });
    // a JSON string is not a number: "5" matches no Integer variable
    expect((await sendJsonTo(api, 'POST', '/process-instance/count', { variables: [{ name: 'amount', operator: 'eq', value: '5' }] })).body).toEqual({ count: 0 });
  });

  test('malformed filters answer 400 InvalidRequestException', async () => {
    const bad = async (path: string, message: string | RegExp, body?: unknown) => {
      const res = body === undefined ? await api.get(path) : await sendJsonTo(api, 'POST', path, body);
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('InvalidRequestException');
      expect(res.body.message).toMatch(message);
    };
    await bad('/process-instance?variables=amount_gt', "Cannot set query parameter 'variables' to value 'amount_gt': variable query parameter has to have format KEY_OPERATOR_VALUE.");
    await bad('/process-instance?variables=amount_foo_5', 'Invalid variable comparator specified: foo');
    await bad('/process-instance?sortBy=nope&sortOrder=asc', "Cannot set query parameter 'sortBy' to value 'nope'");
    await bad('/process-instance?active=maybe', "Cannot set query parameter 'active' to value 'maybe'");
    await bad('/process-instance', /comparator/, { variables: [{ name: 'flag', operator: 'gt', value: true }] });
    await bad('/process-instance', "Cannot set query parameter 'processDefinitionKeyIn' to value '\"order\"'", { processDefinitionKeyIn: 'order' });
    await bad('/process-instance/count', /JSON object/, [1]);
  });
});

test('super and sub instances of a call activity; deleting the caller deletes the callee', async () => {
  const caller = (await startByKey(api, 'caller')).id;
  const [callee] = await listIds(`superProcessInstance=${caller}`);
  expect(callee).toBeDefined();
  expect(await listIds(`subProcessInstance=${callee}`)).toEqual([caller]);
  expect(await listIds('rootProcessInstances=true')).not.toContain(callee);
  expect(await listIds('leafProcessInstances=true')).not.toContain(caller);
  expect((await api.get(`/history/process-instance?superProcessInstanceId=${caller}`)).body.map((h: { id: string }) => h.id)).toEqual([callee]);
  expect((await api.get(`/history/process-instance?subProcessInstanceId=${callee}`)).body.map((h: { id: string }) => h.id)).toEqual([caller]);
  expect((await api.request('DELETE', `/process-instance/${caller}`)).status).toBe(204);
  expect((await api.get(`/process-instance/${callee}`)).status).toBe(404);
  expect((await api.get(`/history/process-instance/${callee}`)).body).toMatchObject({ state: 'INTERNALLY_TERMINATED', superProcessInstanceId: caller, rootProcessInstanceId: caller });
});

describe('one instance', () => {
  test('GET by id, and 404 for an unknown id', async () => {
    const res = await api.get(`/process-instance/${ids.nested}`);
    expect(res.body).toMatchObject({ id: ids.nested, definitionKey: 'nested', businessKey: 'nested-1', ended: false, links: [] });
    const miss = await api.get('/process-instance/nope');
    expect(miss.status).toBe(404);
    expect(miss.body).toEqual({ type: 'InvalidRequestException', message: 'Process instance with id nope does not exist', code: null });
  });

  test('the activity instance tree nests the subprocess and its task', async () => {
    const res = await api.get(`/process-instance/${ids.nested}/activity-instances`);
    expect(res.status).toBe(200);
    const root = res.body;
    expect(root).toMatchObject({
      id: ids.nested,
      parentActivityInstanceId: null,
      activityId: defs.nested.id,
      activityType: 'processDefinition',
      processInstanceId: ids.nested,
      processDefinitionId: defs.nested.id,
      executionIds: [ids.nested],
      childTransitionInstances: [],
      incidentIds: [],
      incidents: [],
    });
    expect(root.childActivityInstances).toHaveLength(1);
    const sub = root.childActivityInstances[0];
    expect(sub).toMatchObject({ activityId: 'Sub', activityType: 'subProcess', activityName: 'Review', name: 'Review', parentActivityInstanceId: ids.nested });
    expect(sub.id).toMatch(/^Sub:/);
    expect(sub.childActivityInstances).toHaveLength(1);
    const inner = sub.childActivityInstances[0];
    expect(inner).toMatchObject({ activityId: 'Inner', activityType: 'userTask', activityName: 'Inner check', parentActivityInstanceId: sub.id, childActivityInstances: [] });
    const [task] = (await api.get(`/task?processInstanceId=${ids.nested}`)).body;
    expect(inner.executionIds).toEqual([task.executionId]);
    expect(inner.id).toBe((await api.get(`/history/activity-instance?activityId=Inner&processInstanceId=${ids.nested}`)).body[0].id);
  });

  test('parallel tokens are sibling activity instances', async () => {
    const { id } = await startByKey(api, 'parallel');
    const tree = (await api.get(`/process-instance/${id}/activity-instances`)).body;
    expect(tree.childActivityInstances.map((a: { activityId: string }) => a.activityId).sort()).toEqual(['A', 'B']);
    const [a] = (await api.get(`/task?processInstanceId=${id}&taskDefinitionKey=A`)).body;
    expect((await sendJsonTo(api, 'POST', `/task/${a.id}/complete`, {})).status).toBe(204);
    const after = (await api.get(`/process-instance/${id}/activity-instances`)).body;
    expect(after.childActivityInstances.map((x: { activityId: string }) => x.activityId)).toEqual(['B']);
    expect((await api.get(`/process-instance/nope/activity-instances`)).status).toBe(404);
  });
});

describe('variables', () => {
  test('read all, one, deserialized or not; a missing one is a 404', async () => {
    const all = await api.get(`/process-instance/${ids.o1}/variables`);
    expect(all.body).toEqual({ amount: { type: 'Integer', value: 5, valueInfo: {} }, customer: { type: 'String', value: 'acme', valueInfo: {} } });
    expect((await api.get(`/process-instance/${ids.o1}/variables/amount`)).body).toEqual({ type: 'Integer', value: 5, valueInfo: {} });
    const miss = await api.get(`/process-instance/${ids.o1}/variables/nope`);
    expect(miss.status).toBe(404);
    expect(miss.body.message).toBe('process instance variable with name nope does not exist');
    expect((await api.get('/process-instance/nope/variables')).status).toBe(404);
  });

  test('put, modify and delete change the state and record variable history', async () => {
    const { id } = await startByKey(api, 'order', { variables: { amount: int(1) } });
    expect((await sendJsonTo(api, 'PUT', `/process-instance/${id}/variables/amount`, int(2))).status).toBe(204);
    expect((await sendJsonTo(api, 'PUT', `/process-instance/${id}/variables/doc`, { value: '{"a":1}', type: 'Json' })).status).toBe(204);
    const modify = await sendJsonTo(api, 'POST', `/process-instance/${id}/variables`, { modifications: { note: str('hi') }, deletions: ['doc'] });
    expect(modify.status).toBe(204);
    expect((await api.get(`/process-instance/${id}/variables`)).body).toEqual({
      amount: { type: 'Integer', value: 2, valueInfo: {} },
      note: { type: 'String', value: 'hi', valueInfo: {} },
    });
    expect((await api.request('DELETE', `/process-instance/${id}/variables/note`)).status).toBe(204);
    expect(Object.keys((await api.get(`/process-instance/${id}/variables`)).body)).toEqual(['amount']);

    const hist = (await api.get(`/history/variable-instance?processInstanceId=${id}&includeDeleted=true&sortBy=variableName&sortOrder=asc`)).body;
    expect(hist.map((v: { name: string; state: string; value: unknown }) => [v.name, v.state, v.value])).toEqual([
      ['amount', 'CREATED', 2],
      ['doc', 'DELETED', '{"a":1}'],
      ['note', 'DELETED', 'hi'],
    ]);
    const updates = (await api.get(`/history/detail?processInstanceId=${id}&variableInstanceId=${hist[0].id}&sortBy=occurrence&sortOrder=asc`)).body;
    expect(updates.map((d: { value: number; revision: number; initial: boolean }) => [d.value, d.revision, d.initial])).toEqual([
      [1, 0, true],
      [2, 1, false],
    ]);
  });

  test('bad values and unknown instances change nothing', async () => {
    const before = (await api.get(`/process-instance/${ids.o2}/variables`)).body;
    const bad = await sendJsonTo(api, 'PUT', `/process-instance/${ids.o2}/variables/amount`, { value: 'abc', type: 'Integer' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("Cannot put process instance variable amount: Cannot convert value 'abc' of type 'Integer' to java type java.lang.Integer");
    const badModify = await sendJsonTo(api, 'POST', `/process-instance/${ids.o2}/variables`, { modifications: { x: { value: 1, type: 'Nope' } }, deletions: ['amount'] });
    expect(badModify.status).toBe(400);
    expect(badModify.body.message).toMatch(/^Cannot modify variables for process instance /);
    expect((await sendJsonTo(api, 'POST', `/process-instance/${ids.o2}/variables`, { deletions: 'amount' })).status).toBe(400);
    expect((await api.get(`/process-instance/${ids.o2}/variables`)).body).toEqual(before);
    expect((await sendJsonTo(api, 'PUT', '/process-instance/nope/variables/x', int(1))).status).toBe(404);
  });
});

describe('suspension', () => {
  test('suspends the instance with its tasks and history state, and activates it again', async () => {
    const { id } = await startByKey(api, 'order', { businessKey: 'suspend-me' });
    expect((await sendJsonTo(api, 'PUT', `/process-instance/${id}/suspended`, { suspended: true })).status).toBe(204);
    expect((await api.get(`/process-instance/${id}`)).body.suspended).toBe(true);
    expect(await listIds('suspended=true')).toEqual([id]);
    expect((await api.get(`/task?processInstanceId=${id}`)).body[0].suspended).toBe(true);
    expect((await api.get(`/history/process-instance/${id}`)).body.state).toBe('SUSPENDED');

    expect((await sendJsonTo(api, 'PUT', `/process-instance/${id}/suspended`, { suspended: false })).status).toBe(204);
    expect((await api.get(`/process-instance/${id}`)).body.suspended).toBe(false);
    expect((await api.get(`/history/process-instance/${id}`)).body.state).toBe('ACTIVE');
    expect((await sendJsonTo(api, 'PUT', '/process-instance/nope/suspended', { suspended: true })).status).toBe(404);
  });

  test('suspends every instance of a definition key; bad bodies change nothing', async () => {
    const bad = await sendJsonTo(api, 'PUT', '/process-instance/suspended', { suspended: true, processDefinitionKey: 'order', processDefinitionId: defs.order.id });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Only one of processDefinitionId or processDefinitionKey should be set to update the suspension state.');
    expect((await sendJsonTo(api, 'PUT', '/process-instance/suspended', { suspended: 'yes', processDefinitionKey: 'order' })).status).toBe(400);
    expect((await sendJsonTo(api, 'PUT', '/process-instance/suspended', { suspended: true })).status).toBe(400);
    expect(await listIds('suspended=true')).toEqual([]);

    expect((await sendJsonTo(api, 'PUT', '/process-instance/suspended', { suspended: true, processDefinitionKey: 'nested' })).status).toBe(204);
    expect(await listIds('suspended=true')).toEqual([ids.nested]);
    expect((await sendJsonTo(api, 'PUT', '/process-instance/suspended', { suspended: false, processDefinitionId: defs.nested.id })).status).toBe(204);
    expect(await listIds('suspended=true')).toEqual([]);
  });
});

test('DELETE removes the instance; history says EXTERNALLY_TERMINATED', async () => {
  const { id } = await startByKey(api, 'order', { businessKey: 'doomed' });
  expect((await api.request('DELETE', `/process-instance/${id}?skipCustomListeners=true`)).status).toBe(204);
  expect((await api.get(`/process-instance/${id}`)).status).toBe(404);
  const hist = (await api.get(`/history/process-instance/${id}`)).body;
  expect(hist).toMatchObject({ state: 'EXTERNALLY_TERMINATED', deleteReason: null });
  expect(hist.endTime).not.toBeNull();
  const [task] = (await api.get(`/history/task?processInstanceId=${id}`)).body;
  expect(task).toMatchObject({ deleteReason: 'deleted', taskState: 'Deleted' });
  const again = await api.request('DELETE', `/process-instance/${id}`);
  expect(again.status).toBe(404);
  expect(again.body.message).toBe(`Process instance with id ${id} does not exist`);
  expect((await api.request('DELETE', `/process-instance/${id}?failIfNotExists=false`)).status).toBe(204);
  expect((await api.request('DELETE', `/process-instance/${ids.o1}?skipIoMappings=perhaps`)).status).toBe(400);
  expect((await api.get(`/process-instance/${ids.o1}`)).status).toBe(200);
});
