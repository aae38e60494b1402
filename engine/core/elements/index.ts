/** The behaviours by node type: adding a type is one file and one line here. */
import type { FlowNode, NodeType } from '../../model/graph.js';
import { CoreError } from '../errors.js';
import type { Behaviour } from './behaviour.js';
import { boundaryEvent } from './boundary-event.js';
import { callActivity } from './call-activity.js';
import { endEvent } from './end-event.js';
import { eventBasedGateway } from './event-based-gateway.js';
import { exclusiveGateway } from './exclusive-gateway.js';
import { externalTask } from './external-task.js';
import { inclusiveGateway } from './inclusive-gateway.js';
import { intermediateCatchEvent } from './intermediate-catch-event.js';
import { intermediateThrowEvent } from './intermediate-throw-event.js';
import { parallelGateway } from './parallel-gateway.js';
import { passThrough } from './pass-through.js';
import { receiveTask } from './receive-task.js';
import { startEvent } from './start-event.js';
import { subProcess } from './sub-process.js';
import { userTask } from './user-task.js';

export type { Behaviour } from './behaviour.js';

const BEHAVIOURS: Partial<Record<NodeType, Behaviour>> = {
  startEvent,
  endEvent,
  task: passThrough('task'),
  manualTask: passThrough('manualTask'),
  intermediateThrowEvent,
  intermediateCatchEvent,
  boundaryEvent,
  userTask,
  serviceTask: externalTask('serviceTask'),
  sendTask: externalTask('sendTask'),
  businessRuleTask: externalTask('businessRuleTask'),
  receiveTask,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway,
  subProcess,
  callActivity,
};

export function behaviourFor(node: FlowNode): Behaviour {
  const behaviour = BEHAVIOURS[node.type];
  if (!behaviour) throw new CoreError('unsupported', `The execution core does not run ${node.type} elements (element '${node.id}').`);
  return behaviour;
}
