/**
 * Scenario — a small worker built on camunda-external-task-client-js (baseUrl only) completes a
 * chain of external tasks with typed variables; a handleBpmnError is caught by a boundary event.
 * The worker long-polls /external-task/fetchAndLock exactly as it would against Camunda 7.22.
 */
import { Client, Variables, type Handler } from 'camunda-external-task-client-js';
import { boundary, chain, deploy, endEvent, errorDef, errorRoot, eventually, flow, history, state, startInstance, taskOf, useEngineRest, variables } from './support.js';

const server = useEngineRest('scn_worker');

/** The worker: validate → price → ship; ship refuses an order without an address with a BPMN error. */
const handlers: Record<string, Handler> = {
  'wk-validate': async ({ task, taskService }) => {
    const order = task.variables.get('order') as { items: { sku: string; qty: number }[] };
    const count = order.items.reduce((n, i) => n + i.qty, 0);
    const out = new Variables().set('itemCount', count).set('valid', count > 0);
    out.setTyped('checkedAt', { type: 'Date', value: '2030-06-01T10:00:00.000+0000' });
    await taskService.complete(task, out);
  },
  'wk-price': async ({ task, taskService }) => {
    const count = task.variables.get('itemCount') as number;
    const out = new Variables().setTyped('total', { type: 'Double', value: count * 2.5 }).set('currency', 'EUR');
    out.setTyped('cents', { type: 'Long', value: count * 250 });
    await taskService.complete(task, out);
  },
  'wk-ship': async ({ task, taskService }) => {
    const address = task.variables.get('address');
    if (!address) {
      await taskService.handleBpmnError(task, 'NO_ADDRESS', 'the order has no address', new Variables().set('shipFailure', 'missing address'));
      return;
    }
    await taskService.complete(task, new Variables().set('tracking', `TRK-${String(task.businessKey)}`));
  },
};

let client: Client;
beforeAll(async () => {
  const { api } = server;
  await deploy(
    api,
    'wk_order',
    `<bpmn:startEvent id="Start" />
     <bpmn:serviceTask id="Validate" camunda:type="external" camunda:topic="wk-validate" />
     <bpmn:serviceTask id="Price" camunda:type="external" camunda:topic="wk-price" />
     <bpmn:serviceTask id="Ship" camunda:type="external" camunda:topic="wk-ship" />
     ${endEvent('Shipped')}${chain(['Start', 'Validate', 'Price', 'Ship', 'Shipped'])}
     ${boundary('NoAddress', 'Ship', errorDef('ErrAddress', 'camunda:errorCodeVariable="errorCode" camunda:errorMessageVariable="errorMessage"'))}
     <bpmn:userTask id="AskAddress" />${flow('F9', 'NoAddress', 'AskAddress')}`,
    errorRoot('ErrAddress', 'NO_ADDRESS'),
  );
  client = new Client({ baseUrl: api.url, asyncResponseTimeout: 1000, interval: 50 });
  for (const [topic, handler] of Object.entries(handlers)) client.subscribe(topic, handler);
});
afterAll(() => client.stop());

const order = { items: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: 1 }] };

test('the worker runs the chain to the end with typed variables', async () => {
  const { api } = server;
  const id = await startInstance(api, 'wk_order', { order, address: 'Main St 1' }, 'o-100');
  await eventually(async () => (await state(api, id)) === 'COMPLETED');
  expect(await history(api, id)).toEqual(['Start', 'Validate', 'Price', 'Ship', 'Shipped']);
  const vars = await variables(api, id);
  expect(vars).toMatchObject({
    itemCount: { type: 'Integer', value: 3 },
    valid: { type: 'Boolean', value: true },
    checkedAt: { type: 'Date', value: '2030-06-01T10:00:00.000+0000' },
    total: { type: 'Double', value: 7.5 },
    cents: { type: 'Long', value: 750 },
    currency: { type: 'String', value: 'EUR' },
    tracking: { type: 'String', value: 'TRK-o-100' },
  });
});

test('handleBpmnError is caught by the boundary event, with code, message and variables', async () => {
  const { api } = server;
  const id = await startInstance(api, 'wk_order', { order }, 'o-101');
  const task = await eventually(async () => (await api.get(`/task?processInstanceId=${id}`)).body[0]);
  expect(task.taskDefinitionKey).toBe('AskAddress');
  expect(await history(api, id)).toEqual(['Start', 'Validate', 'Price', 'Ship', 'NoAddress', 'AskAddress']);
  expect(await variables(api, id)).toMatchObject({
    errorCode: { type: 'String', value: 'NO_ADDRESS' },
    errorMessage: { type: 'String', value: 'the order has no address' },
    shipFailure: { type: 'String', value: 'missing address' },
  });
  expect(await taskOf(api, id, 'AskAddress')).toBeDefined();
});
