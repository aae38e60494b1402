/**
 * Start events. Process scope: none, message, timer. Event subprocess: message, timer, error
 * (error ones interrupting). Embedded subprocess: none only. How many a scope may have is checked
 * in features/scopes.ts.
 */
import type { TriggerRules } from '../features/event-definition.js';
import { checkTrigger, compileTrigger } from '../features/event-definition.js';
import { bool } from '../moddle.js';
import type { Scope } from '../walk.js';
import type { ElementKind } from './kind.js';

function rules(scope: Scope): TriggerRules {
  if (scope.eventSubProcess) return { allowed: ['message', 'timer', 'error'], where: 'on the start event of an event subprocess' };
  if (scope.id !== null) return { allowed: ['none'], where: 'in an embedded subprocess' };
  return { allowed: ['none', 'message', 'timer'], where: 'on a process start event' };
}

export const startEvent: ElementKind = {
  nodeType: 'startEvent',
  activity: false,
  io: 'none',
  check(el, { scope, problems }) {
    const kind = checkTrigger(el, rules(scope), problems);
    if (kind === 'error' && !bool(el, 'isInterrupting', true)) {
      problems.invalid(el, 'an error start event of an event subprocess must be interrupting');
    }
  },
  compile(el, { scope }) {
    const event = compileTrigger(el);
    return scope.eventSubProcess ? { event, interrupting: bool(el, 'isInterrupting', true) } : { event };
  },
};
