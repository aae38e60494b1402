/**
 * Sequence flows: both ends resolved, in the flow's own scope, not entering a start or boundary
 * event or leaving an end event, and conditions that are expressions (`${…}`) — script conditions
 * (a `language` attribute) and external condition resources are refused.
 */
import type { SequenceFlow } from '../../model/graph.js';
import { body, one, str, type ModdleElement } from '../moddle.js';
import type { Problems } from '../problems.js';
import { compact } from '../compact.js';
import type { Scope } from '../walk.js';
import { checkCamundaAttributes } from './camunda-attributes.js';
import { checkExtensionElements } from './extension-elements.js';
import { checkInputOutput } from './input-output.js';

const NO_INCOMING = ['bpmn:StartEvent', 'bpmn:BoundaryEvent'];

export function checkSequenceFlow(flow: ModdleElement, scope: Scope, problems: Problems): void {
  checkCamundaAttributes(flow, [], problems);
  checkExtensionElements(flow, [], problems);
  checkInputOutput(flow, 'none', false, problems);
  for (const [prop, end] of [['sourceRef', 'source'], ['targetRef', 'target']] as const) {
    const node = one(flow, prop);
    if (!node) problems.invalid(flow, `the sequence flow has no ${end}`);
    else if (node.$parent !== scope.el) problems.invalid(flow, `its ${end} '${node.id}' is not in the same scope as the sequence flow`);
  }
  const target = one(flow, 'targetRef');
  const source = one(flow, 'sourceRef');
  if (target && (NO_INCOMING.includes(target.$type) || isEventSubProcess(target))) {
    problems.invalid(flow, `a ${describeKind(target)} cannot have incoming sequence flows ('${target.id}')`);
  }
  if (source && (source.$type === 'bpmn:EndEvent' || isEventSubProcess(source))) {
    problems.invalid(flow, `a ${describeKind(source)} cannot have outgoing sequence flows ('${source.id}')`);
  }
  checkCondition(flow, problems);
}

function checkCondition(flow: ModdleElement, problems: Problems): void {
  const condition = one(flow, 'conditionExpression');
  if (!condition) return;
  const language = str(condition, 'language');
  if (language) problems.unsupported(flow, `a script condition (language="${language}")`);
  checkCamundaAttributes(condition, [], problems, flow);
  if (!language && !body(condition)) problems.invalid(flow, 'its condition expression is empty');
}

function isEventSubProcess(el: ModdleElement): boolean {
  return el.$type === 'bpmn:SubProcess' && el.triggeredByEvent === true;
}

function describeKind(el: ModdleElement): string {
  return isEventSubProcess(el) ? 'event subprocess' : el.$type;
}

export function compileSequenceFlow(flow: ModdleElement): SequenceFlow {
  return compact({
    id: flow.id ?? '',
    name: str(flow, 'name'),
    source: one(flow, 'sourceRef')?.id ?? '',
    target: one(flow, 'targetRef')?.id ?? '',
    condition: body(one(flow, 'conditionExpression')),
  });
}
