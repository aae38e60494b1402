/**
 * GET /engine-rest/process-definition/statistics and /process-definition/{id}/statistics over real
 * HTTP and PostgreSQL: tokens per activity (subprocess scopes, asynchronous waits, not join waits),
 * running instances per definition, failed jobs and incidents when asked for. Also the activity
 * instance tree's transition instances, which the same asynchronous waits produce.
 */
import { deployModels, sendJsonTo, startByKey, startEngineRest, type EngineRestServer } from '../support.js';
import { flow, modelerXml, start } from '../core/support.js';

let api: EngineRestServer;

const model = modelerXml(
  'stats',
  `${start('Start', 'F0')}
  ${flow('F0', 'Start', 'Fork')}
  <bpmn:parallelGateway id="Fork" />
  ${flow('F1', 'Fork', 'A')}
  ${flow('F2', 'Fork', 'Sub')}
  ${flow('F3', 'Fork', 'Later')}
  <bpmn:userTask id="A" />
  <bpmn:subProcess id="Sub">
    <bpmn:startEvent id="SubStart"><bpmn:outgoing>S0</bpmn:outgoing></bpmn:startEvent>
    ${flow('S0', 'SubStart', 'Inner')}
    <bpmn:userTask id="Inner" />
    ${flow('S1', 'Inner', 'SubEnd')}
    <bpmn:endEvent id="SubEnd" />
  </bpmn:subProcess>
  <bpmn:userTask id="Later" name="Later on" camunda:asyncBefore="true" />
  ${flow('F4', 'A', 'Join')}
  ${flow('F5', 'Sub', 'Join')}
  ${flow('F6', 'Later', 'Join')}
  <bpmn:parallelGateway id="Join" />
  ${flow('F7', 'Join', 'End')}
  <bpmn:endEvent id="End" />`,
);
const idle = modelerXml('idle', `${start('Start', 'F0')}${flow('F0', 'Start', 'T')}<bpmn:userTask id="T" />${flow('F1', 'T', 'End')}<bpmn:endEvent id="End" />`);

let defId: string;
const instances: string[] = [];
let failedJob: { id: string; processInstanceId: string };

beforeAll(async () => {
  api = await startEngineRest('stats');
  defId = (await deployModels(api, { 'stats.bpmn': model, 'idle.bpmn': idle })).stats.id;
  for (let i = 0; i < 2; i++) instances.push((await startByKey(api, 'stats')).id);
  // The first instance's A is done: its token waits at the join, which is no activity instance.
  const [a] = (await api.get(`/task?processInstanceId=${instances[0]}&taskDefinitionKey=A`)).body;
  expect((await sendJsonTo(api, 'POST', `/task/${a.id}/complete`, {})).status).toBe(204);
  [failedJob] = (await api.get(`/job?processInstanceId=${instances[1]}`)).body;
  expect((await sendJsonTo(api, 'PUT', `/job/${failedJob.id}/retries`, { retries: 0 })).status).toBe(204);
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

test('per activity: tokens at rest, scopes, asynchronous waits; no failed jobs or incidents unless asked for', async () => {
  const res = await api.get(`/process-definition/${defId}/statistics`);
  expect(res.status).toBe(200);
  expect(res.contentType).toBe('application/json');
  expect(res.body).toEqual([
    { id: 'A', instances: 1, failedJobs: 0, incidents: [] },
    { id: 'Inner', instances: 2, failedJobs: 0, incidents: [] },
    { id: 'Later', instances: 2, failedJobs: 0, incidents: [] },
    { id: 'Sub', instances: 2, failedJobs: 0, incidents: [] },
  ]);
  const withAll = (await api.get(`/process-definition/${defId}/statistics?failedJobs=true&incidents=true`)).body;
  expect(withAll.find((s: { id: string }) => s.id === 'Later')).toEqual({ id: 'Later', instances: 2, failedJobs: 1, incidents: [{ incidentType: 'failedJob', incidentCount: 1 }] });
  const ofType = (await api.get('/process-definition/key/stats/statistics?incidentsForType=failedExternalTask')).body;
  expect(ofType.find((s: { id: string }) => s.id === 'Later').incidents).toEqual([]);
});

test('per definition: running instances with the definition, only definitions that run', async () => {
  const res = await api.get('/process-definition/statistics?failedJobs=true&rootIncidents=true');
  expect(res.status).toBe(200);
  expect(res.body).toHaveLength(1);
  expect(res.body[0]).toMatchObject({
    id: defId,
    instances: 2,
    failedJobs: 1,
    incidents: [{ incidentType: 'failedJob', incidentCount: 1 }],
    definition: { id: defId, key: 'stats', version: 1, suspended: false },
  });
  expect((await api.get('/process-definition/statistics')).body[0]).toMatchObject({ failedJobs: 0, incidents: [] });
});

test('bad parameters and unknown definitions', async () => {
  const both = await api.get(`/process-definition/${defId}/statistics?incidents=true&incidentsForType=failedJob`);
  expect(both.status).toBe(400);
  expect(both.body.type).toBe('InvalidRequestException');
  expect((await api.get(`/process-definition/${defId}/statistics?failedJobs=often`)).status).toBe(400);
  expect((await api.get('/process-definition/nope/statistics')).status).toBe(404);
  expect((await api.get('/process-definition/key/nope/statistics')).status).toBe(404);
});

test('an asynchronous wait is a transition instance in the activity tree, carrying its incident', async () => {
  const tree = (await api.get(`/process-instance/${failedJob.processInstanceId}/activity-instances`)).body;
  expect(tree.childActivityInstances.map((a: { activityId: string }) => a.activityId).sort()).toEqual(['A', 'Sub']);
  const [incidentId] = tree.childTransitionInstances[0].incidentIds;
  expect((await api.get(`/process-instance?incidentId=${incidentId}`)).body.map((p: { id: string }) => p.id)).toEqual([failedJob.processInstanceId]);
  expect(tree.childTransitionInstances).toEqual([
    {
      id: expect.any(String),
      parentActivityInstanceId: failedJob.processInstanceId,
      activityId: 'Later',
      activityName: 'Later on',
      activityType: 'userTask',
      processInstanceId: failedJob.processInstanceId,
      processDefinitionId: defId,
      executionId: tree.childTransitionInstances[0].id,
      incidentIds: [incidentId],
      incidents: [{ id: incidentId, parentActivityInstanceId: failedJob.processInstanceId }],
    },
  ]);
  expect((await api.get(`/process-instance?activityIdIn=Later&withIncident=true`)).body.map((p: { id: string }) => p.id)).toEqual([failedJob.processInstanceId]);
  expect((await api.get(`/process-instance/count?incidentType=failedJob`)).body).toEqual({ count: 1 });
});
