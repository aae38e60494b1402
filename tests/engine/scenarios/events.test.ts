/**
 * Scenarios — events: start (none, message, timer), end (none, terminate, error, message as an
 * external task), intermediate catch (timer, message) and throw (none, message as an external task),
 * driven only through /engine-rest.
 */
import {
  chain,
  completeTaskAt,
  correlate,
  deploy,
  endEvent,
  errorDef,
  errorRoot,
  executeJobs, fireTimersWhenDue,
  fetch,
  fetchAndComplete,
  fireTimers,
  history,
  historicInstances,
  jobs,
  messageRoot,
  startInstance,
  state,
  tasks,
  timerOf,
  useEngineRest,
  values,
  variables,
} from './support.js';

const server = useEngineRest('scn_events');

test('none start → none end: the instance completes at once', async () => {
  const { api } = server;
  // Given a process Start → End
  await deploy(api, 'ev_none', `<bpmn:startEvent id="Start" />${endEvent('End')}${chain(['Start', 'End'])}`);
  // When it is started with a variable
  const id = await startInstance(api, 'ev_none', { amount: 5 }, 'bk-1');
  // Then it has run through and kept the variable
  expect(await history(api, id)).toEqual(['Start', 'End']);
  expect(await state(api, id)).toBe('COMPLETED');
  expect(await variables(api, id)).toEqual({ amount: { type: 'Integer', value: 5 } });
  const [hi] = await historicInstances(api, { processInstanceId: id });
  expect(hi).toMatchObject({ businessKey: 'bk-1', startActivityId: 'Start', state: 'COMPLETED' });
});

test('message start event: POST /message starts an instance with the business key and variables', async () => {
  const { api } = server;
  // Given a process whose start event waits for message "orderReceived"
  const def = await deploy(
    api,
    'ev_msgstart',
    `<bpmn:startEvent id="Received"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:startEvent><bpmn:userTask id="Handle" />${chain(['Received', 'Handle'])}`,
    messageRoot('Msg', 'orderReceived'),
  );
  // When the message is correlated
  const results = await correlate(api, 'orderReceived', { businessKey: 'order-7', processVariables: { total: { value: 12.5, type: 'Double' } }, resultEnabled: true });
  // Then a new instance of the definition was started by it
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ resultType: 'ProcessDefinition', execution: null, processInstance: { definitionId: def.id, businessKey: 'order-7', ended: false } });
  const id = results[0].processInstance.id;
  expect(await history(api, id)).toEqual(['Received', 'Handle']);
  expect(await variables(api, id)).toEqual({ total: { type: 'Double', value: 12.5 } });
  expect(await tasks(api, { processInstanceId: id })).toEqual([expect.objectContaining({ taskDefinitionKey: 'Handle' })]);
});

test('timer start event (timeCycle R2): each job run on its schedule starts one instance, then the timer is done', async () => {
  const { api } = server;
  // Given a process started by a timer cycle R2/PT1S
  const def = await deploy(api, 'ev_timerstart', `<bpmn:startEvent id="Tick">${timerOf('timeCycle', 'R2/PT1S')}</bpmn:startEvent>${endEvent('End')}${chain(['Tick', 'End'])}`);
  const [job] = await jobs(api, { processDefinitionId: def.id, timers: true });
  expect(job).toMatchObject({ processInstanceId: null, processDefinitionKey: 'ev_timerstart', retries: 3 });
  expect(Date.parse(job.dueDate.replace('+0000', 'Z')) - Date.now()).toBeGreaterThan(0);
  // When its job is executed twice, each time once it is due (the cycle reschedules it once)
  expect(await fireTimersWhenDue(api, { processDefinitionId: def.id })).toBe(1);
  expect(await fireTimersWhenDue(api, { processDefinitionId: def.id })).toBe(1);
  // Then two instances ran Tick → End and no timer is left
  const started = await historicInstances(api, { processDefinitionId: def.id });
  expect(started).toHaveLength(2);
  for (const hi of started) expect(await history(api, hi.id)).toEqual(['Tick', 'End']);
  expect(await jobs(api, { processDefinitionId: def.id })).toEqual([]);
});

test('timer start event (timeDate): one instance, once', async () => {
  const { api } = server;
  const def = await deploy(api, 'ev_timerdate', `<bpmn:startEvent id="At">${timerOf('timeDate', '2040-01-01T08:00:00Z')}</bpmn:startEvent>${endEvent('End')}${chain(['At', 'End'])}`);
  const [job] = await jobs(api, { processDefinitionId: def.id });
  expect(job.dueDate).toBe('2040-01-01T08:00:00.000+0000');
  expect(await executeJobs(api, { processDefinitionId: def.id })).toBe(1);
  const [hi] = await historicInstances(api, { processDefinitionId: def.id });
  expect(await history(api, hi.id)).toEqual(['At', 'End']);
  expect(await jobs(api, { processDefinitionId: def.id })).toEqual([]);
});

test('terminate end event: ends the whole instance, cancelling the parallel branch', async () => {
  const { api } = server;
  // Given a fork into a user task and a terminate end event
  await deploy(
    api,
    'ev_terminate',
    `<bpmn:startEvent id="Start" /><bpmn:parallelGateway id="Fork" /><bpmn:userTask id="Wait" />${endEvent('Done')}
     ${endEvent('Kill', '<bpmn:terminateEventDefinition />')}
     ${chain(['Start', 'Fork', 'Wait', 'Done'])}<bpmn:sequenceFlow id="F9" sourceRef="Fork" targetRef="Kill" />`,
  );
  // When it starts
  const id = await startInstance(api, 'ev_terminate');
  // Then the terminate end event ended it, the user task is cancelled and gone
  const acts = await history(api, id);
  expect(acts).toEqual(['Start', 'Fork', 'Wait', 'Kill']);
  expect(await state(api, id)).toBe('COMPLETED');
  expect(await tasks(api, { processInstanceId: id })).toEqual([]);
  const hiTasks = await (await api.get(`/history/task?processInstanceId=${id}`)).body;
  expect(hiTasks).toEqual([expect.objectContaining({ taskDefinitionKey: 'Wait', deleteReason: 'deleted', endTime: expect.any(String) })]);
});

test('error end event in a subprocess is caught by the error boundary of the subprocess', async () => {
  const { api } = server;
  await deploy(
    api,
    'ev_errorend',
    `<bpmn:startEvent id="Start" />
     <bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart" />${endEvent('Fail', errorDef('Err'))}${chain(['SubStart', 'Fail'], 'S')}</bpmn:subProcess>
     <bpmn:boundaryEvent id="Caught" attachedToRef="Sub">${errorDef('Err', 'camunda:errorCodeVariable="code" camunda:errorMessageVariable="msg"')}</bpmn:boundaryEvent>
     ${endEvent('Normal')}${endEvent('Handled')}
     ${chain(['Start', 'Sub', 'Normal'])}<bpmn:sequenceFlow id="F9" sourceRef="Caught" targetRef="Handled" />`,
    errorRoot('Err', 'E_STOCK', 'out of stock'),
  );
  const id = await startInstance(api, 'ev_errorend');
  expect(await history(api, id)).toEqual(['Start', 'Sub', 'SubStart', 'Fail', 'Caught', 'Handled']);
  expect(await state(api, id)).toBe('COMPLETED');
  expect(await values(api, id)).toEqual({ code: 'E_STOCK', msg: 'out of stock' });
});

test('an error end event nobody catches ends the instance like a none end event', async () => {
  const { api } = server;
  await deploy(api, 'ev_errorunhandled', `<bpmn:startEvent id="Start" />${endEvent('Fail', errorDef('Err'))}${chain(['Start', 'Fail'])}`, errorRoot('Err', 'E1'));
  const id = await startInstance(api, 'ev_errorunhandled');
  expect(await history(api, id)).toEqual(['Start', 'Fail']);
  expect(await state(api, id)).toBe('COMPLETED');
});

test('message end event and message throw event run as external tasks of their topic', async () => {
  const { api } = server;
  // Given Start → Tell (message throw, topic notify) → Bye (message end, topic farewell)
  await deploy(
    api,
    'ev_msgthrow',
    `<bpmn:startEvent id="Start" />
     <bpmn:intermediateThrowEvent id="Tell"><bpmn:messageEventDefinition messageRef="Msg" camunda:type="external" camunda:topic="notify" /></bpmn:intermediateThrowEvent>
     ${endEvent('Bye', '<bpmn:messageEventDefinition messageRef="Msg" camunda:type="external" camunda:topic="farewell" />')}
     ${chain(['Start', 'Tell', 'Bye'])}`,
    messageRoot('Msg', 'note'),
  );
  const id = await startInstance(api, 'ev_msgthrow', { who: 'ann' });
  // When a worker completes each
  const first = await fetchAndComplete(api, 'notify', { notified: true }, id);
  expect(first).toMatchObject({ activityId: 'Tell', topicName: 'notify', processInstanceId: id, variables: { who: { type: 'String', value: 'ann' } } });
  expect(await state(api, id)).toBe('ACTIVE');
  const second = await fetchAndComplete(api, 'farewell', {}, id);
  expect(second.activityId).toBe('Bye');
  // Then the instance went through both and ended
  expect(await history(api, id)).toEqual(['Start', 'Tell', 'Bye']);
  expect(await state(api, id)).toBe('COMPLETED');
  expect(await values(api, id)).toEqual({ who: 'ann', notified: true });
});

test('intermediate timer catch event: a job due after the duration; executing it moves on', async () => {
  const { api } = server;
  await deploy(api, 'ev_timercatch', `<bpmn:startEvent id="Start" /><bpmn:intermediateCatchEvent id="Wait">${timerOf('timeDuration', 'PT2H')}</bpmn:intermediateCatchEvent><bpmn:userTask id="After" />${chain(['Start', 'Wait', 'After'])}`);
  const before = Date.now();
  const id = await startInstance(api, 'ev_timercatch');
  const [job] = await jobs(api, { processInstanceId: id });
  const due = Date.parse(job.dueDate.replace('+0000', 'Z'));
  expect(due).toBeGreaterThanOrEqual(before + 2 * 3600_000 - 1000);
  expect(due).toBeLessThanOrEqual(Date.now() + 2 * 3600_000 + 1000);
  expect(await history(api, id)).toEqual(['Start', 'Wait']);
  expect(await fireTimers(api, id)).toBe(1);
  expect(await history(api, id)).toEqual(['Start', 'Wait', 'After']);
  expect(await jobs(api, { processInstanceId: id })).toEqual([]);
});

test('intermediate message catch event: correlated by business key, with process variables', async () => {
  const { api } = server;
  await deploy(
    api,
    'ev_msgcatch',
    `<bpmn:startEvent id="Start" /><bpmn:intermediateCatchEvent id="Paid"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:intermediateCatchEvent>${endEvent('End')}${chain(['Start', 'Paid', 'End'])}`,
    messageRoot('Msg', 'paymentReceived'),
  );
  const a = await startInstance(api, 'ev_msgcatch', {}, 'inv-1');
  const b = await startInstance(api, 'ev_msgcatch', {}, 'inv-2');
  // When the message for inv-2 arrives
  const results = await correlate(api, 'paymentReceived', { businessKey: 'inv-2', processVariables: { paid: { value: 99, type: 'Long' } }, resultEnabled: true });
  expect(results).toEqual([expect.objectContaining({ resultType: 'Execution', processInstance: null, execution: expect.objectContaining({ processInstanceId: b }) })]);
  // Then only inv-2 moved on, with the variable
  expect(await history(api, b)).toEqual(['Start', 'Paid', 'End']);
  expect(await variables(api, b)).toEqual({ paid: { type: 'Long', value: 99 } });
  expect(await history(api, a)).toEqual(['Start', 'Paid']);
  // And a message nobody waits for is refused as Camunda refuses it
  const none = await api.request('POST', '/message', { body: JSON.stringify({ messageName: 'paymentReceived', businessKey: 'inv-9' }), headers: { 'Content-Type': 'application/json' } });
  expect(none.status).toBe(400);
  expect(none.body.type).toBe('RestException');
});

test('intermediate none throw event passes through', async () => {
  const { api } = server;
  await deploy(api, 'ev_throw', `<bpmn:startEvent id="Start" /><bpmn:intermediateThrowEvent id="Reached" /><bpmn:userTask id="Next" />${chain(['Start', 'Reached', 'Next'])}`);
  const id = await startInstance(api, 'ev_throw');
  expect(await history(api, id)).toEqual(['Start', 'Reached', 'Next']);
  const acts = await (await api.get(`/history/activity-instance?processInstanceId=${id}&activityId=Reached`)).body;
  expect(acts[0]).toMatchObject({ activityType: 'intermediateNoneThrowEvent', endTime: expect.any(String) });
  await completeTaskAt(api, id, 'Next');
  expect(await state(api, id)).toBe('COMPLETED');
  expect(await fetch(api, 'none')).toEqual([]);
});

test('message catch event correlated by correlationKeys; its name and a timer duration may be expressions', async () => {
  const { api } = server;
  // Given Start → Wait for "shipped-<region>" → a timer of `${delay}` → End
  await deploy(
    api,
    'ev_keys',
    `<bpmn:startEvent id="Start" /><bpmn:intermediateCatchEvent id="Shipped"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:intermediateCatchEvent>
     <bpmn:intermediateCatchEvent id="Cool">${timerOf('timeDuration', '${delay}')}</bpmn:intermediateCatchEvent>${endEvent('End')}${chain(['Start', 'Shipped', 'Cool', 'End'])}`,
    messageRoot('Msg', 'shipped-${region}'),
  );
  const north = await startInstance(api, 'ev_keys', { region: 'north', orderNo: 7, delay: 'PT5M' });
  const other = await startInstance(api, 'ev_keys', { region: 'north', orderNo: 8, delay: 'PT5M' });
  // When the message for order 7 arrives under its evaluated name
  await correlate(api, 'shipped-north', { correlationKeys: { orderNo: { value: 7, type: 'Integer' } } });
  // Then only that instance moved on, to a timer due after the evaluated duration
  expect(await history(api, north)).toEqual(['Start', 'Shipped', 'Cool']);
  expect(await history(api, other)).toEqual(['Start', 'Shipped']);
  const [job] = await jobs(api, { processInstanceId: north });
  expect(Date.parse(job.dueDate.replace('+0000', 'Z')) - Date.now()).toBeGreaterThan(4 * 60_000);
  await fireTimers(api, north);
  expect(await state(api, north)).toBe('COMPLETED');
  // And a correlation key matching several instances needs `all`
  const third = await startInstance(api, 'ev_keys', { region: 'north', orderNo: 9, delay: 'PT5M' });
  const many = await api.request('POST', '/message', {
    body: JSON.stringify({ messageName: 'shipped-north', correlationKeys: { region: { value: 'north', type: 'String' } } }),
    headers: { 'Content-Type': 'application/json' },
  });
  expect(many.status).toBe(400);
  expect(many.body.message).toContain('2 executions match the correlation keys');
  expect(await history(api, other)).toEqual(['Start', 'Shipped']);
  expect(await history(api, third)).toEqual(['Start', 'Shipped']);
  await correlate(api, 'shipped-north', { correlationKeys: { region: { value: 'north', type: 'String' } }, all: true });
  expect(await history(api, other)).toEqual(['Start', 'Shipped', 'Cool']);
  expect(await history(api, third)).toEqual(['Start', 'Shipped', 'Cool']);
});
