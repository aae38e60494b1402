/** Intermediate throw event: none passes through; message (camunda:type="external") waits as an external task. */
import { createExternalTask } from './external-task.js';
import type { Behaviour } from './behaviour.js';

export const intermediateThrowEvent: Behaviour = {
  activityType: (node) => (node.event?.kind === 'message' ? 'intermediateMessageThrowEvent' : 'intermediateNoneThrowEvent'),
  execute(run, token, node) {
    if (node.event?.kind === 'message') createExternalTask(run, token, node);
    else run.leave(token);
  },
};
