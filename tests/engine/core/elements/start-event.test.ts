import { Driver, effectsOf, flow, graphOf, history, message, timer } from '../support.js';

const BODY = [
  '<bpmn:startEvent id="Manual"><bpmn:outgoing>F0</bpmn:outgoing></bpmn:startEvent>',
  `<bpmn:startEvent id="ByMessage">${message('Msg')}</bpmn:startEvent>`,
  '<bpmn:userTask id="Work" />',
  flow('F0', 'Manual', 'Work'), flow('F1', 'ByMessage', 'Work'),
].join('\n');

describe('start events', () => {
  it('given a message start event, when the instance is started at it, then Camunda records messageStartEvent and the instance goes on', async () => {
    const d = new Driver(await graphOf('Starts', BODY, '<bpmn:message id="Msg" name="order-placed" />'));
    const effects = d.start({ orderId: 1 }, { startEventId: 'ByMessage' });
    expect(history(effects)).toEqual(['+ByMessage', '-ByMessage', '+Work']);
    expect(effectsOf(effects, 'activityStarted')[0]).toMatchObject({ activityType: 'messageStartEvent' });
  });

  it('given a timer start event, when the instance is started at it, then Camunda records startTimerEvent', async () => {
    const d = new Driver(await graphOf('NightlyRun', [
      `<bpmn:startEvent id="Nightly">${timer('PT24H').replace('timeDuration', 'timeCycle').replace('timeDuration', 'timeCycle')}</bpmn:startEvent>`,
      '<bpmn:endEvent id="End" />', flow('F0', 'Nightly', 'End'),
    ].join('\n')));
    const effects = d.start({}, { startEventId: 'Nightly' });
    expect(history(effects)).toEqual(['+Nightly', '-Nightly', '+End', '-End']);
    expect(effectsOf(effects, 'activityStarted')[0]).toMatchObject({ activityType: 'startTimerEvent' });
    expect(d.status).toBe('completed');
  });

  it('given no start event id, when started, then the none start event runs', async () => {
    const d = new Driver(await graphOf('Starts', BODY, '<bpmn:message id="Msg" name="order-placed" />'));
    expect(history(d.start())).toEqual(['+Manual', '-Manual', '+Work']);
  });
});
