/**
 * Intermediate message / timer catch event: subscribes its trigger (owned by its own activity
 * instance) and waits; the `event` completes it. After an event-based gateway it is entered only
 * once its event has happened (event-based-gateway.ts) and passes straight through.
 */
import { subscribe } from '../subscriptions.js';
import type { Behaviour } from './behaviour.js';

const TYPES: Record<string, string> = { message: 'intermediateMessageCatch', timer: 'intermediateTimer' };

export const intermediateCatchEvent: Behaviour = {
  activityType: (node) => TYPES[node.event?.kind ?? ''] ?? 'intermediateCatchEvent',
  execute(run, token, node) {
    run.wait(token, node.event?.kind === 'timer' ? 'timer' : 'message');
    subscribe(run, node, token.activityInstanceId ?? '', token.id, token);
  },
};
