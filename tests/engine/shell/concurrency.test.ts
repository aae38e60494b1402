/**
 * Concurrent commands on one instance: each is one transaction guarded by the instance's revision;
 * a lost race is retried internally, so every caller succeeds and nothing is applied twice or half.
 */
import { flow, modelerXml, start } from '../core/support.js';
import { deployModels, sendJsonTo, startByKey, startEngineRest, type EngineRestServer } from '../support.js';

let api: EngineRestServer;
beforeAll(async () => {
  api = await startEngineRest('concurrency');
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const BRANCHES = 12;

test('twelve parallel external tasks of one instance completed at the same moment: all succeed, the join fires once', async () => {
  const branches = Array.from({ length: BRANCHES }, (_, i) => i);
  const body = [
    start(),
    flow('F0', 'Start', 'Fork'),
    '<bpmn:parallelGateway id="Fork" />',
    ...branches.map((i) => `<bpmn:serviceTask id="W${i}" camunda:type="external" camunda:topic="race" />${flow(`A${i}`, 'Fork', `W${i}`)}${flow(`B${i}`, `W${i}`, 'Join')}`),
    '<bpmn:parallelGateway id="Join" />',
    flow('F1', 'Join', 'After'),
    '<bpmn:userTask id="After" />',
  ].join('\n');
  await deployModels(api, { 'race.bpmn': modelerXml('race', body) });
  const pi = await startByKey(api, 'race');
  const fetched = await sendJsonTo(api, 'POST', '/external-task/fetchAndLock', { workerId: 'w', maxTasks: 100, topics: [{ topicName: 'race', lockDuration: 60_000 }] });
  expect(fetched.body).toHaveLength(BRANCHES);

  const results = await Promise.all(
    (fetched.body as { id: string; activityId: string }[]).map((t) =>
      sendJsonTo(api, 'POST', `/external-task/${t.id}/complete`, { workerId: 'w', variables: { [`done${t.activityId}`]: { value: true, type: 'Boolean' } } }),
    ),
  );
  expect(results.map((r) => r.status)).toEqual(branches.map(() => 204));

  const tasks = (await api.get(`/task?processInstanceId=${pi.id}`)).body as { taskDefinitionKey: string }[];
  expect(tasks.map((t) => t.taskDefinitionKey)).toEqual(['After']);
  const vars = (await api.get(`/process-instance/${pi.id}/variables`)).body as Record<string, { value: unknown }>;
  expect(Object.keys(vars).sort()).toEqual(branches.map((i) => `doneW${i}`).sort());
  const counts = await api.db.query<{ activity_id: string; n: number }>(
    `select activity_id, count(*)::int as n from engine.hi_activity_instance where process_instance_id = $1 and end_time is not null group by 1`,
    [pi.id],
  );
  const byActivity = Object.fromEntries(counts.map((c) => [c.activity_id, c.n]));
  for (const i of branches) expect(byActivity[`W${i}`]).toBe(1);
  expect(byActivity.Fork).toBe(1);
  // Each arriving token ends its own join activity instance in Camunda; the join lets one token on.
  expect(byActivity.Join).toBe(BRANCHES);
  expect((await api.db.query('select 1 from engine.external_task where process_instance_id = $1', [pi.id])).length).toBe(0);
});

test('the same user task completed twice at once: one completes it, the other is told it no longer exists', async () => {
  await deployModels(api, { 'once.bpmn': modelerXml('once', [start(), flow('F0', 'Start', 'T'), '<bpmn:userTask id="T" />', flow('F1', 'T', 'U'), '<bpmn:userTask id="U" />'].join('\n')) });
  const pi = await startByKey(api, 'once');
  const [task] = (await api.get(`/task?processInstanceId=${pi.id}`)).body as { id: string }[];
  const results = await Promise.all([1, 2].map(() => sendJsonTo(api, 'POST', `/task/${task.id}/complete`, {})));
  expect(results.map((r) => r.status).sort()).toEqual([204, 500]);
  const tasks = (await api.get(`/task?processInstanceId=${pi.id}`)).body as { taskDefinitionKey: string }[];
  expect(tasks.map((t) => t.taskDefinitionKey)).toEqual(['U']);
  const ended = await api.db.query('select 1 from engine.hi_activity_instance where process_instance_id = $1 and activity_id = $2 and end_time is not null', [pi.id, 'T']);
  expect(ended).toHaveLength(1);
});
