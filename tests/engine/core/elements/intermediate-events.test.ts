import { Driver, effectsOf, external, flow, graphOf, history, message, others, start, timer, tokenAt } from '../support.js';

const MESSAGES = '<bpmn:message id="Paid" name="paid-${orderId}" /><bpmn:message id="Notify" name="notify" />';

describe('intermediate catch and throw events', () => {
  it('given a message catch event, when reached, then it subscribes the evaluated message name (owned by itself) and waits; the event completes it', async () => {
    const d = new Driver(await graphOf('Catch', [
      start(), `<bpmn:intermediateCatchEvent id="WaitPaid">${message('Paid')}</bpmn:intermediateCatchEvent>`, '<bpmn:endEvent id="End" />',
      flow('F0', 'Start', 'WaitPaid'), flow('F1', 'WaitPaid', 'End'),
    ].join('\n'), MESSAGES));
    const effects = d.start({ orderId: 42 });
    const token = tokenAt(d, 'WaitPaid');
    expect(history(effects)).toEqual(['+Start', '-Start', '+WaitPaid']);
    expect(effectsOf(effects, 'activityStarted').at(-1)).toMatchObject({ activityType: 'intermediateMessageCatch' });
    expect(effectsOf(effects, 'messageSubscribed')).toEqual([
      { type: 'messageSubscribed', ownerActivityInstanceId: token.activityInstanceId, executionId: token.id, nodeId: 'WaitPaid', messageName: 'paid-42' },
    ]);
    expect(d.waits()).toEqual(['WaitPaid:message']);
    const done = d.run({ type: 'event', executionId: token.id, nodeId: 'WaitPaid', variables: { amount: 5 } });
    expect(history(done)).toEqual(['-WaitPaid', '+End', '-End']);
    expect(d.state).toMatchObject({ status: 'completed', variables: { orderId: 42, amount: 5 } });
  });

  it('given a timer catch event, when reached, then a timer with its evaluated value is scheduled; the event completes it', async () => {
    const d = new Driver(await graphOf('Timer', [
      start(), `<bpmn:intermediateCatchEvent id="Later">${timer('${delay}')}</bpmn:intermediateCatchEvent>`, '<bpmn:userTask id="After" />',
      flow('F0', 'Start', 'Later'), flow('F1', 'Later', 'After'),
    ].join('\n')));
    const effects = d.start({ delay: 'PT5M' });
    const token = tokenAt(d, 'Later');
    expect(effectsOf(effects, 'timerScheduled')).toEqual([
      { type: 'timerScheduled', ownerActivityInstanceId: token.activityInstanceId, executionId: token.id, nodeId: 'Later', timer: { type: 'duration', value: 'PT5M' } },
    ]);
    expect(effectsOf(effects, 'activityStarted').at(-1)).toMatchObject({ activityType: 'intermediateTimer' });
    expect(d.waits()).toEqual(['Later:timer']);
    expect(history(d.run({ type: 'event', executionId: token.id, nodeId: 'Later' }))).toEqual(['-Later', '+After']);
  });

  it('given an event for a node the token does not wait at, when executed, then not-waiting and nothing changes', async () => {
    const d = new Driver(await graphOf('Stale', [
      start(), `<bpmn:intermediateCatchEvent id="Later">${timer('PT1H')}</bpmn:intermediateCatchEvent>`, flow('F0', 'Start', 'Later'),
    ].join('\n')));
    d.start();
    const token = tokenAt(d, 'Later');
    expect(() => d.run({ type: 'event', executionId: token.id, nodeId: 'Start' })).toThrow(expect.objectContaining({ code: 'not-waiting' }) as unknown as Error);
    expect(() => d.run({ type: 'trigger', executionId: token.id })).toThrow(expect.objectContaining({ code: 'not-waiting' }) as unknown as Error);
  });

  it('given a message intermediate throw event (external), when reached and completed, then it waits as an external task of type intermediateMessageThrowEvent and goes on', async () => {
    const d = new Driver(await graphOf('Throw', [
      start(), '<bpmn:intermediateThrowEvent id="Tell"><bpmn:messageEventDefinition messageRef="Notify" camunda:type="external" camunda:topic="notify" /></bpmn:intermediateThrowEvent>',
      external('Next', 'next'), flow('F0', 'Start', 'Tell'), flow('F1', 'Tell', 'Next'),
    ].join('\n'), MESSAGES));
    const effects = d.start();
    expect(effectsOf(effects, 'activityStarted').at(-1)).toMatchObject({ activityId: 'Tell', activityType: 'intermediateMessageThrowEvent' });
    expect(others(effects)).toEqual(['externalTaskCreated:Tell']);
    expect(history(d.complete('Tell'))).toEqual(['-Tell', '+Next']);
  });
});
