/** Intermediate catch events: wait for a timer or a message. */
import { checkTrigger, compileTrigger } from '../features/event-definition.js';
import type { ElementKind } from './kind.js';

export const intermediateCatchEvent: ElementKind = {
  nodeType: 'intermediateCatchEvent',
  activity: false,
  io: 'inputOutput',
  check(el, { problems }) {
    checkTrigger(el, { allowed: ['timer', 'message'], where: 'on an intermediate catch event' }, problems);
  },
  compile: (el) => ({ event: compileTrigger(el) }),
};
