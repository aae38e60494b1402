/**
 * User task: waits; its attributes and its name (an expression in Camunda too, found by the
 * Operaton conformance suite) are evaluated now (after input mapping) and handed to the shell.
 */
import type { UserTaskAttributes } from '../effects.js';
import type { Behaviour } from './behaviour.js';

export const userTask: Behaviour = {
  activityType: () => 'userTask',
  execute(run, token, node) {
    run.wait(token, 'userTask');
    const evaluated = Object.entries(node.userTask ?? {}).map(([field, source]) => [field, run.evaluate(token, source as string)]);
    const name = node.name === undefined ? undefined : run.evaluate(token, node.name);
    run.effects.push({
      type: 'userTaskCreated',
      executionId: token.id,
      activityId: node.id,
      activityInstanceId: token.activityInstanceId ?? '',
      ...(name !== undefined && name !== null ? { name: String(name) } : {}),
      ...(Object.fromEntries(evaluated) as Partial<Record<keyof UserTaskAttributes, unknown>>),
    });
  },
};
