/**
 * Scenarios — camunda:asyncBefore / asyncAfter: the instance stops at a job; POST
 * /job/{id}/execute moves it on, driven only through /engine-rest.
 */
import { sendJsonTo } from '../support.js';
import { chain, deploy, endEvent, executeJobs, flow, history, jobs, startInstance, state, tasks, useEngineRest, values } from './support.js';

const server = useEngineRest('scn_async');

test('asyncBefore: the start call returns at the job; executing it enters the activity', async () => {
  const { api } = server;
  await deploy(api, 'as_before', `<bpmn:startEvent id="Start" /><bpmn:userTask id="Work" camunda:asyncBefore="true" />${endEvent('End')}${chain(['Start', 'Work', 'End'])}`);
  const id = await startInstance(api, 'as_before');
  expect(await history(api, id)).toEqual(['Start']);
  const [job] = await jobs(api, { processInstanceId: id });
  expect(job).toMatchObject({ processInstanceId: id, processDefinitionKey: 'as_before', retries: 3, dueDate: null, suspended: false });
  expect(await jobs(api, { processInstanceId: id, timers: true })).toEqual([]);
  expect(await tasks(api, { processInstanceId: id })).toEqual([]);
  expect(await executeJobs(api, { processInstanceId: id })).toBe(1);
  expect(await history(api, id)).toEqual(['Start', 'Work']);
  expect(await tasks(api, { processInstanceId: id })).toHaveLength(1);
  expect(await jobs(api, { processInstanceId: id })).toEqual([]);
});

test('asyncAfter: the activity is done; the job takes its outgoing flow', async () => {
  const { api } = server;
  await deploy(api, 'as_after', `<bpmn:startEvent id="Start" camunda:asyncAfter="true" /><bpmn:task id="Step" />${endEvent('End')}${chain(['Start', 'Step', 'End'])}`);
  const id = await startInstance(api, 'as_after');
  expect(await history(api, id)).toEqual(['Start']);
  const acts = await (await api.get(`/history/activity-instance?processInstanceId=${id}`)).body;
  expect(acts[0].endTime).not.toBeNull();
  expect(await executeJobs(api, { processInstanceId: id })).toBe(1);
  expect(await history(api, id)).toEqual(['Start', 'Step', 'End']);
  expect(await state(api, id)).toBe('COMPLETED');
});

test('asyncAfter on a fork: one job per flow taken', async () => {
  const { api } = server;
  await deploy(
    api,
    'as_fork',
    `<bpmn:startEvent id="Start" /><bpmn:parallelGateway id="Fork" camunda:asyncAfter="true" /><bpmn:task id="A" /><bpmn:task id="B" />
     ${endEvent('EndA')}${endEvent('EndB')}${flow('F1', 'Start', 'Fork')}${flow('F2', 'Fork', 'A')}${flow('F3', 'Fork', 'B')}${flow('F4', 'A', 'EndA')}${flow('F5', 'B', 'EndB')}`,
  );
  const id = await startInstance(api, 'as_fork');
  expect(await jobs(api, { processInstanceId: id })).toHaveLength(2);
  expect(await executeJobs(api, { processInstanceId: id })).toBe(2);
  expect((await history(api, id)).sort()).toEqual(['A', 'B', 'EndA', 'EndB', 'Fork', 'Start']);
  expect(await state(api, id)).toBe('COMPLETED');
});

test('a failing async continuation costs a retry and rolls back; the instance keeps waiting at the job', async () => {
  const { api } = server;
  await deploy(
    api,
    'as_fail',
    `<bpmn:startEvent id="Start" /><bpmn:exclusiveGateway id="Route" camunda:asyncBefore="true" default="F4" /><bpmn:task id="Yes" />${endEvent('End')}
     ${flow('F1', 'Start', 'Route')}${flow('F2', 'Route', 'Yes', '${go}')}${flow('F3', 'Yes', 'End')}${flow('F4', 'Route', 'End')}`,
  );
  const id = await startInstance(api, 'as_fail');
  const [job] = await jobs(api, { processInstanceId: id });
  const res = await sendJsonTo(api, 'POST', `/job/${job.id}/execute`);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.body.message).toContain("Cannot resolve identifier 'go'");
  const [after] = await jobs(api, { processInstanceId: id });
  expect(after).toMatchObject({ id: job.id, retries: 2 });
  expect(after.exceptionMessage).toContain("Cannot resolve identifier 'go'");
  expect(await history(api, id)).toEqual(['Start']);
  // When the variable is set and the job runs again, it goes through
  await sendJsonTo(api, 'PUT', `/process-instance/${id}/variables/go`, { value: true, type: 'Boolean' });
  expect(await executeJobs(api, { processInstanceId: id })).toBe(1);
  expect(await history(api, id)).toEqual(['Start', 'Route', 'Yes', 'End']);
  expect(await values(api, id)).toEqual({ go: true });
});
