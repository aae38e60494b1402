/** Receive task: waits for its message (the shell subscribes; a trigger delivers it). */
import type { Behaviour } from './behaviour.js';

export const receiveTask: Behaviour = {
  activityType: () => 'receiveTask',
  execute(run, token, node) {
    run.wait(token, 'receiveTask');
    const messageName = node.event?.kind === 'message' ? node.event.messageName : undefined;
    run.effects.push({
      type: 'waitEntered',
      executionId: token.id,
      activityId: node.id,
      activityInstanceId: token.activityInstanceId ?? '',
      kind: 'receiveTask',
      ...(messageName !== undefined ? { messageName } : {}),
    });
  },
};
