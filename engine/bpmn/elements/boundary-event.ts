/**
 * Boundary events on activities of the same scope: timer and message (interrupting or not), error
 * (always interrupting; without errorRef, or with an error without code, it catches every error).
 */
import { checkTrigger, compileTrigger } from '../features/event-definition.js';
import { bool, one } from '../moddle.js';
import type { ElementKind } from './kind.js';

export const boundaryEvent: ElementKind = {
  nodeType: 'boundaryEvent',
  activity: false,
  io: 'none',
  check(el, { problems }) {
    const kind = checkTrigger(el, { allowed: ['timer', 'error', 'message'], where: 'on a boundary event' }, problems);
    if (kind === 'error' && !bool(el, 'cancelActivity', true)) problems.invalid(el, 'an error boundary event must be interrupting');
    const host = one(el, 'attachedToRef');
    if (!host) {
      problems.invalid(el, 'a boundary event must be attached to an activity (attachedToRef)');
    } else if (!host.$instanceOf('bpmn:Activity')) {
      problems.invalid(el, `it is attached to '${host.id}' (${host.$type}), which is not an activity`);
    } else if (host.triggeredByEvent === true) {
      problems.invalid(el, `it is attached to the event subprocess '${host.id}'`);
    } else if (host.$parent !== el.$parent) {
      problems.invalid(el, `it is attached to '${host.id}', which is not in the same scope`);
    }
  },
  compile(el) {
    return { event: compileTrigger(el), interrupting: bool(el, 'cancelActivity', true), attachedTo: one(el, 'attachedToRef')?.id ?? '' };
  },
};
