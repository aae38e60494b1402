import { readFileSync } from 'node:fs';
import { checkSupported, deployableProcesses, parseBpmn } from '../../../engine/bpmn/index.js';
import type { BpmnProblem } from '../../../engine/model/graph.js';

const UNSUPPORTED_XML = readFileSync(new URL('./support.bpmn', import.meta.url), 'utf8');

/** A Modeler-style file around `body` (the process contents) and extra root elements. */
function model(body: string, roots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="http://bpmn.io/schema/bpmn">
${roots}
  <bpmn:process id="P" isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

async function problemsOf(xml: string): Promise<BpmnProblem[]> {
  const { definitions, warnings } = await parseBpmn(xml);
  expect(warnings).toEqual([]);
  return checkSupported(definitions);
}

describe('checkSupported: constructs outside the subset', () => {
  let problems: BpmnProblem[];

  beforeAll(async () => {
    const result = await deployableProcesses(UNSUPPORTED_XML);
    expect(result.processes).toEqual([]);
    problems = result.problems;
  });

  it.each([
    ['a script task', 'Script', 'bpmn:ScriptTask'],
    ['a complex gateway', 'Complex', 'bpmn:ComplexGateway'],
    ['a script condition', 'ScriptCondition', 'bpmn:SequenceFlow'],
    ['a service task with camunda:class', 'ClassTask', 'bpmn:ServiceTask'],
    ['a compensation boundary event', 'Compensate', 'bpmn:CompensateEventDefinition'],
    ['a compensation handler', 'Refund', 'bpmn:Task'],
    ['a signal catch event', 'WaitSignal', 'bpmn:SignalEventDefinition'],
    ['a transaction', 'Tx', 'bpmn:Transaction'],
    ['calledElementBinding="deployment"', 'CallDeployment', 'bpmn:CallActivity'],
    ['a message start inside an embedded subprocess', 'SubMessageStart', 'bpmn:MessageEventDefinition'],
    ['a camunda:executionListener', 'Listened', 'camunda:ExecutionListener'],
    ['camunda:formData', 'WithFormData', 'camunda:FormData'],
    ['an escalation end event', 'Escalate', 'bpmn:EscalationEventDefinition'],
  ])('given %s, when checked, then it is refused naming its id and type', (_what, id, type) => {
    const problem = problems.find((p) => p.mainElementId === id);
    expect(problem).toMatchObject({ mainElementId: id, elementIds: [id], elementType: type });
    expect(problem!.message).toContain(`'${id}'`);
    expect(problem!.message).toContain('not supported');
    expect(problem!.line).toBeGreaterThan(1);
  });

  it('given a model with many unsupported constructs, when checked, then all are reported together, once each', () => {
    expect(problems.map((p) => p.mainElementId).sort()).toEqual(
      ['CallDeployment', 'ClassTask', 'Compensate', 'Complex', 'Escalate', 'Listened', 'Refund', 'Script', 'ScriptCondition', 'SubMessageStart', 'Tx', 'WaitSignal', 'WithFormData'].sort(),
    );
  });

  it('given the transaction, when checked, then it is refused as a whole (its contents are not reported too)', () => {
    expect(problems.some((p) => ['TxStart', 'TxEnd', 'TxF'].includes(p.mainElementId ?? ''))).toBe(false);
  });

  it('given a problem, when located, then line and column point at the element in the XML', () => {
    const script = problems.find((p) => p.mainElementId === 'Script')!;
    const lines = UNSUPPORTED_XML.split('\n');
    expect(lines[script.line! - 1].slice(script.column! - 1)).toMatch(/^<bpmn:scriptTask id="Script"/);
  });

  it.each([
    ['a foreign (zeebe) extension element', '<bpmn:serviceTask id="X" camunda:type="external" camunda:topic="t"><bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements></bpmn:serviceTask>', 'zeebe:taskDefinition'],
    ['a camunda:taskListener', '<bpmn:userTask id="X"><bpmn:extensionElements><camunda:taskListener event="create" expression="${a.b()}" /></bpmn:extensionElements></bpmn:userTask>', 'camunda:TaskListener'],
    ['a camunda:connector', '<bpmn:serviceTask id="X"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>', 'camunda:Connector'],
    ['camunda:failedJobRetryTimeCycle', '<bpmn:serviceTask id="X" camunda:type="external" camunda:topic="t" camunda:asyncBefore="true"><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R3/PT5M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:serviceTask>', 'camunda:FailedJobRetryTimeCycle'],
    ['a service task with camunda:expression', '<bpmn:serviceTask id="X" camunda:expression="${a.b()}" />', 'bpmn:ServiceTask'],
    ['a business rule task with a DMN decisionRef', '<bpmn:businessRuleTask id="X" camunda:decisionRef="score" />', 'bpmn:BusinessRuleTask'],
    ['camunda:type other than external', '<bpmn:sendTask id="X" camunda:type="mail" camunda:topic="t" />', 'bpmn:SendTask'],
    ['a script input parameter', '<bpmn:task id="X"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="a"><camunda:script scriptFormat="groovy">1</camunda:script></camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:task>', 'camunda:Script'],
    ['a standard loop', '<bpmn:task id="X"><bpmn:standardLoopCharacteristics /></bpmn:task>', 'bpmn:StandardLoopCharacteristics'],
    ['async on the multi-instance body', '<bpmn:task id="X"><bpmn:multiInstanceLoopCharacteristics camunda:collection="${c}" camunda:asyncBefore="true" /></bpmn:task>', 'bpmn:Task'],
    ['an ad-hoc subprocess', '<bpmn:adHocSubProcess id="X" />', 'bpmn:AdHocSubProcess'],
    ['a conditional start event', '<bpmn:startEvent id="X"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">${a}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>', 'bpmn:ConditionalEventDefinition'],
    ['a link catch event', '<bpmn:intermediateCatchEvent id="X"><bpmn:linkEventDefinition name="l" /></bpmn:intermediateCatchEvent>', 'bpmn:LinkEventDefinition'],
    ['a signal intermediate throw event', '<bpmn:intermediateThrowEvent id="X"><bpmn:signalEventDefinition /></bpmn:intermediateThrowEvent>', 'bpmn:SignalEventDefinition'],
    ['an error end event storing the code in a variable (only catching events set it)', '<bpmn:endEvent id="X"><bpmn:errorEventDefinition errorRef="E" camunda:errorCodeVariable="code" /></bpmn:endEvent>', 'bpmn:EndEvent'],
    ['a start event form key', '<bpmn:startEvent id="X" camunda:formKey="crm:start" />', 'bpmn:StartEvent'],
    ['a user task with a humanPerformer', '<bpmn:userTask id="X"><bpmn:humanPerformer><bpmn:resourceAssignmentExpression><bpmn:formalExpression>anna</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:humanPerformer></bpmn:userTask>', 'bpmn:HumanPerformer'],
    ['a receive task that instantiates', '<bpmn:receiveTask id="X" messageRef="M" instantiate="true" />', 'bpmn:ReceiveTask'],
    ['a process-level job priority', '', 'bpmn:Process'],
  ])('given %s, when checked, then it is refused', async (_what, body, type) => {
    let xml = model(body, '<bpmn:message id="M" name="m" /><bpmn:error id="E" errorCode="e" />').replace('xmlns:camunda=', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=');
    if (type === 'bpmn:Process') xml = xml.replace('isExecutable="true"', 'isExecutable="true" camunda:jobPriority="5"');
    const problems = await problemsOf(xml);
    expect(problems).toEqual([expect.objectContaining({ elementType: type, mainElementId: type === 'bpmn:Process' ? 'P' : 'X' })]);
  });
});

describe('checkSupported: structural checks Camunda applies', () => {
  const flow = (id: string, from: string, to: string, condition?: string) =>
    condition
      ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
      : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

  it.each([
    ['an exclusive gateway whose default flow is not outgoing', `<bpmn:startEvent id="S" />${flow('F0', 'S', 'G')}<bpmn:exclusiveGateway id="G" default="F0" />${flow('F1', 'G', 'E', '${a}')}<bpmn:endEvent id="E" />`, 'G', 'not one of its outgoing'],
    ['a default flow with a condition', `<bpmn:exclusiveGateway id="G" default="F1" />${flow('F1', 'G', 'E', '${a}')}${flow('F2', 'G', 'E', '${b}')}<bpmn:endEvent id="E" />`, 'G', 'must not have a condition'],
    ['two unconditional flows out of an exclusive gateway', `<bpmn:exclusiveGateway id="G" />${flow('F1', 'G', 'E')}${flow('F2', 'G', 'E')}<bpmn:endEvent id="E" />`, 'G', 'has no condition'],
    ['a message event without messageRef', '<bpmn:intermediateCatchEvent id="C"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>', 'C', 'needs a messageRef'],
    ['a message without a name', '<bpmn:receiveTask id="C" messageRef="Nameless" />', 'C', 'has no name'],
    ['a timer with no time', '<bpmn:intermediateCatchEvent id="C"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>', 'C', 'exactly one of timeDuration'],
    ['a boundary event without attachedToRef', '<bpmn:boundaryEvent id="B"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>', 'B', 'must be attached'],
    ['a boundary event on a gateway', '<bpmn:parallelGateway id="G" /><bpmn:boundaryEvent id="B" attachedToRef="G"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>', 'B', 'not an activity'],
    ['a non-interrupting error boundary', '<bpmn:task id="T" /><bpmn:boundaryEvent id="B" attachedToRef="T" cancelActivity="false"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>', 'B', 'must be interrupting'],
    ['a sequence flow into a subprocess', `<bpmn:startEvent id="S" />${flow('Across', 'S', 'Inner')}<bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart" />${flow('SF', 'SubStart', 'Inner')}<bpmn:endEvent id="Inner" /></bpmn:subProcess>`, 'Across', 'not in the same scope'],
    ['a sequence flow into a start event', `<bpmn:startEvent id="S" /><bpmn:task id="T" />${flow('Back', 'T', 'S')}`, 'Back', 'cannot have incoming'],
    ['two none start events in a process', '<bpmn:startEvent id="S1" /><bpmn:startEvent id="S2" />', 'S2', 'multiple none start events'],
    ['a none and a timer start event in a process', '<bpmn:startEvent id="S1" /><bpmn:startEvent id="S2"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>', 'S2', 'multiple none start events or timer'],
    ['two message starts on the same message', '<bpmn:startEvent id="S1"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent><bpmn:startEvent id="S2"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>', 'S2', "already subscribes to the message 'm'"],
    ['a message start named by an expression', '<bpmn:startEvent id="S"><bpmn:messageEventDefinition messageRef="Dyn" /></bpmn:startEvent>', 'S', 'cannot be an expression'],
    ['an error start outside an event subprocess', '<bpmn:startEvent id="S"><bpmn:errorEventDefinition /></bpmn:startEvent>', 'S', 'not supported'],
    ['an embedded subprocess without start event', '<bpmn:subProcess id="Sub"><bpmn:task id="T" /></bpmn:subProcess>', 'Sub', 'needs a start event'],
    ['a non-interrupting error start in an event subprocess', '<bpmn:subProcess id="Ev" triggeredByEvent="true"><bpmn:startEvent id="S" isInterrupting="false"><bpmn:errorEventDefinition /></bpmn:startEvent></bpmn:subProcess>', 'S', 'must be interrupting'],
    ['an error end event whose error has no code', '<bpmn:endEvent id="E"><bpmn:errorEventDefinition errorRef="NoCode" /></bpmn:endEvent>', 'E', "'errorCode' is mandatory"],
    ['an error end event without errorRef (Operaton refuses it too)', '<bpmn:endEvent id="E"><bpmn:errorEventDefinition /></bpmn:endEvent>', 'E', "'errorRef' attribute is mandatory"],
    ['an external task without topic', '<bpmn:serviceTask id="T" camunda:type="external" />', 'T', 'needs a camunda:topic'],
    ['a service task without implementation', '<bpmn:serviceTask id="T" />', 'T', 'needs an implementation'],
    ['a message end event that is not external', '<bpmn:endEvent id="E"><bpmn:messageEventDefinition messageRef="M" /></bpmn:endEvent>', 'E', 'needs an implementation'],
    ['a call activity without calledElement', '<bpmn:callActivity id="C" />', 'C', "needs a 'calledElement'"],
    ['a camunda:in without source or target', '<bpmn:callActivity id="C" calledElement="x"><bpmn:extensionElements><camunda:in source="a" /></bpmn:extensionElements></bpmn:callActivity>', 'C', 'needs a target'],
    ['a multi-instance without collection or cardinality', '<bpmn:task id="T"><bpmn:multiInstanceLoopCharacteristics /></bpmn:task>', 'T', 'loopCardinality or camunda:collection'],
    ['output parameters on an end event', '<bpmn:endEvent id="E"><bpmn:extensionElements><camunda:inputOutput><camunda:outputParameter name="a">1</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:endEvent>', 'E', 'outputParameter is not allowed'],
    ['output parameters on a multi-instance task', '<bpmn:task id="T"><bpmn:extensionElements><camunda:inputOutput><camunda:outputParameter name="a">1</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics camunda:collection="${c}" /></bpmn:task>', 'T', 'multi-instance'],
    ['an I/O mapping on a start event', '<bpmn:startEvent id="S"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="a">1</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:startEvent>', 'S', 'camunda:inputOutput on a bpmn:StartEvent'],
    ['an I/O mapping on an event subprocess', '<bpmn:subProcess id="Ev" triggeredByEvent="true"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="a">1</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements><bpmn:startEvent id="S"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent></bpmn:subProcess>', 'Ev', 'triggeredByEvent = true'],
    ['an event-based gateway leading to a task', `<bpmn:eventBasedGateway id="G" />${flow('F1', 'G', 'T')}<bpmn:task id="T" />`, 'G', 'only lead to intermediate catch events'],
    ['an empty condition', `<bpmn:task id="T" /><bpmn:endEvent id="E" /><bpmn:sequenceFlow id="F" sourceRef="T" targetRef="E"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"> </bpmn:conditionExpression></bpmn:sequenceFlow>`, 'F', 'is empty'],
  ])('given %s, when checked, then the element is refused', async (_what, body, id, message) => {
    const roots = '<bpmn:message id="M" name="m" /><bpmn:message id="Nameless" /><bpmn:message id="Dyn" name="order-${type}" /><bpmn:error id="NoCode" name="no code" />';
    const problems = await problemsOf(model(body, roots));
    expect(problems).toContainEqual(expect.objectContaining({ mainElementId: id, elementIds: [id], message: expect.stringContaining(message) }));
  });

  it('given a minimal valid process, when checked, then there is no problem', async () => {
    const problems = await problemsOf(model('<bpmn:startEvent id="S" /><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="E" /><bpmn:endEvent id="E" />'));
    expect(problems).toEqual([]);
  });
});
