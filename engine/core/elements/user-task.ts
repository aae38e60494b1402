/** User task: waits; its attributes are evaluated now (after input mapping) and handed to the shell evaluated. */
import type { UserTaskAttributes } from '../effects.js';
import type { Behaviour } from './behaviour.js';

export const userTask: Behaviour = {
  activityType: () => 'userTask',
  execute(run, token, node) {
    run.wait(token, 'userTask');
    const evaluated = Object.entries(node.userTask ?? {}).map(([field, source]) => [field, run.evaluate(token, source as string)]);
    run.effects.push({
      type: 'userTaskCreated',
      executionId: token.id,
      activityId: node.id,
      activityInstanceId: token.activityInstanceId ?? '',
      ...(node.name !== undefined ? { name: node.name } : {}),
      ...(Object.fromEntries(evaluated) as Partial<Record<keyof UserTaskAttributes, unknown>>),
    });
  },
};
