import { readFileSync } from 'node:fs';
import { deployableProcesses } from '../../../engine/bpmn/index.js';
import type { ProcessGraph } from '../../../engine/model/graph.js';

const CAMUNDA_XML = readFileSync(new URL('./compile.bpmn', import.meta.url), 'utf8');

/** The same model in Operaton's dialect: its namespace URI and prefix, no trace of camunda. */
function operatonDialect(xml: string): string {
  return xml
    .replace('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"', 'xmlns:operaton="http://operaton.org/schema/1.0/bpmn"')
    .replace(/(<\/?|\s)camunda:/g, '$1operaton:');
}

async function compiled(xml: string): Promise<ProcessGraph[]> {
  const { processes, problems } = await deployableProcesses(xml);
  expect(problems).toEqual([]);
  return processes;
}

describe('compileProcesses: every supported element and attribute', () => {
  let order: ProcessGraph;
  let nightly: ProcessGraph;

  beforeAll(async () => {
    [order, nightly] = await compiled(CAMUNDA_XML);
  });

  it('given a Modeler file with two executable processes, when compiled, then one graph per process with its key, name and camunda process attributes', () => {
    expect(order).toMatchObject({
      key: 'Order',
      name: 'Order handling',
      versionTag: '1.2',
      historyTimeToLive: 'P30D',
      category: 'http://bpmn.io/schema/bpmn',
      description: 'Handles an order end to end.',
    });
    expect(order.startableInTasklist).toBeUndefined();
    expect(nightly).toMatchObject({ key: 'Nightly', category: 'http://bpmn.io/schema/bpmn', startableInTasklist: false });
    expect(nightly.name).toBeUndefined();
    expect(nightly.description).toBeUndefined();
  });

  it('given the graphs, when round-tripped through JSON, then they are unchanged (plain data)', () => {
    expect(JSON.parse(JSON.stringify([order, nightly]))).toStrictEqual([order, nightly]);
  });

  it('given lanes, annotations, associations, documentation and DI, when compiled, then they are ignored and every flow node is a node', () => {
    expect(Object.keys(order.nodes)).not.toContain('Note');
    expect(Object.keys(order.flows)).not.toContain('Assoc');
    expect(Object.keys(order.nodes)).toEqual([
      'Start', 'StartByMessage', 'Review', 'AmountGateway', 'Charge', 'CardDeclined', 'ChargeSlow', 'Declined', 'Milestone', 'SlowEnd',
      'Fork', 'Notify', 'Score', 'Join', 'Include', 'Manual', 'Plain', 'Waiting', 'Confirm', 'Race', 'Reminder', 'Deadline',
      'Lines', 'LineStart', 'PickLine', 'LineEnd', 'LineFailed', 'LineErrors', 'LineErrorStart', 'LineErrorEnd', 'Cancelled', 'AnyLineError',
      'Failed', 'Billing', 'Done', 'Updates', 'UpdateStart', 'ApplyUpdate', 'UpdateEnd', 'Expiry', 'ExpiryStart', 'ExpiryEnd',
    ]);
    expect(Object.keys(order.flows)).toHaveLength(36); // the 37th sequence flow is the Nightly process's
  });

  it('given start events, when compiled, then none and message triggers, and messageStarts maps the message name', () => {
    expect(order.nodes.Start).toMatchObject({ type: 'startEvent', name: 'Order placed', parent: null, event: { kind: 'none' }, incoming: [], outgoing: ['F_start'] });
    expect(order.nodes.StartByMessage.event).toEqual({ kind: 'message', messageName: 'order-received' });
    expect(order.messageStarts).toEqual({ 'order-received': 'StartByMessage' });
    expect(nightly.nodes.NightlyStart.event).toEqual({ kind: 'timer', timer: { type: 'cycle', expression: 'R3/PT24H' } });
  });

  it('given a user task, when compiled, then every camunda assignment/form/date attribute is kept as written', () => {
    expect(order.nodes.Review.userTask).toEqual({
      assignee: '${initiator}',
      candidateUsers: 'anna, ben',
      candidateGroups: 'sales,managers',
      formKey: 'crm:order-review',
      dueDate: '${dueDate}',
      followUpDate: 'P2D',
      priority: '70',
    });
    expect(order.nodes.Review.incoming).toEqual(['F_start', 'F_startMsg']);
  });

  it('given camunda:inputOutput, when compiled, then text, null, list and map values (nested) are kept', () => {
    const io = order.nodes.Review.inputOutput!;
    expect(io.inputs).toEqual([
      { name: 'text', value: { type: 'text', value: '${order.total}' } },
      { name: 'constant', value: { type: 'text', value: 'fixed' } },
      { name: 'nothing', value: { type: 'null' } },
      {
        name: 'aList',
        value: {
          type: 'list',
          items: [
            { type: 'text', value: 'a' },
            { type: 'text', value: '${b}' },
            { type: 'null' },
            { type: 'map', entries: [{ key: 'nested', value: { type: 'text', value: 'x' } }] },
          ],
        },
      },
      {
        name: 'aMap',
        value: {
          type: 'map',
          entries: [
            { key: 'k1', value: { type: 'text', value: 'v1' } },
            { key: 'k2', value: { type: 'list', items: [{ type: 'text', value: 'z' }] } },
            { key: 'k3', value: { type: 'null' } },
          ],
        },
      },
    ]);
    expect(io.outputs).toEqual([{ name: 'approved', value: { type: 'text', value: '${approved}' } }]);
    expect(order.nodes.Done.inputOutput).toEqual({ inputs: [{ name: 'to', value: { type: 'text', value: '${customer.email}' } }], outputs: [] });
  });

  it('given external service/send/business-rule tasks, when compiled, then topic, priority and async flags are kept', () => {
    expect(order.nodes.Charge).toMatchObject({
      type: 'serviceTask',
      external: { topic: 'charge-card', priority: '${priority}' },
      asyncBefore: true,
      asyncAfter: true,
      exclusive: false,
      boundaries: ['CardDeclined', 'ChargeSlow'],
    });
    expect(order.nodes.Notify).toMatchObject({ type: 'sendTask', external: { topic: 'notify' } });
    expect(order.nodes.Score).toMatchObject({ type: 'businessRuleTask', external: { topic: 'score' } });
    expect(order.nodes.Review.asyncBefore).toBeUndefined();
    expect(order.nodes.ApplyUpdate).toMatchObject({ asyncBefore: true, exclusive: true }); // camunda:async
  });

  it('given boundary events, when compiled, then trigger, interrupting and the host activity are set', () => {
    expect(order.nodes.CardDeclined).toMatchObject({ type: 'boundaryEvent', attachedTo: 'Charge', interrupting: true, event: { kind: 'error', errorCode: 'card-declined' } });
    expect(order.nodes.ChargeSlow).toMatchObject({ attachedTo: 'Charge', interrupting: false, event: { kind: 'timer', timer: { type: 'duration', expression: 'PT1H' } } });
    expect(order.nodes.Cancelled).toMatchObject({ attachedTo: 'Lines', interrupting: true, event: { kind: 'message', messageName: 'cancel' } });
    expect(order.nodes.AnyLineError.event).toEqual({ kind: 'error', errorCode: null });
  });

  it('given gateways, when compiled, then their types and default flows', () => {
    expect(order.nodes.AmountGateway).toMatchObject({ type: 'exclusiveGateway', default: 'F_small', outgoing: ['F_big', 'F_small'] });
    expect(order.nodes.Fork).toMatchObject({ type: 'parallelGateway', outgoing: ['F_fork1', 'F_fork2'] });
    expect(order.nodes.Join).toMatchObject({ type: 'parallelGateway', incoming: ['F_join1', 'F_join2'] });
    expect(order.nodes.Include).toMatchObject({ type: 'inclusiveGateway', default: 'F_inclDefault' });
    expect(order.nodes.Race).toMatchObject({ type: 'eventBasedGateway', outgoing: ['F_raceMsg', 'F_raceTimer'] });
  });

  it('given sequence flows, when compiled, then names, ends and expression conditions', () => {
    expect(order.flows.F_big).toEqual({ id: 'F_big', name: 'big', source: 'AmountGateway', target: 'Charge', condition: '${order.total > 1000}' });
    expect(order.flows.F_small).toEqual({ id: 'F_small', source: 'AmountGateway', target: 'Fork' });
    expect(order.flows.F_billedCheap.condition).toBe('${cheap}');
  });

  it('given tasks, catch and throw events, when compiled, then receive task message, timers and none throw', () => {
    expect(order.nodes.Confirm).toMatchObject({ type: 'receiveTask', event: { kind: 'message', messageName: 'confirmation' } });
    expect(order.nodes.Manual).toMatchObject({ type: 'manualTask', name: 'Send a gift' });
    expect(order.nodes.Plain.type).toBe('task');
    expect(order.nodes.Reminder).toMatchObject({ type: 'intermediateCatchEvent', event: { kind: 'message', messageName: 'reminder' } });
    expect(order.nodes.Deadline.event).toEqual({ kind: 'timer', timer: { type: 'date', expression: '2030-01-01T00:00:00Z' } });
    expect(order.nodes.Milestone).toMatchObject({ type: 'intermediateThrowEvent', event: { kind: 'none' } });
  });

  it('given end events, when compiled, then terminate, error (code and message) and external message ends', () => {
    expect(order.nodes.Declined.event).toEqual({ kind: 'terminate' });
    expect(order.nodes.LineFailed).toMatchObject({ parent: 'Lines', event: { kind: 'error', errorCode: 'sub-failed', errorMessage: 'The subprocess failed' } });
    expect(order.nodes.Failed.event).toEqual({ kind: 'error', errorCode: 'card-declined' });
    expect(order.nodes.Done).toMatchObject({ event: { kind: 'message', messageName: 'done' }, external: { topic: 'send-confirmation', priority: '5' } });
    expect(order.nodes.SlowEnd.event).toEqual({ kind: 'none' });
  });

  it('given an embedded multi-instance subprocess with an error event subprocess, when compiled, then nested nodes name their parent', () => {
    expect(order.nodes.Lines).toMatchObject({
      type: 'subProcess',
      eventSubProcess: false,
      multiInstance: { sequential: false, collection: '${order.lines}', elementVariable: 'line', completionCondition: '${nrOfCompletedInstances >= 2}' },
    });
    expect(order.nodes.LineStart).toMatchObject({ parent: 'Lines', event: { kind: 'none' } });
    expect(order.nodes.PickLine).toMatchObject({ parent: 'Lines', userTask: { candidateGroups: 'warehouse' } });
    expect(order.nodes.LineErrors).toMatchObject({ parent: 'Lines', eventSubProcess: true, incoming: [], outgoing: [] });
    expect(order.nodes.LineErrorStart).toMatchObject({ parent: 'LineErrors', interrupting: true, event: { kind: 'error', errorCode: null } });
    expect(order.flows.F_lineError).toEqual({ id: 'F_lineError', source: 'LineErrorStart', target: 'LineErrorEnd' });
  });

  it('given process-level event subprocesses, when compiled, then their start triggers and interrupting flags', () => {
    expect(order.nodes.Updates).toMatchObject({ eventSubProcess: true, parent: null });
    expect(order.nodes.UpdateStart).toMatchObject({ parent: 'Updates', interrupting: false, event: { kind: 'message', messageName: 'update' } });
    expect(order.nodes.ExpiryStart).toMatchObject({ interrupting: true, event: { kind: 'timer', timer: { type: 'duration', expression: 'P30D' } } });
    expect(order.messageStarts).not.toHaveProperty('update');
  });

  it('given a call activity, when compiled, then latest binding, business key and in/out mappings in order', () => {
    expect(order.nodes.Billing.callActivity).toEqual({
      calledElement: 'billing',
      binding: 'latest',
      businessKey: '#{execution.processBusinessKey}',
      in: [
        { businessKey: '#{execution.processBusinessKey}' },
        { source: 'orderId', target: 'id' },
        { sourceExpression: '${order.total * 2}', target: 'doubled' },
        { all: true, local: true },
      ],
      out: [{ all: true }, { source: 'invoiceId', target: 'invoice' }],
    });
    expect(order.nodes.Billing.multiInstance).toEqual({ sequential: true, loopCardinality: '3' });
  });
});

describe('compileProcesses: error variables and message throw events', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="x">
  <bpmn:error id="Err" errorCode="boom" />
  <bpmn:message id="Msg" name="notify" />
  <bpmn:process id="Errors" isExecutable="true">
    <bpmn:startEvent id="S" />
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Notify" />
    <bpmn:intermediateThrowEvent id="Notify"><bpmn:messageEventDefinition messageRef="Msg" camunda:type="external" camunda:topic="notify" camunda:taskPriority="3" /></bpmn:intermediateThrowEvent>
    <bpmn:sequenceFlow id="F2" sourceRef="Notify" targetRef="T" />
    <bpmn:task id="T" />
    <bpmn:boundaryEvent id="Caught" attachedToRef="T"><bpmn:errorEventDefinition errorRef="Err" camunda:errorCodeVariable="code" camunda:errorMessageVariable="message" /></bpmn:boundaryEvent>
    <bpmn:subProcess id="OnError" triggeredByEvent="true">
      <bpmn:startEvent id="AnyError"><bpmn:errorEventDefinition camunda:errorCodeVariable="anyCode" /></bpmn:startEvent>
    </bpmn:subProcess>
  </bpmn:process>
</bpmn:definitions>`;

  it('given catching error events naming camunda:errorCodeVariable / errorMessageVariable, when compiled, then the graph keeps them', async () => {
    const [graph] = await compiled(xml);
    expect(graph.nodes.Caught.event).toEqual({ kind: 'error', errorCode: 'boom', errorCodeVariable: 'code', errorMessageVariable: 'message' });
    expect(graph.nodes.AnyError.event).toEqual({ kind: 'error', errorCode: null, errorCodeVariable: 'anyCode' });
  });

  it('given a message intermediate throw event with camunda:type="external", when compiled, then it carries its external task', async () => {
    const [graph] = await compiled(xml);
    expect(graph.nodes.Notify).toMatchObject({ type: 'intermediateThrowEvent', event: { kind: 'message', messageName: 'notify' }, external: { topic: 'notify', priority: '3' } });
  });

  it('given throwing message events without messageRef (Camunda does not need one), when compiled, then they are external tasks with no message name', async () => {
    const [graph] = await compiled(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="x">
  <bpmn:process id="NoRef" isExecutable="true">
    <bpmn:startEvent id="S" />
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Inform" />
    <bpmn:intermediateThrowEvent id="Inform"><bpmn:messageEventDefinition camunda:type="external" camunda:topic="inform" /></bpmn:intermediateThrowEvent>
    <bpmn:sequenceFlow id="F2" sourceRef="Inform" targetRef="E" />
    <bpmn:endEvent id="E"><bpmn:messageEventDefinition camunda:type="external" camunda:topic="notify" /></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`);
    expect(graph.nodes.Inform).toMatchObject({ event: { kind: 'message', messageName: '' }, external: { topic: 'inform' } });
    expect(graph.nodes.E).toMatchObject({ event: { kind: 'message', messageName: '' }, external: { topic: 'notify' } });
  });
});

describe('the Operaton dialect', () => {
  it('given the same model written with the operaton namespace, when compiled, then the graphs are identical', async () => {
    const operaton = operatonDialect(CAMUNDA_XML);
    expect(operaton).not.toContain('camunda:');
    expect(operaton).not.toContain('http://camunda.org/schema/1.0/bpmn');
    expect(operaton).toContain('operaton:assignee="${initiator}"');
    expect(await compiled(operaton)).toStrictEqual(await compiled(CAMUNDA_XML));
  });

  it('given a model mixing camunda: and operaton: attributes, when compiled, then both are read', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="D" targetNamespace="x">
  <bpmn:process id="Mixed" isExecutable="true" operaton:versionTag="v9">
    <bpmn:startEvent id="S" />
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T" />
    <bpmn:serviceTask id="T" camunda:type="external" operaton:topic="mixed" />
    <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E" />
    <bpmn:endEvent id="E" />
  </bpmn:process>
</bpmn:definitions>`;
    const [graph] = await compiled(xml);
    expect(graph.versionTag).toBe('v9');
    expect(graph.nodes.T.external).toEqual({ topic: 'mixed' });
  });
});
