/**
 * Scenarios — tasks: user task attributes (constants and expressions), service/send/business-rule
 * tasks as external tasks (topic, taskPriority), receive, manual and plain tasks, driven only
 * through /engine-rest.
 */
import { sendJsonTo } from '../support.js';
import {
  chain,
  completeTask,
  correlate,
  deploy,
  endEvent,
  fetch,
  fetchAndComplete,
  history,
  messageRoot,
  ok,
  startInstance,
  state,
  taskOf,
  tasks,
  useEngineRest,
  variables,
} from './support.js';

const server = useEngineRest('scn_tasks');

const identityLinks = async (taskId: string) =>
  ((await ok(server.api.get(`/task/${taskId}/identity-links`))) as { type: string; userId: string | null; groupId: string | null }[])
    .map((l) => `${l.type}:${l.userId ?? l.groupId}`)
    .sort();

test('user task with constant attributes: assignee, candidates, form key, dates and priority on the TaskDto', async () => {
  const { api } = server;
  await deploy(
    api,
    'tk_const',
    `<bpmn:startEvent id="Start" />
     <bpmn:userTask id="Review" name="Review order" camunda:assignee="anna" camunda:candidateUsers="bob,carl" camunda:candidateGroups="sales,managers"
       camunda:formKey="embedded:app:forms/review.html" camunda:dueDate="2030-01-02T10:00:00Z" camunda:followUpDate="2030-01-01T09:30:00Z" camunda:priority="70" />
     ${endEvent('End')}${chain(['Start', 'Review', 'End'])}`,
  );
  const id = await startInstance(api, 'tk_const', {}, 'order-1');
  const task = await taskOf(api, id);
  expect(task).toMatchObject({
    name: 'Review order',
    taskDefinitionKey: 'Review',
    assignee: 'anna',
    formKey: 'embedded:app:forms/review.html',
    due: '2030-01-02T10:00:00.000+0000',
    followUp: '2030-01-01T09:30:00.000+0000',
    priority: 70,
    processInstanceId: id,
  });
  expect(await identityLinks(task.id)).toEqual(['assignee:anna', 'candidate:bob', 'candidate:carl', 'candidate:managers', 'candidate:sales']);
  expect(await ok(api.get(`/task/${task.id}/form`))).toMatchObject({ key: 'embedded:app:forms/review.html' });
  // The task queries find it by its attributes
  expect((await tasks(api, { assignee: 'anna', processInstanceId: id })).map((t) => t.id)).toEqual([task.id]);
  expect((await tasks(api, { candidateGroup: 'managers', includeAssignedTasks: true, processInstanceId: id })).map((t) => t.id)).toEqual([task.id]);
  expect((await tasks(api, { candidateUser: 'carl', includeAssignedTasks: true, processInstanceId: id })).map((t) => t.id)).toEqual([task.id]);
  expect((await tasks(api, { processInstanceBusinessKey: 'order-1' })).map((t) => t.id)).toEqual([task.id]);
  // When completed with variables, the instance ends with them
  await completeTask(api, task.id, { approved: true, note: 'ok' });
  expect(await history(api, id)).toEqual(['Start', 'Review', 'End']);
  expect(await variables(api, id)).toEqual({ approved: { type: 'Boolean', value: true }, note: { type: 'String', value: 'ok' } });
  const [hiTask] = await ok(api.get(`/history/task?processInstanceId=${id}`));
  expect(hiTask).toMatchObject({ taskDefinitionKey: 'Review', assignee: 'anna', deleteReason: 'completed', priority: 70 });
});

test('candidate lists are read as Camunda reads them: pieces of the attribute trimmed, expression results split at commas but not trimmed, empty ids kept except trailing ones', async () => {
  const { api } = server;
  // Given literal and expression candidates with blanks and empty entries (pinned against Operaton by tf-user-candidate-lists)
  await deploy(
    api,
    'tk_cand_lists',
    `<bpmn:startEvent id="Start" />
     <bpmn:userTask id="Pick" camunda:candidateUsers=" a ,,b, \${users}" camunda:candidateGroups="\${groups},g" />
     ${endEvent('End')}${chain(['Start', 'Pick', 'End'])}`,
  );
  // When started with text results
  const id = await startInstance(api, 'tk_cand_lists', { users: ' c ,d ,', groups: ',e,,f' });
  // Then the literal pieces are trimmed, the results are split at commas only, and nothing trailing is kept
  const task = await taskOf(api, id);
  expect(await identityLinks(task.id)).toEqual(['candidate:', 'candidate:', 'candidate:', 'candidate: c', 'candidate:a', 'candidate:b', 'candidate:d', 'candidate:e', 'candidate:f', 'candidate:g']);
  expect((await tasks(api, { candidateUser: ' c', processInstanceId: id })).map((t) => t.id)).toEqual([task.id]);
  expect(await tasks(api, { candidateUser: 'c', processInstanceId: id })).toEqual([]);
});

test('user task attributes given as expressions are evaluated against the instance', async () => {
  const { api } = server;
  await deploy(
    api,
    'tk_expr',
    `<bpmn:startEvent id="Start" />
     <bpmn:userTask id="Approve" camunda:assignee="\${owner}" camunda:candidateUsers="\${reviewers}" camunda:candidateGroups="sales,\${team}"
       camunda:formKey="app:\${form}" camunda:dueDate="\${due}" camunda:followUpDate="\${followUp}" camunda:priority="\${prio + 1}" />
     ${endEvent('End')}${chain(['Start', 'Approve', 'End'])}`,
  );
  const id = await startInstance(api, 'tk_expr', { owner: 'dora', reviewers: ['bob', 'eve'], team: 'east', form: 'approve', due: '2031-05-06T12:00:00Z', followUp: '2031-05-01T08:00:00Z', prio: 49 });
  const task = await taskOf(api, id);
  expect(task).toMatchObject({
    assignee: 'dora',
    formKey: 'app:approve',
    due: '2031-05-06T12:00:00.000+0000',
    followUp: '2031-05-01T08:00:00.000+0000',
    priority: 50,
  });
  expect(await identityLinks(task.id)).toEqual(['assignee:dora', 'candidate:bob', 'candidate:east', 'candidate:eve', 'candidate:sales']);
  expect((await tasks(api, { candidateGroup: 'east', includeAssignedTasks: true })).map((t) => t.id)).toEqual([task.id]);
});

test('claim, then complete through the task API; the assignee shows in the activity history', async () => {
  const { api } = server;
  await deploy(api, 'tk_claim', `<bpmn:startEvent id="Start" /><bpmn:userTask id="Do" camunda:candidateGroups="ops" />${endEvent('End')}${chain(['Start', 'Do', 'End'])}`);
  const id = await startInstance(api, 'tk_claim');
  const task = await taskOf(api, id);
  expect(task.assignee).toBeNull();
  await ok(sendJsonTo(api, 'POST', `/task/${task.id}/claim`, { userId: 'olga' }), 204);
  expect((await taskOf(api, id)).assignee).toBe('olga');
  await completeTask(api, task.id, { done: 1 });
  expect(await state(api, id)).toBe('COMPLETED');
  const acts = await ok(api.get(`/history/activity-instance?processInstanceId=${id}&activityId=Do`));
  expect(acts[0]).toMatchObject({ activityType: 'userTask', assignee: 'olga', taskId: task.id, canceled: false });
});

test('service, send and business-rule tasks are external tasks of their topic and priority', async () => {
  const { api } = server;
  await deploy(
    api,
    'tk_external',
    `<bpmn:startEvent id="Start" />
     <bpmn:serviceTask id="Charge" camunda:type="external" camunda:topic="tk-charge" camunda:taskPriority="20" />
     <bpmn:sendTask id="Mail" camunda:type="external" camunda:topic="tk-\${channel}" camunda:taskPriority="\${urgent ? 90 : 10}" />
     <bpmn:businessRuleTask id="Score" camunda:type="external" camunda:topic="tk-score" />
     ${endEvent('End')}${chain(['Start', 'Charge', 'Mail', 'Score', 'End'])}`,
  );
  const id = await startInstance(api, 'tk_external', { channel: 'mail', urgent: true, amount: 30 }, 'ext-1');
  // Charge: topic and priority as declared, the instance's variables and business key come along
  const [charge] = await fetch(api, 'tk-charge', id);
  expect(charge).toMatchObject({ activityId: 'Charge', topicName: 'tk-charge', priority: 20, businessKey: 'ext-1', workerId: 'scenario-worker', processDefinitionKey: 'tk_external' });
  expect(charge.variables.amount).toEqual({ type: 'Integer', value: 30, valueInfo: {} });
  await ok(sendJsonTo(api, 'POST', `/external-task/${charge.id}/complete`, { workerId: 'scenario-worker', variables: { receipt: { value: 'R-1', type: 'String' } } }), 204);
  // Mail: topic and priority evaluated
  const mail = await fetchAndComplete(api, 'tk-mail', {}, id);
  expect(mail).toMatchObject({ activityId: 'Mail', priority: 90 });
  // Score: default priority 0, completing it ends the instance with its result
  const score = await fetchAndComplete(api, 'tk-score', { score: 0.75 }, id);
  expect(score).toMatchObject({ activityId: 'Score', priority: 0 });
  expect(await history(api, id)).toEqual(['Start', 'Charge', 'Mail', 'Score', 'End']);
  const vars = await variables(api, id);
  expect(vars.receipt).toEqual({ type: 'String', value: 'R-1' });
  expect(vars.score).toEqual({ type: 'Double', value: 0.75 });
  const types = await ok(api.get(`/history/activity-instance?processInstanceId=${id}&sortBy=occurrence&sortOrder=asc`));
  expect(types.map((a: any) => a.activityType)).toEqual(['startEvent', 'serviceTask', 'sendTask', 'businessRuleTask', 'noneEndEvent']);
});

test('fetchAndLock with usePriority hands out the higher priority first', async () => {
  const { api } = server;
  await deploy(api, 'tk_prio', `<bpmn:startEvent id="Start" /><bpmn:serviceTask id="Job" camunda:type="external" camunda:topic="tk-prio" camunda:taskPriority="\${p}" />${chain(['Start', 'Job'])}`);
  const low = await startInstance(api, 'tk_prio', { p: 5 });
  const high = await startInstance(api, 'tk_prio', { p: 80 });
  const locked = await ok(sendJsonTo(api, 'POST', '/external-task/fetchAndLock', { workerId: 'w', maxTasks: 2, usePriority: true, topics: [{ topicName: 'tk-prio', lockDuration: 1000 }] }));
  expect(locked.map((t: any) => [t.processInstanceId, t.priority])).toEqual([
    [high, 80],
    [low, 5],
  ]);
});

test('receive task waits for its message', async () => {
  const { api } = server;
  await deploy(
    api,
    'tk_receive',
    `<bpmn:startEvent id="Start" /><bpmn:receiveTask id="Confirm" messageRef="Msg" />${endEvent('End')}${chain(['Start', 'Confirm', 'End'])}`,
    messageRoot('Msg', 'tkConfirmed'),
  );
  const id = await startInstance(api, 'tk_receive');
  expect(await history(api, id)).toEqual(['Start', 'Confirm']);
  await correlate(api, 'tkConfirmed', { processInstanceId: id, processVariables: { confirmedBy: { value: 'kim', type: 'String' } } });
  expect(await history(api, id)).toEqual(['Start', 'Confirm', 'End']);
  expect(await state(api, id)).toBe('COMPLETED');
  expect(await variables(api, id)).toEqual({ confirmedBy: { type: 'String', value: 'kim' } });
});

test('manual task and plain task pass through', async () => {
  const { api } = server;
  await deploy(api, 'tk_pass', `<bpmn:startEvent id="Start" /><bpmn:manualTask id="Pack" /><bpmn:task id="Note" />${endEvent('End')}${chain(['Start', 'Pack', 'Note', 'End'])}`);
  const id = await startInstance(api, 'tk_pass');
  const acts = await ok(api.get(`/history/activity-instance?processInstanceId=${id}&sortBy=occurrence&sortOrder=asc`));
  expect(acts.map((a: any) => [a.activityId, a.activityType])).toEqual([
    ['Start', 'startEvent'],
    ['Pack', 'manualTask'],
    ['Note', 'task'],
    ['End', 'noneEndEvent'],
  ]);
  expect(await state(api, id)).toBe('COMPLETED');
});

test('dueDate and followUpDate from Date variables', async () => {
  const { api } = server;
  await deploy(api, 'tk_dates', `<bpmn:startEvent id="Start" /><bpmn:userTask id="Call" camunda:dueDate="\${due}" camunda:followUpDate="\${follow}" />${chain(['Start', 'Call'])}`);
  const res = await sendJsonTo(api, 'POST', '/process-definition/key/tk_dates/start', {
    variables: { due: { value: '2032-02-03T04:05:06.000+0200', type: 'Date' }, follow: { value: '2032-02-01T00:00:00.000+0000', type: 'Date' } },
  });
  expect(res.status).toBe(200);
  const task = await taskOf(api, res.body.id);
  expect(task).toMatchObject({ due: '2032-02-03T02:05:06.000+0000', followUp: '2032-02-01T00:00:00.000+0000' });
  expect((await variables(api, res.body.id)).due).toEqual({ type: 'Date', value: '2032-02-03T02:05:06.000+0000' });
});

test('a candidate expression that resolves to null or a number fails the command, as in Camunda; nothing is started', async () => {
  const { api } = server;
  await deploy(api, 'tk_null_cand', `<bpmn:startEvent id="Start" /><bpmn:userTask id="Pick" camunda:candidateUsers="\${helpers}" />${chain(['Start', 'Pick'])}`);
  for (const helpers of [{ value: null, type: 'Null' }, { value: 7, type: 'Integer' }]) {
    const res = await sendJsonTo(api, 'POST', '/process-definition/key/tk_null_cand/start', { businessKey: 'nc-1', variables: { helpers } });
    // The start resource wraps the engine's exception, as Camunda's does (tf-user-null-candidates in the conformance corpus).
    expect([res.status, res.body.type]).toEqual([500, 'RestException']);
    expect(res.body.message).toContain('did not resolve to a string or collection of strings');
  }
  expect(await ok(api.get('/process-instance?businessKey=nc-1'))).toEqual([]);
  const started = await sendJsonTo(api, 'POST', '/process-definition/key/tk_null_cand/start', { variables: { helpers: { value: 'ann, bo', type: 'String' } } });
  expect(await identityLinks((await taskOf(api, started.body.id)).id)).toEqual(['candidate:ann', 'candidate:bo']);
});
