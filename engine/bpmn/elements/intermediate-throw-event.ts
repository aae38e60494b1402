/**
 * Intermediate throw events: the none event (a milestone that passes straight through) and the
 * message event, executed like a message end event as an external task (camunda:type="external"
 * with a camunda:topic on its message event definition).
 */
import { checkTrigger, compileTrigger } from '../features/event-definition.js';
import { checkExternal, externalTask, messageDefinition } from './external-task.js';
import type { ElementKind } from './kind.js';

export const intermediateThrowEvent: ElementKind = {
  nodeType: 'intermediateThrowEvent',
  activity: false,
  io: 'inputOutput',
  check(el, { problems }) {
    const kind = checkTrigger(el, {
      allowed: ['none', 'message'],
      where: 'on an intermediate throw event',
      throwing: true,
      definitionAttributes: ['type', 'topic', 'taskPriority'],
    }, problems);
    const def = messageDefinition(el);
    if (kind === 'message' && def) checkExternal(el, def, problems);
  },
  compile(el) {
    const def = messageDefinition(el);
    const event = compileTrigger(el);
    return def ? { event, external: externalTask(def) } : { event };
  },
};
