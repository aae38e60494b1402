import { Driver, effectsOf, external, flow, graphOf, history, others, start, tokenAt, userTask } from './support.js';

const ERRORS = '<bpmn:error id="Declined" errorCode="declined" errorMessage="Card ${card} declined" /><bpmn:error id="Other" errorCode="other" />';
const errorBoundary = (id: string, host: string, ref?: string, vars = '') =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${host}"><bpmn:errorEventDefinition${ref ? ` errorRef="${ref}"` : ''}${vars} /></bpmn:boundaryEvent>`;
const errorEnd = (id: string, ref: string) => `<bpmn:endEvent id="${id}"><bpmn:errorEventDefinition errorRef="${ref}" /></bpmn:endEvent>`;
const errorSubProcess = (id: string, startId: string, ref: string | undefined, body: string[], vars = '') => [
  `<bpmn:subProcess id="${id}" triggeredByEvent="true">`,
  `<bpmn:startEvent id="${startId}"><bpmn:errorEventDefinition${ref ? ` errorRef="${ref}"` : ''}${vars} /></bpmn:startEvent>`,
  ...body, '</bpmn:subProcess>',
].join('\n');

describe('BPMN errors from external tasks (bpmnError)', () => {
  const body = (boundaries: string) => [
    start(), external('Charge', 'charge'), boundaries, userTask('Specific'), userTask('Any'), userTask('Paid'),
    flow('F0', 'Start', 'Charge'), flow('F1', 'Charge', 'Paid'), flow('F2', 'OnDeclined', 'Specific'), flow('F3', 'OnAny', 'Any'),
  ].join('\n');

  it('given an error boundary matching the code, when the worker reports it, then the code and message variables are set and the task is cancelled', async () => {
    const d = new Driver(await graphOf('Errors', body(errorBoundary('OnAny', 'Charge', 'Other') + errorBoundary('OnDeclined', 'Charge', 'Declined', ' camunda:errorCodeVariable="code" camunda:errorMessageVariable="why"')), ERRORS));
    d.start();
    const effects = d.run({ type: 'bpmnError', executionId: tokenAt(d, 'Charge').id, errorCode: 'declined', errorMessage: 'no funds', variables: { attempt: 1 } });
    expect(history(effects)).toEqual(['xCharge', '+OnDeclined', '-OnDeclined', '+Specific']);
    expect(effectsOf(effects, 'activityStarted')[0]).toMatchObject({ activityType: 'boundaryError' });
    expect(d.state?.variables).toEqual({ attempt: 1, code: 'declined', why: 'no funds' });
  });

  it('given a specific and a catch-all boundary on the same task, when either code is reported, then the specific one wins for its code and the catch-all takes the rest', async () => {
    const graph = await graphOf('Errors', body(errorBoundary('OnAny', 'Charge') + errorBoundary('OnDeclined', 'Charge', 'Declined')), ERRORS);
    const specific = new Driver(graph);
    specific.start();
    specific.run({ type: 'bpmnError', executionId: tokenAt(specific, 'Charge').id, errorCode: 'declined' });
    expect(specific.waits()).toEqual(['Specific:userTask']);
    const any = new Driver(graph);
    any.start();
    any.run({ type: 'bpmnError', executionId: tokenAt(any, 'Charge').id, errorCode: 'timeout' });
    expect(any.waits()).toEqual(['Any:userTask']);
  });

  it('given no catcher anywhere, when the error is reported, then errorUnhandled and the execution ends as a none end event would (Camunda 7 default)', async () => {
    const d = new Driver(await graphOf('Unhandled', [
      start(), '<bpmn:parallelGateway id="Fork" />', external('Charge', 'charge'), userTask('Other'), userTask('Paid'),
      flow('F0', 'Start', 'Fork'), flow('F1', 'Fork', 'Charge'), flow('F2', 'Fork', 'Other'), flow('F3', 'Charge', 'Paid'),
    ].join('\n')));
    d.start();
    const effects = d.run({ type: 'bpmnError', executionId: tokenAt(d, 'Charge').id, errorCode: 'declined' });
    expect(effectsOf(effects, 'errorUnhandled')).toEqual([{ type: 'errorUnhandled', executionId: expect.any(String), activityId: 'Charge', errorCode: 'declined' }]);
    expect(history(effects)).toEqual(['-Charge']);
    expect(d.waits()).toEqual(['Other:userTask']);
    expect(others(d.complete('Other'))).toEqual(['instanceEnded:completed']);
  });

  it('given a token that is not waiting in an external task, when bpmnError is sent, then not-waiting', async () => {
    const d = new Driver(await graphOf('NotExt', [start(), userTask('Review'), flow('F0', 'Start', 'Review')].join('\n')));
    d.start();
    expect(() => d.run({ type: 'bpmnError', executionId: tokenAt(d, 'Review').id, errorCode: 'x' })).toThrow(expect.objectContaining({ code: 'not-waiting' }) as unknown as Error);
  });
});

describe('error end events and propagation through scopes', () => {
  const sub = (inner: string[]) => ['<bpmn:subProcess id="Sub">', start('SubStart', 'S0'), ...inner, '</bpmn:subProcess>'];

  it('given an error end event in a subprocess with an error boundary, when reached, then the subprocess is cancelled (the end event with it) and the boundary leaves', async () => {
    const d = new Driver(await graphOf('EndErr', [
      start(), ...sub(['<bpmn:parallelGateway id="Fork" />', userTask('Slow'), errorEnd('Fail', 'Declined'), flow('S0', 'SubStart', 'Fork'), flow('S1', 'Fork', 'Slow'), flow('S2', 'Fork', 'Fail')]),
      errorBoundary('Caught', 'Sub', 'Declined', ' camunda:errorMessageVariable="why"'), userTask('Handle'),
      flow('F0', 'Start', 'Sub'), flow('F1', 'Caught', 'Handle'),
    ].join('\n'), ERRORS));
    const effects = d.start({ card: 'visa' });
    expect(history(effects)).toEqual(['+Start', '-Start', '+Sub', '+SubStart', '-SubStart', '+Fork', '-Fork', '+Slow', '+Fail', 'xSlow', 'xFail', 'xSub', '+Caught', '-Caught', '+Handle']);
    expect(effectsOf(effects, 'activityStarted').find((e) => e.activityId === 'Fail')).toMatchObject({ activityType: 'errorEndEvent' });
    expect(d.state?.variables).toEqual({ card: 'visa', why: 'Card visa declined' });
    expect(d.waits()).toEqual(['Handle:userTask']);
  });

  it('given an error event subprocess inside the subprocess and a boundary on it, when the error is thrown inside, then the event subprocess wins (Camunda precedence), even as a catch-all', async () => {
    const d = new Driver(await graphOf('Precedence', [
      start(), ...sub([errorEnd('Fail', 'Declined'), flow('S0', 'SubStart', 'Fail'),
        errorSubProcess('Recover', 'RecoverStart', undefined, [userTask('Repair'), flow('R0', 'RecoverStart', 'Repair')], ' camunda:errorCodeVariable="code"')]),
      errorBoundary('Caught', 'Sub', 'Declined'), userTask('Handle'), userTask('After'),
      flow('F0', 'Start', 'Sub'), flow('F1', 'Caught', 'Handle'), flow('F2', 'Sub', 'After'),
    ].join('\n'), ERRORS));
    const effects = d.start({ card: 'visa' });
    expect(history(effects).slice(-6)).toEqual(['+Fail', 'xFail', '+Recover', '+RecoverStart', '-RecoverStart', '+Repair']);
    expect(effectsOf(effects, 'activityStarted').find((e) => e.activityId === 'RecoverStart')).toMatchObject({ activityType: 'errorStartEvent' });
    expect(effectsOf(effects, 'activityStarted').find((e) => e.activityId === 'Recover')).toMatchObject({ activityType: 'subProcess' });
    expect(d.state?.variables).toMatchObject({ code: 'declined' });
    // the event subprocess completes, and with it the subprocess (nothing else is left in it)
    expect(history(d.complete('Repair'))).toEqual(['-Repair', '-Recover', '-Sub', '+After']);
  });

  it('given no catcher in the subprocess, when the error is thrown, then it propagates to a process-level error event subprocess, which cancels everything', async () => {
    const d = new Driver(await graphOf('Outer', [
      start(), '<bpmn:parallelGateway id="Fork" />', userTask('Side'),
      ...sub([errorEnd('Fail', 'Other'), flow('S0', 'SubStart', 'Fail')]),
      errorBoundary('Caught', 'Sub', 'Declined'), userTask('Handle'),
      errorSubProcess('Global', 'GlobalStart', 'Other', [userTask('Cleanup'), flow('G0', 'GlobalStart', 'Cleanup')]),
      flow('F0', 'Start', 'Fork'), flow('F1', 'Fork', 'Side'), flow('F2', 'Fork', 'Sub'), flow('F3', 'Caught', 'Handle'),
    ].join('\n'), ERRORS));
    const effects = d.start();
    expect(history(effects).slice(-8)).toEqual(['+Fail', 'xSide', 'xFail', 'xSub', '+Global', '+GlobalStart', '-GlobalStart', '+Cleanup']);
    expect(d.waits()).toEqual(['Cleanup:userTask']);
    expect(others(d.complete('Cleanup'))).toEqual(['instanceEnded:completed']);
  });

  it('given an error end event inside an error event subprocess, when reached, then that event subprocess does not catch its own error: the boundary outside does', async () => {
    const d = new Driver(await graphOf('Rethrowing', [
      start(), ...sub([errorEnd('Fail', 'Declined'), flow('S0', 'SubStart', 'Fail'),
        errorSubProcess('Recover', 'RecoverStart', undefined, [errorEnd('Rethrow', 'Declined'), flow('R0', 'RecoverStart', 'Rethrow')])]),
      errorBoundary('Caught', 'Sub', 'Declined'), userTask('Handle'),
      flow('F0', 'Start', 'Sub'), flow('F1', 'Caught', 'Handle'),
    ].join('\n'), ERRORS));
    d.start({ card: 'amex' });
    expect(d.waits()).toEqual(['Handle:userTask']);
  });

  it('given an error end event nobody catches, when reached, then errorUnhandled and none end event semantics: the instance completes', async () => {
    const d = new Driver(await graphOf('Lonely', [start(), errorEnd('Fail', 'Other'), flow('F0', 'Start', 'Fail')].join('\n'), ERRORS));
    const effects = d.start();
    expect(history(effects)).toEqual(['+Start', '-Start', '+Fail', '-Fail']);
    expect(others(effects)).toEqual(['errorUnhandled:Fail', 'instanceEnded:completed']);
  });
});
