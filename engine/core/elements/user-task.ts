/**
 * User task: waits; its attributes and its name (an expression in Camunda too, found by the
 * Operaton conformance suite) are evaluated now (after input mapping) and handed to the shell.
 * Candidate users and groups are lists of expressions, each evaluated on its own (see
 * `commaSeparatedExpressions`).
 */
import { commaSeparatedExpressions } from '../../expressions/index.js';
import type { Effect, UserTaskAttributes } from '../effects.js';
import type { Behaviour } from './behaviour.js';

const LISTS: ReadonlySet<string> = new Set<keyof UserTaskAttributes>(['candidateUsers', 'candidateGroups']);

export const userTask: Behaviour = {
  activityType: () => 'userTask',
  execute(run, token, node) {
    run.wait(token, 'userTask');
    const evaluate = (source: string) => run.evaluate(token, source);
    const attributes: Record<string, unknown> = {};
    for (const [field, source] of Object.entries(node.userTask ?? {})) {
      attributes[field] = LISTS.has(field) ? commaSeparatedExpressions(source).map(evaluate) : evaluate(source);
    }
    const name = node.name === undefined ? undefined : run.evaluate(token, node.name);
    run.effects.push({
      ...(attributes as Partial<Omit<Extract<Effect, { type: 'userTaskCreated' }>, 'type'>>),
      type: 'userTaskCreated',
      executionId: token.id,
      activityId: node.id,
      activityInstanceId: token.activityInstanceId ?? '',
      ...(name !== undefined && name !== null ? { name: String(name) } : {}),
    });
  },
};
