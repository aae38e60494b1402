import { Driver, external, flow, graphOf, history, others, start } from '../support.js';

const inner = (body: string[]) => ['<bpmn:subProcess id="Sub">', start('SubStart', 'S0'), ...body, '</bpmn:subProcess>'];

describe('embedded subprocess', () => {
  it('given a subprocess with a user task, when started and completed, then history nests inside the subprocess and it leaves through its flow', async () => {
    const d = new Driver(await graphOf('Subs', [
      start(), ...inner(['<bpmn:userTask id="Inner" />', '<bpmn:endEvent id="SubEnd" />', flow('S0', 'SubStart', 'Inner'), flow('S1', 'Inner', 'SubEnd')]),
      '<bpmn:userTask id="After" />', flow('F0', 'Start', 'Sub'), flow('F1', 'Sub', 'After'),
    ].join('\n')));
    const effects = d.start();
    expect(history(effects)).toEqual(['+Start', '-Start', '+Sub', '+SubStart', '-SubStart', '+Inner']);
    const sub = effects.find((e) => e.type === 'activityStarted' && e.activityId === 'Sub');
    const task = effects.find((e) => e.type === 'activityStarted' && e.activityId === 'Inner');
    expect(sub).toMatchObject({ activityType: 'subProcess', parentActivityInstanceId: d.state!.id });
    expect(task).toMatchObject({ parentActivityInstanceId: sub?.type === 'activityStarted' ? sub.activityInstanceId : 'none' });
    const scope = Object.values(d.state!.executions).find((e) => e.scope)!;
    expect(scope).toMatchObject({ activityId: 'Sub', parentId: null, waiting: null });
    expect(Object.values(d.state!.executions).find((e) => e.activityId === 'Inner')).toMatchObject({ parentId: scope.id, waiting: 'userTask' });

    const done = d.complete('Inner');
    expect(history(done)).toEqual(['-Inner', '+SubEnd', '-SubEnd', '-Sub', '+After']);
    expect(others(done)).toEqual(['userTaskCreated:After']);
    expect(d.waits()).toEqual(['After:userTask']);
    expect(Object.values(d.state!.executions)).toHaveLength(1);
  });

  it('given a parallel fork inside the subprocess, when one branch ends, then the subprocess waits for the other before completing the instance', async () => {
    const d = new Driver(await graphOf('SubsPar', [
      start(), ...inner([
        '<bpmn:parallelGateway id="Fork" />', external('A', 'a'), external('B', 'b'), '<bpmn:endEvent id="EndA" />', '<bpmn:endEvent id="EndB" />',
        flow('S0', 'SubStart', 'Fork'), flow('S1', 'Fork', 'A'), flow('S2', 'Fork', 'B'), flow('S3', 'A', 'EndA'), flow('S4', 'B', 'EndB'),
      ]),
      '<bpmn:endEvent id="End" />', flow('F0', 'Start', 'Sub'), flow('F1', 'Sub', 'End'),
    ].join('\n')));
    d.start();
    expect(history(d.complete('B'))).toEqual(['-B', '+EndB', '-EndB']);
    expect(d.status).toBe('active');
    const last = d.complete('A');
    expect(history(last)).toEqual(['-A', '+EndA', '-EndA', '-Sub', '+End', '-End']);
    expect(others(last)).toEqual(['instanceEnded:completed']);
  });

  it('given a terminate end event inside the subprocess, when reached, then only the subprocess\'s tokens are cancelled and the process goes on', async () => {
    const d = new Driver(await graphOf('SubsTerm', [
      start(), '<bpmn:parallelGateway id="Fork" />', '<bpmn:userTask id="Outside" />',
      ...inner([
        '<bpmn:parallelGateway id="InFork" />', '<bpmn:userTask id="Slow" />', '<bpmn:userTask id="Fast" />',
        '<bpmn:endEvent id="Stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>', '<bpmn:endEvent id="SlowEnd" />',
        flow('S0', 'SubStart', 'InFork'), flow('S1', 'InFork', 'Slow'), flow('S2', 'InFork', 'Fast'), flow('S3', 'Fast', 'Stop'), flow('S4', 'Slow', 'SlowEnd'),
      ]),
      '<bpmn:userTask id="After" />',
      flow('F0', 'Start', 'Fork'), flow('F1', 'Fork', 'Sub'), flow('F2', 'Fork', 'Outside'), flow('F3', 'Sub', 'After'),
    ].join('\n')));
    d.start();
    expect(d.waits()).toEqual(['Fast:userTask', 'Outside:userTask', 'Slow:userTask']);
    const effects = d.complete('Fast');
    expect(history(effects)).toEqual(['-Fast', '+Stop', 'xSlow', '-Stop', '-Sub', '+After']);
    expect(others(effects)).toEqual(['waitCancelled:Slow', 'userTaskCreated:After']);
    expect(d.waits()).toEqual(['After:userTask', 'Outside:userTask']);
    expect(d.status).toBe('active');
  });

  it('given a process terminate end event while a subprocess waits, when reached, then the inner task and the subprocess are cancelled innermost first', async () => {
    const d = new Driver(await graphOf('SubsKill', [
      start(), '<bpmn:parallelGateway id="Fork" />', '<bpmn:userTask id="Kill" />', '<bpmn:endEvent id="Stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
      ...inner(['<bpmn:userTask id="Inner" />', flow('S0', 'SubStart', 'Inner')]),
      flow('F0', 'Start', 'Fork'), flow('F1', 'Fork', 'Sub'), flow('F2', 'Fork', 'Kill'), flow('F3', 'Kill', 'Stop'),
    ].join('\n')));
    d.start();
    const effects = d.complete('Kill');
    expect(history(effects)).toEqual(['-Kill', '+Stop', 'xInner', 'xSub', '-Stop']);
    expect(others(effects)).toEqual(['waitCancelled:Inner', 'instanceEnded:completed']);
    expect(d.state!.executions).toEqual({});
  });
});
