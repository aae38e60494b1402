/**
 * /engine-rest/task commands over real HTTP and PostgreSQL: claim, unclaim, assignee, delegate,
 * resolve, complete and submit-form with their history; update; identity links; Camunda's errors.
 */
import { sendJsonTo, startEngineRest, type EngineRestServer } from '../support.js';
import { deployTaskModels, startWithTask } from './task-models.js';

let api: EngineRestServer;

beforeAll(async () => {
  api = await startEngineRest('taskcmd');
  await deployTaskModels(api);
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const post = (path: string, body?: unknown) => sendJsonTo(api, 'POST', path, body ?? {});
const task = async (id: string) => (await api.get(`/task/${id}`)).body;
const hiTask = async (id: string) => (await api.db.query<any>('select * from engine.hi_task where id = $1', [id]))[0];
const activityAssignee = async (taskId: string) =>
  (await api.db.query<{ assignee: string | null }>('select assignee from engine.hi_activity_instance where task_id = $1', [taskId]))[0].assignee;

test('claim takes an unassigned task, keeps it for the same user, and refuses another user', async () => {
  const { task: review } = await startWithTask(api, 'review');

  expect((await post(`/task/${review.id}/claim`, { userId: 'bob' })).status).toBe(204);
  const claimed = await task(review.id);
  expect(claimed).toMatchObject({ assignee: 'bob', taskState: 'Updated' });
  expect(claimed.lastUpdated).not.toBeNull();
  expect((await hiTask(review.id)).assignee).toBe('bob');
  expect(await activityAssignee(review.id)).toBe('bob');

  expect((await post(`/task/${review.id}/claim`, { userId: 'bob' })).status).toBe(204);
  const taken = await post(`/task/${review.id}/claim`, { userId: 'eve' });
  expect(taken.status).toBe(500);
  expect(taken.body).toEqual({ type: 'TaskAlreadyClaimedException', message: `Task '${review.id}' is already claimed by someone else.`, code: 0 });
  expect((await task(review.id)).assignee).toBe('bob');

  expect((await post(`/task/${review.id}/unclaim`)).status).toBe(204);
  expect((await task(review.id)).assignee).toBeNull();
  expect(await activityAssignee(review.id)).toBeNull();
  expect((await post(`/task/${review.id}/assignee`, { userId: 'eve' })).status).toBe(204);
  expect((await task(review.id)).assignee).toBe('eve');
  expect((await hiTask(review.id)).assignee).toBe('eve');

  const missing = await post('/task/nope/claim', { userId: 'bob' });
  expect(missing.status).toBe(500);
  expect(missing.body).toEqual({ type: 'NullValueException', message: 'Cannot find task with id nope: task is null', code: 0 });
});

test('delegate hands the task on (owner = previous assignee, PENDING); resolve gives it back (RESOLVED) with variables', async () => {
  const { instanceId, task: review } = await startWithTask(api, 'review');
  await post(`/task/${review.id}/complete`);
  const approve = (await api.get(`/task?processInstanceId=${instanceId}`)).body[0];
  expect(approve.assignee).toBe('anna');

  expect((await post(`/task/${approve.id}/delegate`, { userId: 'dan' })).status).toBe(204);
  expect(await task(approve.id)).toMatchObject({ owner: 'anna', assignee: 'dan', delegationState: 'PENDING' });
  expect((await api.get(`/task?processInstanceId=${instanceId}&delegationState=PENDING`)).body).toHaveLength(1);
  expect(await hiTask(approve.id)).toMatchObject({ owner: 'anna', assignee: 'dan' });
  expect((await api.get(`/task/${approve.id}/identity-links`)).body).toEqual([
    { userId: 'dan', groupId: null, type: 'assignee' },
    { userId: 'anna', groupId: null, type: 'owner' },
  ]);

  const resolved = await post(`/task/${approve.id}/resolve`, { variables: { decision: { value: 'ok', type: 'String' } } });
  expect(resolved.status).toBe(204);
  expect(await task(approve.id)).toMatchObject({ owner: 'anna', assignee: 'anna', delegationState: 'RESOLVED' });
  expect(await activityAssignee(approve.id)).toBe('anna');
  expect((await api.get(`/task/${approve.id}/variables/decision`)).body).toEqual({ type: 'String', value: 'ok', valueInfo: {} });
});

test('complete continues the process: task history ends, the next task is created, variables come back on request', async () => {
  const { instanceId, task: review } = await startWithTask(api, 'review', { variables: { amount: { value: 5, type: 'Integer' } } });

  const done = await post(`/task/${review.id}/complete`, { variables: { approved: { value: true, type: 'Boolean' } }, withVariablesInReturn: true });
  expect(done.status).toBe(200);
  expect(done.contentType).toBe('application/json');
  expect(done.body).toEqual({ amount: { type: 'Integer', value: 5, valueInfo: {} }, approved: { type: 'Boolean', value: true, valueInfo: {} } });

  expect((await api.get(`/task/${review.id}`)).status).toBe(404);
  const hi = await hiTask(review.id);
  expect(hi.end_time).not.toBeNull();
  expect(hi.delete_reason).toBe('completed');
  const next = (await api.get(`/task?processInstanceId=${instanceId}`)).body;
  expect(next.map((t: any) => [t.taskDefinitionKey, t.assignee])).toEqual([['Approve', 'anna']]);
  const acts = await api.db.query<any>('select activity_id, end_time is not null as ended from engine.hi_activity_instance where process_instance_id = $1 order by seq', [instanceId]);
  expect(acts).toEqual([
    { activity_id: 'Start', ended: true },
    { activity_id: 'Review', ended: true },
    { activity_id: 'Approve', ended: false },
  ]);
  const [variable] = await api.db.query<any>("select value, task_id from engine.hi_variable where process_instance_id = $1 and name = 'approved'", [instanceId]);
  expect(variable).toEqual({ value: true, task_id: review.id });

  expect((await post(`/task/${next[0].id}/complete`)).status).toBe(204);
  const [instance] = await api.db.query<any>('select state, end_activity_id from engine.hi_process_instance where id = $1', [instanceId]);
  expect(instance).toEqual({ state: 'COMPLETED', end_activity_id: 'End' });
});

test('complete refuses bad variables and unknown tasks as Camunda does, changing nothing', async () => {
  const { task: review } = await startWithTask(api, 'review');
  const bad = await post(`/task/${review.id}/complete`, { variables: { amount: { value: 'lots', type: 'Integer' } } });
  expect(bad.status).toBe(400);
  expect(bad.body).toEqual({
    type: 'InvalidRequestException',
    message: `Cannot complete task ${review.id}: Cannot convert value 'lots' of type 'Integer' to java type java.lang.Integer`,
    code: null,
  });
  expect((await api.get(`/task/${review.id}`)).status).toBe(200);
  expect((await hiTask(review.id)).end_time).toBeNull();

  const missing = await post('/task/nope/complete');
  expect(missing.status).toBe(500);
  expect(missing.body).toEqual({ type: 'RestException', message: 'Cannot complete task nope: Cannot find task with id nope: task is null', code: 0 });
  const malformed = await api.request('POST', `/task/${review.id}/complete`, { body: '{"variables": {', headers: { 'Content-Type': 'application/json' } });
  expect(malformed.status).toBe(400);
  expect(malformed.body.type).toBe('JsonParseException');
  expect((await api.get(`/task/${review.id}`)).status).toBe(200);
});

test('a delegated task: complete completes it (Camunda 7 does not refuse), submit-form resolves it', async () => {
  const first = await startWithTask(api, 'review');
  await post(`/task/${first.task.id}/delegate`, { userId: 'dan' });
  expect((await post(`/task/${first.task.id}/submit-form`)).status).toBe(204);
  expect(await task(first.task.id)).toMatchObject({ delegationState: 'RESOLVED', assignee: null });
  expect((await post(`/task/${first.task.id}/submit-form`)).status).toBe(204);
  expect((await api.get(`/task/${first.task.id}`)).status).toBe(404);

  const second = await startWithTask(api, 'review');
  await post(`/task/${second.task.id}/delegate`, { userId: 'dan' });
  expect((await post(`/task/${second.task.id}/complete`)).status).toBe(204);
  expect((await hiTask(second.task.id)).delete_reason).toBe('completed');
});

test('PUT /task/{id} replaces the task fields and history follows; bad input changes nothing', async () => {
  const { task: review } = await startWithTask(api, 'review');
  const res = await sendJsonTo(api, 'PUT', `/task/${review.id}`, {
    name: 'Check order',
    description: 'Look twice',
    priority: 90,
    assignee: 'bob',
    owner: 'olga',
    due: '2031-05-01T08:00:00.000+0200',
    followUp: '2031-04-01T08:00:00.000+0000',
    delegationState: 'RESOLVED',
  });
  expect(res.status).toBe(204);
  expect(await task(review.id)).toMatchObject({
    name: 'Check order',
    description: 'Look twice',
    priority: 90,
    assignee: 'bob',
    owner: 'olga',
    due: '2031-05-01T06:00:00.000+0000',
    followUp: '2031-04-01T08:00:00.000+0000',
    delegationState: 'RESOLVED',
  });
  expect(await hiTask(review.id)).toMatchObject({ name: 'Check order', description: 'Look twice', priority: 90, assignee: 'bob', owner: 'olga' });
  expect(await activityAssignee(review.id)).toBe('bob');

  // As in Camunda, what the body leaves out is cleared (priority to 0).
  expect((await sendJsonTo(api, 'PUT', `/task/${review.id}`, { name: 'Only a name' })).status).toBe(204);
  expect(await task(review.id)).toMatchObject({ name: 'Only a name', assignee: null, owner: null, priority: 0, due: null, delegationState: null });

  const before = await task(review.id);
  for (const [body, status, type] of [
    [{ priority: 'high' }, 400, 'InvalidRequestException'],
    [{ delegationState: 'DONE' }, 400, 'InvalidRequestException'],
    [{ due: 'soon' }, 400, 'InvalidRequestException'],
    [{ tenantId: 'acme' }, 500, 'ProcessEngineException'],
    [{ parentTaskId: 'p' }, 500, 'NullValueException'],
  ] as const) {
    const refused = await sendJsonTo(api, 'PUT', `/task/${review.id}`, body);
    expect([refused.status, refused.body.type]).toEqual([status, type]);
  }
  expect(await task(review.id)).toEqual(before);
  const missing = await sendJsonTo(api, 'PUT', '/task/nope', { name: 'x' });
  expect(missing.status).toBe(404);
  expect(missing.body).toEqual({ type: 'InvalidRequestException', message: 'No matching task with id nope', code: null });
});

test('identity links: candidates as the model gives them, added and removed; assignee links set the assignee', async () => {
  const { task: review } = await startWithTask(api, 'review', { businessKey: 'links' });
  const links = async (query = '') => (await api.get(`/task/${review.id}/identity-links${query}`)).body;
  expect(await links()).toEqual([
    { userId: null, groupId: 'sales', type: 'candidate' },
    { userId: null, groupId: 'managers', type: 'candidate' },
    { userId: 'carl', groupId: null, type: 'candidate' },
  ]);

  expect((await post(`/task/${review.id}/identity-links`, { groupId: 'support', type: 'candidate' })).status).toBe(204);
  expect((await post(`/task/${review.id}/identity-links`, { groupId: 'support', type: 'candidate' })).status).toBe(204);
  expect((await post(`/task/${review.id}/identity-links/delete`, { groupId: 'sales', type: 'candidate' })).status).toBe(204);
  expect((await post(`/task/${review.id}/identity-links/delete`, { userId: 'carl', type: 'candidate' })).status).toBe(204);
  expect((await api.get('/task?processInstanceBusinessKey=links&candidateGroup=support')).body).toHaveLength(1);
  expect((await api.get('/task?processInstanceBusinessKey=links&candidateGroup=sales')).body).toHaveLength(0);

  expect((await post(`/task/${review.id}/identity-links`, { userId: 'zoe', type: 'assignee' })).status).toBe(204);
  expect((await task(review.id)).assignee).toBe('zoe');
  expect(await links('?type=assignee')).toEqual([{ userId: 'zoe', groupId: null, type: 'assignee' }]);
  expect(await links('?type=candidate')).toEqual([
    { userId: null, groupId: 'managers', type: 'candidate' },
    { userId: null, groupId: 'support', type: 'candidate' },
  ]);
  expect((await post(`/task/${review.id}/identity-links/delete`, { userId: 'zoe', type: 'assignee' })).status).toBe(204);
  expect((await task(review.id)).assignee).toBeNull();

  const refusals: [string, unknown, number, string, string][] = [
    [review.id, { userId: 'a', groupId: 'b', type: 'candidate' }, 400, 'InvalidRequestException', 'Identity Link requires userId or groupId, but not both.'],
    [review.id, { type: 'candidate' }, 400, 'InvalidRequestException', 'Identity Link requires userId or groupId.'],
    [review.id, { userId: 'a' }, 500, 'NullValueException', 'type is required when adding a new task identity link: type is null'],
    [review.id, { groupId: 'g', type: 'assignee' }, 500, 'ProcessEngineException', "Incompatible usage: cannot use type 'assignee' together with a groupId"],
    ['nope', { userId: 'a', type: 'candidate' }, 500, 'NullValueException', 'Cannot find task with id nope: task is null'],
  ];
  for (const [id, body, status, type, message] of refusals) {
    const res = await post(`/task/${id}/identity-links`, body);
    expect([res.status, res.body.type, res.body.message]).toEqual([status, type, message]);
  }
  expect((await api.get('/task/nope/identity-links')).status).toBe(500);
  expect(await links('?type=candidate')).toHaveLength(2);
});
