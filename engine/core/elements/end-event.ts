/**
 * End events. None: ends its token (the scope completes when it was the last). Terminate: cancels
 * every other token of its scope first. Error: throws its error (bpmn-error.ts). Message: an
 * external task; ends its token when completed.
 */
import { throwError } from '../bpmn-error.js';
import type { Behaviour } from './behaviour.js';
import { createExternalTask } from './external-task.js';

const TYPES: Record<string, string> = { none: 'noneEndEvent', terminate: 'terminateEndEvent', message: 'messageEndEvent', error: 'errorEndEvent' };

export const endEvent: Behaviour = {
  activityType: (node) => TYPES[node.event?.kind ?? 'none'] ?? 'noneEndEvent',
  execute(run, token, node) {
    const event = node.event ?? { kind: 'none' };
    switch (event.kind) {
      case 'terminate':
        run.cancelScope(token.parentId, token.id);
        return run.leave(token);
      case 'message':
        return createExternalTask(run, token, node);
      case 'error': {
        const message = event.errorMessage === undefined ? null : String(run.evaluate(token, event.errorMessage));
        return throwError(run, token, event.errorCode, message);
      }
      default:
        return run.leave(token);
    }
  },
};
