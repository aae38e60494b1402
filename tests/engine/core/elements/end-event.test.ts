import { Driver, external, flow, graphOf, history, others, start } from '../support.js';

describe('end events', () => {
  it('given two branches, when one reaches a none end event, then only its token ends and the instance stays active', async () => {
    const d = new Driver(await graphOf('Ends', [
      start(), '<bpmn:parallelGateway id="Fork" />', '<bpmn:userTask id="Work" />', '<bpmn:endEvent id="Quick" />', '<bpmn:endEvent id="End" />',
      flow('F0', 'Start', 'Fork'), flow('F1', 'Fork', 'Quick'), flow('F2', 'Fork', 'Work'), flow('F3', 'Work', 'End'),
    ].join('\n')));
    const effects = d.start();
    expect(history(effects)).toEqual(['+Start', '-Start', '+Fork', '-Fork', '+Quick', '-Quick', '+Work']);
    expect(d.status).toBe('active');
    expect(others(d.complete('Work'))).toEqual(['instanceEnded:completed']);
  });

  it('given a waiting user task and external task, when the other branch reaches a terminate end event, then their waits are cancelled and the instance completes', async () => {
    const d = new Driver(await graphOf('Term', [
      start(), '<bpmn:parallelGateway id="Fork" />', '<bpmn:userTask id="Approve" />', external('Charge', 'charge'), '<bpmn:userTask id="Reject" />',
      '<bpmn:endEvent id="Stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>', '<bpmn:endEvent id="End" />',
      flow('F0', 'Start', 'Fork'), flow('F1', 'Fork', 'Approve'), flow('F2', 'Fork', 'Charge'), flow('F3', 'Fork', 'Reject'),
      flow('F4', 'Approve', 'End'), flow('F5', 'Charge', 'End'), flow('F6', 'Reject', 'Stop'),
    ].join('\n')));
    d.start();
    expect(d.waits()).toEqual(['Approve:userTask', 'Charge:externalTask', 'Reject:userTask']);
    const effects = d.complete('Reject');
    expect(history(effects)).toEqual(['-Reject', '+Stop', 'xApprove', 'xCharge', '-Stop']);
    expect(others(effects)).toEqual(['waitCancelled:Approve', 'waitCancelled:Charge', 'instanceEnded:completed']);
    expect(effects.find((e) => e.type === 'activityStarted' && e.activityId === 'Stop')).toMatchObject({ activityType: 'terminateEndEvent' });
    expect(d.state).toMatchObject({ status: 'completed', executions: {} });
  });

  it('given a terminate end event reached before a sibling branch started, when it runs, then the pending branch never starts', async () => {
    const d = new Driver(await graphOf('TermEarly', [
      start(), '<bpmn:parallelGateway id="Fork" />', '<bpmn:endEvent id="Stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>', '<bpmn:userTask id="Late" />',
      flow('F0', 'Start', 'Fork'), flow('F1', 'Fork', 'Stop'), flow('F2', 'Fork', 'Late'),
    ].join('\n')));
    const effects = d.start();
    expect(history(effects)).toEqual(['+Start', '-Start', '+Fork', '-Fork', '+Stop', '-Stop']);
    expect(others(effects)).toEqual(['instanceEnded:completed']);
  });

  it('given a message end event (external), when reached and completed, then it waits as an external task and then ends the instance', async () => {
    const d = new Driver(await graphOf('MsgEnd', [
      start(),
      '<bpmn:endEvent id="Notify"><bpmn:messageEventDefinition id="Def" messageRef="Msg" camunda:type="external" camunda:topic="notify" /></bpmn:endEvent>',
      flow('F0', 'Start', 'Notify'),
    ].join('\n'), '<bpmn:message id="Msg" name="notified" />'));
    const effects = d.start();
    expect(history(effects)).toEqual(['+Start', '-Start', '+Notify']);
    expect(effects.find((e) => e.type === 'externalTaskCreated')).toMatchObject({ activityId: 'Notify', topic: 'notify' });
    expect(effects.find((e) => e.type === 'activityStarted' && e.activityId === 'Notify')).toMatchObject({ activityType: 'messageEndEvent' });
    const done = d.complete('Notify');
    expect(history(done)).toEqual(['-Notify']);
    expect(others(done)).toEqual(['instanceEnded:completed']);
  });
});
