/** User task: waits; the shell creates the task from the node's attributes (raw expression text). */
import type { Behaviour } from './behaviour.js';

export const userTask: Behaviour = {
  activityType: () => 'userTask',
  execute(run, token, node) {
    run.wait(token, 'userTask');
    run.effects.push({
      type: 'userTaskCreated',
      executionId: token.id,
      activityId: node.id,
      activityInstanceId: token.activityInstanceId ?? '',
      ...(node.name !== undefined ? { name: node.name } : {}),
      ...node.userTask,
    });
  },
};
