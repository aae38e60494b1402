import { Driver, flow, graphOf, history, start, testContext } from '../support.js';

const BODY = [
  start(), '<bpmn:exclusiveGateway id="Amount" default="FSmall" />',
  '<bpmn:userTask id="Big" />', '<bpmn:userTask id="Medium" />', '<bpmn:userTask id="Small" />',
  flow('F0', 'Start', 'Amount'),
  flow('FBig', 'Amount', 'Big', '${amount > 100}'), flow('FMedium', 'Amount', 'Medium', '${amount > 5}'), flow('FSmall', 'Amount', 'Small'),
].join('\n');
const conditions = {
  '${amount > 100}': (v: (n: string) => unknown) => Number(v('amount')) > 100,
  '${amount > 5}': (v: (n: string) => unknown) => Number(v('amount')) > 5,
};

describe('exclusive gateway', () => {
  it('given two true conditions, when the gateway runs, then only the first in document order is taken', async () => {
    const ctx = testContext(conditions);
    const d = new Driver(await graphOf('Excl', BODY), ctx);
    const effects = d.start({ amount: 500 });
    expect(history(effects)).toEqual(['+Start', '-Start', '+Amount', '-Amount', '+Big']);
    expect(d.waits()).toEqual(['Big:userTask']);
    expect(ctx.evaluated).toEqual(['${amount > 100}']);
  });

  it('given only the second condition true, when the gateway runs, then the second flow is taken', async () => {
    const d = new Driver(await graphOf('Excl', BODY), testContext(conditions));
    d.start({ amount: 50 });
    expect(d.waits()).toEqual(['Medium:userTask']);
  });

  it('given no condition true, when the gateway runs, then the default flow is taken without evaluating it', async () => {
    const ctx = testContext(conditions);
    const d = new Driver(await graphOf('Excl', BODY), ctx);
    d.start({ amount: 1 });
    expect(d.waits()).toEqual(['Small:userTask']);
    expect(ctx.evaluated).toEqual(['${amount > 100}', '${amount > 5}']);
  });

  it('given no condition true and no default, when the gateway runs, then Camunda\'s no-outgoing error', async () => {
    const d = new Driver(await graphOf('Excl', BODY.replace(' default="FSmall"', '').replace(flow('FSmall', 'Amount', 'Small'), flow('FSmall', 'Amount', 'Small', '${amount > 5}'))), testContext(conditions));
    expect(() => d.start({ amount: 1 })).toThrow(
      expect.objectContaining({ code: 'no-outgoing', message: "ENGINE-02004 No outgoing sequence flow for the element with id 'Amount' could be selected for continuing the process." }) as unknown as Error,
    );
  });

  it('given a condition on an unknown variable, when the gateway runs, then the evaluation error propagates and nothing is returned', async () => {
    const d = new Driver(await graphOf('Excl', BODY), testContext(conditions));
    expect(() => d.start({})).toThrow(/Cannot resolve identifier 'amount'/);
    expect(d.state).toBeNull();
  });
});
