import { Driver, effectsOf, flow, graphOf, history, start, tokenAt, userTask } from '../support.js';

const CALL = [
  start(),
  `<bpmn:callActivity id="Bill" calledElement="\${billingKey}"><bpmn:extensionElements>
    <camunda:in businessKey="\${execution.processBusinessKey}-bill" />
    <camunda:in source="orderId" target="id" />
    <camunda:in source="missing" target="nothing" />
    <camunda:in sourceExpression="\${total * 2}" target="doubled" />
    <camunda:out source="invoiceId" target="invoice" />
    <camunda:out sourceExpression="\${amount + 1}" target="next" />
  </bpmn:extensionElements></bpmn:callActivity>`,
  '<bpmn:boundaryEvent id="TooSlow" attachedToRef="Bill"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
  userTask('Ship'), userTask('Chase'),
  flow('F0', 'Start', 'Bill'), flow('F1', 'Bill', 'Ship'), flow('F2', 'TooSlow', 'Chase'),
].join('\n');

describe('call activity', () => {
  it('given camunda:in mappings and a business key, when reached, then callActivityStarted carries the mapped variables and the call activity waits', async () => {
    const d = new Driver(await graphOf('Caller', CALL));
    const effects = d.start({ billingKey: 'billing', orderId: 'o-1', total: 21 }, { businessKey: 'order-1' });
    const token = tokenAt(d, 'Bill');
    expect(effectsOf(effects, 'callActivityStarted')).toEqual([{
      type: 'callActivityStarted', executionId: token.id, activityId: 'Bill', activityInstanceId: token.activityInstanceId,
      calledElement: 'billing', businessKey: 'order-1-bill', variables: { id: 'o-1', nothing: null, doubled: 42 },
    }]);
    expect(effectsOf(effects, 'activityStarted').at(-1)).toMatchObject({ activityType: 'callActivity' });
    expect(d.waits()).toEqual(['Bill:callActivity']);
  });

  it('given the called instance completed, when calledCompleted, then camunda:out mappings (source, expression over the called variables) are applied and it leaves', async () => {
    const d = new Driver(await graphOf('Caller', CALL));
    d.start({ billingKey: 'billing', orderId: 'o-1', total: 21 });
    const effects = d.run({ type: 'calledCompleted', executionId: tokenAt(d, 'Bill').id, variables: { invoiceId: 'inv-9', amount: 4, secret: true } });
    expect(history(effects)).toEqual(['-Bill', '+Ship']);
    expect(d.state?.variables).toEqual({ billingKey: 'billing', orderId: 'o-1', total: 21, invoice: 'inv-9', next: 5 });
  });

  it('given variables="all" in and out (out local), when called and completed, then every visible variable goes in and every called variable comes back local to the call activity', async () => {
    const d = new Driver(await graphOf('AllVars', [
      start(), '<bpmn:subProcess id="Sub">', start('SubStart', 'S0'),
      `<bpmn:callActivity id="Call" calledElement="child"><bpmn:extensionElements><camunda:in variables="all" /><camunda:out variables="all" local="true" />
        <camunda:inputOutput><camunda:inputParameter name="a">local-a</camunda:inputParameter><camunda:outputParameter name="fromChild">\${result}</camunda:outputParameter></camunda:inputOutput>
      </bpmn:extensionElements></bpmn:callActivity>`,
      userTask('Next'), flow('S0', 'SubStart', 'Call'), flow('S1', 'Call', 'Next'), '</bpmn:subProcess>', flow('F0', 'Start', 'Sub'),
    ].join('\n')));
    const effects = d.start({ a: 'process-a', b: 'process-b' });
    expect(effectsOf(effects, 'callActivityStarted')[0].variables).toEqual({ a: 'local-a', b: 'process-b' });
    d.run({ type: 'calledCompleted', executionId: tokenAt(d, 'Call').id, variables: { result: 'r', b: 'child-b' } });
    expect(d.state?.variables).toEqual({ a: 'process-a', b: 'process-b', fromChild: 'r' });
  });

  it('given a timer boundary on the call activity, when it fires, then the call activity is cancelled (its called instance goes with it, by ownership)', async () => {
    const d = new Driver(await graphOf('Caller', CALL));
    d.start({ billingKey: 'billing', orderId: 'o-1', total: 1 });
    const token = tokenAt(d, 'Bill');
    expect(history(d.run({ type: 'event', executionId: token.id, nodeId: 'TooSlow' }))).toEqual(['xBill', '+TooSlow', '-TooSlow', '+Chase']);
    expect(() => d.run({ type: 'calledCompleted', executionId: token.id, variables: {} })).toThrow(expect.objectContaining({ code: 'not-waiting' }) as unknown as Error);
  });
});
