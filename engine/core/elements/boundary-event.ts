/** Boundary event: its event already happened (interrupts.ts); the token leaves through its flows. */
import type { Behaviour } from './behaviour.js';

const TYPES: Record<string, string> = { timer: 'boundaryTimer', message: 'boundaryMessage', error: 'boundaryError' };

export const boundaryEvent: Behaviour = {
  activityType: (node) => TYPES[node.event?.kind ?? ''] ?? 'boundaryEvent',
  execute(run, token) {
    run.leave(token);
  },
};
