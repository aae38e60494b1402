/**
 * /engine-rest/job on real PostgreSQL: timer and async jobs as Camunda 7.22 shows them, running a
 * job now (how tests and the conformance suite advance timers), failures with retries, incidents
 * and their resolution, the query, and timer start events.
 */
import { randomUUID } from 'node:crypto';
import { commandInstance, createSignals, inTransaction } from '../../../engine/shell/index.js';
import { deployModels, sendJsonTo, startByKey, startEngineRest, type EngineRestServer } from '../support.js';
import { flow, modelerXml, start } from '../core/support.js';

let api: EngineRestServer;

const timerDef = (kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;
const boundary = (id: string, timer: string, out: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="Wait" cancelActivity="false"><bpmn:outgoing>${out}</bpmn:outgoing>${timer}</bpmn:boundaryEvent>`;

/** A user task watched by three non-interrupting timers: a duration, a date and a cycle (the cycle creates a reminder task). */
const watched = modelerXml(
  'watched',
  `${start('Start', 'F0')}${flow('F0', 'Start', 'Wait')}
  <bpmn:userTask id="Wait" camunda:assignee="anna" />${flow('F1', 'Wait', 'End')}<bpmn:endEvent id="End" />
  ${boundary('InAnHour', timerDef('timeDuration', 'PT1H'), 'B1')}${flow('B1', 'InAnHour', 'E1')}<bpmn:endEvent id="E1" />
  ${boundary('OnNewYear', timerDef('timeDate', '2030-01-01T00:00:00Z'), 'B2')}${flow('B2', 'OnNewYear', 'E2')}<bpmn:endEvent id="E2" />
  ${boundary('Every10', timerDef('timeCycle', 'R2/PT10M'), 'B3')}${flow('B3', 'Every10', 'Remind')}
  <bpmn:userTask id="Remind" camunda:assignee="anna" />${flow('B4', 'Remind', 'E3')}<bpmn:endEvent id="E3" />`,
);

const delayed = modelerXml(
  'delayed',
  `${start('Start', 'F0')}${flow('F0', 'Start', 'Later')}
  <bpmn:intermediateCatchEvent id="Later">${timerDef('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>
  ${flow('F1', 'Later', 'After')}<bpmn:userTask id="After" camunda:assignee="anna" />${flow('F2', 'After', 'End')}<bpmn:endEvent id="End" />`,
);

/** An async service task whose topic expression fails: the job fails on every attempt. */
const broken = modelerXml(
  'broken',
  `${start('Start', 'F0')}${flow('F0', 'Start', 'Call')}
  <bpmn:serviceTask id="Call" camunda:asyncBefore="true" camunda:type="external" camunda:topic="\${missing}" />
  ${flow('F1', 'Call', 'End')}<bpmn:endEvent id="End" />`,
);

/** A process-level non-interrupting event subprocess on a cycle, beside a task with an interrupting cycle boundary. */
const reminding = modelerXml(
  'reminding',
  `${start('Start', 'F0')}${flow('F0', 'Start', 'Work')}<bpmn:userTask id="Work" camunda:assignee="anna" />${flow('F1', 'Work', 'End')}<bpmn:endEvent id="End" />
  <bpmn:boundaryEvent id="GiveUp" attachedToRef="Work"><bpmn:outgoing>B1</bpmn:outgoing>${timerDef('timeCycle', 'R5/PT1H')}</bpmn:boundaryEvent>
  ${flow('B1', 'GiveUp', 'Escalate')}<bpmn:userTask id="Escalate" camunda:assignee="anna" />${flow('B2', 'Escalate', 'E2')}<bpmn:endEvent id="E2" />
  <bpmn:subProcess id="Reminders" triggeredByEvent="true">
    <bpmn:startEvent id="Tick" isInterrupting="false"><bpmn:outgoing>S0</bpmn:outgoing>${timerDef('timeCycle', 'R/PT10M')}</bpmn:startEvent>
    ${flow('S0', 'Tick', 'Remind')}<bpmn:userTask id="Remind" camunda:assignee="anna" />${flow('S1', 'Remind', 'SE')}<bpmn:endEvent id="SE" />
  </bpmn:subProcess>`,
);

const nightly = (version: string) =>
  modelerXml(
    'nightly',
    `<bpmn:startEvent id="Tick" name="${version}"><bpmn:outgoing>F0</bpmn:outgoing>${timerDef('timeCycle', 'R3/PT1H')}</bpmn:startEvent>
    ${flow('F0', 'Tick', 'Report')}<bpmn:userTask id="Report" camunda:assignee="anna" />${flow('F1', 'Report', 'End')}<bpmn:endEvent id="End" />`,
  );

beforeAll(async () => {
  api = await startEngineRest('job');
  await deployModels(api, { 'watched.bpmn': watched, 'delayed.bpmn': delayed, 'broken.bpmn': broken, 'reminding.bpmn': reminding });
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const jobsOf = async (instanceId: string) => (await api.get(`/job?processInstanceId=${instanceId}&sortBy=jobDueDate&sortOrder=asc`)).body as any[];
const execute = (id: string) => sendJsonTo(api, 'POST', `/job/${id}/execute`);
const tasksOf = (instanceId: string) =>
  api.db.query<{ task_definition_key: string }>('select task_definition_key from engine.task where process_instance_id = $1 order by seq', [instanceId]);
const ms = (date: string) => new Date(date.replace(/\+0000$/, 'Z')).getTime();

describe('timer jobs', () => {
  test('given a task watched by duration, date and cycle timers, when it starts, then each timer is a job due when Camunda would fire it', async () => {
    const before = Date.now();
    const pi = await startByKey(api, 'watched');
    const jobs = await jobsOf(pi.id);
    expect(jobs.map((j) => j.dueDate === '2030-01-01T00:00:00.000+0000')).toEqual([false, false, true]);
    const [cycle, hour] = jobs;
    expect(ms(cycle.dueDate) - before).toBeGreaterThanOrEqual(10 * 60_000 - 1000);
    expect(ms(cycle.dueDate) - before).toBeLessThan(10 * 60_000 + 5000);
    expect(ms(hour.dueDate) - before).toBeGreaterThanOrEqual(3600_000 - 1000);
    expect(ms(hour.dueDate) - before).toBeLessThan(3600_000 + 5000);
    expect(Object.keys(hour)).toEqual([
      'id', 'jobDefinitionId', 'processInstanceId', 'processDefinitionId', 'processDefinitionKey', 'executionId', 'exceptionMessage',
      'failedActivityId', 'retries', 'dueDate', 'suspended', 'priority', 'tenantId', 'createTime', 'batchId',
    ]);
    expect(hour).toMatchObject({
      jobDefinitionId: null, processInstanceId: pi.id, processDefinitionKey: 'watched', exceptionMessage: null, failedActivityId: null,
      retries: 3, suspended: false, priority: 0, tenantId: null, batchId: null,
    });
    const one = await api.get(`/job/${hour.id}`);
    expect(one.status).toBe(200);
    expect(one.contentType).toBe('application/json');
    expect(one.body).toEqual(hour);
  });

  test('given a timer catch event, when its job is executed now, then the timer fires and the token moves on', async () => {
    const pi = await startByKey(api, 'delayed');
    const [job] = await jobsOf(pi.id);
    expect(job.executionId).not.toBeNull();
    const res = await execute(job.id);
    expect(res.status).toBe(204);
    expect(await tasksOf(pi.id)).toEqual([{ task_definition_key: 'After' }]);
    expect(await jobsOf(pi.id)).toEqual([]);
    expect((await api.get(`/job/${job.id}`)).status).toBe(404);
    const [timer] = await api.db.query<any>(`select activity_type, end_time from engine.hi_activity_instance where process_instance_id = $1 and activity_id = 'Later'`, [pi.id]);
    expect(timer.activity_type).toBe('intermediateTimer');
    expect(timer.end_time).not.toBeNull();
  });

  test('given a non-interrupting cycle R2 executed before it is due, when it fires twice, then each firing runs the boundary path and the next keeps the schedule', async () => {
    const pi = await startByKey(api, 'watched');
    const cycleJob = async () => (await jobsOf(pi.id)).find((j) => j.dueDate !== '2030-01-01T00:00:00.000+0000' && ms(j.dueDate) - Date.now() < 30 * 60_000);
    const first = await cycleJob();
    expect((await execute(first.id)).status).toBe(204);
    const second = await cycleJob();
    expect(second.id).not.toBe(first.id);
    // Camunda's rule: the next firing is the schedule's first date after now — the same one again.
    expect(second.dueDate).toBe(first.dueDate);
    expect((await execute(second.id)).status).toBe(204);
    expect((await cycleJob()).dueDate).toBe(first.dueDate);
    expect(await tasksOf(pi.id)).toEqual([{ task_definition_key: 'Wait' }, { task_definition_key: 'Remind' }, { task_definition_key: 'Remind' }]);
    expect(await jobsOf(pi.id)).toHaveLength(3); // the duration and date timers still watch the task, the cycle too
  });

  test('given an endless cycle on a non-interrupting event subprocess, when it fires, then it runs and comes back; an interrupting cycle boundary that fires is gone for good', async () => {
    const pi = await startByKey(api, 'reminding');
    const byActivity = async (activityId: string) => (await api.get(`/job?processInstanceId=${pi.id}&activityId=${activityId}`)).body as any[];
    const [tick] = await byActivity('Tick');
    expect(tick.executionId).toBe(pi.id); // a process-level subscription: the process instance's execution
    expect((await execute(tick.id)).status).toBe(204);
    const [again] = await byActivity('Tick');
    expect(again.id).not.toBe(tick.id);
    expect(again.dueDate).toBe(tick.dueDate); // executed early: the schedule's next date is still that one

    const [giveUp] = await byActivity('GiveUp');
    expect((await execute(giveUp.id)).status).toBe(204);
    expect(await byActivity('GiveUp')).toEqual([]);
    expect((await tasksOf(pi.id)).map((t) => t.task_definition_key)).toEqual(['Remind', 'Escalate']);
    expect(await byActivity('Tick')).toHaveLength(1); // the event subprocess still watches the instance
  });

  test('given a task with timers, when the task completes, then its timers go with it', async () => {
    const pi = await startByKey(api, 'watched');
    const [task] = await api.db.query<{ id: string; execution_id: string }>(`select id, execution_id from engine.task where process_instance_id = $1`, [pi.id]);
    const env = { newId: randomUUID, now: () => new Date(), signals: createSignals() };
    await inTransaction(api.db, (tx) => commandInstance(tx, env, pi.id, { type: 'trigger', executionId: task.execution_id }, { taskId: task.id }));
    expect(await jobsOf(pi.id)).toEqual([]);
  });
});

describe('failing jobs', () => {
  test('given an async job that fails, when executed three times, then each failure costs a retry and the last raises an incident; setting retries resolves it', async () => {
    const pi = await startByKey(api, 'broken');
    const [job] = await jobsOf(pi.id);
    expect(job).toMatchObject({ dueDate: null, retries: 3, executionId: expect.any(String) });

    const res = await execute(job.id);
    expect(res.status).toBe(404); // Camunda's REST answers an engine exception on execute so (Operaton conformance)
    expect(res.body.type).toBe('InvalidRequestException');
    expect(res.body.message).toContain('missing');
    const failed = (await api.get(`/job/${job.id}`)).body;
    expect(failed).toMatchObject({ retries: 2, failedActivityId: 'Call', exceptionMessage: res.body.message });
    const trace = await api.get(`/job/${job.id}/stacktrace`);
    expect(trace.status).toBe(200);
    expect(trace.contentType).toBe('text/plain');
    expect(trace.text).toContain('missing');

    await execute(job.id);
    await execute(job.id);
    expect((await api.get(`/job/${job.id}`)).body.retries).toBe(0);
    const incidents = () => api.db.query<any>('select incident_type, configuration, activity_id, incident_message from engine.incident where process_instance_id = $1', [pi.id]);
    expect(await incidents()).toEqual([{ incident_type: 'failedJob', configuration: job.id, activity_id: 'Call', incident_message: res.body.message }]);
    const listed = await api.get(`/incident?processInstanceId=${pi.id}`);
    expect(listed.body).toEqual([expect.objectContaining({ incidentType: 'failedJob', configuration: job.id, activityId: 'Call', incidentMessage: res.body.message })]);
    expect((await api.get(`/job?noRetriesLeft=true&processInstanceId=${pi.id}`)).body.map((j: any) => j.id)).toEqual([job.id]);
    expect((await api.get(`/job/count?executable=true&processInstanceId=${pi.id}`)).body).toEqual({ count: 0 });

    const retry = await sendJsonTo(api, 'PUT', `/job/${job.id}/retries`, { retries: 2 });
    expect(retry.status).toBe(204);
    expect(await incidents()).toEqual([]);
    expect((await api.get(`/incident?processInstanceId=${pi.id}`)).body).toEqual([]);
    expect((await api.get(`/job/${job.id}`)).body.retries).toBe(2);
    expect((await api.get(`/job/count?withRetriesLeft=true&processInstanceId=${pi.id}`)).body).toEqual({ count: 1 });
  });

  test('retries: negative or unknown jobs answer as Camunda (500 InvalidRequestException), a non-number 400; nothing changes', async () => {
    const pi = await startByKey(api, 'broken');
    const [job] = await jobsOf(pi.id);
    const negative = await sendJsonTo(api, 'PUT', `/job/${job.id}/retries`, { retries: -1 });
    expect(negative.status).toBe(500);
    expect(negative.body).toMatchObject({ type: 'InvalidRequestException', message: expect.stringContaining("non-negative Integer, but '-1'") });
    expect((await sendJsonTo(api, 'PUT', `/job/${job.id}/retries`, { retries: 'x' })).status).toBe(400);
    const unknown = await sendJsonTo(api, 'PUT', '/job/nope/retries', { retries: 1 });
    expect(unknown.status).toBe(500);
    expect(unknown.body.message).toContain("No job found with id 'nope'");
    expect((await api.get(`/job/${job.id}`)).body.retries).toBe(3);
  });
});

describe('job commands and the query', () => {
  test('execute, get and stacktrace of an unknown job answer 404', async () => {
    const exec = await execute('nope');
    expect(exec.status).toBe(404);
    expect(exec.body.type).toBe('InvalidRequestException');
    expect((await api.get('/job/nope')).body).toMatchObject({ type: 'InvalidRequestException', message: 'Job with id nope does not exist' });
    expect((await api.get('/job/nope/stacktrace')).status).toBe(404);
  });

  test('due date, suspension and priority can be changed; a suspended job is not executable', async () => {
    const pi = await startByKey(api, 'delayed');
    const [job] = await jobsOf(pi.id);
    expect((await sendJsonTo(api, 'PUT', `/job/${job.id}/duedate`, { duedate: '2031-05-01T10:00:00.000+0200', cascade: false })).status).toBe(204);
    expect((await sendJsonTo(api, 'PUT', `/job/${job.id}/suspended`, { suspended: true })).status).toBe(204);
    expect((await sendJsonTo(api, 'PUT', `/job/${job.id}/priority`, { priority: 7 })).status).toBe(204);
    expect((await api.get(`/job/${job.id}`)).body).toMatchObject({ dueDate: '2031-05-01T08:00:00.000+0000', suspended: true, priority: 7 });
    expect((await api.get(`/job/count?suspended=true&processInstanceId=${pi.id}`)).body).toEqual({ count: 1 });
    expect((await api.get(`/job/count?active=true&processInstanceId=${pi.id}`)).body).toEqual({ count: 0 });

    expect((await sendJsonTo(api, 'PUT', `/job/${job.id}/duedate`, { duedate: 'tomorrow' })).status).toBe(400);
    expect((await sendJsonTo(api, 'PUT', `/job/${job.id}/suspended`, { suspended: 'yes' })).status).toBe(400);
    expect((await sendJsonTo(api, 'PUT', '/job/nope/duedate', { duedate: null })).status).toBe(500);
    expect((await api.get(`/job/${job.id}`)).body).toMatchObject({ dueDate: '2031-05-01T08:00:00.000+0000', suspended: true });
  });

  test('filters, sorting and paging over GET and POST', async () => {
    const a = await startByKey(api, 'delayed');
    const b = await startByKey(api, 'broken');
    const ids = `processInstanceIds=${a.id},${b.id}`;
    const get = async (q: string) => (await api.get(`/job?${ids}&${q}`)).body.map((j: any) => j.processDefinitionKey);
    expect(await get('timers=true')).toEqual(['delayed']);
    expect(await get('messages=true')).toEqual(['broken']);
    expect(await get('activityId=Later')).toEqual(['delayed']);
    expect(await get(`dueDates=${encodeURIComponent('gt_2000-01-01T00:00:00.000+0000,lt_2100-01-01T00:00:00.000+0000')}`)).toEqual(['delayed']);
    expect(await get('executable=true')).toEqual(['broken']);
    expect(await get('sortBy=processDefinitionKey&sortOrder=desc')).toEqual(['delayed', 'broken']);
    expect(await get('sortBy=processDefinitionKey&sortOrder=asc&firstResult=1&maxResults=5')).toEqual(['delayed']);

    const post = await sendJsonTo(api, 'POST', '/job?maxResults=1', {
      processInstanceIds: [a.id, b.id],
      sorting: [{ sortBy: 'jobDueDate', sortOrder: 'asc' }], // nulls last, as PostgreSQL sorts them
    });
    expect(post.status).toBe(200);
    expect(post.body.map((j: any) => j.processDefinitionKey)).toEqual(['delayed']);
    const count = await sendJsonTo(api, 'POST', '/job/count', { processInstanceIds: [a.id, b.id], dueDates: [{ operator: 'lt', value: '2100-01-01T00:00:00.000+0000' }] });
    expect(count.body).toEqual({ count: 1 });

    expect((await api.get('/job?timers=true&messages=true')).status).toBe(400);
    expect((await api.get('/job?sortBy=nope&sortOrder=asc')).body.message).toBe("Cannot set query parameter 'sortBy' to value 'nope'");
    expect((await api.get(`/job?dueDates=${encodeURIComponent('eq_2000-01-01T00:00:00.000+0000')}`)).body.message).toBe('Invalid due date comparator specified: eq');
    expect((await api.get('/job?withException=maybe')).status).toBe(400);
    expect((await sendJsonTo(api, 'POST', '/job', { jobIds: 'x' })).status).toBe(400);
  });
});

describe('timer start events', () => {
  test('given a timer start whose instance cannot start, when its job fails three times, then the incident belongs to no instance', async () => {
    const model = modelerXml(
      'unstartable',
      `<bpmn:startEvent id="Tick"><bpmn:outgoing>F0</bpmn:outgoing>${timerDef('timeDate', '2099-01-01T00:00:00Z')}</bpmn:startEvent>
      ${flow('F0', 'Tick', 'Call')}<bpmn:serviceTask id="Call" camunda:type="external" camunda:topic="\${missing}" />${flow('F1', 'Call', 'End')}<bpmn:endEvent id="End" />`,
    );
    const def = (await deployModels(api, { 'unstartable.bpmn': model }, 'unstartable')).unstartable;
    const [job] = (await api.get(`/job?processDefinitionId=${def.id}`)).body;
    for (let i = 0; i < 3; i++) expect((await execute(job.id)).status).toBe(404);
    const incidents = await api.db.query<any>('select process_instance_id, process_definition_id, activity_id from engine.incident where configuration = $1', [job.id]);
    expect(incidents).toEqual([{ process_instance_id: null, process_definition_id: def.id, activity_id: 'Tick' }]);
    const listed = await api.get(`/incident?processDefinitionId=${def.id}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ incidentType: 'failedJob', processInstanceId: null, configuration: job.id })]);
    expect(await api.db.query('select 1 from engine.hi_process_instance where process_definition_id = $1', [def.id])).toEqual([]);
  });

  test('given a process with a timer start, when deployed, then a timer-start job exists; executing it starts an instance and schedules the next cycle; a new version replaces the job, deleting it brings the old one back', async () => {
    const v1 = (await deployModels(api, { 'nightly.bpmn': nightly('v1') }, 'nightly')).nightly;
    const jobs = async () => (await api.get(`/job?processDefinitionKey=nightly`)).body as any[];
    const [job] = await jobs();
    expect(job).toMatchObject({ processInstanceId: null, executionId: null, processDefinitionId: v1.id, retries: 3 });

    expect((await execute(job.id)).status).toBe(204);
    const started = await api.db.query<any>(`select start_activity_id from engine.hi_process_instance where process_definition_id = $1`, [v1.id]);
    expect(started).toEqual([{ start_activity_id: 'Tick' }]);
    expect(await api.db.query(`select 1 from engine.task t join engine.process_instance p on p.id = t.process_instance_id where p.process_definition_id = $1`, [v1.id])).toHaveLength(1);
    const [next] = await jobs();
    expect(next.id).not.toBe(job.id);
    expect(next.dueDate).toBe(job.dueDate); // executed early: the schedule's next date is still that one

    const v2 = (await deployModels(api, { 'nightly.bpmn': nightly('v2') }, 'nightly')).nightly;
    const after = await jobs();
    expect(after.map((j) => j.processDefinitionId)).toEqual([v2.id]);

    const { deploymentId } = (await api.get(`/process-definition/${v2.id}`)).body;
    expect((await api.request('DELETE', `/deployment/${deploymentId}`)).status).toBe(204);
    const restored = await jobs();
    expect(restored.map((j) => j.processDefinitionId)).toEqual([v1.id]);
  });
});
