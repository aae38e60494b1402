import { Driver, effectsOf, flow, graphOf, history, message, start, timer, tokenAt } from '../support.js';

const BODY = [
  start(), '<bpmn:eventBasedGateway id="Race" />',
  `<bpmn:intermediateCatchEvent id="Answer">${message('Msg')}</bpmn:intermediateCatchEvent>`,
  `<bpmn:intermediateCatchEvent id="Timeout">${timer('P1D')}</bpmn:intermediateCatchEvent>`,
  '<bpmn:userTask id="Process" />', '<bpmn:userTask id="Remind" />',
  flow('F0', 'Start', 'Race'), flow('F1', 'Race', 'Answer'), flow('F2', 'Race', 'Timeout'), flow('F3', 'Answer', 'Process'), flow('F4', 'Timeout', 'Remind'),
].join('\n');

describe('event-based gateway', () => {
  it('given the gateway, when reached, then it waits with every following catch event subscribed, owned by the gateway', async () => {
    const d = new Driver(await graphOf('Racing', BODY, '<bpmn:message id="Msg" name="answer" />'));
    const effects = d.start();
    const gateway = tokenAt(d, 'Race');
    expect(history(effects)).toEqual(['+Start', '-Start', '+Race']);
    expect(d.waits()).toEqual(['Race:eventGateway']);
    const owner = { ownerActivityInstanceId: gateway.activityInstanceId, executionId: gateway.id };
    expect(effectsOf(effects, 'messageSubscribed')).toEqual([{ type: 'messageSubscribed', ...owner, nodeId: 'Answer', messageName: 'answer' }]);
    expect(effectsOf(effects, 'timerScheduled')).toEqual([{ type: 'timerScheduled', ...owner, nodeId: 'Timeout', timer: { type: 'duration', value: 'P1D' } }]);
  });

  it.each([
    ['Answer', 'Process'],
    ['Timeout', 'Remind'],
  ])('given the waiting gateway, when %s happens, then the gateway ends as canceled (as Camunda records it) and that catch event runs at once', async (caught, next) => {
    const d = new Driver(await graphOf('Racing', BODY, '<bpmn:message id="Msg" name="answer" />'));
    d.start();
    const effects = d.run({ type: 'event', executionId: tokenAt(d, 'Race').id, nodeId: caught });
    expect(history(effects)).toEqual(['xRace', `+${caught}`, `-${caught}`, `+${next}`]);
    expect(d.waits()).toEqual([`${next}:userTask`]);
  });
});
