/** Start events: the trigger (start command, message, timer) already happened; the token leaves. */
import type { Behaviour } from './behaviour.js';

const TYPES: Record<string, string> = { none: 'startEvent', message: 'messageStartEvent', timer: 'startTimerEvent', error: 'errorStartEvent' };

export const startEvent: Behaviour = {
  activityType: (node) => TYPES[node.event?.kind ?? 'none'] ?? 'startEvent',
  execute(run, token) {
    run.leave(token);
  },
};
