/**
 * DELETE /deployment/{id} with real running instances: without cascade Camunda's refusal and
 * nothing changes; with cascade the instances, their tasks, jobs and history go; a deployment
 * whose instances all ended deletes without cascade and keeps their history, as Camunda.
 */
import { flow, modelerXml, start } from '../core/support.js';
import { deployForm, sendJsonTo, startByKey, startEngineRest, type EngineRestServer } from '../support.js';

let api: EngineRestServer;
beforeAll(async () => {
  api = await startEngineRest('depdelete');
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const model = (key: string) =>
  modelerXml(
    key,
    [
      start(),
      flow('F0', 'Start', 'Review'),
      '<bpmn:userTask id="Review" />',
      '<bpmn:boundaryEvent id="Late" attachedToRef="Review"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
      flow('F1', 'Review', 'End'),
      flow('F2', 'Late', 'End'),
      '<bpmn:endEvent id="End" />',
    ].join('\n'),
  );

async function deploy(key: string): Promise<string> {
  const res = await api.request('POST', '/deployment/create', { body: deployForm({ 'deployment-name': key }, { [`${key}.bpmn`]: model(key) }) });
  expect(res.status).toBe(200);
  return res.body.id;
}

const counts = async (key: string) =>
  (
    await api.db.query<Record<string, number>>(
      `select (select count(*)::int from engine.process_instance where process_definition_key = $1) as instances,
              (select count(*)::int from engine.task where process_definition_key = $1) as tasks,
              (select count(*)::int from engine.job where process_definition_key = $1) as jobs,
              (select count(*)::int from engine.hi_process_instance where process_definition_key = $1) as history,
              (select count(*)::int from engine.hi_activity_instance where process_definition_key = $1) as activities,
              (select count(*)::int from engine.process_definition where key = $1) as definitions`,
      [key],
    )
  )[0];

test('running instances refuse a delete without cascade and nothing changes; cascade removes them, their waits and history', async () => {
  const id = await deploy('busy');
  await startByKey(api, 'busy');
  await startByKey(api, 'busy');
  const before = await counts('busy');
  expect(before).toMatchObject({ instances: 2, tasks: 2, jobs: 2, history: 2, definitions: 1 });

  const refused = await api.request('DELETE', `/deployment/${id}`);
  expect(refused.status).toBe(500);
  expect(refused.body.type).toBe('ProcessEngineException');
  expect(refused.body.message).toContain('ENGINE-03076');
  expect(await counts('busy')).toEqual(before);

  expect((await api.request('DELETE', `/deployment/${id}?cascade=true`)).status).toBe(204);
  expect(await counts('busy')).toEqual({ instances: 0, tasks: 0, jobs: 0, history: 0, activities: 0, definitions: 0 });
});

test('a deployment whose instances ended deletes without cascade and keeps their history', async () => {
  const id = await deploy('done');
  const pi = await startByKey(api, 'done');
  const [task] = (await api.get(`/task?processInstanceId=${pi.id}`)).body as { id: string }[];
  expect((await sendJsonTo(api, 'POST', `/task/${task.id}/complete`, {})).status).toBe(204);

  expect((await api.request('DELETE', `/deployment/${id}`)).status).toBe(204);
  expect(await counts('done')).toMatchObject({ instances: 0, tasks: 0, jobs: 0, history: 1, activities: 3, definitions: 0 });
  expect((await api.get(`/history/process-instance/${pi.id}`)).body.state).toBe('COMPLETED');
});
