import { Driver, external, flow, graphOf, history, others, start, testContext } from '../support.js';

const BODY = [
  start(), '<bpmn:inclusiveGateway id="Split" default="FC" />', external('A', 'a'), external('B', 'b'), external('C', 'c'),
  '<bpmn:inclusiveGateway id="Merge" />', '<bpmn:endEvent id="End" />',
  flow('F0', 'Start', 'Split'),
  flow('FA', 'Split', 'A', '${a}'), flow('FB', 'Split', 'B', '${b}'), flow('FC', 'Split', 'C'),
  flow('FA2', 'A', 'Merge'), flow('FB2', 'B', 'Merge'), flow('FC2', 'C', 'Merge'), flow('F9', 'Merge', 'End'),
].join('\n');
const conditions = { '${a}': (v: (n: string) => unknown) => v('a') === true, '${b}': (v: (n: string) => unknown) => v('b') === true };

describe('inclusive gateway', () => {
  it('given two of three conditions true, when forked, then exactly those two branches run and the join waits for both', async () => {
    const d = new Driver(await graphOf('Incl', BODY), testContext(conditions));
    const effects = d.start({ a: true, b: true });
    expect(history(effects)).toEqual(['+Start', '-Start', '+Split', '-Split', '+A', '+B']);
    expect(d.waits()).toEqual(['A:externalTask', 'B:externalTask']);

    expect(history(d.complete('B'))).toEqual(['-B', '+Merge']);
    expect(d.waits()).toEqual(['A:externalTask', 'Merge:join']);
    const last = d.complete('A');
    expect(history(last)).toEqual(['-A', '+Merge', '-Merge', '-Merge', '+End', '-End']);
    expect(others(last)).toEqual(['instanceEnded:completed']);
  });

  it('given one condition true, when forked, then the join fires on the single token (no other token can reach it)', async () => {
    const d = new Driver(await graphOf('Incl', BODY), testContext(conditions));
    d.start({ a: false, b: true });
    expect(d.waits()).toEqual(['B:externalTask']);
    expect(history(d.complete('B'))).toEqual(['-B', '+Merge', '-Merge', '+End', '-End']);
    expect(d.status).toBe('completed');
  });

  it('given no condition true, when forked, then the default flow is taken', async () => {
    const d = new Driver(await graphOf('Incl', BODY), testContext(conditions));
    d.start({ a: false, b: false });
    expect(d.waits()).toEqual(['C:externalTask']);
  });

  it('given no condition true and no default, when forked, then the no-outgoing error', async () => {
    const body = BODY.replace(' default="FC"', '').replace(flow('FC', 'Split', 'C'), flow('FC', 'Split', 'C', '${a}'));
    const d = new Driver(await graphOf('Incl', body), testContext(conditions));
    expect(() => d.start({ a: false, b: false })).toThrow(expect.objectContaining({ code: 'no-outgoing' }) as unknown as Error);
  });

  it('given a token on an unrelated branch that cannot reach the join, when a branch arrives, then the join does not wait for it', async () => {
    const d = new Driver(await graphOf('InclSide', [
      start(), '<bpmn:parallelGateway id="Fork" />', '<bpmn:userTask id="Side" />', '<bpmn:inclusiveGateway id="Split" />',
      external('A', 'a'), external('B', 'b'), '<bpmn:inclusiveGateway id="Merge" />', '<bpmn:userTask id="After" />',
      flow('F0', 'Start', 'Fork'), flow('F1', 'Fork', 'Split'), flow('F2', 'Fork', 'Side'),
      flow('FA', 'Split', 'A', '${a}'), flow('FB', 'Split', 'B', '${b}'), flow('FA2', 'A', 'Merge'), flow('FB2', 'B', 'Merge'), flow('F9', 'Merge', 'After'),
    ].join('\n')), testContext(conditions));
    d.start({ a: true, b: true });
    d.complete('A');
    expect(d.waits()).toEqual(['B:externalTask', 'Merge:join', 'Side:userTask']);
    d.complete('B');
    expect(d.waits()).toEqual(['After:userTask', 'Side:userTask']);
  });
});
