/** Receive task: subscribes its message (owned by its own activity instance); the `event` completes it. */
import { subscribe } from '../subscriptions.js';
import type { Behaviour } from './behaviour.js';

export const receiveTask: Behaviour = {
  activityType: () => 'receiveTask',
  execute(run, token, node) {
    run.wait(token, 'receiveTask');
    subscribe(run, node, token.activityInstanceId ?? '', token.id, token);
  },
};
