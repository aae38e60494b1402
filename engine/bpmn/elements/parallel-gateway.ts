/** Parallel gateway: forks on every outgoing flow, joins every incoming one. */
import type { ElementKind } from './kind.js';

export const parallelGateway: ElementKind = {
  nodeType: 'parallelGateway',
  activity: false,
  io: 'none',
  check() {},
  compile: () => ({}),
};
