/**
 * Embedded subprocesses and event subprocesses (triggeredByEvent="true"). Their contents are
 * checked like the process's; their start events by features/scopes.ts. An event subprocess has
 * no sequence flows of its own (sequence-flows.ts), no I/O mapping and no multi-instance.
 */
import { extensionValues, one } from '../moddle.js';
import type { ElementKind } from './kind.js';

export const subProcess: ElementKind = {
  nodeType: 'subProcess',
  activity: true,
  io: 'inputOutput',
  check(el, { problems }) {
    if (el.triggeredByEvent !== true) return;
    if (extensionValues(el).some((v) => v.$type === 'camunda:InputOutput')) problems.invalid(el, 'camunda:inputOutput mapping is unsupported on a subProcess with triggeredByEvent = true');
    if (one(el, 'loopCharacteristics')) problems.unsupported(el, 'multi-instance on an event subprocess');
  },
  compile(el) {
    return { eventSubProcess: el.triggeredByEvent === true };
  },
};
