/**
 * Embedded subprocess: the token becomes the subprocess's scope, its event subprocesses subscribe,
 * and its none start event runs; it leaves the subprocess (run.ts, completeScopeIfDone) when the
 * last token inside has ended. Event subprocesses are started by their event (interrupts.ts).
 */
import { CoreError } from '../errors.js';
import { subscribeEventSubProcesses } from '../subscriptions.js';
import type { Behaviour } from './behaviour.js';

export const subProcess: Behaviour = {
  activityType: () => 'subProcess',
  execute(run, token, node) {
    if (node.eventSubProcess) throw new CoreError('unsupported', `Event subprocess '${node.id}' is started by its event, not by a sequence flow.`);
    const start = Object.values(run.graph.nodes).find((n) => n.parent === node.id && n.type === 'startEvent' && (n.event?.kind ?? 'none') === 'none');
    if (!start) throw new CoreError('no-start-event', `The subprocess '${node.id}' has no none start event.`);
    token.scope = true;
    subscribeEventSubProcesses(run, token);
    run.scheduleEnter(run.newToken(token.id, start.id), start.id);
  },
};
