import { CoreError, execute } from '../../../engine/core/index.js';
import { Driver, deepFreeze, external, flow, graphOf, history, others, start, testContext } from './support.js';

const USER_TASK = [
  start(),
  `<bpmn:userTask id="Review" name="Review order" camunda:assignee="\${initiator}" camunda:candidateGroups="sales" camunda:formKey="embedded:app:review" camunda:dueDate="\${due}" camunda:priority="70" />`,
  '<bpmn:endEvent id="End" />',
  flow('F0', 'Start', 'Review'),
  flow('F1', 'Review', 'End'),
].join('\n');
/** What USER_TASK's attribute expressions read. */
const TASK_VARS = { initiator: 'anna', due: '2030-01-01T00:00:00Z' };

describe('execute: start → user task → complete → end', () => {
  it('given a user task process, when started, then start event history, the task created with its evaluated attributes, and the instance waits', async () => {
    const d = new Driver(await graphOf('Order', USER_TASK));
    const effects = d.start({ amount: 7, ...TASK_VARS }, { businessKey: 'order-1' });
    expect(history(effects)).toEqual(['+Start', '-Start', '+Review']);
    expect(effects.find((e) => e.type === 'userTaskCreated')).toEqual({
      type: 'userTaskCreated',
      executionId: 'id2',
      activityId: 'Review',
      activityInstanceId: 'Review:id4',
      name: 'Review order',
      assignee: 'anna',
      candidateGroups: ['sales'],
      formKey: 'embedded:app:review',
      dueDate: '2030-01-01T00:00:00Z',
      priority: '70',
    });
    expect(d.state).toMatchObject({ id: 'id1', definitionId: 'Order:1:def', businessKey: 'order-1', status: 'active', variables: { amount: 7 } });
    expect(d.waits()).toEqual(['Review:userTask']);
  });

  it('given history effects, when started, then each carries Camunda activity types and the parent activity instance (the process instance id)', async () => {
    const d = new Driver(await graphOf('Order', USER_TASK));
    const [started, ended] = d.start(TASK_VARS);
    expect(started).toEqual({
      type: 'activityStarted', activityId: 'Start', activityInstanceId: 'Start:id3', activityType: 'startEvent', executionId: 'id2', parentActivityInstanceId: 'id1',
    });
    expect(ended).toMatchObject({ type: 'activityEnded', activityInstanceId: 'Start:id3', canceled: false });
  });

  it('given the waiting task, when triggered with variables, then the task ends, the end event runs and the instance completes with the variables', async () => {
    const d = new Driver(await graphOf('Order', USER_TASK));
    d.start({ amount: 7, ...TASK_VARS });
    const effects = d.complete('Review', { approved: true, amount: 8 });
    expect(history(effects)).toEqual(['-Review', '+End', '-End']);
    expect(others(effects)).toEqual(['instanceEnded:completed']);
    expect(effects.find((e) => e.type === 'activityStarted')).toMatchObject({ activityType: 'noneEndEvent' });
    expect(d.state).toMatchObject({ status: 'completed', executions: {}, variables: { amount: 8, approved: true, ...TASK_VARS } });
  });

  it('given a chain of task, manual task and none throw event, when started, then it runs through to the end in one command', async () => {
    const d = new Driver(await graphOf('Chain', [
      start(), '<bpmn:task id="A" />', '<bpmn:manualTask id="B" />', '<bpmn:intermediateThrowEvent id="C" />', '<bpmn:endEvent id="End" />',
      flow('F0', 'Start', 'A'), flow('F1', 'A', 'B'), flow('F2', 'B', 'C'), flow('F3', 'C', 'End'),
    ].join('\n')));
    const effects = d.start();
    expect(history(effects)).toEqual(['+Start', '-Start', '+A', '-A', '+B', '-B', '+C', '-C', '+End', '-End']);
    expect(effects.filter((e) => e.type === 'activityStarted').map((e) => e.type === 'activityStarted' && e.activityType)).toEqual([
      'startEvent', 'task', 'manualTask', 'intermediateNoneThrowEvent', 'noneEndEvent',
    ]);
    expect(d.status).toBe('completed');
  });
});

describe('execute: external and receive tasks', () => {
  it('given an external service task then a receive task, when started, completed and the message arrives, then each waits with its effect and completes', async () => {
    const d = new Driver(await graphOf('Ext', [
      start(),
      '<bpmn:serviceTask id="Charge" camunda:type="external" camunda:topic="charge" camunda:taskPriority="${prio}" />',
      '<bpmn:receiveTask id="Paid" messageRef="Msg" />',
      '<bpmn:endEvent id="End" />',
      flow('F0', 'Start', 'Charge'), flow('F1', 'Charge', 'Paid'), flow('F2', 'Paid', 'End'),
    ].join('\n'), '<bpmn:message id="Msg" name="payment" />'));
    const first = d.start({ prio: 7 });
    expect(first.find((e) => e.type === 'externalTaskCreated')).toMatchObject({ activityId: 'Charge', topic: 'charge', priority: 7 });
    expect(d.waits()).toEqual(['Charge:externalTask']);
    const second = d.complete('Charge', { receipt: 'r1' });
    expect(history(second)).toEqual(['-Charge', '+Paid']);
    const paid = d.state!.executions[Object.keys(d.state!.executions)[0]];
    expect(second.find((e) => e.type === 'messageSubscribed')).toEqual({
      type: 'messageSubscribed', ownerActivityInstanceId: paid.activityInstanceId, executionId: paid.id, nodeId: 'Paid', messageName: 'payment',
    });
    expect(d.waits()).toEqual(['Paid:receiveTask']);
    expect(history(d.run({ type: 'event', executionId: paid.id, nodeId: 'Paid', variables: { paidAt: 'today' } }))).toEqual(['-Paid', '+End', '-End']);
    expect(d.status).toBe('completed');
    expect(d.state?.variables).toEqual({ prio: 7, receipt: 'r1', paidAt: 'today' });
  });
});

describe('execute: conditional sequence flows out of an activity', () => {
  const body = [
    start(), '<bpmn:task id="Check" default="FDefault" />',
    '<bpmn:userTask id="Big" />', '<bpmn:userTask id="Vip" />', '<bpmn:userTask id="Always" />', '<bpmn:userTask id="Normal" />',
    flow('F0', 'Start', 'Check'),
    flow('FBig', 'Check', 'Big', '${amount > 5}'), flow('FVip', 'Check', 'Vip', '${vip}'), flow('FDefault', 'Check', 'Normal'),
  ].join('\n');
  const conditions = { '${amount > 5}': (v: (n: string) => unknown) => Number(v('amount')) > 5, '${vip}': (v: (n: string) => unknown) => v('vip') === true };

  it('given conditions where two hold, when started, then both flows are taken and the default is not', async () => {
    const d = new Driver(await graphOf('Cond', body), testContext(conditions));
    d.start({ amount: 9, vip: true });
    expect(d.waits()).toEqual(['Big:userTask', 'Vip:userTask']);
  });

  it('given no condition holds, when started, then the default flow is taken', async () => {
    const d = new Driver(await graphOf('Cond', body), testContext(conditions));
    d.start({ amount: 1, vip: false });
    expect(d.waits()).toEqual(['Normal:userTask']);
  });

  it('given an unconditional flow beside a false conditional one and no default, when started, then only the unconditional one is taken', async () => {
    const d = new Driver(await graphOf('Cond', [
      start(), '<bpmn:task id="Check" />', '<bpmn:userTask id="Big" />', '<bpmn:userTask id="Always" />',
      flow('F0', 'Start', 'Check'), flow('FBig', 'Check', 'Big', '${amount > 5}'), flow('FAlways', 'Check', 'Always'),
    ].join('\n')), testContext(conditions));
    d.start({ amount: 1 });
    expect(d.waits()).toEqual(['Always:userTask']);
  });

  it('given only conditional flows and none holds, when the task before them completes, then the command fails and the task still waits', async () => {
    const d = new Driver(await graphOf('Cond', [
      start(), '<bpmn:userTask id="Check" />', '<bpmn:userTask id="Big" />', '<bpmn:userTask id="Vip" />',
      flow('F0', 'Start', 'Check'), flow('FBig', 'Check', 'Big', '${amount > 5}'), flow('FVip', 'Check', 'Vip', '${vip}'),
    ].join('\n')), testContext(conditions));
    d.start();
    expect(() => d.complete('Check', { amount: 1, vip: false })).toThrow(/ENGINE-02006 No conditional sequence flow leaving the Flow Node 'Check'/);
    expect(d.waits()).toEqual(['Check:userTask']);
    d.complete('Check', { amount: 1, vip: true });
    expect(d.waits()).toEqual(['Vip:userTask']);
  });
});

describe('execute: variables', () => {
  it('given a variable set locally on a subprocess scope, when a task inside completes with it and a new one, then the local one is updated and the new one goes to the process', async () => {
    const d = new Driver(await graphOf('Vars', [
      start(), '<bpmn:subProcess id="Sub">', start('SubStart', 'S0'), '<bpmn:userTask id="Inner" />', '<bpmn:userTask id="Hold" />',
      flow('S0', 'SubStart', 'Inner'), flow('S1', 'Inner', 'Hold'), '</bpmn:subProcess>', '<bpmn:endEvent id="End" />',
      flow('F0', 'Start', 'Sub'), flow('F1', 'Sub', 'End'),
    ].join('\n')));
    d.start({ x: 1 });
    const scope = Object.values(d.state!.executions).find((e) => e.scope)!;
    d.state = { ...d.state!, executions: { ...d.state!.executions, [scope.id]: { ...scope, variables: { x: 'local' } } } };
    d.complete('Inner', { x: 'updated', y: 2 });
    expect(d.state!.executions[scope.id].variables).toEqual({ x: 'updated' });
    expect(d.state!.variables).toEqual({ x: 1, y: 2 });
    d.complete('Hold');
    expect(d.state!.variables).toEqual({ x: 1, y: 2 }); // the subprocess's locals ended with it
    expect(d.status).toBe('completed');
  });

  it('given a condition on a variable set locally in the subprocess, when evaluated, then the local value shadows the process one', async () => {
    const ctx = testContext({ '${x == 1}': (v) => v('x') === 1 });
    const d = new Driver(await graphOf('Shadow', [
      start(), '<bpmn:subProcess id="Sub">', start('SubStart', 'S0'), '<bpmn:userTask id="Inner" />', '<bpmn:exclusiveGateway id="Gw" default="SNo" />',
      '<bpmn:userTask id="Yes" />', '<bpmn:userTask id="No" />',
      flow('S0', 'SubStart', 'Inner'), flow('S1', 'Inner', 'Gw'), flow('SYes', 'Gw', 'Yes', '${x == 1}'), flow('SNo', 'Gw', 'No'),
      '</bpmn:subProcess>', flow('F0', 'Start', 'Sub'),
    ].join('\n')), ctx);
    d.start({ x: 1 });
    const scope = Object.values(d.state!.executions).find((e) => e.scope)!;
    d.state = { ...d.state!, executions: { ...d.state!.executions, [scope.id]: { ...scope, variables: { x: 2 } } } };
    d.complete('Inner');
    expect(d.waits()).toEqual(['No:userTask']);
  });
});

describe('execute: purity and errors', () => {
  it('given the same frozen state and the same ids, when a command runs twice, then both results are equal and the input is unchanged', async () => {
    const graph = await graphOf('Order', USER_TASK);
    const { state } = execute(graph, null, { type: 'start', definitionId: 'd', variables: { a: { nested: [1] }, ...TASK_VARS } }, testContext());
    const frozen = deepFreeze(state);
    const before = structuredClone(frozen);
    const executionId = Object.keys(frozen.executions)[0];
    const one = execute(graph, frozen, { type: 'trigger', executionId, variables: { b: 1 } }, testContext());
    const two = execute(graph, frozen, { type: 'trigger', executionId, variables: { b: 1 } }, testContext());
    expect(one).toEqual(two);
    expect(frozen).toEqual(before);
    expect(one.state.status).toBe('completed');
  });

  it('given start variables, when the caller changes its object afterwards, then the state is not affected', async () => {
    const vars = { list: [1] };
    const { state } = execute(await graphOf('Order', USER_TASK), null, { type: 'start', definitionId: 'd', variables: { ...vars, ...TASK_VARS } }, testContext());
    vars.list.push(2);
    expect(state.variables).toEqual({ list: [1], ...TASK_VARS });
  });

  it('given wrong triggers, when executed, then CoreErrors with their codes and the state untouched', async () => {
    const graph = await graphOf('Order', USER_TASK);
    const ctx = testContext();
    const { state } = execute(graph, null, { type: 'start', definitionId: 'd', variables: TASK_VARS }, ctx);
    deepFreeze(state);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(CoreError);
        return (e as CoreError).code;
      }
      return 'no error';
    };
    expect(code(() => execute(graph, state, { type: 'trigger', executionId: 'nope' }, ctx))).toBe('unknown-execution');
    expect(code(() => execute(graph, null, { type: 'trigger', executionId: 'nope' }, ctx))).toBe('invalid-command');
    expect(code(() => execute(graph, state, { type: 'start', definitionId: 'd' }, ctx))).toBe('invalid-command');
    expect(code(() => execute(graph, null, { type: 'start', definitionId: 'd', startEventId: 'Review' }, ctx))).toBe('no-start-event');
    const executionId = Object.keys(state.executions)[0];
    const done = execute(graph, state, { type: 'trigger', executionId }, ctx).state;
    expect(code(() => execute(graph, done, { type: 'trigger', executionId }, ctx))).toBe('not-active');
  });

  it('given a graph node of a type outside the subset (a graph the front end would refuse), when a token reaches it, then an unsupported CoreError', async () => {
    const graph = await graphOf('Script', [start(), '<bpmn:task id="Odd" />', flow('F0', 'Start', 'Odd')].join('\n'));
    const odd = { ...graph, nodes: { ...graph.nodes, Odd: { ...graph.nodes.Odd, type: 'scriptTask' as never } } };
    expect(() => execute(odd, null, { type: 'start', definitionId: 'd' }, testContext())).toThrow(
      expect.objectContaining({ code: 'unsupported' }) as unknown as Error,
    );
  });

  it('given an external task, when its execution is triggered while not waiting (a join), then not-waiting', async () => {
    const graph = await graphOf('Joining', [
      start(), '<bpmn:parallelGateway id="Fork" />', external('A', 'a'), external('B', 'b'), '<bpmn:parallelGateway id="Join" />', '<bpmn:endEvent id="End" />',
      flow('F0', 'Start', 'Fork'), flow('F1', 'Fork', 'A'), flow('F2', 'Fork', 'B'), flow('F3', 'A', 'Join'), flow('F4', 'B', 'Join'), flow('F5', 'Join', 'End'),
    ].join('\n'));
    const d = new Driver(graph);
    d.start();
    d.complete('A');
    const atJoin = Object.values(d.state!.executions).find((e) => e.waiting === 'join')!;
    expect(() => d.run({ type: 'trigger', executionId: atJoin.id })).toThrow(expect.objectContaining({ code: 'not-waiting' }) as unknown as Error);
  });
});

describe('execute: stored variable form', () => {
  it('given a shell whose stored form wraps values, when the core creates variables (loop counters, inputs, error variables), then each goes through ctx.toVariable or ctx.evaluateToVariable', async () => {
    const base = testContext();
    const unwrap = (v: unknown) => (v && typeof v === 'object' && 'stored' in v ? (v as { stored: unknown }).stored : v);
    const unwrapped = (lookup: Parameters<typeof base.evaluate>[1]): Parameters<typeof base.evaluate>[1] => (name) => {
      const found = lookup(name);
      return found.found ? { found: true, value: unwrap(found.value) } : found;
    };
    const ctx = {
      ...base,
      toVariable: (raw: unknown) => ({ stored: raw }),
      evaluate: (source: string, lookup: Parameters<typeof base.evaluate>[1], info: Parameters<typeof base.evaluate>[2]) => base.evaluate(source, unwrapped(lookup), info),
      evaluateToVariable: (source: string, lookup: Parameters<typeof base.evaluate>[1], info: Parameters<typeof base.evaluate>[2]) => ({
        stored: base.evaluate(source, unwrapped(lookup), info),
      }),
    };
    const d = new Driver(await graphOf('Stored', [
      start(),
      '<bpmn:serviceTask id="Work" camunda:type="external" camunda:topic="t"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="doubled">${nrOfInstances * 10}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>',
      '<bpmn:multiInstanceLoopCharacteristics camunda:collection="items" camunda:elementVariable="item" /></bpmn:serviceTask>',
      '<bpmn:boundaryEvent id="Failed" attachedToRef="Work"><bpmn:errorEventDefinition camunda:errorCodeVariable="code" /></bpmn:boundaryEvent>',
      '<bpmn:userTask id="Handle" />', flow('F0', 'Start', 'Work'), flow('F1', 'Failed', 'Handle'),
    ].join('\n')), ctx);
    d.start({ items: { stored: [5] } });
    const work = Object.values(d.state!.executions).find((e) => e.activityId === 'Work' && !e.multiInstance)!;
    expect(work.variables).toEqual({ loopCounter: { stored: 0 }, item: { stored: 5 }, doubled: { stored: 10 } });
    d.run({ type: 'bpmnError', executionId: work.id, errorCode: 'E1' });
    expect(d.state!.variables).toEqual({ items: { stored: [5] }, code: { stored: 'E1' } });
    expect(d.waits()).toEqual(['Handle:userTask']);
  });
});
