/** Definitions are versioned per key: running instances finish on their version, new ones take the latest. */
import { flow, modelerXml, start } from '../core/support.js';
import { deployModels, sendJsonTo, startByKey, startEngineRest, type EngineRestServer } from '../support.js';

let api: EngineRestServer;
beforeAll(async () => {
  api = await startEngineRest('versions');
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const model = (taskId: string) =>
  modelerXml('offer', [start(), flow('F0', 'Start', taskId), `<bpmn:userTask id="${taskId}" />`, flow('F1', taskId, 'End'), '<bpmn:endEvent id="End" />'].join('\n'));

test('an instance started on version 1 completes on version 1 after version 2 is deployed', async () => {
  const v1 = (await deployModels(api, { 'offer.bpmn': model('Draft') })).offer;
  const first = await startByKey(api, 'offer');
  const v2 = (await deployModels(api, { 'offer.bpmn': model('Review') })).offer;
  expect([v1.version, v2.version]).toEqual([1, 2]);
  const second = await startByKey(api, 'offer');
  expect([first.definitionId, second.definitionId]).toEqual([v1.id, v2.id]);

  const [oldTask] = (await api.get(`/task?processInstanceId=${first.id}`)).body;
  const [newTask] = (await api.get(`/task?processInstanceId=${second.id}`)).body;
  expect([oldTask.taskDefinitionKey, oldTask.processDefinitionId]).toEqual(['Draft', v1.id]);
  expect([newTask.taskDefinitionKey, newTask.processDefinitionId]).toEqual(['Review', v2.id]);

  expect((await sendJsonTo(api, 'POST', `/task/${oldTask.id}/complete`, {})).status).toBe(204);
  const history = await api.db.query<{ activity_id: string; process_definition_id: string }>(
    'select activity_id, process_definition_id from engine.hi_activity_instance where process_instance_id = $1 order by seq',
    [first.id],
  );
  expect(history).toEqual(['Start', 'Draft', 'End'].map((activity_id) => ({ activity_id, process_definition_id: v1.id })));
  expect((await api.db.query<{ state: string }>('select state from engine.hi_process_instance where id = $1', [first.id]))[0].state).toBe('COMPLETED');
});
