import { Driver, effectsOf, external, flow, graphOf, history, message, others, start, timer, tokenAt, userTask } from '../support.js';

const boundary = (id: string, host: string, definition: string, interrupting = true) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${host}"${interrupting ? '' : ' cancelActivity="false"'}>${definition}</bpmn:boundaryEvent>`;
const MESSAGES = '<bpmn:message id="Msg" name="cancel" />';

describe('boundary events on a task', () => {
  const body = (definition: string, interrupting: boolean) => [
    start(), userTask('Approve'), boundary('Watch', 'Approve', definition, interrupting), userTask('Escalate'), userTask('Done'),
    flow('F0', 'Start', 'Approve'), flow('F1', 'Approve', 'Done'), flow('F2', 'Watch', 'Escalate'),
  ].join('\n');

  it('given an interrupting timer on a user task, when the task starts, then the timer is owned by the task; when it fires, the task is cancelled and the boundary event leaves', async () => {
    const d = new Driver(await graphOf('Timers', body(timer('${wait}'), true)));
    const effects = d.start({ wait: 'PT2H' });
    const task = tokenAt(d, 'Approve');
    expect(effectsOf(effects, 'timerScheduled')).toEqual([
      { type: 'timerScheduled', ownerActivityInstanceId: task.activityInstanceId, executionId: task.id, nodeId: 'Watch', timer: { type: 'duration', value: 'PT2H' } },
    ]);
    const fired = d.run({ type: 'event', executionId: task.id, nodeId: 'Watch' });
    expect(history(fired)).toEqual(['xApprove', '+Watch', '-Watch', '+Escalate']);
    expect(effectsOf(fired, 'activityStarted')[0]).toMatchObject({ activityType: 'boundaryTimer' });
    expect(d.waits()).toEqual(['Escalate:userTask']);
  });

  it('given a non-interrupting timer (cancelActivity=false), when it fires, then a new token runs from the boundary event and the task goes on', async () => {
    const d = new Driver(await graphOf('Timers', body(timer('PT1H'), false)));
    d.start();
    const task = tokenAt(d, 'Approve');
    expect(history(d.run({ type: 'event', executionId: task.id, nodeId: 'Watch' }))).toEqual(['+Watch', '-Watch', '+Escalate']);
    expect(d.waits()).toEqual(['Approve:userTask', 'Escalate:userTask']);
    expect(history(d.complete('Approve'))).toEqual(['-Approve', '+Done']);
  });

  it('given an interrupting message boundary, when the message arrives, then its variables are set and the task is cancelled', async () => {
    const d = new Driver(await graphOf('Msgs', body(message('Msg'), true), MESSAGES));
    const effects = d.start();
    const task = tokenAt(d, 'Approve');
    expect(effectsOf(effects, 'messageSubscribed')).toEqual([
      { type: 'messageSubscribed', ownerActivityInstanceId: task.activityInstanceId, executionId: task.id, nodeId: 'Watch', messageName: 'cancel' },
    ]);
    const fired = d.run({ type: 'event', executionId: task.id, nodeId: 'Watch', variables: { reason: 'customer' } });
    expect(history(fired)).toEqual(['xApprove', '+Watch', '-Watch', '+Escalate']);
    expect(effectsOf(fired, 'activityStarted')[0]).toMatchObject({ activityType: 'boundaryMessage' });
    expect(d.state?.variables).toEqual({ reason: 'customer' });
  });

  it('given a non-interrupting message boundary, when the message arrives twice, then two tokens run from it', async () => {
    const d = new Driver(await graphOf('Msgs', body(message('Msg'), false), MESSAGES));
    d.start();
    const task = tokenAt(d, 'Approve');
    d.run({ type: 'event', executionId: task.id, nodeId: 'Watch' });
    d.run({ type: 'event', executionId: task.id, nodeId: 'Watch' });
    expect(d.waits()).toEqual(['Approve:userTask', 'Escalate:userTask', 'Escalate:userTask']);
  });

  it('given the task has completed, when its boundary event still arrives, then not-waiting (a stale subscription)', async () => {
    const d = new Driver(await graphOf('Msgs', body(message('Msg'), true), MESSAGES));
    d.start();
    const task = tokenAt(d, 'Approve');
    d.complete('Approve');
    expect(() => d.run({ type: 'event', executionId: task.id, nodeId: 'Watch' })).toThrow(expect.objectContaining({ code: 'not-waiting' }) as unknown as Error);
  });
});

describe('boundary events on a subprocess', () => {
  it('given a message boundary on a subprocess, then it subscribes on the subprocess scope token; when it fires, the inner tokens are cancelled innermost first', async () => {
    const d = new Driver(await graphOf('SubMsg', [
      start(), '<bpmn:subProcess id="Sub">', start('SubStart', 'S0'), '<bpmn:parallelGateway id="Fork" />',
      external('A', 'a'), '<bpmn:subProcess id="Inner">', start('InnerStart', 'I0'), userTask('Deep'), flow('I0', 'InnerStart', 'Deep'), '</bpmn:subProcess>',
      flow('S0', 'SubStart', 'Fork'), flow('S1', 'Fork', 'A'), flow('S2', 'Fork', 'Inner'), '</bpmn:subProcess>',
      boundary('Abort', 'Sub', message('Msg')), userTask('Aborted'),
      flow('F0', 'Start', 'Sub'), flow('F1', 'Abort', 'Aborted'),
    ].join('\n'), MESSAGES));
    const effects = d.start();
    const sub = tokenAt(d, 'Sub');
    expect(sub.scope).toBe(true);
    expect(effectsOf(effects, 'messageSubscribed')).toEqual([
      { type: 'messageSubscribed', ownerActivityInstanceId: sub.activityInstanceId, executionId: sub.id, nodeId: 'Abort', messageName: 'cancel' },
    ]);
    const fired = d.run({ type: 'event', executionId: sub.id, nodeId: 'Abort' });
    expect(history(fired)).toEqual(['xA', 'xDeep', 'xInner', 'xSub', '+Abort', '-Abort', '+Aborted']);
    expect(others(fired)).toEqual(['waitCancelled:A', 'waitCancelled:Deep', 'userTaskCreated:Aborted']);
    expect(d.waits()).toEqual(['Aborted:userTask']);
    expect(Object.keys(d.state!.executions)).toHaveLength(1);
  });
});
