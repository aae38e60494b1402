/**
 * Event-based gateway: waits, with every following catch event subscribed (owned by the gateway's
 * activity instance, so the losers go when it ends). The `event` for one of them ends the gateway
 * and runs that catch event, which completes at once (commands/event.ts).
 */
import { subscribe } from '../subscriptions.js';
import type { Behaviour } from './behaviour.js';

export const eventBasedGateway: Behaviour = {
  activityType: () => 'eventBasedGateway',
  execute(run, token, node) {
    run.wait(token, 'eventGateway');
    for (const flow of node.outgoing) subscribe(run, run.node(run.flowTarget(flow)), token.activityInstanceId ?? '', token.id, token);
  },
};
