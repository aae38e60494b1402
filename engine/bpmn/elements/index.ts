/** The supported flow-node types, by moddle type. A type not listed here is refused. */
import { boundaryEvent } from './boundary-event.js';
import { callActivity } from './call-activity.js';
import { endEvent } from './end-event.js';
import { eventBasedGateway } from './event-based-gateway.js';
import { exclusiveGateway } from './exclusive-gateway.js';
import { businessRuleTask, sendTask, serviceTask } from './external-task.js';
import { inclusiveGateway } from './inclusive-gateway.js';
import { intermediateCatchEvent } from './intermediate-catch-event.js';
import { intermediateThrowEvent } from './intermediate-throw-event.js';
import type { ElementKind } from './kind.js';
import { parallelGateway } from './parallel-gateway.js';
import { manualTask, task } from './plain-task.js';
import { receiveTask } from './receive-task.js';
import { startEvent } from './start-event.js';
import { subProcess } from './sub-process.js';
import { userTask } from './user-task.js';

export type { CompileContext, ElementKind, NodeContext } from './kind.js';

export const ELEMENT_KINDS: Readonly<Record<string, ElementKind>> = {
  'bpmn:StartEvent': startEvent,
  'bpmn:EndEvent': endEvent,
  'bpmn:IntermediateCatchEvent': intermediateCatchEvent,
  'bpmn:IntermediateThrowEvent': intermediateThrowEvent,
  'bpmn:BoundaryEvent': boundaryEvent,
  'bpmn:Task': task,
  'bpmn:ManualTask': manualTask,
  'bpmn:UserTask': userTask,
  'bpmn:ServiceTask': serviceTask,
  'bpmn:SendTask': sendTask,
  'bpmn:BusinessRuleTask': businessRuleTask,
  'bpmn:ReceiveTask': receiveTask,
  'bpmn:ExclusiveGateway': exclusiveGateway,
  'bpmn:InclusiveGateway': inclusiveGateway,
  'bpmn:ParallelGateway': parallelGateway,
  'bpmn:EventBasedGateway': eventBasedGateway,
  'bpmn:SubProcess': subProcess,
  'bpmn:CallActivity': callActivity,
};

/** The kind of a flow node, matched on its exact type (a bpmn:Transaction is no bpmn:SubProcess here). */
export function elementKind(type: string): ElementKind | undefined {
  return Object.hasOwn(ELEMENT_KINDS, type) ? ELEMENT_KINDS[type] : undefined;
}
