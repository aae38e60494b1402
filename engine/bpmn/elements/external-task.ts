/**
 * Service, send and business-rule tasks — and message end events — run as external tasks:
 * camunda:type="external" with a camunda:topic (and optional camunda:taskPriority). Java-bound
 * implementations (class, expression, delegateExpression, connectors, DMN decisionRef) are refused
 * by the attribute / extension checks; other camunda:type values are refused here.
 */
import type { FlowNode } from '../../model/graph.js';
import { compact } from '../compact.js';
import { extensionValues, list, str, type ModdleElement } from '../moddle.js';
import type { Problems } from '../problems.js';
import type { ElementKind } from './kind.js';

const JAVA_IMPLEMENTATIONS = ['class', 'expression', 'delegateExpression', 'decisionRef'];

/** `holder` carries the camunda attributes: the task itself, or a message end event's definition. */
export function checkExternal(host: ModdleElement, holder: ModdleElement, problems: Problems): void {
  const type = str(holder, 'type');
  if (type === undefined) {
    // A Java implementation or a connector is already refused as unsupported.
    const refused = JAVA_IMPLEMENTATIONS.some((a) => str(holder, a) !== undefined) || extensionValues(holder).some((e) => e.$type === 'camunda:Connector');
    if (!refused) {
      problems.invalid(host, 'it needs an implementation: camunda:type="external" with a camunda:topic');
    }
  } else if (type !== 'external') {
    problems.unsupported(host, `camunda:type="${type}"`);
  } else if (!str(holder, 'topic')?.trim()) {
    problems.invalid(host, 'an external task needs a camunda:topic');
  }
}

export function externalTask(holder: ModdleElement): NonNullable<FlowNode['external']> {
  return compact({ topic: str(holder, 'topic')?.trim() ?? '', priority: str(holder, 'taskPriority') });
}

/** The message event definition of a throwing message event (it carries the external task attributes). */
export function messageDefinition(el: ModdleElement): ModdleElement | undefined {
  const [def] = list(el, 'eventDefinitions');
  return def?.$type === 'bpmn:MessageEventDefinition' ? def : undefined;
}

function externalKind(nodeType: 'serviceTask' | 'sendTask' | 'businessRuleTask'): ElementKind {
  return {
    nodeType,
    activity: true,
    io: 'inputOutput',
    attributes: ['type', 'topic', 'taskPriority'],
    check(el, { problems }) {
      checkExternal(el, el, problems);
    },
    compile(el) {
      return { external: externalTask(el) };
    },
  };
}

export const serviceTask = externalKind('serviceTask');
export const sendTask = externalKind('sendTask');
export const businessRuleTask = externalKind('businessRuleTask');
