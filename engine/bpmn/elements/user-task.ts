/** User tasks: assignment, form key, dates and priority (all may be expressions). */
import { compact } from '../compact.js';
import { list, str } from '../moddle.js';
import type { ElementKind } from './kind.js';

const FIELDS = ['assignee', 'candidateUsers', 'candidateGroups', 'formKey', 'dueDate', 'followUpDate', 'priority'] as const;

export const userTask: ElementKind = {
  nodeType: 'userTask',
  activity: true,
  io: 'inputOutput',
  attributes: FIELDS,
  check(el, { problems }) {
    // humanPerformer / potentialOwner: BPMN's own assignment, not the camunda attributes.
    for (const resource of list(el, 'resources')) problems.unsupported(el, resource.$type, resource.$type);
  },
  compile(el) {
    return { userTask: compact(Object.fromEntries(FIELDS.map((f) => [f, str(el, f)]))) };
  },
};
