/**
 * Scenarios — call activity: calledElement with binding latest, camunda:in / camunda:out mappings
 * (source, sourceExpression, variables="all"), the business key handed down, and a BPMN error of
 * the called instance caught on the caller, driven only through /engine-rest.
 */
import {
  boundary,
  canceled,
  chain,
  completeTaskAt,
  deploy,
  endEvent,
  errorDef,
  errorRoot,
  fetchAndComplete,
  fetchAndThrow,
  fireTimers,
  flow,
  historicInstances,
  history,
  ok,
  startInstance,
  state,
  taskOf,
  timerOf,
  useEngineRest,
  variables,
} from './support.js';

const server = useEngineRest('scn_call');

/** The one instance the caller's call activity started. */
async function calleeOf(callerId: string): Promise<any> {
  const found = await historicInstances(server.api, { superProcessInstanceId: callerId });
  expect(found).toHaveLength(1);
  return found[0];
}

const callee = (taskId: string) => `<bpmn:startEvent id="CStart" /><bpmn:userTask id="${taskId}" />${endEvent('CEnd')}${chain(['CStart', taskId, 'CEnd'], 'C')}`;

test('binding latest: the newest callee version runs; in/out mappings by source, expression and business key', async () => {
  const { api } = server;
  // Given two versions of the callee (v2's task is Check2) and a caller with mappings
  await deploy(api, 'ca_callee', callee('Check1'));
  const v2 = await deploy(api, 'ca_callee', callee('Check2'));
  expect(v2.version).toBe(2);
  await deploy(
    api,
    'ca_caller',
    `<bpmn:startEvent id="Start" />
     <bpmn:callActivity id="Call" calledElement="ca_callee">
       <bpmn:extensionElements>
         <camunda:in businessKey="\${execution.processBusinessKey}" />
         <camunda:in source="order" target="orderInCallee" />
         <camunda:in sourceExpression="\${amount * 2}" target="doubled" />
         <camunda:in source="missing" target="nothing" />
         <camunda:out source="verdict" target="calleeVerdict" />
         <camunda:out sourceExpression="\${verdict == 'ok'}" target="passed" />
       </bpmn:extensionElements>
     </bpmn:callActivity>
     <bpmn:userTask id="After" />${chain(['Start', 'Call', 'After'])}`,
  );
  // When the caller starts
  const id = await startInstance(api, 'ca_caller', { order: 'o-1', amount: 21, secret: 'not passed' }, 'bk-call');
  // Then the callee runs v2 with the business key and exactly the mapped variables
  const sub = await calleeOf(id);
  expect(sub).toMatchObject({ processDefinitionId: v2.id, businessKey: 'bk-call', superProcessInstanceId: id, state: 'ACTIVE' });
  expect(await variables(api, sub.id)).toEqual({
    orderInCallee: { type: 'String', value: 'o-1' },
    doubled: { type: 'Long', value: 42 }, // JUEL arithmetic is Long
    nothing: { type: 'Null', value: null },
  });
  const callAct = (await (await api.get(`/history/activity-instance?processInstanceId=${id}&activityId=Call`)).body)[0];
  expect(callAct).toMatchObject({ activityType: 'callActivity', calledProcessInstanceId: sub.id, endTime: null });
  // When the callee's task completes with a verdict
  await completeTaskAt(api, sub.id, 'Check2', { verdict: 'ok', internal: 1 });
  // Then the callee ended and the caller got only the out mappings
  expect(await history(api, sub.id)).toEqual(['CStart', 'Check2', 'CEnd']);
  expect(await state(api, sub.id)).toBe('COMPLETED');
  expect(await history(api, id)).toEqual(['Start', 'Call', 'After']);
  const vars = await variables(api, id);
  expect(vars.calleeVerdict).toEqual({ type: 'String', value: 'ok' });
  expect(vars.passed).toEqual({ type: 'Boolean', value: true });
  expect(vars.internal).toBeUndefined();
  expect(await taskOf(api, id, 'After')).toBeDefined();
});

test('variables="all" in and out: every variable goes down and comes back', async () => {
  const { api } = server;
  await deploy(api, 'ca_all_callee', callee('Work'));
  await deploy(
    api,
    'ca_all',
    `<bpmn:startEvent id="Start" />
     <bpmn:callActivity id="Call" calledElement="ca_all_callee" camunda:calledElementBinding="latest">
       <bpmn:extensionElements><camunda:in variables="all" /><camunda:out variables="all" /></bpmn:extensionElements>
     </bpmn:callActivity>
     ${endEvent('End')}${chain(['Start', 'Call', 'End'])}`,
  );
  const id = await startInstance(api, 'ca_all', { a: 1, b: 'two', list: [1, 2] });
  const sub = await calleeOf(id);
  expect(await variables(api, sub.id)).toEqual({ a: { type: 'Integer', value: 1 }, b: { type: 'String', value: 'two' }, list: { type: 'Json', value: '[1,2]' } });
  await completeTaskAt(api, sub.id, 'Work', { a: 10, c: true });
  expect(await history(api, id)).toEqual(['Start', 'Call', 'End']);
  expect(await variables(api, id)).toEqual({
    a: { type: 'Integer', value: 10 },
    b: { type: 'String', value: 'two' },
    list: { type: 'Json', value: '[1,2]' },
    c: { type: 'Boolean', value: true },
  });
});

test('calledElement as an expression', async () => {
  const { api } = server;
  await deploy(api, 'ca_expr_callee', callee('Target'));
  await deploy(api, 'ca_expr', `<bpmn:startEvent id="Start" /><bpmn:callActivity id="Call" calledElement="\${which}" />${endEvent('End')}${chain(['Start', 'Call', 'End'])}`);
  const id = await startInstance(api, 'ca_expr', { which: 'ca_expr_callee' });
  const sub = await calleeOf(id);
  expect(sub.processDefinitionKey).toBe('ca_expr_callee');
  await completeTaskAt(api, sub.id, 'Target');
  expect(await state(api, id)).toBe('COMPLETED');
});

describe('a BPMN error of the called instance is caught on the caller', () => {
  beforeAll(async () => {
    const { api } = server;
    await deploy(
      api,
      'ca_err_callee',
      `<bpmn:startEvent id="CStart" /><bpmn:serviceTask id="Reserve" camunda:type="external" camunda:topic="ca-reserve" /><bpmn:exclusiveGateway id="Ok" default="CF3" />
       ${endEvent('CEnd')}${endEvent('CFail', errorDef('Err'))}
       ${chain(['CStart', 'Reserve', 'Ok'], 'C')}${flow('CF3', 'Ok', 'CEnd')}${flow('CF4', 'Ok', 'CFail', '${outOfStock}')}`,
      errorRoot('Err', 'E_STOCK'),
    );
    await deploy(
      api,
      'ca_err',
      `<bpmn:startEvent id="Start" /><bpmn:callActivity id="Call" calledElement="ca_err_callee" />${endEvent('End')}${chain(['Start', 'Call', 'End'])}
       ${boundary('Caught', 'Call', errorDef('CallerErr', 'camunda:errorCodeVariable="code"'))}<bpmn:userTask id="Handle" />${flow('F9', 'Caught', 'Handle')}`,
      errorRoot('CallerErr', 'E_STOCK'),
    );
  });

  test('an error end event in the callee', async () => {
    const { api } = server;
    const id = await startInstance(api, 'ca_err');
    const sub = await calleeOf(id);
    const locked = await fetchAndComplete(api, 'ca-reserve', { outOfStock: true }, sub.id);
    expect(locked.processInstanceId).toBe(sub.id);
    expect(await history(api, sub.id)).toEqual(['CStart', 'Reserve', 'Ok', 'CFail']);
    expect(await history(api, id)).toEqual(['Start', 'Call', 'Caught', 'Handle']);
    expect(await canceled(api, id)).toEqual(['Call']);
    expect((await variables(api, id)).code).toEqual({ type: 'String', value: 'E_STOCK' });
  });

  test('an external task bpmnError the callee does not catch', async () => {
    const { api } = server;
    const id = await startInstance(api, 'ca_err');
    const sub = await calleeOf(id);
    await fetchAndThrow(api, 'ca-reserve', 'E_STOCK', {}, sub.id);
    expect(await history(api, id)).toEqual(['Start', 'Call', 'Caught', 'Handle']);
    expect(await state(api, sub.id)).not.toBe('ACTIVE');
    expect(await taskOf(api, id, 'Handle')).toBeDefined();
  });
});

test('a timer boundary on the call activity cancels the called instance', async () => {
  const { api } = server;
  await deploy(api, 'ca_slow_callee', callee('Slow'));
  await deploy(
    api,
    'ca_timeout',
    `<bpmn:startEvent id="Start" /><bpmn:callActivity id="Call" calledElement="ca_slow_callee" />${endEvent('End')}${chain(['Start', 'Call', 'End'])}
     ${boundary('Timeout', 'Call', timerOf('timeDuration', 'PT1H'))}${endEvent('TimedOut')}${flow('F9', 'Timeout', 'TimedOut')}`,
  );
  const id = await startInstance(api, 'ca_timeout');
  const sub = await calleeOf(id);
  expect(await fireTimers(api, id)).toBe(1);
  expect(await history(api, id)).toEqual(['Start', 'Call', 'Timeout', 'TimedOut']);
  expect(await canceled(api, id)).toEqual(['Call']);
  expect(await state(api, sub.id)).toBe('INTERNALLY_TERMINATED');
  expect(await canceled(api, sub.id)).toEqual(['Slow']);
  expect(await ok(api.get(`/task?processInstanceId=${sub.id}`))).toEqual([]);
  const [hiTask] = await ok(api.get(`/history/task?processInstanceId=${sub.id}`));
  expect(hiTask).toMatchObject({ deleteReason: 'deleted', endTime: expect.any(String) });
});
