/**
 * Child element order as the BPMN 2.0 XSD sequences it: the sequences derived from bpmn-moddle's
 * descriptors, and the problems a deployment gets, worded and placed as Operaton's Xerces does
 * (the conformance scenario tf-schema-order compares them with Operaton's answers).
 */
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { deployableProcesses } from '../../../engine/bpmn/index.js';
import { schemaSequence } from '../../../engine/bpmn/schema-sequences.js';
import { scanElements } from '../../../engine/bpmn/xml-scan.js';

const MODEL = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="${MODEL}" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="x">`;
const process = (body: string, after = '') => `${HEAD}
  <bpmn:process id="P" isExecutable="true" camunda:historyTimeToLive="30">
${body}
  </bpmn:process>
${after}</bpmn:definitions>`;
const el = (local: string, ns = MODEL) => `"${ns}":${local}`;

describe('schema sequences from the moddle descriptors', () => {
  const moddle = new BpmnModdle({ camunda: createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json') });
  const CATCH = ['bpmn:documentation*', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef*', 'bpmn:incoming*', 'bpmn:outgoing*', 'bpmn:property*'];
  // Written from Operaton's BPMN20.xsd / Semantic.xsd / BPMNDI.xsd / DI.xsd (base type first).
  it.each([
    ['bpmn:Definitions', ['bpmn:import*', 'bpmn:extension*', 'bpmn:rootElement*', 'bpmndi:BPMNDiagram*', 'bpmn:relationship*']],
    ['bpmn:Process', ['bpmn:documentation*', 'bpmn:extensionElements', 'bpmn:supportedInterfaceRef*', 'bpmn:ioSpecification', 'bpmn:ioBinding*', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:property*', 'bpmn:laneSet*', 'bpmn:flowElement*', 'bpmn:artifact*', 'bpmn:resourceRole*', 'bpmn:correlationSubscription*', 'bpmn:supports*']],
    ['bpmn:IntermediateCatchEvent', [...CATCH, 'bpmn:dataOutput*', 'bpmn:dataOutputAssociation*', 'bpmn:outputSet', 'bpmn:eventDefinition*', 'bpmn:eventDefinitionRef*']],
    ['bpmn:UserTask', [...CATCH.slice(0, 7), 'bpmn:ioSpecification', 'bpmn:property*', 'bpmn:dataInputAssociation*', 'bpmn:dataOutputAssociation*', 'bpmn:resourceRole*', 'bpmn:loopCharacteristics', 'bpmn:rendering*']],
    ['bpmn:SequenceFlow', ['bpmn:documentation*', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef*', 'bpmn:conditionExpression']],
    ['bpmn:TimerEventDefinition', ['bpmn:documentation*', 'bpmn:extensionElements', 'bpmn:timeDate|bpmn:timeDuration|bpmn:timeCycle']],
    ['bpmn:MultiInstanceLoopCharacteristics', ['bpmn:documentation*', 'bpmn:extensionElements', 'bpmn:loopCardinality', 'bpmn:loopDataInputRef', 'bpmn:loopDataOutputRef', 'bpmn:inputDataItem', 'bpmn:outputDataItem', 'bpmn:complexBehaviorDefinition*', 'bpmn:completionCondition']],
    ['bpmn:DataObjectReference', ['bpmn:documentation*', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef*', 'bpmn:dataState']],
    ['bpmndi:BPMNShape', ['di:extension', 'dc:Bounds!', 'bpmndi:BPMNLabel']],
    ['bpmndi:BPMNLabel', ['di:extension', 'dc:Bounds']],
  ])('given %s, then its sequence is the schema\'s', (type, sequence) => {
    expect(schemaSequence(moddle as never, type)).toEqual(sequence);
  });
});

describe('deployableProcesses: child element order', () => {
  const problemsOf = async (xml: string) => (await deployableProcesses(xml)).problems;

  it('given an event definition before outgoing, when deployed, then it is refused as Xerces words it, after the start tag, naming no element id', async () => {
    const xml = process(`    <bpmn:startEvent id="S" />
    <bpmn:intermediateCatchEvent id="Wait">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
      <bpmn:outgoing>F1</bpmn:outgoing>
    </bpmn:intermediateCatchEvent>`);
    expect((await problemsOf(xml)).filter((p) => p.message.startsWith('cvc-'))).toEqual([
      {
        message: `cvc-complex-type.2.4.a: Invalid content was found starting with element '{${el('outgoing')}}'. One of '{${el('eventDefinition')}, ${el('eventDefinitionRef')}}' is expected.`,
        line: 7,
        column: 22,
        elementIds: [],
      },
    ]);
  });

  it('given nothing may follow (after a condition, after a timer value), when deployed, then 2.4.d names the element as written', async () => {
    const xml = process(`    <bpmn:startEvent id="S" />
    <bpmn:sequenceFlow id="F" sourceRef="S" targetRef="W">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${ok}</bpmn:conditionExpression>
      <bpmn:documentation>late</bpmn:documentation>
    </bpmn:sequenceFlow>
    <bpmn:intermediateCatchEvent id="W">
      <bpmn:timerEventDefinition>
        <bpmn:timeDate>2030-01-01T00:00:00Z</bpmn:timeDate>
        <bpmn:timeCycle>R3/PT1H</bpmn:timeCycle>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>`);
    expect((await problemsOf(xml)).map((p) => p.message)).toEqual([
      "cvc-complex-type.2.4.d: Invalid content was found starting with element 'bpmn:documentation'. No child element is expected at this point.",
      "cvc-complex-type.2.4.d: Invalid content was found starting with element 'bpmn:timeCycle'. No child element is expected at this point.",
    ]);
  });

  it('given a parent with several children out of place, when deployed, then only its first is reported (as Xerces), and its children are still checked', async () => {
    const xml = process(`    <bpmn:userTask id="T">
      <bpmn:incoming>F</bpmn:incoming>
      <bpmn:extensionElements />
      <bpmn:documentation>late</bpmn:documentation>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">\${true}</bpmn:completionCondition>
        <bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">2</bpmn:loopCardinality>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>`);
    const problems = await problemsOf(xml);
    const found = (m: string) => /^(cvc-complex-type\.2\.4\.\w).*?element '([^']*)'/.exec(m)?.slice(1);
    expect(problems.filter((p) => p.message.startsWith('cvc-')).map((p) => [p.line, ...found(p.message)!])).toEqual([
      [6, 'cvc-complex-type.2.4.a', `{${el('extensionElements')}}`],
      [10, 'cvc-complex-type.2.4.d', 'bpmn:loopCardinality'],
    ]);
  });

  it('given a required element skipped or missing (a shape\'s bounds, a diagram\'s plane), when deployed, then 2.4.a lists up to it and 2.4.b is placed after the end tag', async () => {
    const xml = process(
      '    <bpmn:startEvent id="S" />',
      `  <bpmndi:BPMNDiagram id="Dia">
    <bpmndi:BPMNPlane id="Pl" bpmnElement="P">
      <bpmndi:BPMNShape id="S_di" bpmnElement="S">
        <bpmndi:BPMNLabel />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
  <bpmndi:BPMNDiagram id="Empty">
  </bpmndi:BPMNDiagram>
`,
    );
    expect((await problemsOf(xml)).map((p) => [p.line, p.column, p.message])).toEqual([
      [9, 29, `cvc-complex-type.2.4.a: Invalid content was found starting with element '{${el('BPMNLabel', 'http://www.omg.org/spec/BPMN/20100524/DI')}}'. One of '{${el('extension', 'http://www.omg.org/spec/DD/20100524/DI')}, ${el('Bounds', 'http://www.omg.org/spec/DD/20100524/DC')}}' is expected.`],
      [14, 24, `cvc-complex-type.2.4.b: The content of element 'bpmndi:BPMNDiagram' is not complete. One of '{${el('BPMNPlane', 'http://www.omg.org/spec/BPMN/20100524/DI')}}' is expected.`],
    ]);
  });

  it('given elements in schema order, repeated where the schema repeats them, and extension content in any order, when deployed, then nothing is refused', async () => {
    const xml = process(`    <bpmn:documentation>one</bpmn:documentation>
    <bpmn:documentation>two</bpmn:documentation>
    <bpmn:extensionElements>
      <camunda:properties><camunda:property name="b" value="2" /></camunda:properties>
      <camunda:executionListener event="start" expression="\${x}" />
    </bpmn:extensionElements>
    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing><bpmn:outgoing>F2</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="E" />
    <!-- a comment with <bpmn:outgoing> in it -->
    <bpmn:sequenceFlow id="F2" sourceRef="S" targetRef="E"><![CDATA[ <bpmn:documentation/> ]]></bpmn:sequenceFlow>
    <bpmn:endEvent id="E"><bpmn:incoming>F1</bpmn:incoming><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>`);
    expect((await problemsOf(xml)).filter((p) => p.message.startsWith('cvc-'))).toEqual([]);
  });
});

describe('scanElements', () => {
  it('given prefixes declared on inner elements, a default namespace and a > inside an attribute, then names resolve in scope and positions follow the tags', () => {
    const root = scanElements('<a:r xmlns:a="urn:a"><x xmlns="urn:d" t="1 > 0"/><b:y xmlns:b="urn:b">\n<b:z/></b:y></a:r>')!;
    expect(root).toMatchObject({ uri: 'urn:a', local: 'r', endLine: 1, endColumn: 22 });
    expect(root.children.map((c) => [c.name, c.uri, c.local])).toEqual([
      ['x', 'urn:d', 'x'],
      ['b:y', 'urn:b', 'y'],
    ]);
    expect(root.children[1]!.children[0]).toMatchObject({ uri: 'urn:b', endLine: 2, endColumn: 7 });
    expect(root.children[1]).toMatchObject({ closeLine: 2, closeColumn: 13 });
  });
});
