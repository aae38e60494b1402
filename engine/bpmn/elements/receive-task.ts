/** Receive tasks wait for a message (correlated by name): messageRef is required. */
import { checkMessage, messageName } from '../features/event-definition.js';
import { bool } from '../moddle.js';
import type { ElementKind } from './kind.js';

export const receiveTask: ElementKind = {
  nodeType: 'receiveTask',
  activity: true,
  io: 'inputOutput',
  check(el, { problems }) {
    checkMessage(el, el, problems);
    if (bool(el, 'instantiate', false)) problems.unsupported(el, 'instantiate="true"');
  },
  compile(el) {
    return { event: { kind: 'message', messageName: messageName(el) } };
  },
};
