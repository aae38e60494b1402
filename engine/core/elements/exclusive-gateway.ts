/** Exclusive gateway: the first flow whose condition holds (document order), else the default. */
import { exclusiveOutgoing } from '../flows.js';
import type { Behaviour } from './behaviour.js';

export const exclusiveGateway: Behaviour = {
  activityType: () => 'exclusiveGateway',
  execute(run, token, node) {
    run.leaveVia(token, exclusiveOutgoing(run, token, node));
  },
};
