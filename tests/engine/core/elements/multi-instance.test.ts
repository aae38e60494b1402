import { CoreError } from '../../../../engine/core/index.js';
import { Driver, effectsOf, external, flow, graphOf, history, others, start, tokenAt } from '../support.js';

const mi = (attrs: string, inner = '') => `<bpmn:multiInstanceLoopCharacteristics ${attrs}>${inner}</bpmn:multiInstanceLoopCharacteristics>`;
const task = (loop: string, extra = '') => `<bpmn:userTask id="Review" camunda:assignee="\${reviewer}"${extra}>${loop}</bpmn:userTask>`;
const body = (loop: string, extra = '') => [start(), task(loop, extra), '<bpmn:userTask id="After" />', flow('F0', 'Start', 'Review'), flow('F1', 'Review', 'After')].join('\n');
const inner = (d: Driver) => Object.values(d.state!.executions).filter((e) => e.activityId === 'Review' && !e.multiInstance);

describe('parallel multi-instance', () => {
  it('given a collection variable and element variable, when entered, then the body starts, then one instance per element with its own loopCounter and element', async () => {
    const d = new Driver(await graphOf('Par', body(mi('camunda:collection="reviewers" camunda:elementVariable="reviewer"'))));
    const effects = d.start({ reviewers: ['anna', 'bob', 'eve'] });
    expect(history(effects)).toEqual(['+Start', '-Start', '+Review#multiInstanceBody', '+Review', '+Review', '+Review']);
    const [bodyStarted, ...instances] = effectsOf(effects, 'activityStarted').slice(1);
    expect(bodyStarted).toMatchObject({ activityType: 'multiInstanceBody', activityInstanceId: expect.stringMatching(/^Review#multiInstanceBody:/), parentActivityInstanceId: d.state!.id });
    for (const i of instances) expect(i).toMatchObject({ activityType: 'userTask', parentActivityInstanceId: bodyStarted.activityInstanceId });
    expect(effectsOf(effects, 'userTaskCreated').map((t) => t.assignee)).toEqual(['anna', 'bob', 'eve']);
    expect(tokenAt(d, 'Review', true).variables).toEqual({ nrOfInstances: 3, nrOfActiveInstances: 3, nrOfCompletedInstances: 0 });
    expect(inner(d).map((t) => t.variables)).toEqual([{ loopCounter: 0, reviewer: 'anna' }, { loopCounter: 1, reviewer: 'bob' }, { loopCounter: 2, reviewer: 'eve' }]);
  });

  it('given the instances, when all complete, then the counters move and the body leaves after the last', async () => {
    const d = new Driver(await graphOf('Par', body(mi('camunda:collection="${reviewers}" camunda:elementVariable="reviewer"'))));
    d.start({ reviewers: ['anna', 'bob'] });
    const [first, second] = inner(d);
    expect(history(d.run({ type: 'trigger', executionId: second.id }))).toEqual(['-Review']);
    expect(tokenAt(d, 'Review', true).variables).toEqual({ nrOfInstances: 2, nrOfActiveInstances: 1, nrOfCompletedInstances: 1 });
    expect(history(d.run({ type: 'trigger', executionId: first.id }))).toEqual(['-Review', '-Review#multiInstanceBody', '+After']);
    expect(d.state?.variables).toEqual({ reviewers: ['anna', 'bob'] }); // loop variables ended with the body
  });

  it('given a completionCondition, when it holds after an instance completes, then the other instances are cancelled and the body leaves', async () => {
    const d = new Driver(await graphOf('Par', body(mi('camunda:collection="reviewers" camunda:elementVariable="reviewer"', '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${approved || nrOfCompletedInstances >= 2}</bpmn:completionCondition>'))));
    d.start({ reviewers: ['anna', 'bob', 'eve'], approved: false });
    const [a, b] = inner(d);
    expect(history(d.run({ type: 'trigger', executionId: a.id }))).toEqual(['-Review']);
    const effects = d.run({ type: 'trigger', executionId: b.id });
    expect(history(effects)).toEqual(['-Review', 'xReview', '-Review#multiInstanceBody', '+After']);
    expect(others(effects)).toEqual(['waitCancelled:Review', 'userTaskCreated:After']);
  });

  it('given an empty collection, when entered, then the body starts and leaves at once', async () => {
    const d = new Driver(await graphOf('Par', body(mi('camunda:collection="reviewers" camunda:elementVariable="reviewer"'))));
    expect(history(d.start({ reviewers: [] }))).toEqual(['+Start', '-Start', '+Review#multiInstanceBody', '-Review#multiInstanceBody', '+After']);
  });

  it('given a collection that is not a list, or a negative cardinality, when entered, then invalid-value', async () => {
    const d = new Driver(await graphOf('Par', body(mi('camunda:collection="reviewers" camunda:elementVariable="reviewer"'))));
    expect(() => d.start({ reviewers: 'anna' })).toThrow(new CoreError('invalid-value', "Variable 'reviewers' of 'Review' is not a Collection"));
    const n = new Driver(await graphOf('Card', body(mi('', '<bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${n}</bpmn:loopCardinality>'))));
    expect(() => n.start({ n: -1, reviewer: 'x' })).toThrow(expect.objectContaining({ code: 'invalid-value' }) as unknown as Error);
  });
});

describe('sequential multi-instance', () => {
  it('given loopCardinality, when run, then one instance at a time, loopCounter on the body, until the count is reached', async () => {
    const d = new Driver(await graphOf('Seq', body(mi('isSequential="true"', '<bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${count}</bpmn:loopCardinality>'))));
    const effects = d.start({ count: '2', reviewer: 'anna' });
    expect(history(effects)).toEqual(['+Start', '-Start', '+Review#multiInstanceBody', '+Review']);
    expect(tokenAt(d, 'Review', true).variables).toEqual({ nrOfInstances: 2, nrOfActiveInstances: 1, nrOfCompletedInstances: 0, loopCounter: 0 });
    expect(history(d.complete('Review'))).toEqual(['-Review', '+Review']);
    expect(tokenAt(d, 'Review', true).variables).toMatchObject({ nrOfCompletedInstances: 1, loopCounter: 1 });
    expect(history(d.complete('Review'))).toEqual(['-Review', '-Review#multiInstanceBody', '+After']);
  });

  it('given a completionCondition reading loopCounter, when it holds, then no further instance starts', async () => {
    const d = new Driver(await graphOf('Seq', body(mi('isSequential="true" camunda:collection="reviewers" camunda:elementVariable="reviewer"', '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${loopCounter == 1}</bpmn:completionCondition>'))));
    d.start({ reviewers: ['anna', 'bob', 'eve'] });
    expect(effectsOf(d.complete('Review'), 'userTaskCreated')[0].assignee).toBe('bob');
    expect(history(d.complete('Review'))).toEqual(['-Review', '-Review#multiInstanceBody', '+After']);
  });
});

describe('multi-instance subprocesses and boundary events', () => {
  it('given a parallel multi-instance subprocess, when run, then each instance is a subprocess scope under the body', async () => {
    const d = new Driver(await graphOf('MiSub', [
      start(), '<bpmn:subProcess id="Lines">', mi('camunda:collection="lines" camunda:elementVariable="line"'), start('LineStart', 'L0'),
      external('Pick', '${line}'), flow('L0', 'LineStart', 'Pick'), '</bpmn:subProcess>', '<bpmn:endEvent id="End" />',
      flow('F0', 'Start', 'Lines'), flow('F1', 'Lines', 'End'),
    ].join('\n')));
    const effects = d.start({ lines: ['a', 'b'] });
    expect(history(effects)).toEqual(['+Start', '-Start', '+Lines#multiInstanceBody', '+Lines', '+LineStart', '-LineStart', '+Pick', '+Lines', '+LineStart', '-LineStart', '+Pick']);
    expect(effectsOf(effects, 'externalTaskCreated').map((t) => t.topic)).toEqual(['a', 'b']);
    const picks = Object.values(d.state!.executions).filter((e) => e.activityId === 'Pick');
    d.run({ type: 'trigger', executionId: picks[0].id });
    const last = d.run({ type: 'trigger', executionId: picks[1].id });
    expect(history(last)).toEqual(['-Pick', '-Lines', '-Lines#multiInstanceBody', '+End', '-End']);
  });

  it('given a boundary timer on a multi-instance task, then it belongs to the body; when it fires, every instance and the body are cancelled', async () => {
    const d = new Driver(await graphOf('MiTimer', [
      start(), task(mi('camunda:collection="reviewers" camunda:elementVariable="reviewer"')),
      '<bpmn:boundaryEvent id="Late" attachedToRef="Review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
      '<bpmn:userTask id="Escalate" />', flow('F0', 'Start', 'Review'), flow('F1', 'Late', 'Escalate'),
    ].join('\n')));
    const effects = d.start({ reviewers: ['anna', 'bob'] });
    const body = tokenAt(d, 'Review', true);
    expect(effectsOf(effects, 'timerScheduled')).toEqual([expect.objectContaining({ ownerActivityInstanceId: body.activityInstanceId, executionId: body.id, nodeId: 'Late' })]);
    expect(history(d.run({ type: 'event', executionId: body.id, nodeId: 'Late' }))).toEqual(['xReview', 'xReview', 'xReview#multiInstanceBody', '+Late', '-Late', '+Escalate']);
  });
});

describe('input parameters on a multi-instance activity (as Camunda evaluates them; found by the Operaton conformance suite)', () => {
  const inputs =
    '<bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="counter">${execution.getVariable(\'loopCounter\')}</camunda:inputParameter>' +
    '<camunda:inputParameter name="of">${execution.getVariable(\'nrOfInstances\')}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>';
  const model = (attrs: string) => [start(), `<bpmn:userTask id="Review">${inputs}${mi(attrs)}</bpmn:userTask>`, flow('F0', 'Start', 'Review')].join('\n');

  it('given a parallel one, when its instances start, then each input sees the body (nrOfInstances) but not its own loopCounter, and stays on the instance', async () => {
    const d = new Driver(await graphOf('ParIn', model('camunda:collection="reviewers" camunda:elementVariable="reviewer"')));
    d.start({ reviewers: ['anna', 'bob'] });
    expect(inner(d).map((t) => t.variables)).toEqual([
      { loopCounter: 0, reviewer: 'anna', counter: null, of: 2 },
      { loopCounter: 1, reviewer: 'bob', counter: null, of: 2 },
    ]);
  });

  it('given a sequential one, when its instances run, then the inputs see nothing of the body and live on the body, each instance updating them', async () => {
    const d = new Driver(await graphOf('SeqIn', model('isSequential="true" camunda:collection="reviewers" camunda:elementVariable="reviewer"')));
    d.start({ reviewers: ['anna', 'bob'] });
    expect(tokenAt(d, 'Review', true).variables).toMatchObject({ loopCounter: 0, counter: null, of: null });
    expect(inner(d)[0].variables).toEqual({});
    d.complete('Review');
    expect(tokenAt(d, 'Review', true).variables).toMatchObject({ loopCounter: 1, counter: null, of: null });
  });
});
