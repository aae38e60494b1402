import { Driver, effectsOf, external, flow, graphOf, history, start, tokenAt } from './support.js';

describe('asynchronous continuations', () => {
  it('given camunda:asyncBefore, when reached, then a job is asked for and the activity does not start until continue', async () => {
    const d = new Driver(await graphOf('Before', [
      start(), '<bpmn:serviceTask id="Charge" camunda:type="external" camunda:topic="charge" camunda:asyncBefore="true" camunda:exclusive="false" />',
      flow('F0', 'Start', 'Charge'),
    ].join('\n')));
    const effects = d.start();
    const token = tokenAt(d, 'Charge');
    expect(history(effects)).toEqual(['+Start', '-Start']);
    expect(effectsOf(effects, 'asyncScheduled')).toEqual([{ type: 'asyncScheduled', executionId: token.id, activityId: 'Charge', position: 'before', exclusive: false }]);
    expect(token.activityInstanceId).toBeNull();
    expect(d.waits()).toEqual(['Charge:asyncBefore']);
    const resumed = d.run({ type: 'continue', executionId: token.id });
    expect(history(resumed)).toEqual(['+Charge']);
    expect(effectsOf(resumed, 'externalTaskCreated')).toHaveLength(1);
    expect(() => d.run({ type: 'continue', executionId: token.id })).toThrow(expect.objectContaining({ code: 'not-waiting' }) as unknown as Error);
  });

  it('given camunda:asyncAfter, when the activity completes, then it ends at once and the job takes the flow', async () => {
    const d = new Driver(await graphOf('After', [
      start(), '<bpmn:userTask id="Review" camunda:asyncAfter="true" />', '<bpmn:endEvent id="End" />', flow('F0', 'Start', 'Review'), flow('F1', 'Review', 'End'),
    ].join('\n')));
    d.start();
    const effects = d.complete('Review');
    expect(history(effects)).toEqual(['-Review']);
    expect(effectsOf(effects, 'asyncScheduled')).toEqual([expect.objectContaining({ activityId: 'Review', position: 'after', exclusive: true })]);
    expect(d.waits()).toEqual(['Review:asyncAfter']);
    const resumed = d.run({ type: 'continue', executionId: tokenAt(d, 'Review').id });
    expect(history(resumed)).toEqual(['+End', '-End']);
    expect(d.status).toBe('completed');
  });

  it('given asyncAfter on a parallel fork, when it runs, then one job per outgoing flow, as Camunda', async () => {
    const d = new Driver(await graphOf('Forks', [
      start(), '<bpmn:parallelGateway id="Fork" camunda:asyncAfter="true" />', external('A', 'a'), external('B', 'b'),
      flow('F0', 'Start', 'Fork'), flow('F1', 'Fork', 'A'), flow('F2', 'Fork', 'B'),
    ].join('\n')));
    const effects = d.start();
    const jobs = effectsOf(effects, 'asyncScheduled');
    expect(jobs).toHaveLength(2);
    expect(d.waits()).toEqual(['Fork:asyncAfter', 'Fork:asyncAfter']);
    expect(history(d.run({ type: 'continue', executionId: jobs[1].executionId }))).toEqual(['+B']);
    expect(history(d.run({ type: 'continue', executionId: jobs[0].executionId }))).toEqual(['+A']);
  });

  it('given asyncBefore and asyncAfter on a multi-instance task, then one job comes before the body and one after it, none per instance (as Camunda)', async () => {
    const d = new Driver(await graphOf('MiAsync', [
      start(), '<bpmn:userTask id="Review" camunda:asyncBefore="true" camunda:asyncAfter="true"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>',
      '<bpmn:endEvent id="End" />', flow('F0', 'Start', 'Review'), flow('F1', 'Review', 'End'),
    ].join('\n')));
    const effects = d.start();
    expect(history(effects)).toEqual(['+Start', '-Start']);
    const [before] = effectsOf(effects, 'asyncScheduled');
    expect(effectsOf(effects, 'asyncScheduled')).toEqual([expect.objectContaining({ activityId: 'Review', position: 'before' })]);
    expect(history(d.run({ type: 'continue', executionId: before.executionId }))).toEqual(['+Review#multiInstanceBody', '+Review', '+Review']);
    expect(d.waits()).toEqual(['Review:userTask', 'Review:userTask']);
    const inner = Object.values(d.state!.executions).filter((e) => e.waiting === 'userTask');
    expect(effectsOf(d.run({ type: 'trigger', executionId: inner[0].id }), 'asyncScheduled')).toEqual([]);
    const last = d.run({ type: 'trigger', executionId: inner[1].id });
    expect(history(last)).toEqual(['-Review', '-Review#multiInstanceBody']);
    const [after] = effectsOf(last, 'asyncScheduled');
    expect(after).toEqual(expect.objectContaining({ activityId: 'Review', position: 'after' }));
    expect(history(d.run({ type: 'continue', executionId: after.executionId }))).toEqual(['+End', '-End']);
    expect(d.status).toBe('completed');
  });
});
