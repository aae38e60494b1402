/** Intermediate throw events: the none event only (a milestone that passes straight through). */
import { checkTrigger, compileTrigger } from '../features/event-definition.js';
import type { ElementKind } from './kind.js';

export const intermediateThrowEvent: ElementKind = {
  nodeType: 'intermediateThrowEvent',
  activity: false,
  io: 'inputOutput',
  check(el, { problems }) {
    checkTrigger(el, { allowed: ['none'], where: 'on an intermediate throw event' }, problems);
  },
  compile: (el) => ({ event: compileTrigger(el) }),
};
