/**
 * Event-based gateway: waits for the first of the catch events it leads to. Each outgoing flow
 * must be unconditional and end in an intermediate catch event reached only from this gateway.
 */
import { bool, one, str } from '../moddle.js';
import { incomingOf, outgoingOf } from '../walk.js';
import type { ElementKind } from './kind.js';

export const eventBasedGateway: ElementKind = {
  nodeType: 'eventBasedGateway',
  activity: false,
  io: 'none',
  check(el, { contents, problems }) {
    if (bool(el, 'instantiate', false)) problems.unsupported(el, 'instantiate="true"');
    if (str(el, 'eventGatewayType') === 'Parallel') problems.unsupported(el, 'eventGatewayType="Parallel"');
    for (const flow of outgoingOf(contents, el)) {
      const target = one(flow, 'targetRef');
      if (one(flow, 'conditionExpression')) problems.invalid(el, `its outgoing sequence flow '${flow.id}' must not have a condition`);
      if (!target) continue;
      if (target.$type !== 'bpmn:IntermediateCatchEvent') {
        problems.invalid(el, `it can only lead to intermediate catch events, not to '${target.id}' (${target.$type})`);
      } else if (incomingOf(contents, target).length !== 1) {
        problems.invalid(el, `the catch event '${target.id}' after it must have no other incoming sequence flow`);
      }
    }
  },
  compile: () => ({}),
};
