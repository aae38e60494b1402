/** Task and manual task: nothing to do but leave. */
import type { Behaviour } from './behaviour.js';

export function passThrough(activityType: string): Behaviour {
  return {
    activityType: () => activityType,
    execute(run, token) {
      run.leave(token);
    },
  };
}
