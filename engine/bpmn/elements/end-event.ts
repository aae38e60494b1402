/**
 * End events: none, terminate, error (it needs an errorRef to an error with a code, as Camunda
 * refuses one without), and message — executed as an external task, so it needs
 * camunda:type="external" and a camunda:topic on its message event definition.
 */
import { checkTrigger, compileTrigger } from '../features/event-definition.js';
import { checkExternal, externalTask, messageDefinition } from './external-task.js';
import type { ElementKind } from './kind.js';

export const endEvent: ElementKind = {
  nodeType: 'endEvent',
  activity: false,
  io: 'inputOnly',
  check(el, { problems }) {
    const kind = checkTrigger(el, {
      allowed: ['none', 'terminate', 'error', 'message'],
      where: 'on an end event',
      throwing: true,
      definitionAttributes: ['type', 'topic', 'taskPriority'],
    }, problems);
    const def = messageDefinition(el);
    if (kind === 'message' && def) checkExternal(el, def, problems);
  },
  compile(el) {
    const def = messageDefinition(el);
    const event = compileTrigger(el, true);
    return def ? { event, external: externalTask(def) } : { event };
  },
};
