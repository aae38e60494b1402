/**
 * Scenarios — embedded subprocesses and event subprocesses (timer, message and error starts,
 * interrupting and not), driven only through /engine-rest.
 */
import {
  canceled,
  chain,
  completeTaskAt,
  correlate,
  deploy,
  endEvent,
  errorDef,
  errorRoot,
  fetchAndThrow,
  fireTimers,
  history,
  jobs,
  messageRoot,
  openTaskKeys,
  startInstance,
  state,
  timerOf,
  useEngineRest,
  values,
} from './support.js';

const server = useEngineRest('scn_subprocesses');

const taskKeys = (processInstanceId: string) => openTaskKeys(server.api, processInstanceId);

/** An event subprocess `id` started by `startDefinition`, running one user task `<id>Task`. */
const eventSub = (id: string, startDefinition: string, interrupting = true) =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true">
     <bpmn:startEvent id="${id}Start"${interrupting ? '' : ' isInterrupting="false"'}>${startDefinition}</bpmn:startEvent><bpmn:userTask id="${id}Task" />${endEvent(`${id}End`)}
     ${chain([`${id}Start`, `${id}Task`, `${id}End`], `${id}F`)}
   </bpmn:subProcess>`;

test('embedded subprocess: its inner path runs in its scope, then the flow leaves it', async () => {
  const { api } = server;
  await deploy(
    api,
    'sp_embedded',
    `<bpmn:startEvent id="Start" />
     <bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart" /><bpmn:userTask id="Inner" />${endEvent('SubEnd')}${chain(['SubStart', 'Inner', 'SubEnd'], 'S')}</bpmn:subProcess>
     <bpmn:userTask id="After" />${chain(['Start', 'Sub', 'After'])}`,
  );
  const id = await startInstance(api, 'sp_embedded');
  const acts = await (await api.get(`/history/activity-instance?processInstanceId=${id}&activityId=Inner`)).body;
  const sub = await (await api.get(`/history/activity-instance?processInstanceId=${id}&activityId=Sub`)).body;
  expect(acts[0].parentActivityInstanceId).toBe(sub[0].id);
  expect(sub[0]).toMatchObject({ activityType: 'subProcess', parentActivityInstanceId: id, endTime: null });
  await completeTaskAt(api, id, 'Inner', { inside: 'yes' });
  expect(await history(api, id)).toEqual(['Start', 'Sub', 'SubStart', 'Inner', 'SubEnd', 'After']);
  expect(await values(api, id)).toEqual({ inside: 'yes' });
});

describe('event subprocesses of the process', () => {
  beforeAll(async () => {
    await deploy(
      server.api,
      'sp_events',
      `<bpmn:startEvent id="Start" /><bpmn:userTask id="Main" />${endEvent('End')}${chain(['Start', 'Main', 'End'])}
       ${eventSub('OnTimer', timerOf('timeDuration', 'PT30M'), false)}
       ${eventSub('OnInfo', '<bpmn:messageEventDefinition messageRef="Info" />', false)}
       ${eventSub('OnAbort', '<bpmn:messageEventDefinition messageRef="Abort" />')}`,
      `${messageRoot('Info', 'spInfo')}${messageRoot('Abort', 'spAbort')}`,
    );
  });

  test('non-interrupting timer and message starts run beside the main path; the instance ends when all are done', async () => {
    const { api } = server;
    const id = await startInstance(api, 'sp_events', {}, 'e-1');
    expect(await fireTimers(api, id)).toBe(1);
    await correlate(api, 'spInfo', { businessKey: 'e-1' });
    expect(await taskKeys(id)).toEqual(['Main', 'OnInfoTask', 'OnTimerTask']);
    await completeTaskAt(api, id, 'Main');
    expect(await state(api, id)).toBe('ACTIVE');
    await completeTaskAt(api, id, 'OnTimerTask');
    await completeTaskAt(api, id, 'OnInfoTask');
    expect(await history(api, id)).toEqual([
      'Start', 'Main', 'OnTimer', 'OnTimerStart', 'OnTimerTask', 'OnInfo', 'OnInfoStart', 'OnInfoTask', 'End', 'OnTimerEnd', 'OnInfoEnd',
    ]);
    expect(await state(api, id)).toBe('COMPLETED');
  });

  test('interrupting message start cancels the main path and the other subscriptions', async () => {
    const { api } = server;
    const id = await startInstance(api, 'sp_events', {}, 'e-2');
    await correlate(api, 'spAbort', { businessKey: 'e-2', processVariables: { reason: { value: 'customer', type: 'String' } } });
    expect(await taskKeys(id)).toEqual(['OnAbortTask']);
    expect(await canceled(api, id)).toEqual(['Main']);
    await completeTaskAt(api, id, 'OnAbortTask');
    expect(await history(api, id)).toEqual(['Start', 'Main', 'OnAbort', 'OnAbortStart', 'OnAbortTask', 'OnAbortEnd']);
    expect(await values(api, id)).toEqual({ reason: 'customer' });
    expect(await jobs(api, { processInstanceId: id })).toEqual([]);
    expect(await state(api, id)).toBe('COMPLETED');
  });

  test('once an interrupting event subprocess has started, the other event subprocesses of its scope no longer answer', async () => {
    const { api } = server;
    const id = await startInstance(api, 'sp_events', {}, 'e-3');
    await correlate(api, 'spAbort', { businessKey: 'e-3' });
    expect(await jobs(api, { processInstanceId: id })).toEqual([]);
    const late = await api.request('POST', '/message', { body: JSON.stringify({ messageName: 'spInfo', businessKey: 'e-3' }), headers: { 'Content-Type': 'application/json' } });
    expect(late.status).toBe(400);
    expect(await openTaskKeys(api, id)).toEqual(['OnAbortTask']);
  });
});

test('interrupting timer event subprocess inside an embedded subprocess cancels only that scope', async () => {
  const { api } = server;
  await deploy(
    api,
    'sp_scoped_timer',
    `<bpmn:startEvent id="Start" />
     <bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart" /><bpmn:userTask id="Inner" />${endEvent('SubEnd')}${chain(['SubStart', 'Inner', 'SubEnd'], 'S')}
       ${eventSub('Expire', timerOf('timeDuration', 'PT1H'))}
     </bpmn:subProcess>
     <bpmn:userTask id="After" />${chain(['Start', 'Sub', 'After'])}`,
  );
  const id = await startInstance(api, 'sp_scoped_timer');
  expect(await fireTimers(api, id)).toBe(1);
  expect(await taskKeys(id)).toEqual(['ExpireTask']);
  await completeTaskAt(api, id, 'ExpireTask');
  expect(await history(api, id)).toEqual(['Start', 'Sub', 'SubStart', 'Inner', 'Expire', 'ExpireStart', 'ExpireTask', 'ExpireEnd', 'After']);
  expect(await canceled(api, id)).toEqual(['Inner']);
});

test('error event subprocess catches a bpmnError of an external task, with the error code variable', async () => {
  const { api } = server;
  await deploy(
    api,
    'sp_error',
    `<bpmn:startEvent id="Start" /><bpmn:serviceTask id="Charge" camunda:type="external" camunda:topic="sp-charge" />${endEvent('End')}${chain(['Start', 'Charge', 'End'])}
     <bpmn:subProcess id="OnError" triggeredByEvent="true">
       <bpmn:startEvent id="OnErrorStart">${errorDef('Declined', 'camunda:errorCodeVariable="errCode"')}</bpmn:startEvent><bpmn:userTask id="Refund" />${endEvent('OnErrorEnd')}
       ${chain(['OnErrorStart', 'Refund', 'OnErrorEnd'], 'E')}
     </bpmn:subProcess>`,
    errorRoot('Declined', 'CARD_DECLINED'),
  );
  const id = await startInstance(api, 'sp_error');
  await fetchAndThrow(api, 'sp-charge', 'CARD_DECLINED', { errorMessage: 'insufficient funds' }, id);
  expect(await taskKeys(id)).toEqual(['Refund']);
  await completeTaskAt(api, id, 'Refund');
  expect(await history(api, id)).toEqual(['Start', 'Charge', 'OnError', 'OnErrorStart', 'Refund', 'OnErrorEnd']);
  expect(await canceled(api, id)).toEqual(['Charge']);
  expect(await values(api, id)).toEqual({ errCode: 'CARD_DECLINED' });
  expect(await state(api, id)).toBe('COMPLETED');
});
