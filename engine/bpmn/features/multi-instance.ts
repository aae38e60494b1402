/**
 * Multi-instance loop characteristics on activities: parallel or sequential, over camunda:collection
 * (with camunda:elementVariable) or loopCardinality, with an optional completionCondition. Standard
 * loops, BPMN data-input loops, behaviour events and async on the multi-instance body are refused.
 */
import type { FlowNode } from '../../model/graph.js';
import { body, bool, one, ownProperties, str, type ModdleElement } from '../moddle.js';
import type { Problems } from '../problems.js';
import { compact } from '../compact.js';
import { checkCamundaAttributes } from './camunda-attributes.js';
import { checkExtensionElements } from './extension-elements.js';

const UNSUPPORTED_BPMN = ['loopDataInputRef', 'loopDataOutputRef', 'inputDataItem', 'outputDataItem', 'complexBehaviorDefinition', 'oneBehaviorEventRef', 'noneBehaviorEventRef'];

export function loopOf(el: ModdleElement): ModdleElement | undefined {
  return one(el, 'loopCharacteristics');
}

export function checkLoop(el: ModdleElement, isActivity: boolean, problems: Problems): void {
  const loop = loopOf(el);
  if (!loop) return;
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics' || !isActivity) {
    problems.unsupported(el, `${loop.$type}${isActivity ? '' : ` on a ${el.$type}`}`, loop.$type);
    return;
  }
  checkCamundaAttributes(loop, ['collection', 'elementVariable'], problems, el);
  checkExtensionElements(loop, [], problems, el);
  for (const prop of UNSUPPORTED_BPMN) {
    if (loop[prop] !== undefined && loop[prop] !== null) problems.unsupported(el, `${prop} on its multi-instance characteristics`, loop.$type);
  }
  if (ownProperties(loop).includes('behavior') && str(loop, 'behavior') !== 'All') {
    problems.unsupported(el, `multi-instance behavior="${str(loop, 'behavior')}"`, loop.$type);
  }
  if (!str(loop, 'collection') && !body(one(loop, 'loopCardinality'))) {
    problems.invalid(el, 'a multi-instance activity needs loopCardinality or camunda:collection');
  }
}

export function compileLoop(el: ModdleElement): FlowNode['multiInstance'] {
  const loop = loopOf(el);
  if (!loop) return undefined;
  return compact({
    sequential: bool(loop, 'isSequential', false),
    collection: str(loop, 'collection'),
    elementVariable: str(loop, 'elementVariable'),
    loopCardinality: body(one(loop, 'loopCardinality')),
    completionCondition: body(one(loop, 'completionCondition')),
  });
}
