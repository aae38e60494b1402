/**
 * End events. None: ends its token (the scope completes when it was the last). Terminate: cancels
 * every other token of its scope first. Message: an external task; ends its token when completed.
 */
import type { FlowNode } from '../../model/graph.js';
import { CoreError } from '../errors.js';
import type { Run } from '../run.js';
import type { ExecutionState } from '../state.js';
import type { Behaviour } from './behaviour.js';
import { createExternalTask } from './external-task.js';

const TYPES: Record<string, string> = { none: 'noneEndEvent', terminate: 'terminateEndEvent', message: 'messageEndEvent', error: 'errorEndEvent' };

function end(run: Run, token: ExecutionState): void {
  run.endActivity(token);
  run.endToken(token);
}

export const endEvent: Behaviour = {
  activityType: (node) => TYPES[node.event?.kind ?? 'none'] ?? 'noneEndEvent',
  execute(run, token, node: FlowNode) {
    switch (node.event?.kind ?? 'none') {
      case 'none':
        return end(run, token);
      case 'terminate':
        run.cancelScope(token.parentId, token.id);
        return end(run, token);
      case 'message':
        if (node.external) return createExternalTask(run, token, node, node.external);
        break;
    }
    throw new CoreError('unsupported', `The execution core does not run ${node.event?.kind} end events yet (element '${node.id}').`);
  },
  trigger: end,
};
