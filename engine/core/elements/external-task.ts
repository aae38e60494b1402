/**
 * Service, send and business-rule tasks with camunda:type="external" (also message end and
 * intermediate throw events): wait for a worker to complete them. Topic and priority are evaluated.
 */
import type { FlowNode } from '../../model/graph.js';
import { CoreError } from '../errors.js';
import type { Run } from '../run.js';
import type { ExecutionState } from '../state.js';
import type { Behaviour } from './behaviour.js';

export function createExternalTask(run: Run, token: ExecutionState, node: FlowNode): void {
  const external = node.external;
  if (!external) throw new CoreError('unsupported', `The element '${node.id}' has no external task implementation.`);
  run.wait(token, 'externalTask');
  run.effects.push({
    type: 'externalTaskCreated',
    executionId: token.id,
    activityId: node.id,
    activityInstanceId: token.activityInstanceId ?? '',
    topic: String(run.evaluate(token, external.topic)),
    ...(external.priority !== undefined ? { priority: run.evaluate(token, external.priority) } : {}),
  });
}

export function externalTask(activityType: string): Behaviour {
  return {
    activityType: () => activityType,
    execute: createExternalTask,
  };
}
