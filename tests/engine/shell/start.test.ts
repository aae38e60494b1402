/**
 * Starting instances through /engine-rest/process-definition/…/start: the instance row and its
 * waits, activity history in order, variable history — on real PostgreSQL.
 */
import { deployForm, startEngineRest, type EngineRestServer } from '../support.js';
import { flow, modelerXml, start } from '../core/support.js';

let api: EngineRestServer;

const userTaskModel = modelerXml(
  'approve',
  `${start('Start', 'F0')}
  ${flow('F0', 'Start', 'Approve')}
  <bpmn:userTask id="Approve" name="Approve" camunda:assignee="\${owner}" camunda:candidateGroups="sales, managers" camunda:priority="70" />
  ${flow('F1', 'Approve', 'End')}
  <bpmn:endEvent id="End" />`,
);
const straightModel = modelerXml('straight', `${start('Start', 'F0')}${flow('F0', 'Start', 'End')}<bpmn:endEvent id="End" />`);

beforeAll(async () => {
  api = await startEngineRest('shell');
  const res = await api.request('POST', '/deployment/create', { body: deployForm({ 'deployment-name': 'm' }, { 'a.bpmn': userTaskModel, 'b.bpmn': straightModel }) });
  expect(res.status).toBe(200);
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const post = (path: string, body: unknown) =>
  api.request('POST', path, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

test('start by key creates the instance, its user task with evaluated attributes, and history', async () => {
  const res = await post('/process-definition/key/approve/start', {
    businessKey: 'order-1',
    variables: { owner: { value: 'anna', type: 'String' }, amount: { value: 5, type: 'integer' } },
    withVariablesInReturn: true,
  });
  expect(res.status).toBe(200);
  expect(res.contentType).toBe('application/json');
  expect(res.body).toMatchObject({ businessKey: 'order-1', definitionKey: 'approve', ended: false, suspended: false });
  expect(res.body.links[0].href).toBe(`${api.url}/process-instance/${res.body.id}`);
  expect(res.body.variables).toEqual({ owner: { type: 'String', value: 'anna', valueInfo: {} }, amount: { type: 'Integer', value: 5, valueInfo: {} } });

  const [task] = await api.db.query<any>('select * from engine.task where process_instance_id = $1', [res.body.id]);
  expect(task).toMatchObject({ assignee: 'anna', candidate_groups: ['sales', 'managers'], priority: 70, task_definition_key: 'Approve' });
  const acts = await api.db.query<any>('select activity_id, end_time from engine.hi_activity_instance where process_instance_id = $1 order by seq', [res.body.id]);
  expect(acts.map((a) => [a.activity_id, a.end_time === null])).toEqual([
    ['Start', false],
    ['Approve', true],
  ]);
  const vars = await api.db.query<any>('select name, type, value from engine.hi_variable where process_instance_id = $1 order by name', [res.body.id]);
  expect(vars).toEqual([
    { name: 'amount', type: 'integer', value: 5 },
    { name: 'owner', type: 'string', value: 'anna' },
  ]);
});

test('an instance that runs to its end leaves history only', async () => {
  const res = await post('/process-definition/key/straight/start', {});
  expect(res.status).toBe(200);
  expect(res.body.ended).toBe(true);
  expect(await api.db.query('select 1 from engine.process_instance where id = $1', [res.body.id])).toEqual([]);
  const [hi] = await api.db.query<any>('select state, end_activity_id, start_activity_id from engine.hi_process_instance where id = $1', [res.body.id]);
  expect(hi).toEqual({ state: 'COMPLETED', end_activity_id: 'End', start_activity_id: 'Start' });
});

test('an expression that fails refuses the start and writes nothing', async () => {
  const before = await api.db.query<any>('select count(*)::int as n from engine.hi_process_instance');
  const res = await post('/process-definition/key/approve/start', {});
  expect(res.status).toBe(500); // Camunda's REST answer (found by the Operaton conformance suite)
  expect(res.body.type).toBe('RestException');
  expect(res.body.message).toMatch(/^Cannot instantiate process definition approve:1:.*owner/);
  expect(await api.db.query<any>('select count(*)::int as n from engine.hi_process_instance')).toEqual(before);
});

test('bad variables and unknown definitions answer like Camunda', async () => {
  const bad = await post('/process-definition/key/approve/start', { variables: { n: { value: 'x', type: 'Integer' } } });
  expect(bad.status).toBe(400);
  expect(bad.body.type).toBe('InvalidRequestException');
  expect(bad.body.message).toMatch(/^Cannot instantiate process definition approve:1:.*Cannot convert value 'x' of type 'Integer'/);
  const missing = await post('/process-definition/key/nope/start', {});
  expect(missing.status).toBe(404);
});
