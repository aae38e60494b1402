/**
 * POST /engine-rest/message over real HTTP and PostgreSQL: correlation to waiting receive tasks and
 * catch events by business key, instance id and (local) correlation keys; message start events;
 * Camunda's refusals (no match, several matches without `all`); results with variables; and two
 * concurrent correlations of one message delivering it once.
 */
import { deployModels, sendJsonTo, startByKey, startEngineRest, type EngineRestServer } from '../support.js';
import { flow, modelerXml, start } from '../core/support.js';

let api: EngineRestServer;

const messages = `<bpmn:message id="Msg_Pay" name="payment" /><bpmn:message id="Msg_Ship" name="shipped" /><bpmn:message id="Msg_Begin" name="begin" />`;

const waiterModel = modelerXml(
  'waiter',
  `${start('Start', 'F0')}
  ${flow('F0', 'Start', 'Wait')}
  <bpmn:receiveTask id="Wait" name="Wait for payment" messageRef="Msg_Pay" />
  ${flow('F1', 'Wait', 'After')}
  <bpmn:userTask id="After" />
  ${flow('F2', 'After', 'End')}
  <bpmn:endEvent id="End" />`,
  messages,
);
const catcherModel = modelerXml(
  'catcher',
  `${start('Start', 'F0')}
  ${flow('F0', 'Start', 'Catch')}
  <bpmn:intermediateCatchEvent id="Catch"><bpmn:incoming>F0</bpmn:incoming><bpmn:outgoing>F1</bpmn:outgoing><bpmn:messageEventDefinition messageRef="Msg_Ship" /></bpmn:intermediateCatchEvent>
  ${flow('F1', 'Catch', 'End')}
  <bpmn:endEvent id="End" />`,
  messages,
);
const starterModel = modelerXml(
  'starter',
  `<bpmn:startEvent id="MsgStart"><bpmn:outgoing>F0</bpmn:outgoing><bpmn:messageEventDefinition messageRef="Msg_Begin" /></bpmn:startEvent>
  ${flow('F0', 'MsgStart', 'Task')}
  <bpmn:userTask id="Task" />
  ${flow('F1', 'Task', 'End')}
  <bpmn:endEvent id="End" />`,
  messages,
);

beforeAll(async () => {
  api = await startEngineRest('message');
  await deployModels(api, { 'waiter.bpmn': waiterModel, 'catcher.bpmn': catcherModel, 'starter.bpmn': starterModel });
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const correlate = (body: unknown) => sendJsonTo(api, 'POST', '/message', body);
/** Where the instance's tokens are (activity ids of its activity instance tree's leaves); [] when it has ended. */
async function at(instanceId: string): Promise<string[]> {
  const res = await api.get(`/process-instance/${instanceId}/activity-instances`);
  if (res.status === 404) return [];
  return res.body.childActivityInstances.map((a: { activityId: string }) => a.activityId);
}
const waiter = async (businessKey: string, variables: Record<string, unknown> = {}) => (await startByKey(api, 'waiter', { businessKey, variables })).id as string;

test('a message reaches the receive task of the instance with the business key, with its variables', async () => {
  const a = await waiter('pay-a');
  const b = await waiter('pay-b');
  const res = await correlate({ messageName: 'payment', businessKey: 'pay-a', processVariables: { paid: { value: 120, type: 'Long' } } });
  expect(res.status).toBe(204);
  expect(await at(a)).toEqual(['After']);
  expect(await at(b)).toEqual(['Wait']);
  expect((await api.get(`/process-instance/${a}/variables/paid`)).body).toEqual({ type: 'Long', value: 120, valueInfo: {} });
  const [wait] = (await api.get(`/history/activity-instance?processInstanceId=${a}&activityId=Wait`)).body;
  expect(wait.endTime).not.toBeNull();
  expect(wait.activityType).toBe('receiveTask');
});

test('processVariablesLocal land in the receiving execution\'s scope and end with its activity', async () => {
  const id = await waiter('local');
  expect((await correlate({ messageName: 'payment', businessKey: 'local', processVariablesLocal: { note: { value: 'n', type: 'String' } } })).status).toBe(204);
  expect(await at(id)).toEqual(['After']);
  expect((await api.get(`/process-instance/${id}/variables`)).body).not.toHaveProperty('note');
  const [note] = (await api.get(`/history/variable-instance?processInstanceId=${id}&variableName=note`)).body;
  const [wait] = (await api.get(`/history/activity-instance?processInstanceId=${id}&activityId=Wait`)).body;
  expect(note).toMatchObject({ value: 'n', activityInstanceId: wait.id, executionId: wait.executionId });
});

test('an intermediate catch event, addressed by process instance id; resultEnabled answers the execution', async () => {
  const one = (await startByKey(api, 'catcher', { variables: { n: { value: 1, type: 'Integer' } } })).id;
  const two = (await startByKey(api, 'catcher')).id;
  const res = await correlate({ messageName: 'shipped', processInstanceId: one, resultEnabled: true, variablesInResultEnabled: true });
  expect(res.status).toBe(200);
  expect(res.body).toEqual([
    {
      resultType: 'Execution',
      execution: { id: expect.any(String), processInstanceId: one, ended: true, tenantId: null },
      processInstance: null,
      variables: { n: { type: 'Integer', value: 1, valueInfo: {} } },
    },
  ]);
  expect((await api.get(`/history/process-instance/${one}`)).body.state).toBe('COMPLETED');
  expect(await at(two)).toEqual(['Catch']);
});

test('correlation keys compare typed process variables', async () => {
  const first = await waiter('keys', { orderId: { value: 1, type: 'Integer' } });
  const second = await waiter('keys', { orderId: { value: 2, type: 'Integer' } });
  const wrongType = await correlate({ messageName: 'payment', correlationKeys: { orderId: { value: '2', type: 'String' } } });
  expect(wrongType.status).toBe(400);
  expect(wrongType.body).toEqual({ type: 'RestException', message: "Cannot correlate message 'payment': No process definition or execution matches the parameters", code: null });
  const ok = await correlate({ messageName: 'payment', correlationKeys: { orderId: { value: 2, type: 'Integer' } }, resultEnabled: true });
  expect(ok.status).toBe(200);
  expect(ok.body.map((r: { execution: { processInstanceId: string } }) => r.execution.processInstanceId)).toEqual([second]);
  expect(ok.body[0]).not.toHaveProperty('variables');
  expect(await at(first)).toEqual(['Wait']);
  expect(await at(second)).toEqual(['After']);
  const local = await correlate({ messageName: 'payment', businessKey: 'keys', localCorrelationKeys: { orderId: { value: 1, type: 'Integer' } } });
  expect(local.status).toBe(400); // orderId is a process variable, not local to the receive task's execution
  expect(await at(first)).toEqual(['Wait']);
});

test('several matches without all are refused and change nothing; all delivers to every one', async () => {
  const x = await waiter('many');
  const y = await waiter('many');
  const refused = await correlate({ messageName: 'payment', businessKey: 'many' });
  expect(refused.status).toBe(400);
  expect(refused.body.type).toBe('RestException');
  expect(refused.body.message).toBe(
    "Cannot correlate message 'payment': 2 executions match the correlation keys: CorrelationSet [businessKey=many, processInstanceId=null, processDefinitionId=null, correlationKeys=null, localCorrelationKeys=null, tenantId=null, isTenantIdSet=false, isExecutionsOnly=false]",
  );
  expect(await at(x)).toEqual(['Wait']);
  expect(await at(y)).toEqual(['Wait']);
  const all = await correlate({ messageName: 'payment', businessKey: 'many', all: true, resultEnabled: true });
  expect(all.status).toBe(200);
  expect(all.body.map((r: { execution: { processInstanceId: string } }) => r.execution.processInstanceId).sort()).toEqual([x, y].sort());
  expect(await at(x)).toEqual(['After']);
  expect(await at(y)).toEqual(['After']);
  expect((await correlate({ messageName: 'payment', businessKey: 'many', all: true })).status).toBe(204); // nothing waits: all is content with none
});

test('a message start event starts the latest definition, with business key and variables', async () => {
  const res = await correlate({ messageName: 'begin', businessKey: 'started-1', processVariables: { x: { value: 'y', type: 'String' } }, resultEnabled: true, variablesInResultEnabled: true });
  expect(res.status).toBe(200);
  const [result] = res.body;
  expect(result).toMatchObject({
    resultType: 'ProcessDefinition',
    execution: null,
    processInstance: { links: [], definitionKey: 'starter', businessKey: 'started-1', ended: false, suspended: false, caseInstanceId: null, tenantId: null },
    variables: { x: { type: 'String', value: 'y', valueInfo: {} } },
  });
  expect(await at(result.processInstance.id)).toEqual(['Task']);
  expect((await api.get(`/history/process-instance/${result.processInstance.id}`)).body.startActivityId).toBe('MsgStart');
});

test('a suspended instance is not correlated', async () => {
  const id = await waiter('sleepy');
  await sendJsonTo(api, 'PUT', `/process-instance/${id}/suspended`, { suspended: true });
  expect((await correlate({ messageName: 'payment', businessKey: 'sleepy' })).status).toBe(400);
  await sendJsonTo(api, 'PUT', `/process-instance/${id}/suspended`, { suspended: false });
  expect((await correlate({ messageName: 'payment', businessKey: 'sleepy' })).status).toBe(204);
  expect(await at(id)).toEqual(['After']);
});

test('bad requests answer 400 and deliver nothing', async () => {
  const id = await waiter('bad');
  const cases: [unknown, string | RegExp][] = [
    [{ businessKey: 'bad' }, 'No message name supplied'],
    [{ messageName: 'payment', businessKey: 5 }, /businessKey/],
    [{ messageName: 'payment', businessKey: 'bad', processVariables: { v: { value: 'x', type: 'Integer' } } }, "Cannot convert value 'x' of type 'Integer' to java type java.lang.Integer"],
    [{ messageName: 'payment', businessKey: 'bad', tenantId: 't', withoutTenantId: true }, "Parameter 'tenantId' cannot be used together with parameter 'withoutTenantId'."],
    [{ messageName: 'payment', businessKey: 'bad', variablesInResultEnabled: true }, /variablesInResultEnabled/],
    [{ messageName: 'payment', businessKey: 'bad', all: 'yes' }, /all/],
    [['payment'], /JSON object/],
  ];
  for (const [body, message] of cases) {
    const res = await correlate(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  }
  expect(await at(id)).toEqual(['Wait']);
});

test('two concurrent correlations of one message deliver it once', async () => {
  const id = await waiter('race');
  const results = await Promise.all([0, 1, 2].map(() => correlate({ messageName: 'payment', businessKey: 'race' })));
  expect(results.map((r) => r.status).sort()).toEqual([204, 400, 400]);
  expect(await at(id)).toEqual(['After']);
  const acts = (await api.get(`/history/activity-instance?processInstanceId=${id}&activityId=After`)).body;
  expect(acts).toHaveLength(1);
});
