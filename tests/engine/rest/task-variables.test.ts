/**
 * /engine-rest/task/{id}/variables, /localVariables and /form-variables over real HTTP and
 * PostgreSQL: typed round trips, where a write lands (nearest scope that has the variable, else the
 * process; local = the task's own scope), variable history, and Camunda's errors.
 */
import { sendJsonTo, startEngineRest, type EngineRestServer } from '../support.js';
import { deployTaskModels, startWithTask } from './task-models.js';

let api: EngineRestServer;

beforeAll(async () => {
  api = await startEngineRest('taskvar');
  await deployTaskModels(api);
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const put = (path: string, body: unknown) => sendJsonTo(api, 'PUT', path, body);
const state = async (instanceId: string) => (await api.db.query<any>('select state, revision from engine.process_instance where id = $1', [instanceId]))[0];

test('typed values round-trip through a task and land on the process', async () => {
  const { instanceId, task } = await startWithTask(api, 'review', { variables: { amount: { value: 5, type: 'Integer' } } });
  const values: Record<string, unknown> = {
    note: { value: 'call back', type: 'String' },
    big: { value: 9007199254740991, type: 'Long' },
    rate: { value: 0.25, type: 'Double' },
    urgent: { value: true, type: 'Boolean' },
    when: { value: '2030-01-02T03:04:05.006+0000', type: 'Date' },
    items: { value: '[1,{"a":"b"}]', type: 'Json' },
    order: { value: { id: 7 }, type: 'Object', valueInfo: { objectTypeName: 'com.example.Order', serializationDataFormat: 'application/json' } },
    none: { value: null, type: 'Null' },
  };
  for (const [name, dto] of Object.entries(values)) expect((await put(`/task/${task.id}/variables/${name}`, dto)).status).toBe(204);

  const all = (await api.get(`/task/${task.id}/variables`)).body;
  expect(all).toEqual({
    amount: { type: 'Integer', value: 5, valueInfo: {} },
    note: { type: 'String', value: 'call back', valueInfo: {} },
    big: { type: 'Long', value: 9007199254740991, valueInfo: {} },
    rate: { type: 'Double', value: 0.25, valueInfo: {} },
    urgent: { type: 'Boolean', value: true, valueInfo: {} },
    when: { type: 'Date', value: '2030-01-02T03:04:05.006+0000', valueInfo: {} },
    items: { type: 'Json', value: '[1,{"a":"b"}]', valueInfo: {} },
    order: { type: 'Object', value: { id: 7 }, valueInfo: { objectTypeName: 'com.example.Order', serializationDataFormat: 'application/json' } },
    none: { type: 'Null', value: null, valueInfo: {} },
  });
  expect((await api.get(`/task/${task.id}/variables/order?deserializeValues=false`)).body.value).toBe('{"id":7}');
  expect((await api.get(`/task/${task.id}/variables/when`)).body).toEqual({ type: 'Date', value: '2030-01-02T03:04:05.006+0000', valueInfo: {} });
  expect(Object.keys((await state(instanceId)).state.variables).sort()).toEqual(Object.keys(all).sort());
  expect((await api.get(`/task/${task.id}/localVariables`)).body).toEqual({});

  // Changing an existing variable updates it where it lives, with history.
  expect((await put(`/task/${task.id}/variables/amount`, { value: 6, type: 'Integer' })).status).toBe(204);
  const [hi] = await api.db.query<any>("select value, revision, state from engine.hi_variable where process_instance_id = $1 and name = 'amount'", [instanceId]);
  expect(hi).toEqual({ value: 6, revision: 1, state: 'CREATED' });
  const details = await api.db.query<any>("select value from engine.hi_detail where process_instance_id = $1 and name = 'amount' order by seq", [instanceId]);
  expect(details.map((d) => d.value)).toEqual([5, 6]);
  expect((await api.get(`/task/${task.id}`)).body.taskState).toBe('Updated');
});

test('local variables stay in the task scope and end with the task; history keeps them', async () => {
  const { instanceId, task } = await startWithTask(api, 'review');
  expect((await put(`/task/${task.id}/localVariables/draft`, { value: 'v1', type: 'String' })).status).toBe(204);
  expect((await api.get(`/task/${task.id}/localVariables`)).body).toEqual({ draft: { type: 'String', value: 'v1', valueInfo: {} } });
  expect((await api.get(`/task/${task.id}/variables/draft`)).body.value).toBe('v1');
  expect((await state(instanceId)).state.variables).toEqual({});
  const [hi] = await api.db.query<any>("select task_id, scope_id from engine.hi_variable where process_instance_id = $1 and name = 'draft'", [instanceId]);
  expect(hi.task_id).toBe(task.id);
  expect(hi.scope_id.startsWith(`${task.executionId}/`)).toBe(true); // the task's execution, in this activity instance

  expect((await sendJsonTo(api, 'POST', `/task/${task.id}/complete`, {})).status).toBe(204);
  const after = (await state(instanceId)).state;
  expect(JSON.stringify(after)).not.toContain('draft');
  expect(await api.db.query("select 1 from engine.hi_variable where process_instance_id = $1 and name = 'draft'", [instanceId])).toHaveLength(1);
});

test('a write from a task inside a subprocess lands in the nearest scope that has the variable', async () => {
  const { instanceId, task } = await startWithTask(api, 'nested');
  expect((await api.get(`/task/${task.id}/variables`)).body).toEqual({ level: { type: 'String', value: 'inner', valueInfo: {} } });
  expect((await put(`/task/${task.id}/variables/level`, { value: 'changed', type: 'String' })).status).toBe(204);
  expect((await put(`/task/${task.id}/variables/fresh`, { value: 1, type: 'Integer' })).status).toBe(204);
  const { state: s } = await state(instanceId);
  expect(s.variables).toEqual({ fresh: { type: 'integer', value: 1 } });
  const sub = Object.values(s.executions as Record<string, any>).find((e) => e.activityId === 'Sub');
  expect(sub.variables.level).toEqual({ type: 'string', value: 'changed' });
});

test('modify and delete: deletions first, then modifications; removed process variables are marked deleted', async () => {
  const { instanceId, task } = await startWithTask(api, 'review', {
    variables: { a: { value: 1, type: 'Integer' }, b: { value: 2, type: 'Integer' } },
  });
  const res = await sendJsonTo(api, 'POST', `/task/${task.id}/variables`, { modifications: { c: { value: 'x', type: 'String' } }, deletions: ['a'] });
  expect(res.status).toBe(204);
  expect(Object.keys((await api.get(`/task/${task.id}/variables`)).body).sort()).toEqual(['b', 'c']);
  expect((await sendJsonTo(api, 'DELETE', `/task/${task.id}/variables/b`)).status).toBe(204);
  expect((await sendJsonTo(api, 'DELETE', `/task/${task.id}/variables/never`)).status).toBe(204);
  expect(Object.keys((await api.get(`/task/${task.id}/variables`)).body)).toEqual(['c']);
  const hi = await api.db.query<any>('select name, state from engine.hi_variable where process_instance_id = $1 order by name', [instanceId]);
  expect(hi).toEqual([
    { name: 'a', state: 'DELETED' },
    { name: 'b', state: 'DELETED' },
    { name: 'c', state: 'CREATED' },
  ]);
});

test('bad values and unknown names or tasks answer as Camunda does; nothing changes', async () => {
  const { instanceId, task } = await startWithTask(api, 'review', { variables: { n: { value: 1, type: 'Integer' } } });
  const before = await state(instanceId);

  const bad = await put(`/task/${task.id}/variables/n`, { value: 'many', type: 'Integer' });
  expect(bad.status).toBe(400);
  expect(bad.body).toEqual({
    type: 'InvalidRequestException',
    message: "Cannot put task variable n: Cannot convert value 'many' of type 'Integer' to java type java.lang.Integer",
    code: null,
  });
  const badModify = await sendJsonTo(api, 'POST', `/task/${task.id}/variables`, { modifications: { n: { value: 'x', type: 'Boolean' } } });
  expect(badModify.status).toBe(400);
  expect(badModify.body.message).toBe("Cannot modify variables for task: Cannot convert value 'x' of type 'Boolean' to java type java.lang.Boolean");
  const unsupported = await put(`/task/${task.id}/variables/n`, { value: 1, type: 'Decimal' });
  expect([unsupported.status, unsupported.body.message]).toEqual([400, "Cannot put task variable n: Unsupported value type 'Decimal'"]);
  const malformed = await api.request('PUT', `/task/${task.id}/variables/n`, { body: '{"value":', headers: { 'Content-Type': 'application/json' } });
  expect([malformed.status, malformed.body.type]).toEqual([400, 'JsonParseException']);
  expect(await state(instanceId)).toEqual(before);

  const unknownName = await api.get(`/task/${task.id}/variables/zzz`);
  expect(unknownName.status).toBe(404);
  expect(unknownName.body).toEqual({ type: 'InvalidRequestException', message: 'task variable with name zzz does not exist', code: null });

  const cases: [string, string, unknown, number, unknown][] = [
    ['GET', '/task/nope/variables', undefined, 500, { type: 'NullValueException', message: "task nope doesn't exist: task is null", code: 0 }],
    ['GET', '/task/nope/variables/x', undefined, 500, { type: 'RestException', message: "Cannot get task variable x: task nope doesn't exist: task is null", code: 0 }],
    ['PUT', '/task/nope/variables/x', { value: 1 }, 500, { type: 'RestException', message: "Cannot put task variable x: task nope doesn't exist: task is null", code: 0 }],
    ['DELETE', '/task/nope/localVariables/x', undefined, 500, { type: 'RestException', message: "Cannot delete task variable x: task nope doesn't exist: task is null", code: 0 }],
    ['POST', '/task/nope/variables', {}, 500, { type: 'RestException', message: "Cannot modify variables for task nope: task nope doesn't exist: task is null", code: 0 }],
  ];
  for (const [method, path, body, status, answer] of cases) {
    const res = await sendJsonTo(api, method, path, body);
    expect([res.status, res.body]).toEqual([status, answer]);
  }
});

test('form variables: everything the task sees, or the names asked for', async () => {
  const { task } = await startWithTask(api, 'review', { variables: { a: { value: 1, type: 'Integer' }, b: { value: 'x', type: 'String' } } });
  expect((await api.get(`/task/${task.id}/form-variables`)).body).toEqual({
    a: { type: 'Integer', value: 1, valueInfo: {} },
    b: { type: 'String', value: 'x', valueInfo: {} },
  });
  expect((await api.get(`/task/${task.id}/form-variables?variableNames=b,c`)).body).toEqual({ b: { type: 'String', value: 'x', valueInfo: {} } });
  const missing = await api.get('/task/nope/form-variables');
  expect(missing.status).toBe(400);
  expect(missing.body).toEqual({ type: 'BadUserRequestException', message: "Cannot find task with id 'nope'.: task is null", code: 0 });
});
