import { Driver, flow, graphOf, history, start, testContext, tokenAt } from './support.js';

const io = (inner: string) => `<bpmn:extensionElements><camunda:inputOutput>${inner}</camunda:inputOutput></bpmn:extensionElements>`;

describe('camunda:inputOutput', () => {
  it('given input parameters of every kind, when the activity starts, then they are its local variables, evaluated in the enclosing scope', async () => {
    const d = new Driver(await graphOf('Inputs', [
      start(),
      `<bpmn:userTask id="Review" camunda:assignee="\${who}">${io(`
        <camunda:inputParameter name="who">\${owner}</camunda:inputParameter>
        <camunda:inputParameter name="owner">shadowed</camunda:inputParameter>
        <camunda:inputParameter name="constant">fixed</camunda:inputParameter>
        <camunda:inputParameter name="nothing" />
        <camunda:inputParameter name="items"><camunda:list><camunda:value>a</camunda:value><camunda:value>\${1 + 1}</camunda:value></camunda:list></camunda:inputParameter>
        <camunda:inputParameter name="map"><camunda:map><camunda:entry key="k">\${owner}</camunda:entry><camunda:entry key="nested"><camunda:list><camunda:value>x</camunda:value></camunda:list></camunda:entry></camunda:map></camunda:inputParameter>`)}</bpmn:userTask>`,
      '<bpmn:userTask id="Next" />', flow('F0', 'Start', 'Review'), flow('F1', 'Review', 'Next'),
    ].join('\n')));
    const effects = d.start({ owner: 'anna' });
    expect(effects.find((e) => e.type === 'userTaskCreated')).toMatchObject({ assignee: 'anna' });
    expect(tokenAt(d, 'Review').variables).toEqual({ who: 'anna', owner: 'shadowed', constant: 'fixed', nothing: null, items: ['a', 2], map: { k: 'anna', nested: ['x'] } });
    d.complete('Review');
    expect(d.state?.variables).toEqual({ owner: 'anna' }); // the inputs ended with the activity
    expect(tokenAt(d, 'Next').variables).toEqual({});
  });

  it('given output parameters, when the task completes with variables, then only the outputs reach the process (the completion variables stay local)', async () => {
    const d = new Driver(await graphOf('Outputs', [
      start(),
      `<bpmn:userTask id="Review">${io('<camunda:inputParameter name="draft">d1</camunda:inputParameter><camunda:outputParameter name="decision">${approved ? draft : \'none\'}</camunda:outputParameter>')}</bpmn:userTask>`,
      '<bpmn:userTask id="Next" />', flow('F0', 'Start', 'Review'), flow('F1', 'Review', 'Next'),
    ].join('\n')));
    d.start({ decision: 'old' });
    d.complete('Review', { approved: true });
    expect(d.state?.variables).toEqual({ decision: 'd1' });
  });

  it('given a subprocess with inputs and outputs, when it completes, then its locals end with it and the outputs are set outside', async () => {
    const ctx = testContext({ '${local > 1}': (v) => Number(v('local')) > 1 });
    const d = new Driver(await graphOf('SubIo', [
      start(),
      `<bpmn:subProcess id="Sub">${io('<camunda:inputParameter name="local">${seed * 2}</camunda:inputParameter><camunda:outputParameter name="result">${local + 1}</camunda:outputParameter>')}`,
      start('SubStart', 'S0'), '<bpmn:userTask id="Inner" />', flow('S0', 'SubStart', 'Inner'), '</bpmn:subProcess>',
      '<bpmn:userTask id="Big" />', '<bpmn:userTask id="Small" />',
      flow('F0', 'Start', 'Sub'), flow('F1', 'Sub', 'Big', '${local > 1}'), flow('F2', 'Sub', 'Small', '${local &lt;= 1}'),
    ].join('\n')), ctx);
    d.start({ seed: 3 });
    expect(tokenAt(d, 'Sub').variables).toEqual({ local: 6 });
    const effects = d.complete('Inner');
    expect(history(effects)).toEqual(['-Inner', '-Sub', '+Big']); // conditions see the subprocess's locals
    expect(d.state?.variables).toEqual({ seed: 3, result: 7 });
  });

  it('given an interrupted activity with outputs, when cancelled, then the outputs are still evaluated (Camunda default skipOutputMappingOnCanceledActivities=false)', async () => {
    const d = new Driver(await graphOf('CancelIo', [
      start(),
      `<bpmn:userTask id="Review">${io('<camunda:outputParameter name="seen">${true}</camunda:outputParameter>')}</bpmn:userTask>`,
      '<bpmn:boundaryEvent id="Late" attachedToRef="Review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
      '<bpmn:userTask id="Escalate" />', flow('F0', 'Start', 'Review'), flow('F1', 'Late', 'Escalate'),
    ].join('\n')));
    d.start();
    d.run({ type: 'event', executionId: tokenAt(d, 'Review').id, nodeId: 'Late' });
    expect(d.state?.variables).toEqual({ seen: true });
  });
});
