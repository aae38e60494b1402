import { Driver, effectsOf, flow, graphOf, history, message, others, start, timer, tokenAt, userTask } from '../support.js';

const eventSubProcess = (id: string, startId: string, definition: string, interrupting: boolean, body: string[]) => [
  `<bpmn:subProcess id="${id}" triggeredByEvent="true">`,
  `<bpmn:startEvent id="${startId}"${interrupting ? '' : ' isInterrupting="false"'}>${definition}</bpmn:startEvent>`,
  ...body, '</bpmn:subProcess>',
].join('\n');
const MESSAGES = '<bpmn:message id="Cancel" name="cancel-${orderId}" /><bpmn:message id="Update" name="update" />';

describe('event subprocesses at process level', () => {
  const body = [
    start(), userTask('Work'), flow('F0', 'Start', 'Work'),
    eventSubProcess('Cancelling', 'CancelStart', message('Cancel'), true, [userTask('Refund'), flow('C0', 'CancelStart', 'Refund')]),
    eventSubProcess('Reminding', 'RemindStart', timer('P1D'), false, [userTask('Remind'), flow('R0', 'RemindStart', 'Remind')]),
  ].join('\n');

  it('given event subprocesses, when the instance starts, then each start event subscribes, owned by the process instance, before the start event runs', async () => {
    const d = new Driver(await graphOf('Esp', body, MESSAGES));
    const effects = d.start({ orderId: 7 });
    expect(effects.slice(0, 2)).toEqual([
      { type: 'messageSubscribed', ownerActivityInstanceId: 'id1', executionId: null, nodeId: 'CancelStart', messageName: 'cancel-7' },
      { type: 'timerScheduled', ownerActivityInstanceId: 'id1', executionId: null, nodeId: 'RemindStart', timer: { type: 'duration', value: 'P1D' } },
    ]);
  });

  it('given an interrupting message event subprocess, when its message arrives, then the rest of the process is cancelled and the event subprocess runs', async () => {
    const d = new Driver(await graphOf('Esp', body, MESSAGES));
    d.start({ orderId: 7 });
    const effects = d.run({ type: 'event', executionId: null, nodeId: 'CancelStart', variables: { reason: 'late' } });
    expect(history(effects)).toEqual(['xWork', '+Cancelling', '+CancelStart', '-CancelStart', '+Refund']);
    expect(effectsOf(effects, 'activityStarted')[0]).toMatchObject({ activityType: 'subProcess', parentActivityInstanceId: 'id1' });
    expect(effectsOf(effects, 'activityStarted')[1]).toMatchObject({ activityType: 'messageStartEvent' });
    expect(d.state?.variables).toEqual({ orderId: 7, reason: 'late' });
    const done = d.complete('Refund');
    expect(history(done)).toEqual(['-Refund', '-Cancelling']);
    expect(others(done)).toEqual(['instanceEnded:completed']);
  });

  it('given a non-interrupting timer event subprocess, when it fires, then it runs beside the main flow and the instance completes only when both are done', async () => {
    const d = new Driver(await graphOf('Esp', body, MESSAGES));
    d.start({ orderId: 7 });
    const effects = d.run({ type: 'event', executionId: null, nodeId: 'RemindStart' });
    expect(history(effects)).toEqual(['+Reminding', '+RemindStart', '-RemindStart', '+Remind']);
    expect(effectsOf(effects, 'activityStarted')[1]).toMatchObject({ activityType: 'startTimerEvent' });
    expect(d.waits()).toEqual(['Remind:userTask', 'Work:userTask']);
    expect(others(d.complete('Work'))).toEqual([]);
    expect(others(d.complete('Remind'))).toEqual(['instanceEnded:completed']);
  });
});

describe('event subprocesses in an embedded subprocess', () => {
  const body = [
    start(), '<bpmn:subProcess id="Sub">', start('SubStart', 'S0'), userTask('Inner'), flow('S0', 'SubStart', 'Inner'),
    eventSubProcess('Updating', 'UpdateStart', message('Update'), false, [userTask('ApplyUpdate'), flow('U0', 'UpdateStart', 'ApplyUpdate')]),
    '</bpmn:subProcess>', userTask('After'), flow('F0', 'Start', 'Sub'), flow('F1', 'Sub', 'After'),
  ].join('\n');

  it('given the subprocess starts, then its event subprocess subscribes on the subprocess scope; when the scope ends, the subscription is the scope\'s', async () => {
    const d = new Driver(await graphOf('Nested', body, MESSAGES));
    const effects = d.start();
    const sub = tokenAt(d, 'Sub');
    expect(effectsOf(effects, 'messageSubscribed')).toEqual([
      { type: 'messageSubscribed', ownerActivityInstanceId: sub.activityInstanceId, executionId: sub.id, nodeId: 'UpdateStart', messageName: 'update' },
    ]);
    const fired = d.run({ type: 'event', executionId: sub.id, nodeId: 'UpdateStart' });
    expect(history(fired)).toEqual(['+Updating', '+UpdateStart', '-UpdateStart', '+ApplyUpdate']);
    expect(effectsOf(fired, 'activityStarted')[0]).toMatchObject({ parentActivityInstanceId: sub.activityInstanceId });
    d.complete('Inner');
    expect(d.waits()).toEqual(['ApplyUpdate:userTask']);
    expect(history(d.complete('ApplyUpdate'))).toEqual(['-ApplyUpdate', '-Updating', '-Sub', '+After']);
  });

  it('given a process-level executionId for a subprocess event subprocess, when sent, then not-waiting', async () => {
    const d = new Driver(await graphOf('Nested', body, MESSAGES));
    d.start();
    expect(() => d.run({ type: 'event', executionId: null, nodeId: 'UpdateStart' })).toThrow(expect.objectContaining({ code: 'not-waiting' }) as unknown as Error);
  });
});
