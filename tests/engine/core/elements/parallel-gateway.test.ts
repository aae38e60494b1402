import { Driver, external, flow, graphOf, history, others, start } from '../support.js';

const BODY = [
  start(), '<bpmn:parallelGateway id="Fork" />', external('Charge', 'charge'), external('Ship', 'ship'),
  '<bpmn:parallelGateway id="Join" />', '<bpmn:endEvent id="End" />',
  flow('F0', 'Start', 'Fork'), flow('F1', 'Fork', 'Charge'), flow('F2', 'Fork', 'Ship'),
  flow('F3', 'Charge', 'Join'), flow('F4', 'Ship', 'Join'), flow('F5', 'Join', 'End'),
].join('\n');

describe('parallel gateway', () => {
  it('given a fork, when started, then both external tasks are created in document order, each on its own execution', async () => {
    const d = new Driver(await graphOf('Par', BODY));
    const effects = d.start();
    expect(history(effects)).toEqual(['+Start', '-Start', '+Fork', '-Fork', '+Charge', '+Ship']);
    expect(others(effects)).toEqual(['externalTaskCreated:Charge', 'externalTaskCreated:Ship']);
    expect(d.waits()).toEqual(['Charge:externalTask', 'Ship:externalTask']);
    const [charge, ship] = effects.filter((e) => e.type === 'externalTaskCreated');
    expect(charge.type === 'externalTaskCreated' && charge.executionId).not.toEqual(ship.type === 'externalTaskCreated' && ship.executionId);
  });

  it.each([
    ['Charge', 'Ship'],
    ['Ship', 'Charge'],
  ])('given the fork, when %s then %s complete, then the join waits for the second and the instance completes once', async (first, second) => {
    const d = new Driver(await graphOf('Par', BODY));
    d.start();
    const one = d.complete(first);
    expect(history(one)).toEqual([`-${first}`, '+Join']);
    expect(d.waits()).toEqual(['Join:join', `${second}:externalTask`].sort());
    expect(d.status).toBe('active');
    const two = d.complete(second);
    expect(history(two)).toEqual([`-${second}`, '+Join', '-Join', '-Join', '+End', '-End']);
    expect(others(two)).toEqual(['instanceEnded:completed']);
    expect(d.state).toMatchObject({ status: 'completed', executions: {} });
  });

  it('given a fork whose flows carry conditions, when it runs, then the conditions are ignored', async () => {
    const d = new Driver(await graphOf('Par', BODY.replace(flow('F2', 'Fork', 'Ship'), flow('F2', 'Fork', 'Ship', '${never}'))));
    d.start(); // the test context has no condition: evaluating one would throw
    expect(d.waits()).toEqual(['Charge:externalTask', 'Ship:externalTask']);
  });
});
