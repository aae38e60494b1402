/** Checks on the compiled graph at deployment: expressions compile, unsupported combinations are refused — each naming the element, attribute and line. */
import { deployableProcesses } from '../../../engine/bpmn/index.js';
import { flow, modelerXml, start } from '../core/support.js';

test('a condition, a task attribute and an input parameter with syntax errors are each reported with their element and line', async () => {
  const xml = modelerXml(
    'broken',
    [
      start(),
      flow('F0', 'Start', 'Gw'),
      '<bpmn:exclusiveGateway id="Gw" />',
      flow('Ok', 'Gw', 'Review', '${amount &gt; 10}'),
      flow('Bad', 'Gw', 'Review', '${amount &gt;}'),
      '<bpmn:userTask id="Review" camunda:assignee="${owner.}"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="x">${1 +}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>',
    ].join('\n'),
  );
  const { processes, problems } = await deployableProcesses(xml);
  expect(processes).toEqual([]);
  expect(problems.map((p) => [p.mainElementId, p.message.replace(/: Error parsing.*/, '')])).toEqual([
    ['Bad', "Invalid expression in conditionExpression of 'Bad'"],
    ['Review', "Invalid expression in camunda:assignee of 'Review'"],
    ['Review', "Invalid expression in camunda:inputOutput 'x' of 'Review'"],
  ]);
  const badLine = xml.split('\n').findIndex((l) => l.includes('id="Bad"')) + 1;
  expect(problems[0].line).toBe(badLine);
  expect(problems[0].message).toContain("Error parsing '${amount >}'");
});

test('valid expressions and constants deploy', async () => {
  const xml = modelerXml('fine', [start(), flow('F0', 'Start', 'T'), '<bpmn:userTask id="T" camunda:assignee="${owner}" camunda:candidateGroups="sales, ops" />'].join('\n'));
  const { processes, problems } = await deployableProcesses(xml);
  expect(problems).toEqual([]);
  expect(processes).toHaveLength(1);
});

test('asyncBefore on a catch event after an event-based gateway is refused, naming the event and its line', async () => {
  const xml = modelerXml(
    'gated',
    [
      start(),
      flow('F0', 'Start', 'Gw'),
      '<bpmn:eventBasedGateway id="Gw" />',
      flow('F1', 'Gw', 'Paid'),
      flow('F2', 'Gw', 'Late'),
      '<bpmn:intermediateCatchEvent id="Paid" camunda:asyncBefore="true"><bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateCatchEvent>',
      '<bpmn:intermediateCatchEvent id="Late"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
    ].join('\n'),
    '<bpmn:message id="M" name="paid" />',
  );
  const { processes, problems } = await deployableProcesses(xml);
  expect(processes).toEqual([]);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ mainElementId: 'Paid', elementIds: ['Paid', 'Gw'], line: xml.split('\n').findIndex((l) => l.includes('id="Paid"')) + 1 });
  expect(problems[0].message).toContain('asyncBefore');
});
