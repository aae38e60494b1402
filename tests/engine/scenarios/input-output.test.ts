/**
 * Scenarios — camunda:inputOutput: input parameters (constants, expressions, lists, maps, empty)
 * become the activity's locals; output parameters carry values out to the enclosing scope; only
 * outputs leave an activity that declares them, driven only through /engine-rest.
 */
import { chain, completeTask, deploy, endEvent, fetch, history, ok, startInstance, state, taskOf, useEngineRest, variables } from './support.js';
import { sendJsonTo } from '../support.js';

const server = useEngineRest('scn_io');

const IO = `<bpmn:extensionElements><camunda:inputOutput>
  <camunda:inputParameter name="greeting">Hello \${name}</camunda:inputParameter>
  <camunda:inputParameter name="limit">\${amount * 2}</camunda:inputParameter>
  <camunda:inputParameter name="fixed">constant</camunda:inputParameter>
  <camunda:inputParameter name="nothing" />
  <camunda:inputParameter name="tags"><camunda:list><camunda:value>a</camunda:value><camunda:value>\${name}</camunda:value></camunda:list></camunda:inputParameter>
  <camunda:inputParameter name="meta"><camunda:map><camunda:entry key="who">\${name}</camunda:entry><camunda:entry key="n">\${amount}</camunda:entry></camunda:map></camunda:inputParameter>
  <camunda:outputParameter name="decision">\${approved ? 'yes' : 'no'}</camunda:outputParameter>
  <camunda:outputParameter name="echo">\${fixed}</camunda:outputParameter>
</camunda:inputOutput></bpmn:extensionElements>`;

test('user task: inputs are the task\'s locals; on completion only the outputs reach the process', async () => {
  const { api } = server;
  await deploy(api, 'io_task', `<bpmn:startEvent id="Start" /><bpmn:userTask id="Decide">${IO}</bpmn:userTask>${endEvent('End')}${chain(['Start', 'Decide', 'End'])}`);
  const id = await startInstance(api, 'io_task', { name: 'Ada', amount: 21 });
  const task = await taskOf(api, id);
  const local = await ok(api.get(`/task/${task.id}/localVariables`));
  const { tags, meta, ...scalars } = local;
  expect(scalars).toEqual({
    greeting: { type: 'String', value: 'Hello Ada', valueInfo: {} },
    limit: { type: 'Long', value: 42, valueInfo: {} }, // JUEL arithmetic is Long, as in Camunda
    fixed: { type: 'String', value: 'constant', valueInfo: {} },
    nothing: { type: 'Null', value: null, valueInfo: {} },
  });
  // camunda:list and camunda:map become Object values (java.util.ArrayList / TreeMap, keys sorted),
  // deserialized in the REST answer — as Operaton stores them (conformance scenario tf-io-collections)
  expect(tags).toEqual({ type: 'Object', value: ['a', 'Ada'], valueInfo: { objectTypeName: 'java.util.ArrayList', serializationDataFormat: 'application/json' } });
  expect(meta).toEqual({ type: 'Object', value: { n: 21, who: 'Ada' }, valueInfo: { objectTypeName: 'java.util.TreeMap', serializationDataFormat: 'application/json' } });
  expect(Object.keys(meta.value)).toEqual(['n', 'who']);
  // When completed with a variable, it stays local (the task declares outputs); outputs leave
  await completeTask(api, task.id, { approved: true });
  expect(await history(api, id)).toEqual(['Start', 'Decide', 'End']);
  expect(await variables(api, id)).toEqual({
    name: { type: 'String', value: 'Ada' },
    amount: { type: 'Integer', value: 21 },
    decision: { type: 'String', value: 'yes' },
    echo: { type: 'String', value: 'constant' },
  });
});

test('external task: the worker sees the inputs; its result is mapped out by an output expression', async () => {
  const { api } = server;
  await deploy(
    api,
    'io_external',
    `<bpmn:startEvent id="Start" />
     <bpmn:serviceTask id="Quote" camunda:type="external" camunda:topic="io-quote">
       <bpmn:extensionElements><camunda:inputOutput>
         <camunda:inputParameter name="customer">\${order.customer}</camunda:inputParameter>
         <camunda:outputParameter name="total">\${price * order.qty}</camunda:outputParameter>
       </camunda:inputOutput></bpmn:extensionElements>
     </bpmn:serviceTask>
     ${endEvent('End')}${chain(['Start', 'Quote', 'End'])}`,
  );
  const id = await startInstance(api, 'io_external', { order: { customer: 'ACME', qty: 3 } });
  const [locked] = await fetch(api, 'io-quote', id);
  expect(locked.variables.customer).toEqual({ type: 'String', value: 'ACME', valueInfo: {} });
  await ok(sendJsonTo(api, 'POST', `/external-task/${locked.id}/complete`, { workerId: 'scenario-worker', variables: { price: { value: 2.5, type: 'Double' } } }), 204);
  expect(await state(api, id)).toBe('COMPLETED');
  const vars = await variables(api, id);
  expect(vars.total).toEqual({ type: 'Double', value: 7.5 });
  expect(vars.price).toBeUndefined();
  expect(vars.customer).toBeUndefined();
});

test('subprocess: inputs are visible inside it, outputs leave it', async () => {
  const { api } = server;
  await deploy(
    api,
    'io_sub',
    `<bpmn:startEvent id="Start" />
     <bpmn:subProcess id="Sub">
       <bpmn:extensionElements><camunda:inputOutput>
         <camunda:inputParameter name="counter">\${0}</camunda:inputParameter>
         <camunda:outputParameter name="final">\${counter + 1}</camunda:outputParameter>
       </camunda:inputOutput></bpmn:extensionElements>
       <bpmn:startEvent id="SStart" /><bpmn:userTask id="Inner" />${endEvent('SEnd')}${chain(['SStart', 'Inner', 'SEnd'], 'S')}
     </bpmn:subProcess>
     ${endEvent('End')}${chain(['Start', 'Sub', 'End'])}`,
  );
  const id = await startInstance(api, 'io_sub');
  const task = await taskOf(api, id);
  expect((await ok(api.get(`/task/${task.id}/variables`))).counter).toMatchObject({ type: 'Long', value: 0 }); // a JUEL literal is Long
  await ok(sendJsonTo(api, 'POST', `/task/${task.id}/complete`, { variables: {} }), 204);
  expect(await variables(api, id)).toEqual({ final: { type: 'Long', value: 1 } });
});
