/**
 * /engine-rest/history/* over real HTTP and PostgreSQL: historic process instances (DTO, filters,
 * sorting, paging, POST, delete), activity instances, task instances, variable instances and
 * details — produced by starting, completing, deleting and changing instances through the API.
 */
import { deployModels, sendJsonTo, startByKey, startEngineRest, type EngineRestServer } from '../support.js';
import { flow, modelerXml, start } from '../core/support.js';

let api: EngineRestServer;

const model = modelerXml(
  'hist',
  `${start('Start', 'F0')}
  ${flow('F0', 'Start', 'Review')}
  <bpmn:userTask id="Review" name="Review it" camunda:assignee="anna" />
  ${flow('F1', 'Review', 'End')}
  <bpmn:endEvent id="End" />`,
);

const ids: Record<string, string> = {};
let defId: string;
let reviewTaskOfH1: string;
let betweenStarts: string;

const camundaDate = (d: Date) => encodeURIComponent(d.toISOString().replace('Z', '+0000'));
const int = (value: number) => ({ value, type: 'Integer' });

beforeAll(async () => {
  api = await startEngineRest('history');
  defId = (await deployModels(api, { 'hist.bpmn': model })).hist.id;
  ids.h1 = (await startByKey(api, 'hist', { businessKey: 'h-1', variables: { amount: int(10) } })).id;
  [{ id: reviewTaskOfH1 }] = (await api.get(`/task?processInstanceId=${ids.h1}`)).body;
  const done = await sendJsonTo(api, 'POST', `/task/${reviewTaskOfH1}/complete`, { variables: { approved: { value: true, type: 'Boolean' } } });
  expect(done.status).toBe(204);
  await new Promise((r) => setTimeout(r, 5)); // distinct start times, so "between" is strictly between
  betweenStarts = camundaDate(new Date());
  await new Promise((r) => setTimeout(r, 5));
  ids.h2 = (await startByKey(api, 'hist', { businessKey: 'h-2', variables: { amount: int(20) } })).id;
  ids.h3 = (await startByKey(api, 'hist', { businessKey: 'x-3' })).id;
  expect((await api.request('DELETE', `/process-instance/${ids.h3}`)).status).toBe(204);
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const idsOf = async (path: string) => {
  const res = await api.get(path);
  expect(res.status).toBe(200);
  return (res.body as { id: string }[]).map((x) => x.id);
};
const sorted = (...names: string[]) => names.map((n) => ids[n]).sort();

describe('/history/process-instance', () => {
  test('HistoricProcessInstanceDto field for field, with the duration computed', async () => {
    const res = await api.get(`/history/process-instance/${ids.h1}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual([
      'id', 'businessKey', 'processDefinitionId', 'processDefinitionKey', 'processDefinitionName', 'processDefinitionVersion', 'startTime', 'endTime',
      'removalTime', 'durationInMillis', 'startUserId', 'startActivityId', 'deleteReason', 'rootProcessInstanceId', 'superProcessInstanceId',
      'superCaseInstanceId', 'caseInstanceId', 'tenantId', 'state',
    ]); // prettier-ignore
    expect(res.body).toMatchObject({
      id: ids.h1,
      businessKey: 'h-1',
      processDefinitionId: defId,
      processDefinitionKey: 'hist',
      processDefinitionVersion: 1,
      startActivityId: 'Start',
      deleteReason: null,
      rootProcessInstanceId: ids.h1,
      superProcessInstanceId: null,
      state: 'COMPLETED',
      removalTime: null,
    });
    expect(res.body.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(res.body.durationInMillis).toBe(Date.parse(res.body.endTime.replace('+0000', 'Z')) - Date.parse(res.body.startTime.replace('+0000', 'Z')));
    const running = (await api.get(`/history/process-instance/${ids.h2}`)).body;
    expect(running).toMatchObject({ state: 'ACTIVE', endTime: null, durationInMillis: null });
    const miss = await api.get('/history/process-instance/nope');
    expect(miss.status).toBe(404);
    expect(miss.body.message).toBe('Historic process instance with id nope does not exist');
  });

  test('filters by state, keys, dates, activities and variables', async () => {
    const q = (query: string) => idsOf(`/history/process-instance?${query}`);
    expect(await q('finished=true')).toEqual(sorted('h1', 'h3'));
    expect(await q('unfinished=true')).toEqual([ids.h2]);
    expect(await q('completed=true')).toEqual([ids.h1]);
    expect(await q('externallyTerminated=true')).toEqual([ids.h3]);
    expect(await q('active=true')).toEqual([ids.h2]);
    expect(await q('processInstanceBusinessKeyLike=h-%25')).toEqual(sorted('h1', 'h2'));
    expect(await q('processInstanceBusinessKeyIn=h-2,x-3')).toEqual(sorted('h2', 'h3'));
    expect(await q(`processInstanceIds=${ids.h1},${ids.h3}&processDefinitionKey=hist`)).toEqual(sorted('h1', 'h3'));
    expect(await q(`startedAfter=${betweenStarts}`)).toEqual(sorted('h2', 'h3'));
    expect(await q(`startedBefore=${betweenStarts}`)).toEqual([ids.h1]);
    expect(await q(`finishedBefore=${betweenStarts}`)).toEqual([ids.h1]);
    expect(await q('executedActivityIdIn=Review')).toEqual(sorted('h1', 'h2', 'h3'));
    expect(await q('activeActivityIdIn=Review')).toEqual([ids.h2]);
    expect(await q('variables=amount_gteq_15')).toEqual([ids.h2]);
    expect(await q('variables=approved_eq_true')).toEqual([ids.h1]);
  });

  test('sorts, pages, counts, and takes POST bodies', async () => {
    const keys = async (query: string) => ((await api.get(`/history/process-instance?${query}`)).body as { businessKey: string }[]).map((h) => h.businessKey);
    expect(await keys('sortBy=businessKey&sortOrder=desc')).toEqual(['x-3', 'h-2', 'h-1']);
    expect(await keys('sortBy=startTime&sortOrder=asc&firstResult=1&maxResults=1')).toEqual(['h-2']);
    expect((await api.get('/history/process-instance/count?finished=true')).body).toEqual({ count: 2 });
    const post = await sendJsonTo(api, 'POST', '/history/process-instance', { processInstanceBusinessKeyIn: ['h-1', 'h-2'], sorting: [{ sortBy: 'businessKey', sortOrder: 'desc' }] });
    expect(post.body.map((h: { businessKey: string }) => h.businessKey)).toEqual(['h-2', 'h-1']);
    expect((await sendJsonTo(api, 'POST', '/history/process-instance/count', { unfinished: true })).body).toEqual({ count: 1 });
    const bad = await api.get('/history/process-instance?startedAfter=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("Cannot set query parameter 'startedAfter' to value 'yesterday'");
    expect((await api.get('/history/process-instance?sortBy=duration')).status).toBe(400);
  });
});

describe('/history/activity-instance', () => {
  test('activities in order of occurrence, with task, assignee and duration', async () => {
    const acts = (await api.get(`/history/activity-instance?processInstanceId=${ids.h1}&sortBy=occurrence&sortOrder=asc`)).body;
    expect(acts.map((a: { activityId: string; activityType: string }) => [a.activityId, a.activityType])).toEqual([
      ['Start', 'startEvent'],
      ['Review', 'userTask'],
      ['End', 'noneEndEvent'],
    ]);
    const review = acts[1];
    expect(review).toMatchObject({
      parentActivityInstanceId: ids.h1,
      activityName: 'Review it',
      processDefinitionKey: 'hist',
      processDefinitionId: defId,
      processInstanceId: ids.h1,
      taskId: reviewTaskOfH1,
      assignee: 'anna',
      calledProcessInstanceId: null,
      calledCaseInstanceId: null,
      canceled: false,
      completeScope: false,
      tenantId: null,
      removalTime: null,
      rootProcessInstanceId: ids.h1,
    });
    expect(typeof review.durationInMillis).toBe('number');
    expect((await api.get(`/history/activity-instance/${review.id}`)).body).toEqual(review);
    expect((await api.get('/history/activity-instance/nope')).status).toBe(404);
  });

  test('filters: unfinished, canceled, type, assignee; POST and count', async () => {
    const q = async (query: string) => ((await api.get(`/history/activity-instance?${query}`)).body as { processInstanceId: string }[]).map((a) => a.processInstanceId);
    expect(await q('activityType=userTask&unfinished=true')).toEqual([ids.h2]);
    expect(await q('canceled=true')).toEqual([ids.h3]);
    expect((await q('taskAssignee=anna&activityId=Review')).sort()).toEqual(sorted('h1', 'h2', 'h3'));
    expect((await api.get('/history/activity-instance/count?activityType=startEvent')).body).toEqual({ count: 3 });
    const post = await sendJsonTo(api, 'POST', '/history/activity-instance?maxResults=1', { activityId: 'End', finished: true });
    expect(post.body.map((a: { processInstanceId: string }) => a.processInstanceId)).toEqual([ids.h1]);
    expect((await sendJsonTo(api, 'POST', '/history/activity-instance/count', { sorting: [{ sortBy: 'nope' }] })).status).toBe(400);
  });
});

describe('/history/task', () => {
  test('HistoricTaskInstanceDto of a completed and a deleted task', async () => {
    const [task] = (await api.get(`/history/task?processInstanceId=${ids.h1}`)).body;
    expect(task).toMatchObject({
      id: reviewTaskOfH1,
      processDefinitionKey: 'hist',
      processDefinitionId: defId,
      processInstanceId: ids.h1,
      caseDefinitionKey: null,
      name: 'Review it',
      deleteReason: 'completed',
      assignee: 'anna',
      owner: null,
      taskDefinitionKey: 'Review',
      priority: 50,
      due: null,
      followUp: null,
      parentTaskId: null,
      tenantId: null,
      rootProcessInstanceId: ids.h1,
      taskState: 'Completed',
    });
    expect(typeof task.duration).toBe('number');
    const [deleted] = (await api.get(`/history/task?processInstanceId=${ids.h3}`)).body;
    expect(deleted).toMatchObject({ deleteReason: 'deleted', taskState: 'Deleted' });
  });

  test('filters on task, process and process variables; POST and count', async () => {
    const q = async (query: string) => ((await api.get(`/history/task?${query}`)).body as { processInstanceId: string }[]).map((t) => t.processInstanceId).sort();
    expect(await q('unfinished=true')).toEqual([ids.h2]);
    expect(await q('finished=true&taskDeleteReason=completed')).toEqual([ids.h1]);
    expect(await q('processInstanceBusinessKey=h-2')).toEqual([ids.h2]);
    expect(await q('processFinished=true')).toEqual(sorted('h1', 'h3'));
    expect(await q('taskAssigneeLike=an%25&taskDefinitionKey=Review')).toEqual(sorted('h1', 'h2', 'h3'));
    expect(await q('processVariables=amount_lt_15')).toEqual([ids.h1]);
    expect(await q('taskPriority=50&processDefinitionKey=nope')).toEqual([]);
    expect((await api.get('/history/task/count?finished=true')).body).toEqual({ count: 2 });
    const post = await sendJsonTo(api, 'POST', '/history/task', { processVariables: [{ name: 'amount', operator: 'eq', value: 20 }] });
    expect(post.body.map((t: { processInstanceId: string }) => t.processInstanceId)).toEqual([ids.h2]);
    expect((await api.get('/history/task?taskPriority=high')).status).toBe(400);
  });
});

describe('/history/variable-instance and /history/detail', () => {
  test('variable instances with typed values, by name, value, type and task', async () => {
    const vars = (await api.get(`/history/variable-instance?processInstanceId=${ids.h1}&sortBy=variableName&sortOrder=asc`)).body;
    expect(vars.map((v: { name: string; type: string; value: unknown }) => [v.name, v.type, v.value])).toEqual([
      ['amount', 'Integer', 10],
      ['approved', 'Boolean', true],
    ]);
    expect(vars[1]).toMatchObject({ taskId: reviewTaskOfH1, state: 'CREATED', processDefinitionKey: 'hist', executionId: ids.h1, activityInstanceId: ids.h1, valueInfo: {}, errorMessage: null });
    expect((await api.get(`/history/variable-instance/${vars[0].id}`)).body).toEqual(vars[0]);
    const miss = await api.get('/history/variable-instance/nope');
    expect(miss.status).toBe(404);
    expect(miss.body.message).toBe("Historic variable instance with Id 'nope' does not exist.");

    const byValue = (await api.get('/history/variable-instance?variableName=amount&variableValue=20')).body;
    expect(byValue.map((v: { processInstanceId: string }) => v.processInstanceId)).toEqual([ids.h2]);
    expect((await api.get('/history/variable-instance/count?variableTypeIn=Boolean')).body).toEqual({ count: 1 });
    expect((await api.get(`/history/variable-instance/count?taskIdIn=${reviewTaskOfH1}`)).body).toEqual({ count: 1 });
    const post = await sendJsonTo(api, 'POST', '/history/variable-instance', { variableName: 'amount', variableValue: 10 });
    expect(post.body.map((v: { processInstanceId: string }) => v.processInstanceId)).toEqual([ids.h1]);
    const noName = await api.get('/history/variable-instance?variableValue=20');
    expect(noName.status).toBe(400);
    expect(noName.body.message).toMatch(/^Only a single variable value parameter specified/);
  });

  test('Object variables come back deserialized unless deserializeValues=false', async () => {
    const objectValue = { value: '{"a":1}', type: 'Object', valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' } };
    const { id } = await startByKey(api, 'hist', { variables: { obj: objectValue } });
    const [parsed] = (await api.get(`/history/variable-instance?processInstanceId=${id}`)).body;
    expect(parsed).toMatchObject({ type: 'Object', value: { a: 1 }, valueInfo: objectValue.valueInfo });
    const [raw] = (await api.get(`/history/variable-instance?processInstanceId=${id}&deserializeValues=false`)).body;
    expect(raw.value).toBe('{"a":1}');
    expect((await api.get(`/history/variable-instance?processInstanceId=${id}&deserializeValues=maybe`)).status).toBe(400);
  });

  test('details record each update in order', async () => {
    expect((await sendJsonTo(api, 'PUT', `/process-instance/${ids.h2}/variables/amount`, int(21))).status).toBe(204);
    const details = (await api.get(`/history/detail?processInstanceId=${ids.h2}&sortBy=occurrence&sortOrder=asc`)).body;
    expect(details.map((d: { variableName: string; value: number; revision: number; initial: boolean }) => [d.variableName, d.value, d.revision, d.initial])).toEqual([
      ['amount', 20, 0, true],
      ['amount', 21, 1, false],
    ]);
    expect(details[1]).toMatchObject({
      type: 'variableUpdate',
      processDefinitionKey: 'hist',
      processInstanceId: ids.h2,
      executionId: ids.h2,
      variableType: 'Integer',
      valueInfo: {},
      userOperationId: null,
      errorMessage: null,
    });
    expect(details[0].variableInstanceId).toBe(details[1].variableInstanceId);
    expect((await api.get(`/history/detail/${details[1].id}`)).body).toEqual(details[1]);
    expect((await api.get('/history/detail/nope')).status).toBe(404);
    expect((await api.get(`/history/detail?processInstanceId=${ids.h2}&initial=true`)).body).toHaveLength(1);
    expect((await api.get(`/history/detail?variableInstanceId=${details[0].variableInstanceId}&occurredAfter=${camundaDate(new Date(Date.now() + 60_000))}`)).body).toEqual([]);
    expect((await sendJsonTo(api, 'POST', '/history/detail', { processInstanceIdIn: [ids.h2], variableTypeIn: ['Integer'] })).body).toHaveLength(2);
  });
});

test('DELETE /history/process-instance removes an ended instance history only', async () => {
  const running = await api.request('DELETE', `/history/process-instance/${ids.h2}`);
  expect(running.status).toBe(404);
  expect((await api.get(`/history/process-instance/${ids.h2}`)).status).toBe(200);

  const { id } = await startByKey(api, 'hist', { businessKey: 'gone', variables: { amount: int(1) } });
  expect((await api.request('DELETE', `/process-instance/${id}`)).status).toBe(204);
  expect((await api.request('DELETE', `/history/process-instance/${id}`)).status).toBe(204);
  expect((await api.get(`/history/process-instance/${id}`)).status).toBe(404);
  for (const path of ['activity-instance', 'task', 'variable-instance', 'detail']) {
    expect((await api.get(`/history/${path}?processInstanceId=${id}`)).body).toEqual([]);
  }
  expect((await api.request('DELETE', `/history/process-instance/${id}`)).status).toBe(404);
  expect((await api.request('DELETE', `/history/process-instance/${id}?failIfNotExists=false`)).status).toBe(204);
});
