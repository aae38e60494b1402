/**
 * Scenarios — gateways: exclusive (conditions, default flow, no match), parallel fork/join,
 * inclusive fork/join, event-based (message vs timer), and conditional sequence flows out of an
 * activity, driven only through /engine-rest.
 */
import { sendJsonTo } from '../support.js';
import {
  completeTaskAt,
  correlate,
  deploy,
  endEvent,
  fireTimers,
  flow,
  history,
  jobs,
  messageRoot,
  openTaskKeys,
  startInstance,
  state,
  timerOf,
  useEngineRest,
} from './support.js';

const server = useEngineRest('scn_gateways');

const taskKeys = (processInstanceId: string) => openTaskKeys(server.api, processInstanceId);

describe('exclusive gateway', () => {
  const model = `<bpmn:startEvent id="Start" />
    <bpmn:exclusiveGateway id="Amount" default="ToSmall" />
    <bpmn:task id="Big" /><bpmn:task id="Medium" /><bpmn:task id="Small" />${endEvent('End')}
    ${flow('F1', 'Start', 'Amount')}
    ${flow('ToBig', 'Amount', 'Big', '${amount > 1000}')}
    ${flow('ToMedium', 'Amount', 'Medium', '${amount > 100}')}
    ${flow('ToSmall', 'Amount', 'Small')}
    ${flow('F2', 'Big', 'End')}${flow('F3', 'Medium', 'End')}${flow('F4', 'Small', 'End')}`;
  beforeAll(async () => {
    await deploy(server.api, 'gw_xor', model);
  });

  test.each([
    [5000, 'Big'],
    [500, 'Medium'],
    [5, 'Small'],
  ])('amount %d takes the first true condition in order, else the default (%s)', async (amount, expected) => {
    const id = await startInstance(server.api, 'gw_xor', { amount });
    expect(await history(server.api, id)).toEqual(['Start', 'Amount', expected, 'End']);
  });

  test('a condition on an unknown variable fails the start with a 500 RestException, as Camunda, and starts nothing', async () => {
    const { api } = server;
    const before = (await api.get('/history/process-instance/count?processDefinitionKey=gw_xor')).body.count;
    const res = await sendJsonTo(api, 'POST', '/process-definition/key/gw_xor/start', {});
    expect([res.status, res.body.type]).toEqual([500, 'RestException']);
    expect(res.body.message).toContain("Cannot resolve identifier 'amount'");
    expect((await api.get('/history/process-instance/count?processDefinitionKey=gw_xor')).body.count).toBe(before);
  });
});

test('exclusive gateway with no true condition and no default refuses like Camunda', async () => {
  const { api } = server;
  await deploy(
    api,
    'gw_xor_none',
    `<bpmn:startEvent id="Start" /><bpmn:exclusiveGateway id="G" /><bpmn:task id="A" /><bpmn:task id="B" />
     ${flow('F1', 'Start', 'G')}${flow('F2', 'G', 'A', '${x == 1}')}${flow('F3', 'G', 'B', '${x == 3}')}`,
  );
  const res = await sendJsonTo(api, 'POST', '/process-definition/key/gw_xor_none/start', { variables: { x: { value: 2, type: 'Integer' } } });
  expect([res.status, res.body.type]).toEqual([500, 'RestException']);
  expect(res.body.message).toContain("ENGINE-02004 No outgoing sequence flow for the element with id 'G' could be selected for continuing the process.");
  expect((await api.get('/history/process-instance/count?processDefinitionKey=gw_xor_none')).body).toEqual({ count: 0 });
});

test('parallel gateway: fork into two user tasks, join waits for both', async () => {
  const { api } = server;
  await deploy(
    api,
    'gw_and',
    `<bpmn:startEvent id="Start" /><bpmn:parallelGateway id="Fork" /><bpmn:userTask id="A" /><bpmn:userTask id="B" /><bpmn:parallelGateway id="Join" />${endEvent('End')}
     ${flow('F1', 'Start', 'Fork')}${flow('F2', 'Fork', 'A')}${flow('F3', 'Fork', 'B')}${flow('F4', 'A', 'Join')}${flow('F5', 'B', 'Join')}${flow('F6', 'Join', 'End')}`,
  );
  const id = await startInstance(api, 'gw_and');
  expect(await taskKeys(id)).toEqual(['A', 'B']);
  await completeTaskAt(api, id, 'B');
  expect(await history(api, id)).toEqual(['Start', 'Fork', 'A', 'B', 'Join']);
  expect(await state(api, id)).toBe('ACTIVE');
  await completeTaskAt(api, id, 'A');
  expect(await history(api, id)).toEqual(['Start', 'Fork', 'A', 'B', 'Join', 'Join', 'End']);
  expect(await state(api, id)).toBe('COMPLETED');
});

describe('inclusive gateway', () => {
  beforeAll(async () => {
    await deploy(
      server.api,
      'gw_or',
      `<bpmn:startEvent id="Start" /><bpmn:inclusiveGateway id="Fork" default="ToC" /><bpmn:userTask id="A" /><bpmn:userTask id="B" /><bpmn:userTask id="C" />
       <bpmn:inclusiveGateway id="Join" />${endEvent('End')}
       ${flow('F1', 'Start', 'Fork')}${flow('ToA', 'Fork', 'A', '${a}')}${flow('ToB', 'Fork', 'B', '${b}')}${flow('ToC', 'Fork', 'C')}
       ${flow('F4', 'A', 'Join')}${flow('F5', 'B', 'Join')}${flow('F6', 'C', 'Join')}${flow('F7', 'Join', 'End')}`,
    );
  });

  test('every true condition forks; the join waits only for the branches taken', async () => {
    const { api } = server;
    const id = await startInstance(api, 'gw_or', { a: true, b: true });
    expect(await taskKeys(id)).toEqual(['A', 'B']);
    await completeTaskAt(api, id, 'A');
    expect(await state(api, id)).toBe('ACTIVE');
    await completeTaskAt(api, id, 'B');
    expect(await history(api, id)).toEqual(['Start', 'Fork', 'A', 'B', 'Join', 'Join', 'End']);
    expect(await state(api, id)).toBe('COMPLETED');
  });

  test('one true condition: one branch, the join passes at once', async () => {
    const { api } = server;
    const id = await startInstance(api, 'gw_or', { a: false, b: true });
    expect(await taskKeys(id)).toEqual(['B']);
    await completeTaskAt(api, id, 'B');
    expect(await history(api, id)).toEqual(['Start', 'Fork', 'B', 'Join', 'End']);
  });

  test('no true condition: the default flow', async () => {
    const { api } = server;
    const id = await startInstance(api, 'gw_or', { a: false, b: false });
    expect(await taskKeys(id)).toEqual(['C']);
    await completeTaskAt(api, id, 'C');
    expect(await history(api, id)).toEqual(['Start', 'Fork', 'C', 'Join', 'End']);
  });
});

describe('event-based gateway', () => {
  beforeAll(async () => {
    await deploy(
      server.api,
      'gw_event',
      `<bpmn:startEvent id="Start" /><bpmn:eventBasedGateway id="Race" />
       <bpmn:intermediateCatchEvent id="Answer"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:intermediateCatchEvent>
       <bpmn:intermediateCatchEvent id="Timeout">${timerOf('timeDuration', 'P3D')}</bpmn:intermediateCatchEvent>
       ${endEvent('Answered')}${endEvent('TimedOut')}
       ${flow('F1', 'Start', 'Race')}${flow('F2', 'Race', 'Answer')}${flow('F3', 'Race', 'Timeout')}${flow('F4', 'Answer', 'Answered')}${flow('F5', 'Timeout', 'TimedOut')}`,
      messageRoot('Msg', 'gwAnswer'),
    );
  });

  test('the message arrives first: the timer is removed', async () => {
    const { api } = server;
    const id = await startInstance(api, 'gw_event', {}, 'race-1');
    expect(await jobs(api, { processInstanceId: id })).toHaveLength(1);
    await correlate(api, 'gwAnswer', { businessKey: 'race-1' });
    expect(await history(api, id)).toEqual(['Start', 'Race', 'Answer', 'Answered']);
    expect(await jobs(api, { processInstanceId: id })).toEqual([]);
    expect(await state(api, id)).toBe('COMPLETED');
  });

  test('the timer fires first: the message subscription is removed', async () => {
    const { api } = server;
    const id = await startInstance(api, 'gw_event', {}, 'race-2');
    expect(await fireTimers(api, id)).toBe(1);
    expect(await history(api, id)).toEqual(['Start', 'Race', 'Timeout', 'TimedOut']);
    const late = await sendJsonTo(api, 'POST', '/message', { messageName: 'gwAnswer', businessKey: 'race-2' });
    expect(late.status).toBe(400);
  });
});

test('conditional sequence flows out of a task: every true one is taken', async () => {
  const { api } = server;
  await deploy(
    api,
    'gw_conditional',
    `<bpmn:startEvent id="Start" /><bpmn:task id="Check" /><bpmn:userTask id="Notify" /><bpmn:userTask id="Archive" /><bpmn:userTask id="Escalate" />
     ${flow('F1', 'Start', 'Check')}${flow('C1', 'Check', 'Notify', '${vip}')}${flow('C2', 'Check', 'Archive', '${!vip}')}${flow('C3', 'Check', 'Escalate', '${score ge 8}')}`,
  );
  const vip = await startInstance(api, 'gw_conditional', { vip: true, score: 9 });
  expect(await taskKeys(vip)).toEqual(['Escalate', 'Notify']);
  const plain = await startInstance(api, 'gw_conditional', { vip: false, score: 2 });
  expect(await taskKeys(plain)).toEqual(['Archive']);
  expect(await history(api, plain)).toEqual(['Start', 'Check', 'Archive']);
});
