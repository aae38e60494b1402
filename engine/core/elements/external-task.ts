/** Service, send and business-rule tasks with camunda:type="external": wait for a worker to complete them. */
import type { FlowNode } from '../../model/graph.js';
import { CoreError } from '../errors.js';
import type { Run } from '../run.js';
import type { ExecutionState } from '../state.js';
import type { Behaviour } from './behaviour.js';

export function createExternalTask(run: Run, token: ExecutionState, node: FlowNode, external: NonNullable<FlowNode['external']>): void {
  run.wait(token, 'externalTask');
  run.effects.push({
    type: 'externalTaskCreated',
    executionId: token.id,
    activityId: node.id,
    activityInstanceId: token.activityInstanceId ?? '',
    topic: external.topic,
    ...(external.priority !== undefined ? { priority: external.priority } : {}),
  });
}

export function externalTask(activityType: string): Behaviour {
  return {
    activityType: () => activityType,
    execute(run, token, node) {
      if (!node.external) throw new CoreError('unsupported', `The element '${node.id}' has no external task implementation.`);
      createExternalTask(run, token, node, node.external);
    },
  };
}
