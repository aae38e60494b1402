/**
 * Parallel gateway. Join: like Camunda, counts the tokens waiting at the gateway in the same scope
 * (not which flow they came by) and fires when there are as many as incoming flows; the joined
 * tokens' activity instances end and the last arrived token leaves. Fork: every outgoing flow,
 * conditions ignored.
 */
import type { Behaviour } from './behaviour.js';
import { merge, waitingAt } from './join.js';

export const parallelGateway: Behaviour = {
  activityType: () => 'parallelGateway',
  execute(run, token, node) {
    const others = waitingAt(run, token, node);
    const needed = Math.max(1, node.incoming.length);
    if (others.length + 1 < needed) {
      run.wait(token, 'join');
      return;
    }
    merge(run, others.slice(0, needed - 1));
    run.leaveVia(token, node.outgoing);
  },
};
