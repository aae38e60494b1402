/**
 * Exclusive gateway: takes the first outgoing flow (in document order) that has no condition or
 * whose condition holds, else its default. As in Camunda: a single outgoing flow must be
 * unconditional; with several, every flow but the default needs a condition — except that, without
 * a default, one unconditional flow is tolerated (Camunda only warns about it).
 */
import { one, type ModdleElement } from '../moddle.js';
import { outgoingOf, type ProcessContents } from '../walk.js';
import type { ElementKind } from './kind.js';

function unconditional(contents: ProcessContents, el: ModdleElement): ModdleElement[] {
  const explicitDefault = one(el, 'default');
  return outgoingOf(contents, el).filter((f) => f !== explicitDefault && !one(f, 'conditionExpression'));
}

export const exclusiveGateway: ElementKind = {
  nodeType: 'exclusiveGateway',
  activity: false,
  io: 'none',
  check(el, { contents, problems }) {
    const outgoing = outgoingOf(contents, el);
    if (outgoing.length === 0) {
      problems.invalid(el, 'an exclusive gateway needs outgoing sequence flows');
    } else if (outgoing.length === 1) {
      if (one(outgoing[0], 'conditionExpression')) problems.invalid(el, `its only outgoing sequence flow '${outgoing[0].id}' must not have a condition`);
    } else {
      const plain = unconditional(contents, el);
      if (one(el, 'default') || plain.length > 1) {
        for (const f of plain) problems.invalid(el, `its outgoing sequence flow '${f.id}' has no condition and is not the default flow`);
      }
    }
  },
  compile: () => ({}),
};
