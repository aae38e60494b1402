import { readFileSync } from 'node:fs';
import { BpmnParseError, deployableProcesses, parseBpmn } from '../../../engine/bpmn/index.js';

const COLLABORATION_XML = readFileSync(new URL('./deploy-collaboration.bpmn', import.meta.url), 'utf8');

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="x">`;

function model(processAttrs: string, body: string): string {
  return `${HEAD}
  <bpmn:process id="P" ${processAttrs}>
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

const VALID_BODY = `    <bpmn:startEvent id="S" />
    <bpmn:sequenceFlow id="F" sourceRef="S" targetRef="E" />
    <bpmn:endEvent id="E" />`;

describe('deployableProcesses', () => {
  it('given XML with an unclosed tag, when deployed, then nothing compiles and the problem carries the line and column', async () => {
    const xml = `${HEAD}
  <bpmn:process id="P" isExecutable="true">
    <bpmn:startEvent id="S">
  </bpmn:process>
</bpmn:definitions>`;
    const { processes, problems } = await deployableProcesses(xml);
    expect(processes).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 5, column: 3, message: expect.stringMatching(/line 5, column 3: closing tag mismatch/) })]);
  });

  it('given something that is not XML, when deployed, then it is one problem at line 1', async () => {
    const { problems } = await deployableProcesses('this is not a BPMN file');
    expect(problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('missing start tag') })]);
  });

  it('given XML whose root is not bpmn:definitions, when deployed, then it is refused', async () => {
    const { processes, problems } = await deployableProcesses('<foo/>');
    expect(processes).toEqual([]);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/failed to parse document as <bpmn:Definitions>[\s\S]*unexpected element <foo>/);
  });

  it('given a sequence flow whose sourceRef names no element, when deployed, then the unresolved reference is refused with the flow id', async () => {
    const xml = model('isExecutable="true"', VALID_BODY.replace('sourceRef="S"', 'sourceRef="Nowhere"'));
    const { processes, problems } = await deployableProcesses(xml);
    expect(processes).toEqual([]);
    expect(problems).toContainEqual(expect.objectContaining({ mainElementId: 'F', line: 5, message: expect.stringContaining("unresolved reference 'Nowhere'") }));
  });

  it('given an element moddle does not know, when deployed, then it is refused with its line', async () => {
    const xml = model('isExecutable="true"', `${VALID_BODY}\n    <bpmn:madeUpTask id="M" />`);
    const { problems } = await deployableProcesses(xml);
    expect(problems).toEqual([expect.objectContaining({ line: 7, message: expect.stringContaining('unknown type <bpmn:MadeUpTask>') })]);
  });

  it('given an unknown camunda attribute, when deployed, then it is refused naming the element', async () => {
    const xml = model('isExecutable="true"', VALID_BODY.replace('<bpmn:endEvent id="E" />', '<bpmn:endEvent id="E" camunda:asyncBeforeTypo="true" />'));
    const { problems } = await deployableProcesses(xml);
    expect(problems).toEqual([expect.objectContaining({ mainElementId: 'E', message: expect.stringContaining("unknown attribute 'camunda:asyncBeforeTypo'") })]);
  });

  it('given two elements with the same id, when deployed, then the duplicate is refused', async () => {
    const xml = model('isExecutable="true"', `${VALID_BODY}\n    <bpmn:task id="S" />`);
    const { problems } = await deployableProcesses(xml);
    expect(problems).toContainEqual(expect.objectContaining({ mainElementId: 'S', line: 7, message: expect.stringContaining('duplicate ID <S>') }));
  });

  it('given a non-executable process, even with unsupported elements, when deployed, then it is skipped without problem', async () => {
    const xml = model('isExecutable="false"', `${VALID_BODY}\n    <bpmn:scriptTask id="Script" />`);
    expect(await deployableProcesses(xml)).toEqual({ processes: [], problems: [] });
  });

  it('given a process without isExecutable, when deployed, then it is executable (Camunda\'s default)', async () => {
    const { processes, problems } = await deployableProcesses(model('', VALID_BODY));
    expect(problems).toEqual([]);
    expect(processes.map((p) => p.key)).toEqual(['P']);
  });

  it('given a collaboration with two executable pools and a non-executable one, when deployed, then both executable processes compile', async () => {
    const { processes, problems } = await deployableProcesses(COLLABORATION_XML);
    expect(problems).toEqual([]);
    expect(processes.map((p) => p.key)).toEqual(['Sales', 'Billing']);
    expect(processes[0].nodes.SalesDone).toMatchObject({ event: { kind: 'message', messageName: 'invoice' }, external: { topic: 'send-invoice' } });
    expect(processes[1].messageStarts).toEqual({ invoice: 'BillingStart' });
  });

  it('given a model with several problems of different kinds, when deployed, then all come back together', async () => {
    const body = VALID_BODY.replace('targetRef="E"', 'targetRef="Gone"') + '\n    <bpmn:scriptTask id="Script" />\n    <bpmn:serviceTask id="T" camunda:type="external" />';
    const { problems } = await deployableProcesses(model('isExecutable="true"', body));
    expect(problems.map((p) => p.mainElementId)).toEqual(expect.arrayContaining(['F', 'Script', 'T']));
  });
});

describe('parseBpmn', () => {
  it('given malformed XML, when parsed, then it throws BpmnParseError with located problems', async () => {
    const error = await parseBpmn(`${HEAD}\n<bpmn:process id="P">\n</bpmn:definitions>`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BpmnParseError);
    expect((error as BpmnParseError).problems[0]).toMatchObject({ line: 4, elementIds: [] });
  });

  it('given a valid model, when parsed, then the moddle definitions and no warnings', async () => {
    const { definitions, warnings } = await parseBpmn(model('isExecutable="true"', VALID_BODY));
    expect(definitions.$type).toBe('bpmn:Definitions');
    expect(warnings).toEqual([]);
  });
});
