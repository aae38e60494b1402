/** Inclusive gateway: forks on every flow whose condition holds (else the default), joins them. */
import type { ElementKind } from './kind.js';

export const inclusiveGateway: ElementKind = {
  nodeType: 'inclusiveGateway',
  activity: false,
  io: 'none',
  check() {},
  compile: () => ({}),
};
